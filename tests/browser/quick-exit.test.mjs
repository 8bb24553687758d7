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

test('Shift used with other keys (Shift+Tab, capitals) or with a pause of more than 5 s does not exit', async () => {
  const ctx = await setup();
  const { page, context, exitHits } = ctx;
  const url = page.url();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('Shift+B');
  await page.keyboard.press('Shift+C');
  // Shift held down while Tab is pressed and released after it: a modifier, not a press.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.down('Shift');
    await page.keyboard.down('Tab');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Tab');
  }
  // Two presses, another key (starts over), two presses, a pause longer than 5 s, one more.
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('a');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(5300);
  assert.equal(await page.locator('.exit-lights').isVisible(), false, 'the lights go out when the 5 s are up');
  await expectText(page.locator('.exit-bar [role=status]'), 'Exit this page expired.');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  assert.equal(page.url(), url, 'still on the course page');
  assert.equal(exitHits.length, 0);
  await context.close();
});

test('Shift pressed three times 600 ms apart exits, with lights and a spoken count', async () => {
  const ctx = await setup();
  const { page, context } = ctx;
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  const lights = page.locator('.quick-exit .exit-lights');
  const status = page.locator('.exit-bar [role=status]');
  assert.equal(await lights.isVisible(), false, 'no lights before the first press');
  assert.equal(await lights.getAttribute('aria-hidden'), 'true');
  const before = await page.evaluate(() => history.length);
  await page.keyboard.press('Shift');
  assert.equal(await lights.isVisible(), true, 'the lights show from the first press');
  assert.equal(await lights.locator('.exit-light').count(), 3);
  assert.equal(await lights.getAttribute('data-on'), '1');
  await expectText(status, 'Shift, press 2 more times to exit.');
  await page.waitForTimeout(600);
  await page.keyboard.press('Shift');
  assert.equal(await lights.getAttribute('data-on'), '2');
  await expectText(status, 'Shift, press 1 more time to exit.');
  await page.waitForTimeout(600);
  await page.keyboard.press('Shift');
  await assertReplaced(ctx, before);
  await context.close();
});

test('after home, two modules and an exit, Back does not return to the course', async () => {
  const ctx = await setup();
  const { page, context } = ctx;
  const [one, two] = course.modules;
  const start = await page.evaluate(() => history.length);
  await Promise.all([page.waitForURL(/index\.html$/), page.locator('.site-nav').getByRole('link', { name: 'Modules' }).click()]);
  await Promise.all([page.waitForURL(new RegExp(`${one.slug}\\.html$`)), page.locator(`.module-card a[href$="${one.slug}.html"]`).click()]);
  // An in-page link (the table of contents) does not add an entry either.
  const toc = page.locator('nav.toc a').first();
  if (await toc.count()) {
    await toc.click();
    await page.waitForURL(/#/);
  }
  await Promise.all([page.waitForURL(new RegExp(`${two.slug}\\.html$`)), page.locator('a.pager-next').click()]);
  assert.equal(await page.evaluate(() => history.length), start, 'every page inside the course replaced the one before');
  await page.getByRole('link', { name: 'Exit this page' }).click();
  await page.waitForURL(exitUrl);
  await page.goBack();
  assert.equal(page.url(), START, `Back leaves the course (at ${page.url()})`);
  await context.close();
});

test('a link with a modifier key, or to another site, is left to the browser', async () => {
  const ctx = await setup();
  const { page, context } = ctx;
  const other = await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = 'https://start-page.invalid/';
    a.textContent = 'elsewhere';
    a.id = 'elsewhere';
    document.querySelector('main').prepend(a);
    return history.length;
  });
  await Promise.all([page.waitForURL(START), page.locator('#elsewhere').click()]);
  assert.equal(await page.evaluate(() => history.length), other + 1, 'a link to another site adds an entry');
  await context.close();
});

/** The module whose page is tallest at this viewport. */
async function longestModule(page) {
  let best = null;
  for (const m of course.modules) {
    await page.goto(server.url(`modules/${m.slug}.html`));
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    if (!best || h > best.h) best = { m, h };
  }
  return best;
}

const inViewport = (page, sel) => page.locator(sel).evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, ok: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth && r.height > 0 };
});

test('"Exit this page" stays on screen at the bottom of the longest module on a 375 × 812 phone', async () => {
  const { context, page } = await openContext(browser, server, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const { m, h } = await longestModule(page);
  assert.ok(h > 5000, `the longest module (${m.slug}) is long: ${h} px`);
  await page.goto(server.url(`modules/${m.slug}.html`));
  assert.ok((await inViewport(page, '.quick-exit')).ok, 'on screen at the top');
  for (const y of [h / 3, h / 2, h]) {
    await page.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), y);
    await page.waitForTimeout(50);
    const r = await inViewport(page, '.quick-exit');
    assert.ok(r.ok, `on screen after scrolling to ${Math.round(y)} px: ${JSON.stringify(r)}`);
  }
  assert.ok(await page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2), 'scrolled to the very bottom');
  // It still works from there.
  const exit = new URL(exitUrl);
  await context.route((u) => u.origin === exit.origin, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title>' }));
  await page.locator('.quick-exit').tap();
  await page.waitForURL(exitUrl);
  await context.close();
});

test('the sticky bar never hides the focused element (WCAG 2.4.11), tabbing forwards and back, nor an anchor\'s target', async () => {
  for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 720 }]) {
    // Reduced motion: the page scrolls to the focus at once (smooth scrolling would need waits).
    const { context, page } = await openContext(browser, server, { viewport, reducedMotion: 'reduce' });
    const m = course.modules.find((x) => x.quiz) || course.modules[0];
    await page.goto(server.url(`modules/${m.slug}.html`));
    const covered = [];
    const check = async (step) => {
      const r = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || a === document.body || a.closest('.exit-bar')) return null;
        const bar = document.querySelector('.exit-bar');
        const e = a.getBoundingClientRect();
        // What is drawn at the middle of the focused element: the bar means it is hidden.
        const x = Math.min(Math.max(e.left + e.width / 2, 0), innerWidth - 1);
        const y = e.top + Math.min(e.height / 2, 8);
        const top = y >= 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
        return { what: a.tagName + ' ' + (a.textContent || a.value || '').trim().slice(0, 30), hidden: !top || bar.contains(top), top: e.top, bar: bar.getBoundingClientRect().bottom };
      });
      if (r && r.hidden) covered.push(`${step}: ${JSON.stringify(r)}`);
    };
    for (let i = 0; i < 60; i++) { await page.keyboard.press('Tab'); await check(`Tab ${i + 1}`); }
    for (let i = 0; i < 60; i++) { await page.keyboard.press('Shift+Tab'); await check(`Shift+Tab ${i + 1}`); }
    assert.deepEqual(covered, [], `at ${viewport.width} px`);
    // A link to a heading lands below the bar, not under it.
    const toc = page.locator('nav.toc a').nth(1);
    if (await toc.count()) {
      const id = (await toc.getAttribute('href')).slice(1);
      await toc.click();
      await page.waitForTimeout(600);
      const r = await page.evaluate((id) => ({ top: document.getElementById(id).getBoundingClientRect().top, bar: document.querySelector('.exit-bar').getBoundingClientRect().bottom }), id);
      assert.ok(r.top >= r.bar, `heading #${id} is below the bar: ${JSON.stringify(r)}`);
    }
    await context.close();
  }
});
