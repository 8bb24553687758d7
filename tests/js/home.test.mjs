// What the home page says (home.js, AWARE.home): where to continue, the overall line, the
// module cards and when Reset is offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, course, state, plain } from './load.mjs';

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

test('the overall line, with a link to the final assessment once every required module is complete', () => {
  const all = { one: done, two: { end: true, quiz: null }, three: done };
  const line = (s, c = C) => plain(H.overall(c, s));
  assert.deepEqual(line(state()), ['You have completed 0 of 3 required modules.']);
  assert.deepEqual(line(state({ modules: { one: done, extra: done } })), ['You have completed 1 of 3 required modules.']);
  assert.deepEqual(line(state({ modules: all })),
    ['You have completed 3 of 3 required modules.', ' ', { text: 'The final assessment is open', href: 'final.html' }, '.']);
  assert.deepEqual(line(state({ modules: all, final: { attempts: [], passed: true, score: 90, date: 'd' } })),
    ['You have completed 3 of 3 required modules. You passed the final assessment.']);
  assert.deepEqual(line(state({ modules: all }), course({ final: null })), ['You have completed 3 of 3 required modules.']);
  assert.deepEqual(line(state(), course({ modules: [C.modules[0]] })), ['You have completed 0 of 1 required module.']);
});

test('the main button follows the learner: start, continue, the final, the certificate', () => {
  const all = { one: done, two: { end: true, quiz: null }, three: done };
  const next = (s, c = C) => plain(H.next(c, s));
  assert.deepEqual(next(state()), { stage: 'start', label: 'Start the course', href: 'modules/one.html' });
  assert.deepEqual(next(state({ modules: { one: done }, last: 'one' })),
    { stage: 'continue', label: 'Continue the course', href: 'modules/two.html', title: 'Module two' });
  assert.deepEqual(next(state({ modules: { extra: { end: false, quiz: null } }, last: 'extra' })).href, 'modules/extra.html');
  assert.deepEqual(next(state({ modules: all, last: 'three' })), { stage: 'final', label: 'Take the final assessment', href: 'final.html' });
  assert.deepEqual(next(state({ modules: all, final: { attempts: [{ date: 'd', score: 40, passed: false }] } })).stage, 'final', 'after a failed attempt');
  assert.deepEqual(next(state({ modules: all, final: { attempts: [], passed: true, score: 90, date: 'd' } })),
    { stage: 'certificate', label: 'Get your certificate', href: 'certificate.html' });
  assert.deepEqual(next(state({ modules: all }), course({ final: null })).stage, 'certificate', 'no final: the certificate once the modules are done');
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

test('a long course\'s list in pieces: the start of the list answers when it can, else asks for more', () => {
  const [one, two] = C.modules;
  const first = course({ modules: [one], counts: { modules: 4, required: 3 } });
  const facts = { required: true, hasQuiz: false };
  // The first required module not complete is in the piece: no more needed.
  assert.equal(slug(H.resume(first, state({ modules: { extra: done }, last: 'extra' }), true)), 'one');
  // All of the piece is complete: the next piece is needed (undefined, not null).
  assert.equal(H.resume(first, state({ modules: { one: done }, last: 'one' }), true), undefined);
  assert.deepEqual(plain(H.next(first, state({ modules: { one: done }, last: 'one' }), true)),
    { stage: 'continue', label: 'Continue the course', href: null, more: true });
  // The last module opened, not in the pieces so far, is known from its saved facts.
  const later = state({ modules: { one: done, nine: { end: false, quiz: null, ...facts } }, last: 'nine' });
  assert.deepEqual(plain(H.next(first, later, true)), { stage: 'continue', label: 'Continue the course', href: 'modules/nine.html' });
  // With the whole list (no part), a module missing from it is never suggested.
  assert.equal(slug(H.resume(course({ modules: [one, two] }), later)), 'two');
  // Whether all is done comes from the counts, not from the pieces so far.
  const all = { one: { ...done, required: true, hasQuiz: true }, two: { end: true, quiz: null, ...facts }, three: { ...done, required: true, hasQuiz: true } };
  assert.equal(H.next(first, state({ modules: all }), true).stage, 'final');
  assert.equal(H.next(first, state({ modules: { one: { ...done, required: true, hasQuiz: true } } }), true).more, true);
});
