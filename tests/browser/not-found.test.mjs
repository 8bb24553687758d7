// The 404 page at any depth: a host (GitHub Pages, Netlify, Cloudflare Pages...) answers a
// missing address such as modules/nope.html with the site's 404.html, and the site may live
// in a sub-folder. The page must still be styled, link into the site and run its scripts,
// with no inline style or script (a strict Content-Security-Policy is coming).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveSite, openContext, readCourse, siteDir, expectText } from './helpers.mjs';

let browser, sub, top, course;
before(async () => {
  course = readCourse();
  [browser, sub, top] = await Promise.all([
    launchBrowser(),
    serveSite(siteDir(), '/training/course/', { notFoundPage: true }),
    serveSite(siteDir(), '/', { notFoundPage: true }),
  ]);
});
after(async () => { await browser?.close(); await sub?.close(); await top?.close(); });

async function check(server, rel) {
  const { context, page, errors, foreign } = await openContext(browser, server);
  const res = await page.goto(server.url(rel));
  assert.equal(res.status(), 404, rel);
  await expectText(page.locator('h1'), 'Page not found');
  const look = await page.evaluate(() => ({
    css: getComputedStyle(document.querySelector('.skip-link')).position === 'absolute',
    sticky: getComputedStyle(document.querySelector('.exit-bar')).position,
    sheets: Array.from(document.styleSheets).filter((s) => s.href && s.href.endsWith('/static/aware.css')).length,
  }));
  assert.deepEqual({ css: look.css, sticky: look.sticky }, { css: true, sticky: 'sticky' }, `${rel}: the stylesheet loaded (${server.base})`);
  assert.ok(look.sheets >= 1);
  // Links point into the site, whatever the depth.
  const home = page.getByRole('link', { name: 'Go to the list of modules' });
  assert.equal(await home.getAttribute('href'), server.url('index.html'));
  for (const href of await page.$$eval('.site-nav a, .exit-help a, .brand', (as) => as.map((a) => a.href))) {
    assert.ok(href.startsWith(server.base), `${href} is inside ${server.base}`);
  }
  // The usual scripts run: the progress bar and the quick exit.
  await page.waitForFunction(() => document.body.classList.contains('js'));
  await expectText(page.locator('[data-progress-label]'), /required modules? complete/);
  assert.deepEqual(errors, [], `${rel}: no script error`);
  assert.deepEqual(foreign(), []);
  await Promise.all([page.waitForURL(server.url('index.html')), home.click()]);
  await expectText(page.locator('h1'), course.title);
  await context.close();
}

for (const rel of ['nope.html', 'modules/nope.html', 'modules/old/nope.html', 'a/b/c/nope.html']) {
  test(`the 404 page is styled and links into the site at ${rel}, in a sub-folder`, () => check(sub, rel));
}
for (const rel of ['modules/nope.html', 'a/b/c/d/nope.html']) {
  test(`the 404 page is styled and links into the site at ${rel}, at the host's root`, () => check(top, rel));
}

test('Shift pressed three times leaves the 404 page too', async () => {
  const { context, page } = await openContext(browser, sub);
  const exit = new URL(course.quick_exit_url);
  await context.route((u) => u.origin === exit.origin, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title>' }));
  await page.goto(sub.url('modules/nope.html'));
  await page.waitForFunction(() => document.querySelector('.exit-bar').hasAttribute('data-aware-quick-exit-init'));
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForURL(course.quick_exit_url);
  await context.close();
});
