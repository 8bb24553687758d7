// The progress store (aware.js, AWARE.createStore): read-modify-write of localStorage so
// two tabs never overwrite each other, corrupted or blocked storage, and the optional
// window.AWARE_LMS hooks of an LMS package (contract at the top of the store section).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, plain, course, state, memoryStorage, recordingConsole } from './load.mjs';

const C = course();
const KEY = 'aware:demo-course:2.1';
const done = { end: true, quiz: { attempts: 1, best: 100, passed: true }, required: true, hasQuiz: true };

/** A fake LMS that records every call; `saved` is what load() returns. */
function fakeLms(saved = null, extra = {}) {
  const calls = [];
  return {
    calls,
    saves: () => calls.filter((c) => c[0] === 'save').map((c) => c[1]),
    load() { calls.push(['load']); return saved; },
    save(s) { calls.push(['save', JSON.parse(JSON.stringify(s))]); },
    ...extra,
  };
}

test('changes are written under aware:<course id>:<version> as the state JSON', () => {
  const { A, storage } = load({ course: C });
  const store = A.store();
  assert.equal(store.key, KEY);
  assert.deepEqual(plain(store.get()), state());
  store.update((s) => { A.progress.entry(s, 'one').end = true; s.last = 'one'; });
  const want = state({ modules: { one: { end: true, quiz: null } }, last: 'one' });
  assert.deepEqual(JSON.parse(storage.map.get(KEY)), want);
  assert.deepEqual(plain(store.get()), want);
  assert.equal(A.store(), store, 'one store per page');
});

test('two tabs: each change re-reads storage, so neither tab loses the other\'s progress', () => {
  const storage = memoryStorage();
  const tab1 = load({ course: C, localStorage: storage }).A.createStore(C, { localStorage: storage });
  const tab2 = load({ course: C, localStorage: storage }).A.createStore(C, { localStorage: storage });
  // Both opened before either saved: their in-memory states are both empty.
  tab1.update((s) => { s.modules.one = done; });
  tab2.update((s) => { s.modules.two = { end: true, quiz: null }; });
  tab1.update((s) => { s.last = 'one'; });
  assert.deepEqual(JSON.parse(storage.map.get(KEY)).modules, { one: done, two: { end: true, quiz: null } });
  assert.deepEqual(Object.keys(plain(tab1.get()).modules), ['one', 'two']);
});

test('another tab\'s change ("storage" event) is re-read and shown; other keys are ignored', () => {
  const { A, win, storage } = load({ course: C });
  const store = A.store();
  const seen = [];
  store.watch((s) => seen.push(Object.keys(s.modules).join()));
  assert.deepEqual(seen, [''], 'watch calls back at once');
  storage.setItem(KEY, JSON.stringify(state({ modules: { two: { end: true, quiz: null } } })));
  win.dispatch('storage', { key: 'aware:other-course:1' });
  win.dispatch('storage', { key: KEY });
  assert.deepEqual(seen, ['', 'two']);
});

test('corrupted stored progress never stops the store: it is repaired and the next change saves a valid state', () => {
  for (const raw of ['not json', '{"schema":1,"modules":null}', '{"schema":1,"modules":[],"final":{"attempts":[null]}}',
    '{"schema":1,"modules":{"one":{"end":true,"quiz":"passed"}}}', '{"schema":1,"final":{"passed":true,"score":"high","attempts":[]}}', 'null', '[]', '""']) {
    const storage = memoryStorage();
    storage.setItem(KEY, raw);
    const { A } = load({ course: C, localStorage: storage });
    const store = A.store();
    assert.equal(store.get().schema, 1, raw);
    store.update((s) => { A.progress.quizResult(s, 'three', 100, true, A.progress.find(C, 'three')); });
    const saved = JSON.parse(storage.map.get(KEY));
    assert.deepEqual(saved.modules.three, done, raw);
    assert.deepEqual(saved, plain(A.progress.repair(saved)), `${raw}: what is saved is valid`);
    store.reset();
    assert.equal(storage.map.has(KEY), false, `${raw}: reset works`);
  }
});

test('progress from another schema is not read as this one', () => {
  const storage = memoryStorage();
  storage.setItem(KEY, JSON.stringify({ ...state({ modules: { one: done } }), schema: '1' }));
  const { A } = load({ course: C, localStorage: storage });
  assert.deepEqual(plain(A.store().get()), state());
  assert.equal(A.store().readOnly(), null, 'an unreadable schema is corrupted, not newer');
});

