// The hooks an LMS package will use (issue 9), with a fake window.AWARE_LMS set before the
// page's scripts run, as the package's own script will be: saved progress comes in through
// load() and goes out through save(), each final attempt through finalAttempt(), the
// learner's name through learnerName(), and the quick exit can be handed to exit(url).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, readToEnd, expectText, waitUntil, readQuizKey,
  activeQuestions, takeFinal,
} from './helpers.mjs';

let browser, server, course;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

/** A saved state with every required module complete (and more, if given). */
function allModulesDone(extra = {}) {
  const modules = {};
  for (const m of course.modules.filter((x) => x.required)) {
    modules[m.slug] = { end: true, quiz: m.quiz ? { attempts: 1, best: 100, passed: true } : null };
  }
  return { schema: 1, modules, final: { attempts: [] }, last: null, name: null, ...extra };
}

/** A context whose pages get a fake AWARE_LMS; returns its calls as [hook, argument]. */
async function lmsContext({ saved = null, name = null, exitHandled = false } = {}) {
  const ctx = await openContext(browser, server);
  const calls = [];
  await ctx.context.exposeBinding('__lmsCall', (_source, hook, arg) => { calls.push([hook, arg]); });
  await ctx.context.addInitScript(({ saved, name, exitHandled }) => {
    const copy = (x) => JSON.parse(JSON.stringify(x));
    window.AWARE_LMS = {
      load() { window.__lmsCall('load', null); return copy(saved); },
      save(state) { window.__lmsCall('save', copy(state)); },
      learnerName() { return name; },
      finalAttempt(r) { window.__lmsCall('finalAttempt', copy(r)); },
      exit(url) { window.__lmsCall('exit', url); return exitHandled; },
    };
  }, { saved, name, exitHandled });
  const of = (hook) => calls.filter((c) => c[0] === hook).map((c) => c[1]);
  return { ...ctx, calls, of };
}

const stored = (page) => page.evaluate(() => Object.keys(localStorage).map((k) => [k, JSON.parse(localStorage.getItem(k))]));

test('load(): the LMS\'s saved progress shows on a new computer and is kept in this browser', async () => {
  const saved = allModulesDone({ last: course.modules[0].slug });
  const { context, page, of, errors } = await lmsContext({ saved });
  await page.goto(server.url('index.html'));
  for (const m of course.modules.filter((x) => x.required)) {
    await expectText(page.locator(`.module-card [data-module-status="${m.slug}"]`), 'Complete');
  }
  await expectText(page.locator('[data-overall-progress]'), /The final assessment is open\.$/);
  const [[key, value]] = await stored(page);
  assert.equal(key, `aware:${course.id}:${course.version}`);
  // Kept as the LMS had it, each module with its facts (required, has a quiz) from the list.
  const facts = (slug) => { const x = course.modules.find((mm) => mm.slug === slug); return { required: x.required, hasQuiz: !!x.quiz }; };
  assert.deepEqual(value, { ...saved, modules: Object.fromEntries(Object.entries(saved.modules).map(([k, v]) => [k, { ...v, ...facts(k) }])) });
  await waitUntil(() => of('load').length === 1, { message: 'load() called once' });
  assert.deepEqual(of('save'), [], 'the LMS already had all of it');
  // A change is saved to the LMS at once, whole.
  const m = course.modules.find((x) => !x.required) || course.modules[0];
  await page.goto(server.url(`modules/${m.slug}.html`));
  await waitUntil(() => of('save').length >= 1, { message: 'save() after opening a module' });
  const last = of('save').at(-1);
  assert.equal(last.last, m.slug);
  assert.deepEqual(Object.keys(last.modules).sort(), Object.keys({ ...saved.modules, [m.slug]: 1 }).sort());
  assert.deepEqual(errors, []);
  await context.close();
});

test('save(): reading a module and passing its quiz are each saved to the LMS', async () => {
  const { context, page, of } = await lmsContext();
  const m = course.modules.find((x) => x.quiz);
  await page.goto(server.url(`modules/${m.slug}.html`));
  await readToEnd(page);
  const key = await readQuizKey(page);
  await page.evaluate((key) => {
    for (const f of document.querySelectorAll('section.quiz fieldset.question:not([hidden])')) {
      for (const v of key.questions[f.dataset.question].correct) f.querySelector(`input[value="${v}"]`).click();
    }
    document.querySelector('section.quiz [data-quiz-submit]').click();
  }, key);
  await waitUntil(() => of('save').some((s) => s.modules[m.slug]?.quiz?.passed), { message: 'the pass saved' });
  const saves = of('save');
  const facts = { required: m.required, hasQuiz: true };
  assert.deepEqual(saves[0].modules[m.slug], { end: false, quiz: null, ...facts }, 'opened');
  assert.ok(saves.some((s) => s.modules[m.slug].end && !s.modules[m.slug].quiz), 'read to the end');
  assert.deepEqual(saves.at(-1).modules[m.slug], { end: true, quiz: { attempts: 1, best: 100, passed: true }, ...facts });
  await context.close();
});

