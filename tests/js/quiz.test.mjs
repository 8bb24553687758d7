// Quiz logic (module.js and quiz.js, AWARE.quiz): reading the answer key, scoring an answer set,
// shuffling and the final assessment's draw; and the final's attempt record (final.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, plain, course, state } from './load.mjs';

const { A } = load();
const Q = A.quiz;
const F = A.final;

/** The text of a page's script.quiz-key: a JSON string of base64 of UTF-8 JSON. */
const keyText = (key) => JSON.stringify(Buffer.from(JSON.stringify(key), 'utf8').toString('base64'));

const KEY = {
  quiz: 'q',
  pass_mark: 80,
  shuffle: true,
  questions: {
    a: { kind: 'single', correct: [2], feedback: [null, '<em>No</em>', null], explanation: 'Because “2” — ünïcödé ✓' },
    b: { kind: 'true_false', correct: [0], feedback: [null, null], explanation: null },
    c: { kind: 'multiple', correct: [0, 3], feedback: [null, null, null, null], explanation: null },
    d: { kind: 'multiple', correct: [1, 2, 10], feedback: [], explanation: null },
    e: { kind: 'single', correct: [1], feedback: [], explanation: null },
  },
};

test('decode: the key round-trips, UTF-8 and markup included', () => {
  assert.deepEqual(plain(Q.decode(keyText(KEY))), KEY);
});

test('decode: an unreadable key is null, not an exception', () => {
  for (const bad of ['', 'null', '"not base64 ✓"', JSON.stringify(Buffer.from('{not json').toString('base64')), '"%%%%"', '{"a":1}', undefined]) {
    assert.equal(Q.decode(bad), null, String(bad));
  }
});

const answers = (list) => list.map(([id, response]) => ({ id, response }));
const score = (list, key = KEY) => plain(Q.score(key, answers(list)));

test('score: single choice and true/false are right only with the correct option', () => {
  assert.deepEqual(score([['a', [2]]]).answers, [{ id: 'a', kind: 'single', response: [2], correct: true }]);
  assert.equal(score([['a', [1]]]).answers[0].correct, false);
  assert.equal(score([['b', [0]]]).answers[0].correct, true);
  assert.equal(score([['b', [1]]]).answers[0].correct, false);
  assert.equal(score([['a', []]]).answers[0].correct, false, 'nothing chosen');
});

test('score: "select all that apply" is right only with exactly the correct set, in any order', () => {
  const c = (r) => score([['c', r]]).answers[0].correct;
  assert.equal(c([0, 3]), true);
  assert.equal(c([3, 0]), true, 'order does not matter');
  assert.equal(c([0]), false, 'a subset is wrong');
  assert.equal(c([0, 1, 3]), false, 'a superset is wrong');
  assert.equal(c([1, 2]), false);
  assert.equal(c([0, 0]), false, 'a repeated option is not the set');
  // Indexes compare as numbers of any size (10 is not "1" and "0").
  const d = (r) => score([['d', r]]).answers[0].correct;
  assert.equal(d([10, 2, 1]), true);
  assert.equal(d([1, 2, 1]), false);
  assert.equal(d([1, 2, 0]), false);
});

test('score: a question missing from the key is wrong and has no kind', () => {
  assert.deepEqual(score([['zz', [0]]]).answers, [{ id: 'zz', kind: null, response: [0], correct: false }]);
});

test('score: the percentage is rounded, and the pass mark itself passes', () => {
  const r = (list, mark) => { const s = score(list, { ...KEY, pass_mark: mark }); return [s.right, s.total, s.pct, s.passed]; };
  const right = [['a', [2]], ['b', [0]], ['c', [0, 3]], ['d', [1, 2, 10]], ['e', [1]]];
  const wrong = [['a', [0]], ['b', [1]], ['c', [0]], ['d', [1]], ['e', [0]]];
  assert.deepEqual(r(right, 80), [5, 5, 100, true]);
  assert.deepEqual(r([...right.slice(0, 4), wrong[4]], 80), [4, 5, 80, true], 'exactly the pass mark passes');
  assert.deepEqual(r([...right.slice(0, 3), ...wrong.slice(3)], 80), [3, 5, 60, false]);
  assert.deepEqual(r([right[0], right[1], wrong[2]], 67), [2, 3, 67, true], '2 of 3 is 67% (rounded)');
  assert.deepEqual(r([right[0], right[1], wrong[2]], 70), [2, 3, 67, false]);
  assert.deepEqual(r([right[0], wrong[1], wrong[2]], 33), [1, 3, 33, true], '1 of 3 is 33%');
  assert.deepEqual(r([right[0], right[1], right[2], wrong[3]], 80), [3, 4, 75, false]);
  assert.deepEqual(r([], 80), [0, 0, 0, false], 'no questions is not a pass');
  assert.deepEqual(r([], 0), [0, 0, 0, true]);
});

