// The saved state's pure logic (aware.js, AWARE.progress): repair of whatever localStorage
// or an LMS hands back, the merge of two saved states, and what progress means.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, plain, course, state } from './load.mjs';

const { A } = load();
const P = A.progress;
const C = course();
const repair = (x) => plain(P.repair(x));
const EMPTY = state();

const passedFinal = (score, date, attempts) => ({ attempts, passed: true, score, date });

test('a valid state comes back unchanged, byte for byte once stored', () => {
  const s = state({
    modules: {
      one: { end: true, quiz: { attempts: 2, best: 100, passed: true } },
      two: { end: false, quiz: null },
    },
    final: passedFinal(90, '2026-03-02', [
      { date: '2026-03-01', score: 60, passed: false },
      { date: '2026-03-02', score: 90, passed: true },
    ]),
    last: 'two',
    name: 'Zoë Ångström',
  });
  assert.deepEqual(repair(s), s);
  assert.equal(JSON.stringify(P.repair(JSON.parse(JSON.stringify(s)))), JSON.stringify(s));
  assert.deepEqual(repair(EMPTY), EMPTY);
});

test('anything that is not a schema-1 state starts empty', () => {
  for (const bad of [null, undefined, 'aware', 42, true, [], [state()], {}, { modules: {} }, state({ schema: 2 }), { ...state(), schema: '1' }]) {
    assert.deepEqual(repair(bad), EMPTY, JSON.stringify(bad));
  }
});

test('corrupted parts are dropped one by one and the rest of the progress is kept', () => {
  const keepFinal = passedFinal(85, '2026-01-05', [{ date: '2026-01-05', score: 85, passed: true }]);
  // {"schema":1,"modules":null} and modules: [] (issue 12) lose nothing else.
  assert.deepEqual(repair({ ...state({ final: keepFinal, last: 'one', name: 'Ana' }), modules: null }), state({ final: keepFinal, last: 'one', name: 'Ana' }));
  assert.deepEqual(repair({ ...state({ final: keepFinal }), modules: [] }), state({ final: keepFinal }));
  // A module entry that is not an object is dropped; its neighbours stay.
  assert.deepEqual(repair(state({ modules: { one: 'done', two: null, three: [], extra: { end: true, quiz: null } } })),
    state({ modules: { extra: { end: true, quiz: null } } }));
  // A quiz that is a string: the module stays, the quiz result does not.
  assert.deepEqual(repair(state({ modules: { one: { end: true, quiz: 'passed' } } })),
    state({ modules: { one: { end: true, quiz: null } } }));
  // Wrong types inside a quiz result.
  assert.deepEqual(repair(state({ modules: { one: { end: 'yes', quiz: { attempts: -1, best: '90', passed: 'true' } } } })),
    state({ modules: { one: { end: false, quiz: { attempts: 0, best: 0, passed: false } } } }));
  assert.deepEqual(repair(state({ modules: { one: { end: true, quiz: { attempts: 2.7, best: 150, passed: true } } } })),
    state({ modules: { one: { end: true, quiz: { attempts: 2, best: 0, passed: true } } } }));
  assert.deepEqual(repair(state({ modules: { one: { end: true, quiz: { best: NaN } } } })).modules.one.quiz,
    { attempts: 0, best: 0, passed: false });
});

