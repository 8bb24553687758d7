// The LMS runtime's pure parts (src/package/aware-scorm.js, window.AWARE_SCORM): the
// suspend_data encoding (round trips, what it keeps and drops, its size on the largest
// course in the repository), the mapping of progress to each standard's data model (never
// downgraded), learner names, session times and final answers as cmi.interactions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { load, plain, course, state, REPO } from './load.mjs';
import { scorm } from './scorm-load.mjs';

const S = scorm();
const { A } = load();
const P = A.progress;
const C = course();
const enc = (s, c = C, limit) => S.encode(s, c, limit);
const dec = (t, c = C) => plain(S.decode(t, c));
const roundTrip = (s, c = C) => dec(enc(s, c), c);

const passedQuiz = (attempts, best = 100) => ({ end: true, quiz: { attempts, best, passed: true } });
const attempt = (date, score, passed) => ({ date, score, passed });
/** What aware keeps for `s`: repaired, each module with its facts from the list (decode
    adds them, as the module's page does). */
const filled = (s, c = C) => { const r = P.repair(s); P.fill(c, r); return plain(r); };

test('round trip: what the encoding reads back is the state aware repairs to, for every shape it keeps', () => {
  const states = [
    state(),
    state({ modules: { two: { end: false, quiz: null } }, last: 'two' }),
    state({ modules: { one: { end: false, quiz: { attempts: 3, best: 40, passed: false } }, two: { end: true, quiz: null } } }),
    state({
      modules: { one: passedQuiz(2), two: { end: true, quiz: null }, extra: { end: true, quiz: { attempts: 1, best: 0, passed: false } }, three: passedQuiz(7, 80) },
      final: { attempts: [attempt('2026-03-01', 60, false), attempt('2026-03-02', 90, true), attempt('2026-03-09', 75, false)], passed: true, score: 90, date: '2026-03-02' },
      last: 'three',
      name: 'Zoë O\'Brien-Ångström | 李小龍, 🦊',
    }),
    // A pass whose attempt is not in the list (another computer's) is kept on its own.
    state({ final: { attempts: [attempt('2026-01-02', 20, false)], passed: true, score: 100, date: '2026-01-01' } }),
    // Odd but valid: an undated attempt (repair makes "" of a missing date), score 0 and 100.
    state({ final: { attempts: [attempt('', 0, false), attempt('2099-12-31', 100, true)], passed: true, score: 100, date: '2099-12-31' } }),
  ];
  for (const s of states) {
    const text = enc(s);
    assert.deepEqual(dec(text), filled(s), text);
    assert.equal(JSON.stringify(S.decode(text, C)), JSON.stringify(filled(s)), 'same key order, so aware\'s merge finds every attempt equal');
  }
});

test('merging what the LMS decodes with the same state in localStorage adds nothing (no attempt counted twice)', () => {
  const s = P.repair(state({
    modules: { one: passedQuiz(2), three: passedQuiz(1) },
    final: { attempts: [attempt('2026-03-01', 60, false), attempt('2026-03-01', 60, false), attempt('2026-03-02', 90, true)], passed: true, score: 90, date: '2026-03-02' },
    last: 'one',
  }));
  P.fill(C, s);
  assert.equal(JSON.stringify(P.merge(s, S.decode(enc(s), C))), JSON.stringify(s));
});

test('the text is compact, versioned and plain ASCII that no LMS has to escape', () => {
  const s = state({
    modules: { one: passedQuiz(2), two: { end: true, quiz: null }, three: passedQuiz(1) },
    final: { attempts: [attempt('2026-03-01', 60, false), attempt('2026-03-02', 90, true)], passed: true, score: 90, date: '2026-03-02' },
    last: 'three', name: 'Ana Learner',
  });
  const text = enc(s);
  assert.match(text, /^A1[0-9a-z]{6}(\|[^|]*){6}$/);
  assert.match(text, /^[A-Za-z0-9|,.%~*()!_-]+$/);
  assert.ok(text.length < JSON.stringify(s).length / 3, `${text.length} characters against ${JSON.stringify(s).length} of JSON`);
  assert.equal(enc(state()), `A1${S.fingerprint(C)}||||||`);
  assert.match(enc(state({ name: 'x\'y|z"<&>' })), /\|x%27y%7Cz%22%3C%26%3E$/);
});

