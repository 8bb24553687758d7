// The LMS runtime's API discovery over fake window chains (parents, openers, windows of
// other origins) and its session over a fake LMS API: initialise once or join, commit
// whenever something changed, never lower a status, interactions appended, terminate once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scorm } from './scorm-load.mjs';
import { course, state } from './load.mjs';

const warnings = [];
const S = scorm({ console: { warn: (m) => warnings.push(m), error() {}, log() {} } });
const fns12 = ['LMSInitialize'];
const fns04 = ['Initialize'];

/** A fake window: `parent` defaults to itself (a top window), as in browsers. */
function win(props = {}) {
  const w = { ...props };
  if (!('parent' in w)) w.parent = w;
  if (!('top' in w)) {
    let t = w;
    while (t.parent && t.parent !== t) t = t.parent;
    w.top = t;
  }
  return w;
}
/** A window of another origin: reading anything but parent, top and opener throws. */
function foreign(props = {}) {
  const w = win(props);
  return new Proxy(w, {
    get(t, k) {
      if (k === 'parent' || k === 'top' || k === 'opener') return t[k];
      throw new Error('SecurityError: Blocked a frame with origin from accessing a cross-origin frame.');
    },
  });
}
const api12 = () => ({ LMSInitialize() { return 'true'; } });
const api04 = () => ({ Initialize() { return 'true'; } });

test('findApi: this window first, then each parent up to the top', () => {
  const api = api12();
  const top = win({ API: api });
  const mid = win({ parent: top, top });
  const me = win({ parent: mid, top });
  assert.equal(S.findApi(me, 'API', fns12), api);
  const own = api12();
  assert.equal(S.findApi(win({ API: own, parent: mid, top }), 'API', fns12), own, 'the nearest wins');
  assert.equal(S.findApi(me, 'API_1484_11', fns04), null, 'SCORM 2004 looks for API_1484_11 only');
  const a04 = api04();
  top.API_1484_11 = a04;
  assert.equal(S.findApi(me, 'API_1484_11', fns04), a04);
});

test('findApi: past windows of other origins in the chain, which cannot be read', () => {
  const api = api12();
  const top = win({ API: api });
  const cdn = foreign({ parent: top, top });
  const me = win({ parent: cdn, top });
  assert.equal(S.findApi(me, 'API', fns12), api);
  assert.equal(S.findApi(win({ parent: foreign({}), top: null }), 'API', fns12), null);
});

test('findApi: then the window that opened the top one, its parents and its own opener', () => {
  const api = api04();
  const lmsTop = win({ API_1484_11: api });
  const lmsFrame = win({ parent: lmsTop, top: lmsTop });
  const popupTop = win({ opener: lmsFrame });
  const me = win({ parent: popupTop, top: popupTop });
  assert.equal(S.findApi(me, 'API_1484_11', fns04), api, 'popup → opener frame → its parent');
  // Two popups deep: the first popup's top was itself opened by the LMS window.
  const first = win({ opener: lmsTop });
  const second = win({ opener: first });
  assert.equal(S.findApi(second, 'API_1484_11', fns04), api);
});

test('findApi: nothing in a plain browser tab, a loop, or an `API` that is not one', () => {
  assert.equal(S.findApi(win(), 'API', fns12), null);
  const a = win();
  const b = win({ opener: a });
  a.opener = b;
  assert.equal(S.findApi(b, 'API', fns12), null, 'openers that point at each other end');
  const self = win();
  self.opener = self;
  assert.equal(S.findApi(self, 'API', fns12), null);
  assert.equal(S.findApi(win({ API: { name: 'some other library' } }), 'API', fns12), null);
  assert.equal(S.findApi(win({ API: 'x' }), 'API', fns12), null);
});

/* ---------- The session over a fake LMS ---------- */

/** A fake SCORM API: a data model and every call recorded. `already`: another page has
    initialised it (Initialize fails with 101 / 103, reads work); `ended`: it was terminated
    (Initialize fails with 101 / 104, reads fail); `refuse`: elements SetValue rejects. */
function fakeLms(standard, { data = {}, already = false, ended = false, refuse = [] } = {}) {
  const M = S.MODEL[standard];
  const model = { ...data };
  const calls = [];
  let error = '0';
  let state = already ? 'running' : ended ? 'ended' : 'new';
  const api = {
    calls, model,
    [M.init]() {
      calls.push(['init']);
      if (state !== 'new') { error = standard === 'scorm12' ? '101' : state === 'running' ? '103' : '104'; return 'false'; }
      state = 'running'; error = '0'; return 'true';
    },
    [M.get](el) {
      if (state !== 'running') { error = '301'; return ''; }
      error = '0';
      if (el === 'cmi.interactions._count') return String(Object.keys(model).filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k)).length);
      return model[el] ?? '';
    },
    [M.set](el, v) {
      calls.push(['set', el, v]);
      if (refuse.includes(el) || state !== 'running') { error = '405'; return 'false'; }
      model[el] = v; error = '0'; return 'true';
    },
    [M.commit]() { calls.push(['commit', { ...model }]); return 'true'; },
    [M.end]() { calls.push(['end']); state = 'ended'; return 'true'; },
    [M.error]() { return error; },
    [M.errorText](c) { return `error ${c}`; },
  };
  return api;
}
const C = course();
const ALL = { one: { end: true, quiz: { attempts: 1, best: 100, passed: true } }, two: { end: true, quiz: null }, three: { end: true, quiz: { attempts: 1, best: 100, passed: true } } };