test('corrupted final attempts are dropped; a pass without a usable score is rebuilt from the attempts', () => {
  const good = { date: '2026-02-01', score: 80, passed: true };
  // final.attempts: [null] (issue 12), non-numeric scores, scores out of range.
  assert.deepEqual(repair(state({ final: { attempts: [null, 'x', { score: '80' }, { score: 101 }, { score: -1 }, good] } })).final,
    { attempts: [good] });
  assert.deepEqual(repair(state({ final: { attempts: 'many' } })).final, { attempts: [] });
  assert.deepEqual(repair({ ...state(), final: null }).final, { attempts: [] });
  // An attempt with a missing date or a non-boolean passed is kept, made valid.
  assert.deepEqual(repair(state({ final: { attempts: [{ score: 50, passed: 1 }] } })).final, { attempts: [{ date: '', score: 50, passed: false }] });
  // final.passed with a non-numeric score: the best passing attempt stands in for it...
  const attempts = [{ date: '2026-02-01', score: 85, passed: true }, { date: '2026-02-03', score: 95, passed: true }, { date: '2026-02-04', score: 40, passed: false }];
  assert.deepEqual(repair(state({ final: { attempts, passed: true, score: 'high', date: '2026-02-01' } })).final,
    passedFinal(95, '2026-02-03', attempts));
  // ...and without a passing attempt there is no pass to show.
  assert.deepEqual(repair(state({ final: { attempts: [attempts[2]], passed: true, score: null } })).final, { attempts: [attempts[2]] });
  // A pass must be exactly true.
  assert.deepEqual(repair(state({ final: { attempts: [], passed: 'yes', score: 90, date: 'x' } })).final, { attempts: [] });
  // A passed final with a missing date keeps its score.
  assert.deepEqual(repair(state({ final: { attempts: [], passed: true, score: 90 } })).final, passedFinal(90, '', []));
});

test('last and name must be strings', () => {
  assert.deepEqual(repair(state({ last: 5, name: { first: 'A' } })), EMPTY);
  assert.deepEqual(repair(state({ last: 'two', name: '' })), state({ last: 'two', name: '' }));
});

test('repair never returns or changes the object it was given', () => {
  const s = state({ modules: { one: { end: true, quiz: { attempts: 1, best: 80, passed: true } } }, final: passedFinal(80, 'd', [{ date: 'd', score: 80, passed: true }]) });
  const before = JSON.stringify(s);
  const r = P.repair(s);
  r.modules.one.quiz.best = 0;
  r.final.attempts.push({});
  assert.equal(JSON.stringify(s), before);
  assert.notEqual(r.modules, s.modules);
});

/* ---------- merge ---------- */

const merge = (a, b) => plain(P.merge(a, b));

test('merge: union of modules, each flag and score at its best, a pass never downgraded', () => {
  const local = state({
    modules: {
      one: { end: true, quiz: { attempts: 3, best: 100, passed: true } },
      two: { end: false, quiz: null },
      three: { end: true, quiz: { attempts: 1, best: 40, passed: false } },
    },
  });
  const lms = state({
    modules: {
      one: { end: true, quiz: { attempts: 1, best: 60, passed: false } },
      two: { end: true, quiz: null },
      three: { end: false, quiz: { attempts: 2, best: 90, passed: true } },
      extra: { end: false, quiz: null },
    },
  });
  const want = state({
    modules: {
      one: { end: true, quiz: { attempts: 3, best: 100, passed: true } },
      two: { end: true, quiz: null },
      three: { end: true, quiz: { attempts: 2, best: 90, passed: true } },
      extra: { end: false, quiz: null },
    },
  });
  assert.deepEqual(merge(local, lms), want);
  // The same facts whichever side holds them.
  assert.deepEqual(merge(lms, local).modules, want.modules);
  // One side has a quiz result, the other none.
  assert.deepEqual(merge(state({ modules: { one: { end: true, quiz: null } } }), state({ modules: { one: { end: false, quiz: { attempts: 1, best: 85, passed: true } } } })).modules,
    { one: { end: true, quiz: { attempts: 1, best: 85, passed: true } } });
});