test('the certificate attestation (a later addition to the state) is kept; letters a reader does not know are skipped', () => {
  const s = state({ modules: { one: passedQuiz(1) }, name: 'Ana Learner' });
  const text = enc({ ...s, attested: true });
  assert.match(text, /\|a\|Ana%20Learner$/);
  assert.deepEqual(dec(text), { ...filled(s), attested: true });
  assert.equal(Object.keys(S.decode(text, C)).at(-1), 'attested', 'after the name, where aware\'s repair puts it');
  assert.equal('attested' in dec(enc(s)), false, 'absent until attested');
  assert.equal('attested' in dec(enc({ ...s, attested: 'yes' })), false);
  assert.deepEqual(dec(text.replace('|a|', '|xaz|')), { ...filled(s), attested: true });
});

test('modules the course does not have are not kept; one that is gone drops `last`', () => {
  const s = state({ modules: { one: passedQuiz(1), gone: passedQuiz(1) }, last: 'gone' });
  assert.deepEqual(roundTrip(s), filled(state({ modules: { one: passedQuiz(1) } })));
});

test('not this encoding, another version of it or another module list: null', () => {
  const good = enc(state({ modules: { one: passedQuiz(1) } }));
  const other = course({ modules: [...C.modules, { slug: 'new', title: 'New', required: true, quiz: null }] });
  for (const bad of [null, undefined, 42, '', '{"schema":1}', JSON.stringify(state()), 'A2' + good.slice(2), good.slice(0, 10), good + '|x', good.replace('|', ','), good.replace(/\|[^|]*$/, '')]) {
    assert.equal(S.decode(bad, C), null, String(bad));
  }
  assert.equal(S.decode(good, other), null, 'a package whose modules changed does not read it');
  assert.notEqual(S.fingerprint(other), S.fingerprint(C));
  assert.equal(S.fingerprint(course({ id: 'other', version: '9' })), S.fingerprint(C), 'only the module list counts');
});

test('damaged parts are skipped one by one', () => {
  const fp = S.fingerprint(C);
  assert.deepEqual(dec(`A1${fp}|d2s1,??,e,zzzz|9|zzzzz|0k7l5xx|zq|%E0%A4%A`), filled(state({
    modules: { one: passedQuiz(1), extra: { end: true, quiz: null } },
    final: { attempts: [attempt('2026-12-02', 10, false)] },
  })));
});

/* ---------- Size: SCORM 1.2 keeps 4,096 characters ---------- */

