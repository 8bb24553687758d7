// Stored progress never locks a learner out: corrupted or unexpected shapes in localStorage
// leave a working quiz and a working "Reset my progress", and progress saved by a newer
// version of the site is never written over (the store is read-only and says so).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, readQuizKey, answerQuiz, submitQuiz, expectText, waitUntil,
} from './helpers.mjs';

let browser, server, course, key, mod;
before(async () => {
  course = readCourse();
  key = `aware:${course.id}:${course.version}`;
  mod = course.modules.find((m) => m.quiz && m.required);
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

const CORRUPTED = {
  'modules is null': '{"schema":1,"modules":null}',
  'a null final attempt': '{"schema":1,"modules":{},"final":{"attempts":[null]}}',
  'a module whose quiz is a string': () => JSON.stringify({ schema: 1, modules: { [mod.slug]: { end: true, quiz: 'passed' } } }),
  'modules is an array': '{"schema":1,"modules":[]}',
  'a non-numeric score': '{"schema":1,"modules":{},"final":{"passed":true,"score":"high","attempts":[{"date":"2026-01-01","score":"x","passed":true}]}}',
  'not JSON at all': '{"schema":1,"modules":',
};

/** A context whose localStorage holds `raw` for this course, and a console recorder. */
async function seeded(raw) {
  const ctx = await openContext(browser, server);
  const logged = [];
  ctx.page.on('console', (m) => { if (m.type() === 'error') logged.push(m.text()); });
  await ctx.page.goto(server.url('safety.html'));
  await ctx.page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, raw]);
  return { ...ctx, logged, stored: () => ctx.page.evaluate((k) => localStorage.getItem(k), key) };
}

async function passQuiz(page) {
  await page.goto(server.url(`modules/${mod.slug}.html`));
  const k = await readQuizKey(page);
  await answerQuiz(page, k);
  const r = await submitQuiz(page);
  assert.equal(r.passed, true, r.text);
}

async function resetFromHome(page) {
  await page.goto(server.url(''));
  const reset = page.locator('[data-reset-progress]');
  await waitUntil(() => reset.isVisible(), { message: 'Reset shown' });
  page.once('dialog', (d) => d.accept());
  await reset.click();
  await waitUntil(async () => !(await reset.isVisible()), { message: 'Reset done' });
}

for (const [what, value] of Object.entries(CORRUPTED)) {
  test(`stored progress with ${what}: the quiz works, progress is saved again and Reset works`, async () => {
    const raw = typeof value === 'function' ? value() : value;
    const { context, page, errors, logged, stored } = await seeded(raw);
    await passQuiz(page);
    const saved = JSON.parse(await stored());
    assert.equal(saved.schema, 1);
    assert.equal(saved.modules[mod.slug].quiz.passed, true, 'the pass is saved in a valid state');
    await page.goto(server.url(''));
    await expectText(page.locator(`.module-card [data-module-status="${mod.slug}"]`), /Complete|In progress|Quiz to pass/);
    await resetFromHome(page);
    assert.equal(await stored(), null, 'Reset removed the stored progress');
    assert.deepEqual(errors, []);
    assert.deepEqual(logged, []);
    await context.close();
  });
}

test('progress saved by a newer version is never written over; the pages say so; Reset still works', async () => {
  const raw = JSON.stringify({ schema: 2, learner: { modules: [mod.slug] }, note: 'from a newer site' });
  const { context, page, errors, logged, stored } = await seeded(raw);
  await page.goto(server.url(`modules/${mod.slug}.html`));
  await expectText(page.locator('[data-progress-label]'), /newer version of this course.*nothing you do here is saved/);
  await passQuiz(page);
  await expectText(page.locator('.module-header [data-module-status]'), /Complete|Quiz to pass|In progress/);
  assert.equal(await stored(), raw, 'the newer progress is untouched after a quiz');
  await page.goto(server.url('final.html'));
  assert.equal(await stored(), raw, 'and after other pages');
  await resetFromHome(page);
  assert.equal(await stored(), null);
  await expectText(page.locator('[data-progress-label]'), /^0 of \d+ required modules? complete$/);
  assert.deepEqual(errors, []);
  assert.deepEqual(logged, []);
  await context.close();
});

test('progress saved before modules kept their facts: a module page loads modules.js once, counts it right and saves the facts', async () => {
  const required = course.modules.filter((m) => m.required);
  const done = required.slice(0, 2);
  const legacy = { schema: 1, modules: {}, final: { attempts: [] }, last: done[0].slug, name: null };
  for (const m of done) legacy.modules[m.slug] = { end: true, quiz: m.quiz ? { attempts: 1, best: 100, passed: true } : null };
  const { context, page, requests, logged, stored } = await seeded(JSON.stringify(legacy));
  const other = course.modules.find((m) => !done.includes(m));
  await page.goto(server.url(`modules/${other.slug}.html`));
  await expectText(page.locator('[data-progress-label]'), `${done.length} of ${required.length} required modules complete`);
  const saved = JSON.parse(await stored());
  for (const m of done) assert.deepEqual(saved.modules[m.slug], { ...legacy.modules[m.slug], required: true, hasQuiz: !!m.quiz }, m.slug);
  assert.equal(requests.filter((u) => u.endsWith('/modules.js')).length, 1, 'the list loaded once, to fill the facts in');
  const before = requests.length;
  await page.goto(server.url(`modules/${other.slug}.html`));
  await expectText(page.locator('[data-progress-label]'), `${done.length} of ${required.length} required modules complete`);
  assert.equal(requests.slice(before).filter((u) => u.endsWith('/modules.js')).length, 0, 'not again: the facts are saved');
  assert.deepEqual(logged, []);
  await context.close();
});
