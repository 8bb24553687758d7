// Where the site can live: opened straight from disk (file://) and served under a sub-path
// over HTTP. Also measures what one module page costs to load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  launchBrowser, serveSite, openContext, readCourse, siteDir, sitePages, readToEnd, readQuizKey,
  answerQuiz, submitQuiz, expectText, waitUntil, pathToFileURL, BASE_PATH, HERE,
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
  // A glossary term's definition loads from disk too (popups.js and <slug>.terms.js).
  const term = page.locator('button.term').first();
  assert.ok(await term.count() > 0, 'the first module links a glossary term');
  await term.click();
  const pop = page.locator(`#${await term.getAttribute('aria-controls')}`);
  await pop.waitFor({ state: 'visible' });
  assert.ok((await pop.locator('.term-popup-text').textContent()).trim().length > 20, 'the definition loaded');
  await page.keyboard.press('Escape');
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
  // (this one 28 KB of HTML): 56.9 KB in all when measured (benches/RESULTS-weight.md).
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
    // 38.6 KB when measured (local names shortened): this catches growth of what every
    // module page loads.
    assert.ok(sizes[1000].total <= 41 * 1024, `what every module page loads does not grow (${sizes[1000].total} bytes)`);
    // Only the numbers in the page's text ("Module 1 of 1000") may differ.
    assert.ok(Math.abs(sizes[1000].total - sizes[2].total) < 64, `the same weight at 2 and 1,000 modules (${sizes[2].total} and ${sizes[1000].total} bytes)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the home page of a long course: its own modules from its cards, and where to continue from the list\'s pieces, as far as needed', async (t) => {
  // The fixture course (intro with a quiz, next optional) with m3 ... m250: three list
  // pages, the list in three pieces (modules/list-1.js ... list-3.js).
  const fs = await import('node:fs');
  const os = await import('node:os');
  const { execFileSync } = await import('node:child_process');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aware-home-'));
  const src = path.join(dir, 'course');
  const out = path.join(dir, 'site');
  fs.cpSync(path.join(HERE, '../fixtures/good'), src, { recursive: true });
  for (let i = 3; i <= 250; i++) fs.writeFileSync(path.join(src, 'content', `${String(i).padStart(4, '0')}-m${i}.md`), `---\ntitle: Module ${i}\norder: ${i}\n---\n\nText of module ${i}.\n`);
  execFileSync(process.env.AWARE_BIN || path.join(HERE, '../../target/debug/aware'), ['build', src, '-o', out], { stdio: 'pipe' });
  const srv = await serveSite(out);
  const { context, page, requests, errors } = await openContext(browser, srv);
  try {
    const key = 'aware:fixture-course:2.1';
    const facts = { required: true, hasQuiz: false };
    const done = { intro: { end: true, quiz: { attempts: 1, best: 100, passed: true }, required: true, hasQuiz: true } };
    for (let i = 3; i <= 150; i++) done[`m${i}`] = { end: true, quiz: null, ...facts };
    const visit = async (file, saved) => {
      await page.goto(srv.url('safety.html'));
      await page.evaluate(([k, v]) => (v ? localStorage.setItem(k, JSON.stringify(v)) : localStorage.clear()), [key, saved]);
      const from = requests.length;
      await page.goto(srv.url(file));
      await page.locator('[data-start-link][data-stage]').waitFor();
      return () => requests.slice(from).map((u) => u.slice(srv.url('').length)).filter((u) => /modules(\/list-\d+)?\.js$/.test(u));
    };
    const button = page.locator('[data-start-link]');
    const state = (modules, last) => ({ schema: 1, modules, final: { attempts: [] }, last, name: null });

    // Nothing saved: start at the first module, no list loaded.
    let lists = await visit('index-3.html', null);
    await expectText(button, 'Start the course');
    assert.equal(await button.getAttribute('href'), 'modules/intro.html');
    assert.deepEqual(lists(), [], 'no list needed to start');

    // 149 required modules done in order, the last opened complete: the next required module
    // (Module 151, in the second piece) from the first two pieces; never the whole list.
    lists = await visit('index-3.html', state(done, 'm150'));
    await waitUntil(async () => (await button.getAttribute('href')) === 'modules/m151.html', { message: 'Continue goes to Module 151' });
    await expectText(button, 'Continue the course: Module 151');
    assert.deepEqual(lists(), ['modules/list-1.js', 'modules/list-2.js']);
    await expectText(page.locator('[data-overall-progress]'), 'You have completed 149 of 249 required modules.');
    await expectText(page.locator('[data-module-status="m201"]'), 'Not started');
    // This page's own modules' statuses come from its cards.
    lists = await visit('index-2.html', state(done, 'm150'));
    await expectText(page.locator('[data-module-status="m150"]'), 'Complete');
    await expectText(page.locator('[data-module-status="m151"]'), 'Not started');
    assert.equal(await page.locator('[data-module-card="m150"]').getAttribute('data-state'), 'complete');

    // The last module opened is not complete: it is where to continue, without any piece.
    lists = await visit('index.html', state({ ...done, m240: { end: false, quiz: null, ...facts } }, 'm240'));
    await waitUntil(async () => (await button.getAttribute('href')) === 'modules/m240.html', { message: 'Continue goes to Module 240' });
    assert.deepEqual(lists(), [], 'no piece needed');
    // The intro's quiz is not passed: its card says so (its quiz from the card's data-quiz).
    const notPassed = { ...done, intro: { end: true, quiz: { attempts: 1, best: 10, passed: false }, required: true, hasQuiz: true } };
    lists = await visit('index.html', state(notPassed, 'm150'));
    await expectText(page.locator('[data-module-status="intro"]'), 'Quiz to pass');
    await waitUntil(async () => (await button.getAttribute('href')) === 'modules/intro.html', { message: 'Continue goes to the intro' });
    assert.deepEqual(lists(), ['modules/list-1.js']);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
