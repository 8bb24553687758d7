// What the home page says (home.js, AWARE.home): where to continue, the overall line, the
// module cards and when Reset is offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, course, state } from './load.mjs';

const { A } = load();
const H = A.home;
const C = course();
const done = { end: true, quiz: { attempts: 1, best: 100, passed: true } };
const slug = (m) => (m ? m.slug : null);

test('resume: nothing before the first module is opened', () => {
  assert.equal(H.resume(C, state()), null);
  assert.equal(H.resume(C, state({ last: 'two' })), null, 'a last module without any progress');
});

test('resume: the last module opened while it is not complete, else the first required one that is not', () => {
  assert.equal(slug(H.resume(C, state({ modules: { two: { end: false, quiz: null } }, last: 'two' }))), 'two');
  assert.equal(slug(H.resume(C, state({ modules: { one: done }, last: 'one' }))), 'two');
  // An optional module is resumed when it was the last one opened, never suggested otherwise.
  assert.equal(slug(H.resume(C, state({ modules: { extra: { end: false, quiz: null } }, last: 'extra' }))), 'extra');
  assert.equal(slug(H.resume(C, state({ modules: { one: done, two: { end: true, quiz: null } }, last: 'two' }))), 'three');
  // A last module that is no longer in the course (an old slug).
  assert.equal(slug(H.resume(C, state({ modules: { gone: done }, last: 'gone' }))), 'one');
  assert.equal(H.resume(C, state({ modules: { one: done, two: { end: true, quiz: null }, three: done }, last: 'three' })), null, 'all done');
});

test('the overall line, with the final assessment once every required module is complete', () => {
  const all = { one: done, two: { end: true, quiz: null }, three: done };
  assert.equal(H.overall(C, state()), 'You have completed 0 of 3 required modules.');
  assert.equal(H.overall(C, state({ modules: { one: done, extra: done } })), 'You have completed 1 of 3 required modules.');
  assert.equal(H.overall(C, state({ modules: all })), 'You have completed 3 of 3 required modules. The final assessment is open.');
  assert.equal(H.overall(C, state({ modules: all, final: { attempts: [], passed: true, score: 90, date: 'd' } })),
    'You have completed 3 of 3 required modules. You passed the final assessment.');
  assert.equal(H.overall(course({ final: null }), state({ modules: all })), 'You have completed 3 of 3 required modules.');
});

test('module cards: new, started, complete', () => {
  const [one] = C.modules;
  assert.equal(H.cardState(state(), one), 'new');
  assert.equal(H.cardState(state({ modules: { one: { end: true, quiz: null } } }), one), 'started');
  assert.equal(H.cardState(state({ modules: { one: done } }), one), 'complete');
});

test('Reset is offered once there is anything to reset', () => {
  assert.equal(H.hasProgress(state()), false);
  assert.equal(H.hasProgress(state({ modules: { one: { end: false, quiz: null } } })), true);
  assert.equal(H.hasProgress(state({ final: { attempts: [{ date: 'd', score: 10, passed: false }] } })), true);
  assert.equal(H.hasProgress(state({ name: 'Ana', last: 'one' })), false);
});