test('session: initialises once, reads what the LMS has, converts the learner name', () => {
  const api = fakeLms('scorm12', { data: { 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'resume', 'cmi.core.student_name': 'Learner, Ana', 'cmi.suspend_data': 'A1xyz' } });
  const s = S.session(api, 'scorm12', {});
  assert.equal(api.calls.filter((c) => c[0] === 'init').length, 1);
  assert.equal(s.owner, true);
  assert.equal(s.entry, 'resume');
  assert.equal(s.learnerName, 'Ana Learner');
  assert.equal(s.get('cmi.suspend_data'), 'A1xyz');
});

test('session: sets only what changed and commits each time something did, before any terminate', () => {
  const api = fakeLms('scorm2004', { data: { 'cmi.completion_status': 'unknown', 'cmi.success_status': 'unknown' } });
  const s = S.session(api, 'scorm2004', {});
  const tell = (st) => s.apply(S.report('scorm2004', C, st, s.lms));
  assert.ok(tell(state()) > 0);
  const commits = () => api.calls.filter((c) => c[0] === 'commit');
  assert.equal(commits().length, 1);
  assert.equal(commits()[0][1]['cmi.completion_status'], 'incomplete', 'the status was set explicitly and committed');
  assert.equal(tell(state()), 0, 'nothing new: no set, no commit');
  assert.equal(commits().length, 1);
  tell(state({ modules: ALL, final: { attempts: [{ date: '2026-03-01', score: 90, passed: true }], passed: true, score: 90, date: '2026-03-01' } }));
  assert.equal(commits().length, 2);
  assert.deepEqual(['cmi.completion_status', 'cmi.success_status', 'cmi.score.scaled', 'cmi.exit'].map((k) => commits()[1][1][k]), ['completed', 'passed', '0.9', 'normal']);
  // A reset (empty state) afterwards lowers nothing the session wrote.
  tell(state());
  assert.deepEqual(['cmi.completion_status', 'cmi.success_status', 'cmi.score.scaled'].map((k) => api.model[k]), ['completed', 'passed', '0.9']);
  assert.equal(api.calls.filter((c) => c[0] === 'end').length, 0);
  s.end();
  s.end();
  assert.equal(api.calls.filter((c) => c[0] === 'end').length, 1, 'terminated once');
  assert.match(api.model['cmi.session_time'], /^PT0H0M\d+S$/);
  assert.equal(s.alive(), false);
  assert.equal(tell(state()), 0, 'nothing is sent after the end');
});

test('session: interactions are appended after those the LMS has, and each batch is committed', () => {
  const api = fakeLms('scorm12', { data: { 'cmi.interactions.0.id': 'old' } });
  const s = S.session(api, 'scorm12', {});
  const attempt = { score: 50, passed: false, answers: [{ id: 'a', kind: 'single', response: [0], correct: true }, { id: 'b', kind: 'true_false', response: [1], correct: false }] };
  s.interactions(S.interactions('scorm12', attempt, new Date(2026, 0, 1, 8, 0, 0)));
  assert.deepEqual([api.model['cmi.interactions.1.id'], api.model['cmi.interactions.2.id'], api.model['cmi.interactions.2.student_response'], api.model['cmi.interactions.2.result']], ['a', 'b', 'f', 'wrong']);
  assert.equal(api.calls.at(-1)[0], 'commit');
  s.interactions(S.interactions('scorm12', attempt, new Date()));
  assert.equal(api.model['cmi.interactions.4.id'], 'b');
});

test('session: a value the LMS refuses is warned about once and the rest still goes through', () => {
  warnings.length = 0;
  const api = fakeLms('scorm12', { refuse: ['cmi.core.exit'] });
  const s = S.session(api, 'scorm12', {});
  s.apply([['cmi.core.lesson_status', 'incomplete'], ['cmi.core.exit', 'suspend']]);
  s.apply([['cmi.core.lesson_status', 'incomplete'], ['cmi.core.exit', 'suspend']]);
  assert.equal(api.model['cmi.core.lesson_status'], 'incomplete');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /^aware-scorm: the LMS refused cmi\.core\.exit = suspend \(error 405: error 405\)$/);
});

test('session: joins a session another page started (1.2 error 101, 2004 error 103) and leaves ending it to that page', () => {
  for (const std of ['scorm12', 'scorm2004']) {
    const M = S.MODEL[std];
    const api = fakeLms(std, { already: true, data: { [M.location]: 'final.html' } });
    const s = S.session(api, std, {});
    assert.ok(s, `${std}: joined`);
    assert.equal(s.owner, false);
    assert.equal(s.lms[M.location], 'final.html');
    s.apply([[M.location, 'index.html']]);
    assert.equal(api.model[M.location], 'index.html', 'and reports through it');
    s.end();
    assert.equal(api.calls.filter((c) => c[0] === 'end').length, 0, 'not its to terminate');
  }
});

test('session: none when the LMS refuses to start (terminated: 2004 error 104), with a quiet console note', () => {
  warnings.length = 0;
  assert.equal(S.session(fakeLms('scorm2004', { ended: true }), 'scorm2004', {}), null);
  assert.equal(S.session(fakeLms('scorm12', { ended: true }), 'scorm12', {}), null);
  assert.match(warnings.join('\n'), /did not start a session \(error 104\); progress is kept in this browser only/);
});