test('merge: the best final pass wins; on a tie this browser\'s date stays (it may be printed)', () => {
  const a = (score, date) => state({ final: passedFinal(score, date, [{ date, score, passed: true }]) });
  assert.deepEqual(merge(a(85, '2026-01-01'), a(90, '2026-01-09')).final, passedFinal(90, '2026-01-09', [
    { date: '2026-01-01', score: 85, passed: true }, { date: '2026-01-09', score: 90, passed: true }]));
  assert.equal(merge(a(90, '2026-01-01'), a(85, '2026-01-09')).final.score, 90);
  const tie = merge(a(90, '2026-01-01'), a(90, '2026-01-09')).final;
  assert.deepEqual([tie.score, tie.date], [90, '2026-01-01']);
  // Passed on one side only.
  assert.deepEqual(merge(EMPTY, a(80, 'd')).final, passedFinal(80, 'd', [{ date: 'd', score: 80, passed: true }]));
  assert.deepEqual(merge(a(80, 'd'), EMPTY).final, passedFinal(80, 'd', [{ date: 'd', score: 80, passed: true }]));
  // A failed attempt on the other side never takes a pass away.
  const failedLater = state({ final: { attempts: [{ date: 'e', score: 10, passed: false }] } });
  assert.equal(merge(failedLater, a(80, 'd')).final.passed, true);
  assert.equal(merge(a(80, 'd'), failedLater).final.passed, true);
});

test('merge: attempts both sides saw count once, new ones on either side are kept, in date order', () => {
  const x = { date: '2026-01-01', score: 40, passed: false };
  const y = { date: '2026-01-02', score: 60, passed: false };
  const z = { date: '2026-01-03', score: 70, passed: false };
  const f = (...attempts) => state({ final: { attempts } });
  assert.deepEqual(merge(f(x, y), f(x, y, z)).final.attempts, [x, y, z]);
  assert.deepEqual(merge(f(x, y, z), f(x, y)).final.attempts, [x, y, z]);
  assert.deepEqual(merge(f(x, z), f(x, y)).final.attempts, [x, y, z]);
  // Two identical attempts on one day are two attempts, not one.
  assert.deepEqual(merge(f(x, x), f(x)).final.attempts, [x, x]);
  assert.deepEqual(merge(f(x), f(x, x)).final.attempts, [x, x]);
  assert.deepEqual(merge(f(), f()).final.attempts, []);
});

test('merge: last module and name come from this browser first', () => {
  assert.deepEqual([merge(state({ last: 'one', name: 'Ana' }), state({ last: 'two', name: 'Bo' }))].map((s) => [s.last, s.name])[0], ['one', 'Ana']);
  assert.deepEqual([merge(EMPTY, state({ last: 'two', name: 'Bo' }))].map((s) => [s.last, s.name])[0], ['two', 'Bo']);
});

test('merge: a corrupted or foreign other side changes nothing; inputs are never modified', () => {
  const a = state({ modules: { one: { end: true, quiz: null } }, last: 'one' });
  for (const b of [null, 'x', [], { schema: 2, modules: { two: { end: true } } }, { schema: 1, modules: 'x', final: 'y' }]) {
    assert.deepEqual(merge(a, b), a, JSON.stringify(b));
  }
  const b = state({ modules: { one: { end: false, quiz: { attempts: 1, best: 50, passed: false } } }, final: { attempts: [{ date: 'd', score: 1, passed: false }] } });
  const [sa, sb] = [JSON.stringify(a), JSON.stringify(b)];
  const m = P.merge(a, b);
  m.modules.one.quiz.best = 99;
  m.final.attempts.push({ date: 'z', score: 1, passed: false });
  assert.equal(JSON.stringify(a), sa);
  assert.equal(JSON.stringify(b), sb);
});

test('merge is idempotent: merging the result again with either side changes nothing', () => {
  const a = state({ modules: { one: { end: true, quiz: { attempts: 2, best: 70, passed: false } } }, final: { attempts: [{ date: 'a', score: 50, passed: false }] }, last: 'one' });
  const b = state({ modules: { three: { end: true, quiz: null } }, final: passedFinal(80, 'b', [{ date: 'a', score: 50, passed: false }, { date: 'b', score: 80, passed: true }]), name: 'N' });
  const m = P.merge(a, b);
  assert.deepEqual(merge(m, a), plain(m));
  assert.deepEqual(merge(m, b), plain(m));
  assert.deepEqual(merge(m, m), plain(m));
});