test('finalAttempt(): each attempt with its score and every answer as asked', async () => {
  const { context, page, of, errors } = await lmsContext({ saved: allModulesDone() });
  await page.goto(server.url('final.html'));
  const key = await readQuizKey(page);
  const asked = await activeQuestions(page);
  const r = await takeFinal(page, server, { right: 1 });
  assert.equal(r.passed, false);
  await waitUntil(() => of('finalAttempt').length === 1, { message: 'finalAttempt() called' });
  const [attempt] = of('finalAttempt');
  assert.equal(attempt.score, r.score);
  assert.equal(attempt.passed, false);
  assert.deepEqual(attempt.answers.map((a) => a.id), asked.map((q) => q.qid), 'in the order asked');
  attempt.answers.forEach((a, i) => {
    const q = key.questions[a.id];
    assert.equal(a.kind, q.kind);
    assert.equal(a.correct, i < 1, `answer ${i} marked ${a.correct}`);
    if (a.correct) assert.deepEqual([...a.response].sort(), [...q.correct].sort());
    else assert.notDeepEqual([...a.response].sort(), [...q.correct].sort());
    assert.ok(a.response.every((v) => Number.isInteger(v)));
  });
  // The state was saved before the attempt was reported.
  assert.equal(of('save').at(-1).final.attempts.length, 1);
  // A pass after it.
  await page.getByRole('button', { name: 'Try again' }).click();
  const pass = await takeFinal(page, server);
  assert.equal(pass.passed, true);
  await waitUntil(() => of('finalAttempt').length === 2, { message: 'second finalAttempt()' });
  assert.deepEqual([of('finalAttempt')[1].score, of('finalAttempt')[1].passed], [pass.score, true]);
  assert.equal(of('save').at(-1).final.passed, true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('learnerName(): prefills the certificate form, which the learner still confirms', async () => {
  const saved = allModulesDone({ final: { attempts: [{ date: '2026-02-03', score: 90, passed: true }], passed: true, score: 90, date: '2026-02-03' } });
  const { context, page } = await lmsContext({ saved, name: 'Ana Learner' });
  await page.goto(server.url('certificate.html'));
  await page.locator('[data-certificate-form]').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#learner-name').inputValue(), 'Ana Learner');
  assert.equal(await page.locator('[data-certificate]').isVisible(), false, 'not shown until confirmed');
  if (await page.locator('#attest').count()) await page.check('#attest');
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await expectText(page.locator('[data-cert-name]'), 'Ana Learner');
  assert.equal(await page.locator('[data-cert-date]').getAttribute('datetime'), '2026-02-03');
  await context.close();
  // A name the learner saved before wins over the LMS's.
  const again = await lmsContext({ saved: { ...saved, name: 'A. Learner', attested: true }, name: 'Ana Learner' });
  await again.page.goto(server.url('certificate.html'));
  await expectText(again.page.locator('[data-cert-name]'), 'A. Learner');
  assert.equal(await again.page.locator('#learner-name').inputValue(), 'A. Learner');
  await again.context.close();
});

test('exit(url): when the LMS handles the quick exit the page does not navigate itself', async () => {
  const { context, page, of } = await lmsContext({ exitHandled: true });
  await page.goto(server.url(`modules/${course.modules[0].slug}.html`));
  const url = page.url();
  await page.getByRole('link', { name: 'Exit this page' }).click();
  await waitUntil(() => of('exit').length === 1, { message: 'exit() called' });
  assert.deepEqual(of('exit'), [course.quick_exit_url]);
  await page.waitForTimeout(200);
  assert.equal(page.url(), url);
  assert.equal(await page.evaluate(() => document.body.style.visibility), 'hidden', 'the page is hidden at once');
  await context.close();
});

test('exit(url): when the LMS does not handle it the page leaves as usual', async () => {
  const { context, page, of } = await lmsContext({ exitHandled: false });
  const exit = new URL(course.quick_exit_url);
  await context.route((u) => u.origin === exit.origin, (r) => r.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }));
  await page.goto(server.url('index.html'));
  await page.locator('main h1').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForURL(course.quick_exit_url);
  assert.deepEqual(of('exit'), [course.quick_exit_url]);
  await context.close();
});
