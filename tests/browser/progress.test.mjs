// Saved progress: it survives a reload and a new tab; "Reset my progress" asks first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, completeModule, expectText, activeMatches,
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
