// Where the site can live: opened straight from disk (file://) and served under a sub-path
// over HTTP. Also measures what one module page costs to load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  launchBrowser, serveSite, openContext, readCourse, siteDir, sitePages, readToEnd, readQuizKey,
  answerQuiz, submitQuiz, expectText, pathToFileURL, BASE_PATH, HERE,
} from './helpers.mjs';

let browser, server, course;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

test('the site works from file://: a module quiz is saved and progress shows', async () => {
  const { context, page, requests, errors } = await openContext(browser, null);
  const home = pathToFileURL(path.join(siteDir(), 'index.html')).href;
  await page.goto(home);
  assert.equal(await page.evaluate(() => document.body.classList.contains('js')), true, 'aware.js ran');
  assert.equal(await page.evaluate(() => !!window.AWARE_COURSE), true, 'course.js loaded');
  assert.equal(await page.locator('.skip-link').evaluate((e) => getComputedStyle(e).position), 'absolute', 'aware.css loaded');
  const first = course.modules[0];
  await Promise.all([page.waitForURL(/modules\//), page.getByRole('link', { name: 'Start the course' }).click()]);
  assert.equal(page.url(), pathToFileURL(path.join(siteDir(), 'modules', `${first.slug}.html`)).href);
  await readToEnd(page);
  const key = await readQuizKey(page);
  await answerQuiz(page, key);
  const r = await submitQuiz(page);
  assert.equal(r.passed, true);
  await Promise.all([page.waitForURL(/index\.html$/), page.locator('.breadcrumbs').getByRole('link', { name: 'Modules' }).click()]);
  await expectText(page.locator(`.module-card [data-module-status="${first.slug}"]`), 'Complete');
  await expectText(page.locator('[data-progress-label]'), new RegExp(`^1 of ${course.modules.filter((m) => m.required).length} required modules complete`));
  // Relative links work from disk: the glossary and back.
  await page.locator('.site-nav').getByRole('link', { name: 'Glossary' }).click();
  await expectText(page.locator('h1'), 'Glossary');
  assert.ok(requests.length > 0);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'only files were loaded');
  assert.deepEqual(errors, []);
  await context.close();
});

test('every page works under a sub-path over HTTP: its files load and its links resolve', async () => {
  const { context, page, requests, foreign, errors } = await openContext(browser, server);
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  // A favicon still loading when the test moves on is cancelled (its link is checked below).
  page.on('requestfailed', (r) => { if (!(r.url().endsWith('/favicon.svg') && /ABORTED/.test(r.failure()?.errorText || ''))) failed.push(`failed ${r.url()}`); });
  // 404.html offers its files at several depths on purpose: not-found.test.mjs covers it.
  const pages = sitePages().filter((p) => p !== '404.html');
  assert.ok(pages.includes('index.html') && pages.some((p) => p.startsWith('modules/')));
  const links = new Set();
  for (const rel of pages) {
    const res = await page.goto(server.url(rel));
    assert.equal(res.status(), 200, rel);
    const ok = await page.evaluate(() => ({
      js: document.body.classList.contains('js'),
      course: !!window.AWARE_COURSE,
      css: getComputedStyle(document.querySelector('.skip-link')).position === 'absolute',
    }));
    assert.deepEqual(ok, { js: true, course: true, css: true }, `scripts and styles run on ${rel}`);
    for (const href of await page.$$eval('a[href], link[href], script[src], img[src]', (els) => els.map((e) => e.href || e.src))) {
      if (href.startsWith(server.origin)) links.add(href.split('#')[0]);
    }
  }
  assert.deepEqual(failed, [], 'no request failed');
  // Every same-site link and file reference resolves under the sub-path.
  const broken = [];
  for (const href of links) {
    assert.ok(new URL(href).pathname.startsWith(BASE_PATH), `${href} stays under ${BASE_PATH}`);
    const res = await fetch(href, { method: 'HEAD' });
    if (res.status !== 200) broken.push(`${res.status} ${href}`);
  }
  assert.deepEqual(broken, [], 'no broken links');
  assert.deepEqual(foreign(), []);
  assert.ok(requests.every((u) => u.startsWith(server.base)));
  // The server itself: the sub-path without its slash redirects; outside it, nothing.
  assert.equal((await fetch(server.base.slice(0, -1), { redirect: 'manual' })).status, 301);
  assert.equal((await fetch(server.origin + '/index.html')).status, 404);
  assert.equal((await fetch(server.url('no-such-page.html'))).status, 404);
  assert.deepEqual(errors, []);
  await context.close();
});

/** What a module page loads at page load (HTML, CSS, JS, course data, images), measured at
    the server: { requests, html, css, js, courseJs, modulesJs, other, total, files }. */
async function moduleWeight(srv, slug) {
  const { context, page, requests, foreign } = await openContext(browser, srv);
  const from = srv.hits.length;
  await page.goto(srv.url(`modules/${slug}.html`));
  await page.waitForLoadState('networkidle');
  const hits = srv.hits.slice(from);
  const kind = (h) => /course\.js$/.test(h.url) ? 'courseJs' : /modules\.js$/.test(h.url) ? 'modulesJs' : (/\.(html|css|js)$/.exec(h.url) || ['', 'other'])[1];
  const weight = { requests: requests.length, html: 0, css: 0, js: 0, courseJs: 0, modulesJs: 0, other: 0, files: hits.map((h) => `${h.url.replace(BASE_PATH, '')} ${h.bytes}`) };
  for (const h of hits) weight[kind(h)] += h.bytes;
  weight.total = hits.reduce((n, h) => n + h.bytes, 0);
  assert.equal(hits.length, requests.length, 'every request the page made reached the server once');
  assert.ok(hits.every((h) => h.status === 200), 'all loaded');
  assert.deepEqual(foreign(), []);
  await context.close();
  return weight;
}

test('page weight of one module page: constant, whatever the number of modules', async (t) => {
  const m = course.modules.find((x) => x.quiz) || course.modules[0];
  const weight = await moduleWeight(server, m.slug);
  t.diagnostic(`module page ${m.slug}: ${JSON.stringify(weight)}`);
  assert.ok(weight.requests <= 6, `a module page makes few requests: ${weight.files.join(', ')}`);
  assert.equal(weight.modulesJs, 0, 'a module page does not load the module list');
  assert.ok(weight.courseJs < 2048, `course.js holds no module list (${weight.courseJs} bytes)`);
  // What is needed only after an interaction is not loaded with the page: the quiz's
  // checking code, styles and answer key, the glossary pop-ups' code and styles, search.
  assert.deepEqual(weight.files.filter((f) => /quiz\.(js|css)|popups\.|search\./.test(f)), [], 'nothing loaded before it is used');
  // The goal is 50 KB with its quiz (issue 15); the default course's pages carry more text
  // (this one 28 KB of HTML): 59.3 KB in all when measured (benches/RESULTS-weight.md).
  // This bound catches growth.
  assert.ok(weight.total < 64 * 1024, `a module page of the default course stays under 64 KB uncompressed (${weight.total} bytes)`);
});

test('page weight at 1,000 modules: a module page with its quiz loads at most 50 KB, as at 2', async (t) => {
  // The fixture course (2 modules, one with a quiz) with 998 more modules: built by the
  // same binary in about a second.
  const fs = await import('node:fs');
  const os = await import('node:os');
  const { execFileSync } = await import('node:child_process');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aware-weight-'));
  try {
    const src = path.join(dir, 'course');
    fs.cpSync(path.join(HERE, '../fixtures/good'), src, { recursive: true });
    const sizes = {};
    for (const n of [2, 1000]) {
      for (let i = 3; i <= n; i++) fs.writeFileSync(path.join(src, 'content', `${String(i).padStart(4, '0')}-m${i}.md`), `---\ntitle: Module ${i}\norder: ${i}\n---\n\nText of module ${i}, [back to the start](01-intro.md).\n`);
      const out = path.join(dir, `site-${n}`);
      execFileSync(process.env.AWARE_BIN || path.join(HERE, '../../target/debug/aware'), ['build', src, '-o', out], { stdio: 'pipe' });
      const srv = await serveSite(out);
      try {
        sizes[n] = await moduleWeight(srv, 'intro');
      } finally {
        await srv.close();
      }
      t.diagnostic(`${n} modules, module page intro (with its quiz): ${JSON.stringify(sizes[n])}`);
    }
    assert.equal(sizes[1000].modulesJs, 0, 'no module list');
    assert.ok(sizes[1000].total <= 50 * 1024, `at most 50 KB at 1,000 modules (${sizes[1000].total} bytes)`);
    // 41.0 KB when measured: this catches growth of what every module page loads.
    assert.ok(sizes[1000].total <= 44 * 1024, `what every module page loads does not grow (${sizes[1000].total} bytes)`);
    // Only the numbers in the page's text ("Module 1 of 1000") may differ.
    assert.ok(Math.abs(sizes[1000].total - sizes[2].total) < 64, `the same weight at 2 and 1,000 modules (${sizes[2].total} and ${sizes[1000].total} bytes)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
