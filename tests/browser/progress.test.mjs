// Saved progress: it survives a reload and a new tab; "Reset my progress" asks first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, completeModule, expectText, activeMatches,
  readQuizKey, answerQuiz, submitQuiz, readToEnd,
} from './helpers.mjs';

let browser, server, course;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

const requiredCount = () => course.modules.filter((m) => m.required).length;

async function homeShowsFirstComplete(page) {
  const [first, second] = course.modules;
  await expectText(page.locator(`.module-card [data-module-status="${first.slug}"]`), 'Complete');
  await expectText(page.locator(`.module-card [data-module-status="${second.slug}"]`), 'Not started');
  assert.equal(await page.locator(`[data-module-card="${first.slug}"]`).getAttribute('data-state'), 'complete');
  await expectText(page.locator('[data-progress-label]'), `1 of ${requiredCount()} required modules complete`);
  // "Continue" points at the next module to do.
  const resume = page.locator('[data-resume-link]');
  assert.equal(await resume.isVisible(), true);
  assert.equal(await resume.getAttribute('href'), `modules/${second.slug}.html`);
  await expectText(resume, `Continue where you left off: ${second.title}`);
  assert.equal(await page.locator('[data-start]').isVisible(), false);
  assert.equal(await page.locator('[data-reset-progress]').isVisible(), true);
}

async function homeShowsNothingDone(page) {
  for (const m of course.modules) await expectText(page.locator(`.module-card [data-module-status="${m.slug}"]`), 'Not started');
  await expectText(page.locator('[data-progress-label]'), `0 of ${requiredCount()} required modules complete`);
  assert.equal(await page.locator('[data-reset-progress]').isVisible(), false);
  assert.equal(await page.locator('[data-resume]').isVisible(), false);
  assert.equal(await page.locator('[data-start]').isVisible(), true);
}

test('progress survives a reload and shows in a new tab', async () => {
  const { context, page } = await openContext(browser, server);
  await page.goto(server.url(''));
  await homeShowsNothingDone(page);
  await completeModule(page, server, course.modules[0]);
  await page.goto(server.url(''));
  await homeShowsFirstComplete(page);
  await page.reload();
  await homeShowsFirstComplete(page);
  await page.goto(server.url(`modules/${course.modules[0].slug}.html`));
  await expectText(page.locator('.module-header [data-module-status]'), 'Complete');
  const tab = await context.newPage();
  await tab.goto(server.url('index.html'));
  await homeShowsFirstComplete(tab);
  await context.close();
});

test('"Reset my progress": dismissing keeps progress, accepting clears it', async () => {
  const { context, page, dialogs } = await openContext(browser, server);
  await completeModule(page, server, course.modules[0]);
  await page.goto(server.url(''));
  await homeShowsFirstComplete(page);

  page.once('dialog', (d) => d.dismiss());
  await page.locator('[data-reset-progress]').click();
  await homeShowsFirstComplete(page);
  await page.reload();
  await homeShowsFirstComplete(page);

  page.once('dialog', (d) => d.accept());
  await page.locator('[data-reset-progress]').click();
  await homeShowsNothingDone(page);
  assert.ok(await activeMatches(page, '#modules-title'), 'focus moves to the module list');
  await page.reload();
  await homeShowsNothingDone(page);
  await page.goto(server.url(`modules/${course.modules[0].slug}.html`));
  await expectText(page.locator('.module-header [data-module-status]'), 'In progress');

  assert.equal(dialogs.length, 2);
  for (const d of dialogs) {
    assert.equal(d.type, 'confirm');
    assert.match(d.message, /^Reset your progress\?/);
  }
  await context.close();
});

test('two tabs open at once: each saves its own module and neither loses the other', async () => {
  const { context, page: a } = await openContext(browser, server);
  const b = await context.newPage();
  const [first, second] = course.modules.filter((m) => m.required && m.quiz);
  // Both tabs load (and read the saved state) before either saves anything.
  await a.goto(server.url(`modules/${first.slug}.html`));
  await b.goto(server.url(`modules/${second.slug}.html`));
  for (const [page, m] of [[a, first], [b, second]]) {
    await readToEnd(page);
    await answerQuiz(page, await readQuizKey(page));
    const r = await submitQuiz(page);
    assert.equal(r.passed, true, `${m.slug} passed`);
    await expectText(page.locator('.module-header [data-module-status]'), 'Complete');
  }
  // Tab A, never reloaded, sees B's module as complete too (storage event), and so does home.
  await expectText(a.locator('[data-progress-label]'), `2 of ${requiredCount()} required modules complete`);
  await a.goto(server.url('index.html'));
  for (const m of [first, second]) await expectText(a.locator(`.module-card [data-module-status="${m.slug}"]`), 'Complete');
  await context.close();
});