/* ---------- what progress means ---------- */

test('module status: not started, in progress, quiz to pass, complete', () => {
  const [one, two] = C.modules;
  assert.equal(P.statusText(EMPTY, one), 'Not started');
  assert.equal(P.statusText(state({ modules: { one: { end: false, quiz: null } } }), one), 'In progress');
  assert.equal(P.statusText(state({ modules: { one: { end: true, quiz: null } } }), one), 'Quiz to pass');
  assert.equal(P.statusText(state({ modules: { one: { end: true, quiz: { attempts: 2, best: 60, passed: false } } } }), one), 'Quiz to pass');
  assert.equal(P.statusText(state({ modules: { one: { end: true, quiz: { attempts: 1, best: 100, passed: true } } } }), one), 'Complete');
  // A passed quiz without reaching the end is not complete (the page records both).
  assert.equal(P.statusText(state({ modules: { one: { end: false, quiz: { attempts: 1, best: 100, passed: true } } } }), one), 'In progress');
  // A module without a quiz is complete at its end.
  assert.equal(P.statusText(state({ modules: { two: { end: true, quiz: null } } }), two), 'Complete');
});

test('counts, the progress bar and "all done" consider required modules only', () => {
  const done = { end: true, quiz: { attempts: 1, best: 100, passed: true } };
  let s = state({ modules: { extra: done } });
  assert.deepEqual(plain(P.counts(C, s)), { done: 0, total: 3 });
  assert.equal(P.barLabel(C, s), '0 of 3 required modules complete');
  assert.equal(P.barPercent(C, s), 0);
  s = state({ modules: { one: done } });
  assert.equal(P.barPercent(C, s), 33);
  s = state({ modules: { one: done, two: { end: true, quiz: null } } });
  assert.equal(P.barPercent(C, s), 67);
  assert.equal(P.allDone(C, s), false);
  s = state({ modules: { one: done, two: { end: true, quiz: null }, three: done }, final: passedFinal(90, 'd', []) });
  assert.equal(P.allDone(C, s), true);
  assert.equal(P.barLabel(C, s), 'Course complete: final passed');
  assert.equal(P.barPercent(C, s), 100);
  const single = course({ modules: [C.modules[1]] });
  assert.equal(P.barLabel(single, EMPTY), '0 of 1 required module complete');
  const none = course({ modules: [C.modules[2]] });
  assert.equal(P.barPercent(none, EMPTY), 0);
  assert.equal(P.allDone(none, EMPTY), true);
});

test('a module quiz result: attempts count, the best score and a pass stay after a retry', () => {
  const s = P.empty();
  P.quizResult(s, 'one', 60, false);
  assert.deepEqual(plain(s.modules.one), { end: true, quiz: { attempts: 1, best: 60, passed: false } });
  P.quizResult(s, 'one', 100, true);
  assert.deepEqual(plain(s.modules.one), { end: true, quiz: { attempts: 2, best: 100, passed: true } });
  // A retry after a pass that fails keeps the pass and the best score.
  P.quizResult(s, 'one', 20, false);
  assert.deepEqual(plain(s.modules.one), { end: true, quiz: { attempts: 3, best: 100, passed: true } });
  assert.equal(P.statusText(s, C.modules[0]), 'Complete');
});

test('entry and find', () => {
  const s = P.empty();
  const e = P.entry(s, 'two');
  assert.deepEqual(plain(e), { end: false, quiz: null });
  e.end = true;
  assert.equal(P.entry(s, 'two').end, true, 'the same entry, not a new one');
  assert.equal(P.find(C, 'three').title, 'Module three');
  assert.equal(P.find(C, 'nope'), null);
});