test('progress saved by a newer version is never written over: read-only for the page, until Reset', () => {
  const newer = JSON.stringify({ schema: 2, modules: { one: { done: 'yes' } }, extra: [1, 2] });
  const storage = memoryStorage();
  storage.setItem(KEY, newer);
  const { A, win } = load({ course: C, localStorage: storage });
  const store = A.store();
  assert.equal(store.readOnly(), 'browser');
  assert.deepEqual(plain(store.get()), state(), 'nothing of it is read as this schema');
  const seen = [];
  store.watch((s) => seen.push(Object.keys(s.modules).join()));
  store.update((s) => { A.progress.quizResult(s, 'one', 100, true, A.progress.find(C, 'one')); });
  store.update((s) => { s.last = 'one'; });
  assert.equal(storage.map.get(KEY), newer, 'the newer progress is untouched');
  assert.deepEqual(plain(store.get()).modules, { one: done }, 'changes live in memory for the page');
  assert.equal(store.get().last, 'one');
  win.dispatch('storage', { key: KEY });
  assert.deepEqual(plain(store.get()).modules, { one: done }, 'a storage event does not wipe the page\'s own changes');
  store.reset();
  assert.equal(storage.map.has(KEY), false, 'Reset, the learner\'s own choice, removes it');
  assert.equal(store.readOnly(), null);
  store.update((s) => { s.last = 'two'; });
  assert.equal(JSON.parse(storage.map.get(KEY)).last, 'two', 'saved again after Reset');
  assert.deepEqual(seen, ['', 'one', 'one', '', '']);
});

test('an LMS that returns progress from a newer version is never saved over; this browser still saves', () => {
  const lms = fakeLms({ schema: 3, modules: {} });
  const { A, storage } = load({ course: C, lms });
  const store = A.store();
  assert.equal(store.readOnly(), 'lms');
  store.update((s) => { s.last = 'one'; });
  assert.deepEqual(lms.saves(), [], 'save() is never called');
  assert.equal(JSON.parse(storage.map.get(KEY)).last, 'one');
});

test('blocked storage (private modes, file:// in some browsers): progress lives in memory for the page', () => {
  const { A } = load({ course: C, localStorage: memoryStorage({ failing: true }) });
  const store = A.store();
  store.update((s) => { s.modules.one = done; });
  store.update((s) => { s.last = 'one'; });
  assert.deepEqual(plain(store.get()), state({ modules: { one: done }, last: 'one' }));
  store.reset();
  store.update((s) => { s.name = 'Ana'; });
  assert.deepEqual(plain(store.get()), state({ name: 'Ana' }), 'reset forgets the memory copy too');
});

test('reset empties the state, removes the key and repaints', () => {
  const { A, storage } = load({ course: C });
  const store = A.store();
  store.update((s) => { s.modules.one = done; });
  let last = null;
  store.watch((s) => { last = plain(s); });
  store.reset();
  assert.equal(storage.map.has(KEY), false);
  assert.deepEqual(last, state());
});

test('a display that throws is reported and does not stop the others', () => {
  const { A, console } = load({ course: C });
  const store = A.store();
  let calls = 0;
  store.watch(() => { if (calls++ > 0) throw new Error('broken display'); });
  let other = 0;
  store.watch(() => { other++; });
  store.update((s) => { s.last = 'one'; });
  assert.equal(other, 2);
  assert.match(console.errors().join('\n'), /a progress display failed: Error: broken display/);
});

test('no course.js: the store says so by name', () => {
  const { A } = load();
  assert.throws(() => A.store(), (e) => e.name === 'AwareError' && /no course data \(course\.js did not load\)/.test(e.message));
});

/* ---------- LMS hooks ---------- */

test('LMS load(): merged with this browser\'s progress, written back to whichever side gains', () => {
  const storage = memoryStorage();
  storage.setItem(KEY, JSON.stringify(state({ modules: { one: done }, final: { attempts: [{ date: '2026-01-01', score: 50, passed: false }] }, last: 'one' })));
  const fromLms = state({
    modules: { two: { end: true, quiz: null }, one: { end: true, quiz: { attempts: 4, best: 60, passed: false } } },
    final: { attempts: [{ date: '2026-01-01', score: 50, passed: false }, { date: '2026-01-02', score: 90, passed: true }], passed: true, score: 90, date: '2026-01-02' },
    name: 'Learner, Ana',
  });
  const lms = fakeLms(fromLms);
  const { A } = load({ course: C, localStorage: storage, lms });
  const s = plain(A.store().get());
  const want = state({
    modules: { one: { end: true, quiz: { attempts: 4, best: 100, passed: true }, required: true, hasQuiz: true }, two: { end: true, quiz: null, required: true, hasQuiz: false } },
    final: { attempts: [{ date: '2026-01-01', score: 50, passed: false }, { date: '2026-01-02', score: 90, passed: true }], passed: true, score: 90, date: '2026-01-02' },
    last: 'one',
    name: 'Learner, Ana',
  });
  assert.deepEqual(s, want);
  assert.deepEqual(JSON.parse(storage.map.get(KEY)), want, 'localStorage has the merge');
  assert.deepEqual(lms.calls.map((c) => c[0]), ['load', 'save'], 'load once; save because the LMS lacked module one\'s pass');
  assert.deepEqual(lms.saves()[0], want);
});