/** Every course folder in the repository (a site.yaml beside content/) and its module count. */
function repoCourses() {
  const files = execFileSync('git', ['-C', REPO, 'ls-files', '*site.yaml', 'site.yaml'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return files.map((f) => {
    const dir = path.join(REPO, path.dirname(f), 'content');
    const modules = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /^\d+.*\.md$/.test(n)).length : 0;
    return { dir: path.dirname(f), modules };
  });
}

/** A course of n modules, every one required with a quiz, slugs as long as real ones. */
function bigCourse(n) {
  const modules = Array.from({ length: n }, (_, i) => ({ slug: `module-number-${i}-with-a-long-descriptive-slug`, title: `M${i}`, required: true, quiz: `q${i}`, minutes: 9 }));
  return course({ modules });
}

/** The worst learner: every module complete after 1,295 quiz tries (the widest count kept),
    the last module open, a 120-character name of 3-byte characters (the widest the
    certificate form takes, 1,080 characters encoded), and `attempts` final attempts. */
function worstLearner(c, attempts) {
  const modules = {};
  for (const m of c.modules) modules[m.slug] = { end: true, quiz: { attempts: 1295, best: 100, passed: true } };
  const list = Array.from({ length: attempts }, (_, i) => attempt('2126-12-31', i === attempts - 1 ? 100 : 79, i === attempts - 1));
  return state({ modules, final: { attempts: list, passed: true, score: 100, date: '2126-12-31' }, last: c.modules[c.modules.length - 1].slug, name: '語'.repeat(120) });
}

test('the worst learner on the largest course in the repository stays under 4,096 characters with nothing dropped but attempts past 100', (t) => {
  const courses = repoCourses();
  assert.ok(courses.some((c) => c.dir === '.' && c.modules >= 13), JSON.stringify(courses));
  const largest = Math.max(...courses.map((c) => c.modules));
  const c = bigCourse(largest);
  const s = worstLearner(c, 5000);
  const text = S.encode(s, c, S.LIMIT.scorm12);
  const back = S.decode(text, c);
  t.diagnostic(`suspend_data of the worst learner on the largest course in the repository (${largest} modules): ${text.length} characters`);
  assert.ok(text.length <= 4096, `${text.length} characters`);
  assert.equal(back.final.attempts.length, S.MAX_ATTEMPTS, 'the newest 100 attempts');
  assert.deepEqual(plain(back.final.attempts), plain(s.final.attempts.slice(-100)));
  assert.equal(back.name, s.name);
  assert.equal(back.final.passed, true);
  assert.equal(Object.keys(back.modules).length, largest);
  // And the same learner with a 120-character emoji name (4-byte characters).
  assert.ok(S.encode({ ...s, name: '🦊'.repeat(60) }, c).length <= 4096);
});

test('a course far larger than any in the repository still fits: older attempts, then the name give way', () => {
  for (const n of [200, 400, 600]) {
    const c = bigCourse(n);
    const s = worstLearner(c, 5000);
    const text = S.encode(s, c, 4096);
    assert.ok(text && text.length <= 4096, `${n} modules: ${text && text.length}`);
    const back = S.decode(text, c);
    assert.equal(back.final.passed, true, 'the pass is always kept');
    assert.equal(Object.keys(back.modules).length, n, 'every module is kept');
    if (back.final.attempts.length) assert.deepEqual(plain(back.final.attempts.at(-1)), plain(s.final.attempts.at(-1)), 'the newest attempts are the ones kept');
  }
  assert.equal(S.decode(S.encode(worstLearner(bigCourse(600), 100), bigCourse(600), 4096), bigCourse(600)).name, null, 'at 600 modules the name is the last to go');
  // Past what SCORM 1.2 can hold: nothing (the LMS keeps the last progress that fitted) …
  assert.equal(S.encode(worstLearner(bigCourse(800), 1), bigCourse(800), 4096), null);
  // … and SCORM 2004 (64,000) takes it.
  assert.ok(S.encode(worstLearner(bigCourse(800), 1), bigCourse(800), S.LIMIT.scorm2004).length <= 64000);
});

/* ---------- Data model ---------- */

const ALL = { one: passedQuiz(1), two: { end: true, quiz: null }, three: passedQuiz(1) };
const failed = (score) => ({ attempts: [attempt('2026-03-01', score, false)] });
const passed = (score, extra = []) => ({ attempts: [...extra, attempt('2026-03-02', score, true)], passed: true, score, date: '2026-03-02' });
const asMap = (pairs) => Object.fromEntries(pairs);

test('SCORM 1.2: incomplete from the start, failed with the score after a failed final, passed after a pass; exit suspend until passed', () => {
  const r = (s, lms) => asMap(S.report('scorm12', C, s, lms));
  assert.deepEqual(r(state()), { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' });
  assert.deepEqual(r(state({ modules: ALL })), { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' }, 'modules done, final not taken');
  assert.deepEqual(r(state({ modules: ALL, final: failed(45) })), {
    'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '45', 'cmi.core.score.min': '0', 'cmi.core.score.max': '100', 'cmi.core.exit': 'suspend',
  });
  assert.deepEqual(r(state({ modules: ALL, final: passed(85, failed(45).attempts) })), {
    'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '85', 'cmi.core.score.min': '0', 'cmi.core.score.max': '100', 'cmi.core.exit': '',
  });
  // The order a 2004 LMS needs does not matter here, but status comes first anyway.
  assert.equal(S.report('scorm12', C, state(), {})[0][0], 'cmi.core.lesson_status');
});

test('SCORM 2004: completion from the required modules, success and scaled score from the final', () => {
  const r = (s, lms) => asMap(S.report('scorm2004', C, s, lms));
  assert.deepEqual(r(state()), { 'cmi.completion_status': 'incomplete', 'cmi.progress_measure': '0', 'cmi.success_status': 'unknown', 'cmi.exit': 'suspend' });
  assert.deepEqual(r(state({ modules: { one: passedQuiz(1), extra: passedQuiz(1) } })), { 'cmi.completion_status': 'incomplete', 'cmi.progress_measure': '0.33', 'cmi.success_status': 'unknown', 'cmi.exit': 'suspend' }, 'an optional module does not count');
  assert.deepEqual(r(state({ modules: ALL, final: failed(45) })), {
    'cmi.completion_status': 'completed', 'cmi.progress_measure': '1', 'cmi.success_status': 'failed',
    'cmi.score.scaled': '0.45', 'cmi.score.raw': '45', 'cmi.score.min': '0', 'cmi.score.max': '100', 'cmi.exit': 'suspend',
  });
  assert.deepEqual(r(state({ modules: ALL, final: passed(85) })), {
    'cmi.completion_status': 'completed', 'cmi.progress_measure': '1', 'cmi.success_status': 'passed',
    'cmi.score.scaled': '0.85', 'cmi.score.raw': '85', 'cmi.score.min': '0', 'cmi.score.max': '100', 'cmi.exit': 'normal',
  });
  // A module read to the end but whose quiz is not passed is not complete.
  assert.equal(r(state({ modules: { ...ALL, three: { end: true, quiz: { attempts: 2, best: 50, passed: false } } } }))['cmi.completion_status'], 'incomplete');
});

test('never downgraded: a failed retry after a pass keeps passed and the best score', () => {
  const afterPass = state({ modules: ALL, final: { ...passed(90), attempts: [attempt('2026-03-02', 90, true), attempt('2026-03-03', 40, false)] } });
  assert.equal(asMap(S.report('scorm12', C, afterPass))['cmi.core.lesson_status'], 'passed');
  assert.equal(asMap(S.report('scorm12', C, afterPass))['cmi.core.score.raw'], '90');
  assert.equal(asMap(S.report('scorm2004', C, afterPass))['cmi.score.scaled'], '0.9');
  // What the LMS already has wins over a poorer state (a reset, another computer that never synced).
  const lms12 = { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '90' };
  for (const s of [state(), state({ modules: ALL, final: failed(30) })]) {
    const r = asMap(S.report('scorm12', C, s, lms12));
    assert.deepEqual([r['cmi.core.lesson_status'], r['cmi.core.score.raw'], r['cmi.core.exit']], ['passed', '90', '']);
  }
  const lms04 = { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed', 'cmi.score.raw': '90', 'cmi.progress_measure': '1' };
  const r = asMap(S.report('scorm2004', C, state({ final: failed(30) }), lms04));
  assert.deepEqual([r['cmi.completion_status'], r['cmi.success_status'], r['cmi.score.scaled'], r['cmi.score.raw'], r['cmi.progress_measure'], r['cmi.exit']], ['completed', 'passed', '0.9', '90', '1', 'normal']);
  // A failed LMS record is raised by a pass; a higher score replaces a lower one.
  assert.deepEqual(plain(S.report('scorm12', C, state({ modules: ALL, final: passed(95) }), { 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '60' }).slice(0, 2)),
    [['cmi.core.lesson_status', 'passed'], ['cmi.core.score.raw', '95']]);
  // The LMS's own "not attempted" / "unknown" / "" never hold a status back.
  assert.equal(asMap(S.report('scorm12', C, state(), { 'cmi.core.lesson_status': 'not attempted', 'cmi.core.score.raw': '' }))['cmi.core.lesson_status'], 'incomplete');
});

test('a course without a final: completed when every required module is, no score, no success status', () => {
  const noFinal = course({ final: null });
  assert.deepEqual(asMap(S.report('scorm12', noFinal, state({ modules: ALL }))), { 'cmi.core.lesson_status': 'completed', 'cmi.core.exit': '' });
  assert.deepEqual(asMap(S.report('scorm12', noFinal, state({ modules: { one: passedQuiz(1) } }))), { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' });
  assert.deepEqual(asMap(S.report('scorm2004', noFinal, state({ modules: ALL }))), { 'cmi.completion_status': 'completed', 'cmi.progress_measure': '1', 'cmi.exit': 'normal' });
});

test('learner names: SCORM\'s "Last, First" becomes "First Last"', () => {
  assert.equal(S.lmsName('Learner, Ana'), 'Ana Learner');
  assert.equal(S.lmsName('  de la Cruz ,  María José '), 'María José de la Cruz');
  assert.equal(S.lmsName('Ana Learner'), 'Ana Learner');
  assert.equal(S.lmsName('Smith, Jr., John'), 'Smith, Jr., John', 'more than one comma: as it is');
  assert.equal(S.lmsName(', Ana'), ', Ana');
  for (const none of ['', '   ', null, undefined, 42]) assert.equal(S.lmsName(none), null);
});

test('session time: SCORM 1.2 HH:MM:SS, SCORM 2004 an ISO 8601 duration', () => {
  assert.equal(S.sessionTime('scorm12', 0), '00:00:00');
  assert.equal(S.sessionTime('scorm12', 3723400), '01:02:03');
  assert.equal(S.sessionTime('scorm12', 100 * 3600e3 + 59e3), '100:00:59');
  assert.equal(S.sessionTime('scorm2004', 3723400), 'PT1H2M3S');
  assert.equal(S.sessionTime('scorm2004', 0), 'PT0H0M0S');
});

test('final answers as cmi.interactions: id first, then type, response, correct pattern, result, time', () => {
  const when = new Date(2026, 2, 4, 9, 5, 7);
  const key = { questions: { q1: { kind: 'single', correct: [2] }, 'q 2': { kind: 'multiple', correct: [3, 0] }, tf: { kind: 'true_false', correct: [1] } } };
  const attemptResult = {
    score: 33, passed: false,
    answers: [
      { id: 'q1', kind: 'single', response: [2], correct: true },
      { id: 'q 2', kind: 'multiple', response: [4, 0, 1], correct: false },
      { id: 'tf', kind: 'true_false', response: [0], correct: false },
    ],
  };
  const prompts = { q1: 'Which one?', 'q 2': '  Which   ones?\n', tf: 'Sky is green.' };
  assert.deepEqual(plain(S.interactions('scorm12', attemptResult, when, key, (id) => prompts[id])), [
    [['id', 'q1'], ['type', 'choice'], ['student_response', 'c'], ['correct_responses.0.pattern', 'c'], ['result', 'correct'], ['time', '09:05:07']],
    [['id', 'q_2'], ['type', 'choice'], ['student_response', 'a,b,e'], ['correct_responses.0.pattern', 'a,d'], ['result', 'wrong'], ['time', '09:05:07']],
    [['id', 'tf'], ['type', 'true-false'], ['student_response', 't'], ['correct_responses.0.pattern', 'f'], ['result', 'wrong'], ['time', '09:05:07']],
  ]);
  assert.deepEqual(plain(S.interactions('scorm2004', attemptResult, when, key, (id) => prompts[id])), [
    [['id', 'q1'], ['type', 'choice'], ['learner_response', 'c'], ['correct_responses.0.pattern', 'c'], ['result', 'correct'], ['timestamp', '2026-03-04T09:05:07'], ['description', 'Which one?']],
    [['id', 'q_2'], ['type', 'choice'], ['learner_response', 'a[,]b[,]e'], ['correct_responses.0.pattern', 'a[,]d'], ['result', 'incorrect'], ['timestamp', '2026-03-04T09:05:07'], ['description', 'Which ones?']],
    [['id', 'tf'], ['type', 'true-false'], ['learner_response', 'true'], ['correct_responses.0.pattern', 'false'], ['result', 'incorrect'], ['timestamp', '2026-03-04T09:05:07'], ['description', 'Sky is green.']],
  ]);
  // Without the key there is no correct pattern; without answers, no records.
  assert.deepEqual(plain(S.interactions('scorm12', attemptResult, when, null, null))[0].map((f) => f[0]), ['id', 'type', 'student_response', 'result', 'time']);
  assert.deepEqual(plain(S.interactions('scorm12', { score: 0 }, when)), []);
});

test('bookmarks: the page relative to the course root; only plain course pages are opened again', () => {
  const root = 'https://lms.example/content/42/';
  assert.equal(S.pageOf(root + 'modules/indicators.html?aware-lms-frame#quiz', root), 'modules/indicators.html');
  assert.equal(S.pageOf(root, root), 'index.html');
  assert.equal(S.pageOf('https://elsewhere.example/x.html', root), null);
  for (const ok of ['index.html', 'modules/indicators.html', 'final.html']) assert.equal(S.safePage(ok), true, ok);
  for (const bad of ['', null, '../x.html', '/etc/x.html', 'https://evil.example/x.html', '//evil.example/x.html', 'modules/../../x.html', 'javascript:alert(1)//.html', 'x.js', 'a b.html']) {
    assert.equal(S.safePage(bad), false, String(bad));
  }
});