/* ---------- Constant page weight: module facts in the state, the list in modules.js ---------- */

/** course.js as built: counts, no module list (that is modules.js's). */
const courseJs = () => { const c = { ...course(), counts: { modules: 4, required: 3 } }; delete c.modules; return c; };
const rows = () => course().modules.map((m) => [m.slug, m.title, m.required, m.quiz]);

test('withModules: course.js plus modules.js rows is the course with its list; topics from the required titles', () => {
  const c = plain(P.withModules({ ...courseJs(), certificate: { title: 'T', topics: true } }, rows()));
  assert.deepEqual(c.modules, course().modules.map(({ minutes, ...m }) => m));
  assert.deepEqual(c.certificate.topics, ['Module one', 'Module two', 'Module three']);
  assert.equal(P.withModules(courseJs(), undefined).modules, undefined, 'no modules.js: no list');
});

test('counts without the list come from the modules\' own facts and course.counts, as with the list', () => {
  const list = plain(P.withModules(courseJs(), rows()));
  const bare = courseJs();
  const s = state();
  const one = P.find(list, 'one');
  P.entry(s, 'one', one).end = true;
  P.entry(s, 'extra', P.find(list, 'extra')).end = true;
  assert.deepEqual(plain(P.counts(bare, s)), { done: 0, total: 3 }, 'quiz not passed yet');
  P.quizResult(s, 'one', 100, true, one);
  P.entry(s, 'two', P.find(list, 'two')).end = true;
  P.quizResult(s, 'extra', 100, true, P.find(list, 'extra'));
  assert.deepEqual(plain(P.counts(bare, s)), { done: 2, total: 3 }, 'optional modules do not count');
  assert.deepEqual(plain(P.counts(bare, s)), plain(P.counts(list, s)));
  assert.equal(P.barLabel(bare, s), '2 of 3 required modules complete');
  P.quizResult(s, 'three', 90, true, P.find(list, 'three'));
  assert.equal(P.allDone(bare, s), true);
  assert.equal(P.allDone(list, s), true);
});

test('migration: state saved before modules kept their facts gets them from the list; then counts agree', () => {
  const legacy = state({ modules: { one: { end: true, quiz: { attempts: 1, best: 100, passed: true } }, two: { end: true, quiz: null }, extra: { end: false, quiz: null }, gone: { end: true, quiz: null } }, last: 'two' });
  const s = P.repair(JSON.parse(JSON.stringify(legacy)));
  assert.deepEqual(plain(s), legacy, 'an old state loads as it was');
  assert.equal(P.needsFacts(s), true);
  assert.deepEqual(plain(P.counts(courseJs(), s)), { done: 0, total: 3 }, 'without facts nothing is counted (modules.js is loaded to fill them)');
  const list = P.withModules(courseJs(), rows());
  assert.equal(P.fill(list, s), true);
  assert.deepEqual(plain(s.modules), {
    one: { end: true, quiz: { attempts: 1, best: 100, passed: true }, required: true, hasQuiz: true },
    two: { end: true, quiz: null, required: true, hasQuiz: false },
    extra: { end: false, quiz: null, required: false, hasQuiz: true },
    gone: { end: true, quiz: null, required: false, hasQuiz: false },
  });
  assert.equal(P.needsFacts(s), false, 'a module the course no longer has is filled too: modules.js is not loaded again');
  assert.equal(P.fill(list, s), false, 'filled once');
  assert.deepEqual(plain(P.counts(courseJs(), s)), { done: 2, total: 3 });
  assert.deepEqual(plain(P.counts(list, s)), { done: 2, total: 3 });
  assert.deepEqual(repair(s), plain(s), 'facts survive repair');
  assert.deepEqual(plain(P.merge(state(), s)).modules.two, { end: true, quiz: null, required: true, hasQuiz: false }, 'and merge');
});