test('LMS load(): nothing to add on either side writes nothing; null or a corrupted answer is ignored', () => {
  const local = state({ modules: { one: done } });
  for (const saved of [null, undefined, local, 'garbage']) {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify(local));
    let writes = 0;
    const setItem = storage.setItem;
    storage.setItem = (k, v) => { writes++; setItem(k, v); };
    const lms = fakeLms(saved);
    const { A } = load({ course: C, localStorage: storage, lms });
    assert.deepEqual(plain(A.store().get()), local, JSON.stringify(saved));
    assert.equal(writes, 0, `${JSON.stringify(saved)}: localStorage untouched`);
    const wantSave = saved === local || !saved ? 0 : 1;
    assert.equal(lms.saves().length, wantSave, `${JSON.stringify(saved)}: LMS saves`);
  }
});

test('LMS load(): an LMS pass is kept and a lower one never replaces a better local pass', () => {
  const storage = memoryStorage();
  storage.setItem(KEY, JSON.stringify(state({ final: { attempts: [], passed: true, score: 95, date: '2026-05-01' } })));
  const lms = fakeLms(state({ final: { attempts: [], passed: true, score: 80, date: '2026-04-01' } }));
  const { A } = load({ course: C, localStorage: storage, lms });
  assert.deepEqual(plain(A.store().get().final), { attempts: [], passed: true, score: 95, date: '2026-05-01' });
  assert.equal(lms.saves()[0].final.score, 95, 'the LMS learns the better pass');
});

test('LMS save(): after every change and after reset, with a copy the LMS cannot use to change the page', () => {
  const lms = fakeLms(null, { save(s) { this.calls.push(['save', JSON.parse(JSON.stringify(s))]); s.modules.hacked = done; } });
  const { A } = load({ course: C, lms });
  const store = A.store();
  store.update((s) => { A.progress.entry(s, 'one'); s.last = 'one'; });
  store.update((s) => { A.progress.quizResult(s, 'one', 100, true, A.progress.find(C, 'one')); });
  store.reset();
  const saves = lms.saves();
  assert.equal(saves.length, 3);
  assert.deepEqual(saves[0], state({ modules: { one: { end: false, quiz: null } }, last: 'one' }));
  assert.deepEqual(saves[1].modules.one, done);
  assert.deepEqual(saves[2], state());
  assert.equal(store.get().modules.hacked, undefined);
});

test('LMS hooks that throw or are not functions are reported and never stop the course', () => {
  const con = recordingConsole();
  const lms = { load() { throw new Error('API not found'); }, save() { throw new Error('commit failed'); }, learnerName: 'Ana' };
  const { A, storage } = load({ course: C, lms, console: con });
  const store = A.store();
  let painted = 0;
  store.watch(() => { painted++; });
  store.update((s) => { s.modules.one = done; });
  assert.equal(painted, 2);
  assert.deepEqual(JSON.parse(storage.map.get(KEY)).modules.one, done);
  assert.deepEqual(con.errors(), ['aware-lms: load() failed: Error: API not found', 'aware-lms: save() failed: Error: commit failed']);
  assert.equal(A.lms('learnerName'), null, 'a hook that is not a function is absent');
  assert.equal(A.lms('exit', 'https://example.org/'), null);
});

test('AWARE.lms without an LMS is null for every hook; with one it passes the argument and returns the answer', () => {
  assert.equal(load().A.lms('load'), null);
  const got = [];
  const { A } = load({ lms: { exit(url) { got.push(url); return true; }, learnerName: () => 'Ana' } });
  assert.equal(A.lms('exit', 'https://example.org/'), true);
  assert.deepEqual(got, ['https://example.org/']);
  assert.equal(A.lms('learnerName'), 'Ana');
});

test('old saved progress on a page without the module list: learn(list) fills the facts once, and a page with the list does it on load', () => {
  const legacy = JSON.stringify(state({ modules: { one: { end: true, quiz: { attempts: 1, best: 100, passed: true } } }, last: 'one' }));
  const bare = { ...C, counts: { modules: 4, required: 3 } };
  delete bare.modules;
  const storage = memoryStorage();
  storage.setItem(KEY, legacy);
  const { A } = load({ course: bare, localStorage: storage });
  const store = A.store();
  assert.equal(A.progress.needsFacts(store.get()), true);
  assert.equal(A.progress.barLabel(store.course, store.get()), '0 of 3 required modules complete');
  store.learn(A.progress.withModules(bare, C.modules.map((m) => [m.slug, m.title, m.required, m.quiz])));
  assert.deepEqual(JSON.parse(storage.map.get(KEY)).modules.one, done, 'saved with the facts');
  assert.equal(A.progress.barLabel(store.course, store.get()), '1 of 3 required modules complete');

  const storage2 = memoryStorage();
  storage2.setItem(KEY, legacy);
  load({ course: C, localStorage: storage2 }).A.store();
  assert.deepEqual(JSON.parse(storage2.map.get(KEY)).modules.one, done, 'a page with the list migrates on load');
});
