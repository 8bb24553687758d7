// Saved progress: it survives a reload and a new tab; "Reset my progress" asks first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, completeModule, expectText, activeMatches,
  readQuizKey, answerQuiz, submitQuiz, readToEnd, completeModulesQuickly, passFinalQuickly,
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
  // "Continue" points at the next module to do, named for screen readers.
  const button = page.locator('[data-start-link]');
  assert.equal(await button.getAttribute('href'), `modules/${second.slug}.html`);
  await expectText(button, `Continue the course: ${second.title}`);
  assert.equal(await button.evaluate((b) => { const c = b.cloneNode(true); c.querySelectorAll('.visually-hidden').forEach((e) => e.remove()); return c.textContent.trim(); }), 'Continue the course', 'the visible label is short');
  assert.equal(await page.locator('[data-reset-progress]').isVisible(), true);
}

async function homeShowsNothingDone(page) {
  for (const m of course.modules) await expectText(page.locator(`.module-card [data-module-status="${m.slug}"]`), 'Not started');
  await expectText(page.locator('[data-progress-label]'), `0 of ${requiredCount()} required modules complete`);
  assert.equal(await page.locator('[data-reset-progress]').isVisible(), false);
  await expectText(page.locator('[data-start-link]'), 'Start the course');
  assert.equal(await page.locator('[data-start-link]').getAttribute('href'), `modules/${course.modules[0].slug}.html`);
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

test('the home page\'s main button follows the learner: start, continue, the final, the certificate', async () => {
  const { context, page } = await openContext(browser, server);
  const button = page.locator('[data-start-link]');
  const overall = page.locator('[data-overall-progress]');
  const home = async (label, href) => {
    await page.goto(server.url(''));
    await expectText(button, label);
    assert.equal(await button.getAttribute('href'), href, label);
  };
  await home('Start the course', `modules/${course.modules[0].slug}.html`);
  await completeModule(page, server, course.modules[0]);
  await home(new RegExp(`^Continue the course: ${course.modules[1].title}$`), `modules/${course.modules[1].slug}.html`);
  await completeModulesQuickly(page, server, course);
  await home('Take the final assessment', 'final.html');
  await expectText(overall, /The final assessment is open\.$/);
  assert.equal(await overall.getByRole('link', { name: 'The final assessment is open' }).getAttribute('href'), 'final.html');
  await passFinalQuickly(page, server);
  await home('Get your certificate', 'certificate.html');
  await expectText(overall, /You passed the final assessment\.$/);
  await context.close();
});