test('score: answers are reported in the order asked, with copies of the responses', () => {
  const input = answers([['e', [1]], ['a', [2]], ['c', [3, 0]]]);
  const s = Q.score(KEY, input);
  input[2].response.push(1);
  assert.deepEqual(plain(s.answers), [
    { id: 'e', kind: 'single', response: [1], correct: true },
    { id: 'a', kind: 'single', response: [2], correct: true },
    { id: 'c', kind: 'multiple', response: [3, 0], correct: true },
  ]);
});

/** A deterministic random source (mulberry32). */
function seeded(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('shuffled: a permutation, the input left as it was, the same for the same random source', () => {
  const list = ['a', 'b', 'c', 'd', 'e', 'f'];
  const out = plain(Q.shuffled(list, seeded(7)));
  assert.deepEqual(list, ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual([...out].sort(), list);
  assert.deepEqual(plain(Q.shuffled(list, seeded(7))), out);
  // With random() always 0 each element swaps with the first (Fisher–Yates, from the end).
  assert.deepEqual(plain(Q.shuffled([1, 2, 3, 4], () => 0)), [2, 3, 4, 1]);
  assert.deepEqual(plain(Q.shuffled([1, 2, 3, 4], () => 0.999)), [1, 2, 3, 4]);
  assert.deepEqual(plain(Q.shuffled([], seeded(1))), []);
});

test('shuffled: every element reaches every position about equally often', () => {
  const n = 4;
  const runs = 8000;
  const rnd = seeded(42);
  const counts = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let r = 0; r < runs; r++) Q.shuffled([0, 1, 2, 3], rnd).forEach((v, pos) => counts[v][pos]++);
  for (const row of counts) for (const c of row) assert.ok(Math.abs(c - runs / n) < runs / n * 0.1, JSON.stringify(counts));
});

test('draw: n different questions from the pool; the whole pool when n is larger', () => {
  const pool = Array.from({ length: 52 }, (_, i) => `q${i}`);
  for (let seed = 1; seed < 50; seed++) {
    const got = plain(Q.draw(pool, 20, seeded(seed)));
    assert.equal(got.length, 20);
    assert.equal(new Set(got).size, 20, 'no question twice');
    assert.ok(got.every((q) => pool.includes(q)));
  }
  assert.notDeepEqual(plain(Q.draw(pool, 20, seeded(1))), plain(Q.draw(pool, 20, seeded(2))), 'each attempt draws anew');
  assert.deepEqual(plain(Q.draw(['x', 'y'], 5, seeded(3))).sort(), ['x', 'y']);
  assert.equal(pool.length, 52);
});

/* ---------- the final assessment's record (final.js) ---------- */

test('final: every attempt is kept; the pass changes only for a higher passing score', () => {
  const s = plain(state());
  const t = A.progress.repair(s);
  F.record(t, 60, false, '2026-01-01');
  assert.deepEqual(plain(t.final), { attempts: [{ date: '2026-01-01', score: 60, passed: false }] });
  F.record(t, 85, true, '2026-01-02');
  assert.deepEqual(plain(t.final), { attempts: [{ date: '2026-01-01', score: 60, passed: false }, { date: '2026-01-02', score: 85, passed: true }], passed: true, score: 85, date: '2026-01-02' });
  // A retry after a pass that fails keeps the pass, its score and its date.
  F.record(t, 30, false, '2026-01-03');
  assert.deepEqual([t.final.passed, t.final.score, t.final.date, t.final.attempts.length], [true, 85, '2026-01-02', 3]);
  // An equal pass later keeps the first date (the certificate code covers the date).
  F.record(t, 85, true, '2026-01-04');
  assert.deepEqual([t.final.score, t.final.date], [85, '2026-01-02']);
  // A lower pass changes nothing; a higher one moves score and date.
  F.record(t, 80, true, '2026-01-05');
  assert.deepEqual([t.final.score, t.final.date], [85, '2026-01-02']);
  F.record(t, 100, true, '2026-01-06');
  assert.deepEqual([t.final.score, t.final.date, t.final.attempts.length], [100, '2026-01-06', 6]);
});

test('final: the attempts line and the draw size', () => {
  assert.equal(F.attemptsText(state()), '');
  assert.equal(F.attemptsText(state({ final: { attempts: [{ score: 40 }, { score: 95 }, { score: 70 }] } })), 'Attempts so far: 3. Best score: 95%.');
  assert.equal(F.attemptsText(state({ final: { attempts: [{ score: 0 }] } })), 'Attempts so far: 1. Best score: 0%.');
  assert.equal(F.drawSize(course(), 52), 5);
  assert.equal(F.drawSize(course(), 3), 3, 'never more than the pool');
});

test('a module quiz revisited says how earlier attempts went', () => {
  const { A } = load();
  assert.equal(A.quiz.pastText(null, 80), null);
  assert.equal(A.quiz.pastText({ attempts: 0, best: 0, passed: false }, 80), null);
  assert.equal(A.quiz.pastText({ attempts: 2, best: 100, passed: true }, 80), 'You passed (best 100%). You can take the quiz again: your pass stays.');
  assert.equal(A.quiz.pastText({ attempts: 1, best: 60, passed: false }, 80), 'Your best score so far is 60%. You need 80% to pass.');
});
