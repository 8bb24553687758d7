// Quick exit: "Exit this page" and Shift pressed three times replace the course page with
// the configured neutral site (intercepted here, so nothing leaves the machine).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveSite, openContext, readCourse, expectText } from './helpers.mjs';

let browser, server, course, exitUrl;
const START = 'https://start-page.invalid/'; // a page visited before the course, fulfilled locally
before(async () => {
  course = readCourse();
  exitUrl = course.quick_exit_url;
  assert.match(exitUrl, /^https?:\/\//, 'the course configures a quick_exit_url');
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

/** A context where the start page and the exit site are tiny local pages. */
async function setup() {
  const ctx = await openContext(browser, server);
  const exitHits = [];
  await ctx.context.route(START, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Start</title><p>Somewhere else</p>' }));
  const exit = new URL(exitUrl);
  await ctx.context.route((u) => u.origin === exit.origin, (r) => {
    exitHits.push({ url: r.request().url(), headers: r.request().headers() });
    r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Forecast</p>' });
  });
  await ctx.page.goto(START);
  await ctx.page.goto(server.url(`modules/${course.modules[0].slug}.html`));
  await expectText(ctx.page.locator('h1'), course.modules[0].title);
  return { ...ctx, exitHits };
}

async function assertReplaced({ page, exitHits }, lengthBefore) {
  await page.waitForURL(exitUrl);
  assert.equal(await page.title(), 'Weather');
  assert.equal(exitHits.length, 1, 'the exit site was requested once');
  assert.equal(exitHits[0].headers.referer, undefined, 'no Referer tells the exit site where the learner was');
  assert.equal(await page.evaluate(() => document.referrer), '');
  assert.equal(await page.evaluate(() => history.length), lengthBefore, 'history did not grow: the course page was replaced');
  await page.goBack();
  assert.equal(page.url(), START, 'Back skips the course page');
  assert.equal(await page.title(), 'Start');
}

test('"Exit this page" replaces the course page with the quick exit site', async () => {
  const ctx = await setup();
  const { page, context } = ctx;
  const link = page.getByRole('link', { name: 'Exit this page' });
  assert.equal(await link.getAttribute('href'), exitUrl, 'works without JavaScript too');
  const before = await page.evaluate(() => history.length);
  await link.click();
  await assertReplaced(ctx, before);
  await context.close();
});

test('pressing Shift three times replaces the course page with the quick exit site', async () => {
  const ctx = await setup();
  const { page, context } = ctx;
  // Focus inside the page, as a learner reading it would be.
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  const before = await page.evaluate(() => history.length);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await assertReplaced(ctx, before);
  await context.close();
});

test('Shift used with other keys (Shift+Tab, capitals) or pressed slowly does not exit', async () => {
  const ctx = await setup();
  const { page, context, exitHits } = ctx;
  const url = page.url();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('Shift+B');
  await page.keyboard.press('Shift+C');
  // Two presses, a pause longer than the window, then one more.
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(1200);
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  assert.equal(page.url(), url, 'still on the course page');
  assert.equal(exitHits.length, 0);
  await context.close();
});
