// Shared helpers for the real-browser tests (node:test + playwright-core + Debian Chromium).
// This module builds nothing: tests/browser/run.sh builds the course and passes its folder
// in AWARE_SITE_DIR. It serves that folder under a sub-path on 127.0.0.1, launches the
// system Chromium, records every request a page makes, and knows how to read quiz keys.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const BASE_PATH = '/training/course/';
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/* ---------- The built site ---------- */

/** Folder of the built default course (AWARE_SITE_DIR, set by run.sh). */
export function siteDir() {
  const dir = process.env.AWARE_SITE_DIR;
  if (!dir) throw new Error('AWARE_SITE_DIR is not set: run `bash tests/browser/run.sh`, which builds the course first');
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`AWARE_SITE_DIR=${dir} has no index.html: build the course first`);
  return path.resolve(dir);
}

/** window.AWARE_COURSE as written in the built course.js, parsed in node. */
export function readCourse(dir = siteDir()) {
  const js = fs.readFileSync(path.join(dir, 'course.js'), 'utf8').trim();
  const m = /^window\.AWARE_COURSE\s*=\s*([\s\S]*?);?$/.exec(js);
  assert.ok(m, 'course.js has the expected `window.AWARE_COURSE = {...};` shape');
  const course = JSON.parse(m[1]);
  // The module list is modules.js (rows [slug, title, required, quiz]), as the scripts read it.
  const list = fs.readFileSync(path.join(dir, 'modules.js'), 'utf8').trim();
  const l = /^window\.AWARE_MODULES\s*=\s*([\s\S]*?);?$/.exec(list);
  assert.ok(l, 'modules.js has the expected `window.AWARE_MODULES = [...];` shape');
  course.modules = JSON.parse(l[1]).map(([slug, title, required, quiz]) => ({ slug, title, required, quiz }));
  // As AWARE.progress.withModules: the certificate's topics are the required modules' titles.
  if (course.certificate && course.certificate.topics === true) {
    course.certificate.topics = course.modules.filter((m) => m.required).map((m) => m.title);
  }
  return course;
}

/** Decodes a quiz key's base64 text (the JSON string inside script.quiz-key). */
export function decodeKeyText(scriptText) {
  const b64 = JSON.parse(scriptText);
  return JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
}

/** The key text in a module's key file (modules/<slug>.quiz.js, which sets
    AWARE_KEYS[<quiz id>] to the base64 string), as the page's script would hold it. */
function keyFileText(js) {
  const m = /^\(window\.AWARE_KEYS=window\.AWARE_KEYS\|\|\{\}\)\[("[^"]*")\]=("[A-Za-z0-9+/=]*");\n$/.exec(js);
  assert.ok(m, `a quiz key file: ${js.slice(0, 80)}`);
  return m[2];
}

/** The answer key of a built page, read from disk (no browser needed): in the page
    (the final) or in the module's key file next to it; null without a quiz. */
export function keyFromFile(file) {
  const html = fs.readFileSync(file, 'utf8');
  const m = /<script type="application\/json" class="quiz-key"[^>]*>([\s\S]*?)<\/script>/.exec(html);
  if (m) return decodeKeyText(m[1]);
  const src = /<section class="quiz"[^>]*\sdata-quiz-key-src="([^"]+)"/.exec(html);
  return src ? decodeKeyText(keyFileText(fs.readFileSync(path.join(path.dirname(file), src[1]), 'utf8'))) : null;
}

/** Every .html file of the site, as paths relative to its root with '/' separators. */
export function sitePages(dir = siteDir()) {
  const out = [];
  (function walk(d, rel) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), rel + e.name + '/');
      else if (e.name.endsWith('.html')) out.push(rel + e.name);
    }
  })(dir, '');
  return out.sort();
}

/* ---------- A tiny static server under a sub-path ---------- */

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.avif': 'image/avif', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` at http://127.0.0.1:PORT/training/course/ (a free port). Anything outside the
 * sub-path, or missing, is a 404 (with the site's 404.html when `notFoundPage`). `hits` records every request the server saw, with bytes sent.
 */
export async function serveSite(dir = siteDir(), basePath = BASE_PATH, { notFoundPage = false } = {}) {
  const root = fs.realpathSync(dir);
  const hits = [];
  const server = http.createServer((req, res) => {
    const hit = { method: req.method, url: req.url, status: 0, bytes: 0 };
    hits.push(hit);
    const send = (status, type, body, extra = {}) => {
      hit.status = status;
      hit.bytes = body ? body.length : 0;
      res.writeHead(status, { 'content-type': type, 'content-length': hit.bytes, 'cache-control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    // notFoundPage: like GitHub Pages or Netlify, any missing address gets the site's
    // 404.html (status 404), whatever its depth.
    const notFound = () => (notFoundPage && fs.existsSync(path.join(root, '404.html'))
      ? send(404, 'text/html; charset=utf-8', fs.readFileSync(path.join(root, '404.html')))
      : send(404, 'text/plain; charset=utf-8', Buffer.from('Not found\n')));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', Buffer.from('Method not allowed\n'));
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://localhost').pathname); } catch { return notFound(); }
    if (p + '/' === basePath) return send(301, 'text/plain; charset=utf-8', Buffer.from(''), { location: basePath });
    if (!p.startsWith(basePath) || p.includes('\0')) return notFound();
    let rel = p.slice(basePath.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return notFound();
    let body;
    try {
      if (!fs.statSync(file).isFile()) return notFound();
      body = fs.readFileSync(file);
    } catch { return notFound(); }
    send(200, TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream', body);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = origin + basePath;
  return {
    origin, base, hits, dir: root,
    /** Absolute URL of a path relative to the course root ('' is the home page). */
    url: (rel = '') => new URL(rel, base).href,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/* ---------- Browser, contexts and request recording ---------- */

export function launchBrowser() {
  // Playwright makes a fresh, empty user-data-dir for each launch; never pass one.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

function isLocal(url, origin) {
  return url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:') ||
    url.startsWith('file:') || (origin && new URL(url).origin === origin);
}

/**
 * A new browser context that records every request its pages make (`requests`: URLs),
 * every uncaught page error and everything the Content-Security-Policy blocked (`errors`;
 * the blocked things alone in `csp`) and every dialog (`dialogs`). As a safety net any
 * request for another host that a test has not routed itself is aborted, so nothing leaves
 * the machine; it is still recorded, so tests can assert it never happened.
 * Options: everything browser.newContext takes, plus `stubPrint` (window.print counts calls
 * in window.__printCalls instead of opening a print dialog).
 */
export async function openContext(browser, server, { stubPrint = false, ...options } = {}) {
  const context = await browser.newContext(options);
  const requests = [];
  const errors = [];
  const dialogs = [];
  const csp = [];
  const origin = server ? server.origin : null;
  const watch = (page) => {
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e && e.stack || e)));
    // Anything the Content-Security-Policy blocked is a bug in the page: it counts as an error.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|^CSP violation/.test(m.text())) {
        const text = `${m.text()} (${page.url()})`;
        csp.push(text);
        errors.push(text);
      }
    });
    page.on('dialog', (d) => {
      dialogs.push({ type: d.type(), message: d.message() });
      // A test may answer it with its own listener; otherwise dismiss it so the page never hangs.
      setTimeout(() => d.dismiss().catch(() => {}), 50);
    });
  };
  context.on('page', watch);
  const esc = (x) => x.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const notLocal = new RegExp(`^(?!(?:data|blob|about|file):${origin ? '|' + esc(origin) + '/' : ''})`);
  await context.route(notLocal, (route) => route.abort('blockedbyclient'));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'an inline resource'} (${e.sourceFile || 'page'}:${e.lineNumber})`);
    });
  });
  if (stubPrint) {
    await context.addInitScript(() => {
      window.__printCalls = 0;
      window.print = function () { window.__printCalls += 1; };
    });
  }
  const page = await context.newPage();
  /** Requests whose host is not the one serving the site (file:, data:, about: are local). */
  const foreign = () => requests.filter((u) => !isLocal(u, origin));
  return { context, page, requests, errors, dialogs, foreign, csp };
}

/* ---------- Small polling assertions (playwright-core has no expect) ---------- */

export async function waitUntil(fn, { timeout = 5000, interval = 25, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try { last = await fn(); if (last) return last; } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`timed out waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits until the locator's trimmed text equals (string) or matches (RegExp) `expected`. */
export async function expectText(locator, expected, opts = {}) {
  let text;
  try {
    await waitUntil(async () => {
      text = ((await locator.textContent({ timeout: opts.timeout || 5000 })) || '').replace(/\s+/g, ' ').trim();
      return expected instanceof RegExp ? expected.test(text) : text === expected;
    }, { timeout: 5000, ...opts });
  } catch {
    assert.fail(`expected text ${expected} but got ${JSON.stringify(text)}`);
  }
  return text;
}

export async function activeMatches(page, selector) {
  return page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector);
}

export async function activeDescription(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return 'nothing';
    return a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + (a.className ? '.' + String(a.className).replace(/\s+/g, '.') : '') +
      ' ' + JSON.stringify((a.textContent || a.value || '').trim().slice(0, 40));
  });
}

/* ---------- Keyboard ---------- */

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`. */
export async function tabTo(page, selector, { back = false, max = 300 } = {}) {
  for (let i = 0; i <= max; i++) {
    if (await activeMatches(page, selector)) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${selector} (focus is on ${await activeDescription(page)})`);
}

/** Presses Enter or Space on the focused element and waits for the navigation it starts. */
export async function pressAndNavigate(page, key, urlPredicate) {
  await Promise.all([page.waitForURL(urlPredicate), page.keyboard.press(key)]);
  await page.waitForLoadState('load');
}

/* ---------- Quizzes ---------- */

/** The answer key of the quiz on the current page, decoded in node from the page's script. */
export async function readQuizKey(page, scope = 'section.quiz') {
  const src = await page.locator(scope).first().getAttribute('data-quiz-key-src');
  if (!src) return decodeKeyText(await page.locator(`${scope} script.quiz-key`).textContent());
  // A module's key is a file next to the page (loaded by the page on first use of the quiz).
  const url = new URL(src, page.url());
  const js = url.protocol === 'file:' ? fs.readFileSync(fileURLToPath(url), 'utf8') : await (await fetch(url)).text();
  return decodeKeyText(keyFileText(js));
}

/** The questions currently asked (visible), in page order, with option values in page order. */
export async function activeQuestions(page, scope = 'section.quiz') {
  return page.$$eval(`${scope} fieldset.question`, (fs) => fs.filter((f) => !f.hidden).map((f) => ({
    qid: f.getAttribute('data-question'),
    id: f.id,
    type: f.querySelector('input').type,
    values: Array.from(f.querySelectorAll('input')).map((i) => Number(i.value)),
  })));
}

/** The options that answer `q` correctly. */
export const rightChoice = (q) => q.correct.slice().sort();

/** A choice that is certainly wrong for `q`, given the option values on the page. */
export function wrongChoice(q, values) {
  const wrong = values.find((v) => !q.correct.includes(v));
  if (q.kind !== 'multiple') return [wrong];
  // Ticking one wrong option is wrong; if every option is correct, leave one out.
  return wrong !== undefined ? [wrong] : q.correct.slice(0, -1);
}

/** Ticks the given option values of one question with the mouse. */
export async function choose(page, question, values, scope = 'section.quiz') {
  for (const v of values) {
    await page.locator(`${scope} #${question.id} input[value="${v}"]`).check();
  }
}

/**
 * Answers every asked question with the mouse: `plan(index, question)` returns true for a
 * right answer, false for a wrong one. Returns the number answered correctly.
 */
export async function answerQuiz(page, key, plan = () => true, scope = 'section.quiz') {
  const qs = await activeQuestions(page, scope);
  let right = 0;
  for (let i = 0; i < qs.length; i++) {
    const q = key.questions[qs[i].qid];
    assert.ok(q, `question ${qs[i].qid} is in the key`);
    const ok = plan(i, qs[i]);
    if (ok) right++;
    await choose(page, qs[i], ok ? rightChoice(q) : wrongChoice(q, qs[i].values), scope);
  }
  return { right, total: qs.length, questions: qs };
}

/** Clicks "Check my answers" and waits for the result. Returns {text, passed, score}. */
export async function submitQuiz(page, scope = 'section.quiz') {
  await page.locator(`${scope} [data-quiz-submit]`).click();
  return readResult(page, scope);
}

export async function readResult(page, scope = 'section.quiz') {
  const result = page.locator(`${scope} [data-quiz-result]`);
  await waitUntil(async () => (await result.getAttribute('data-passed')) !== null, { message: 'a quiz result' });
  return {
    text: ((await result.textContent()) || '').trim(),
    passed: (await result.getAttribute('data-passed')) === 'true',
    score: Number(await result.getAttribute('data-score')),
  };
}

/** Scrolls a module page until its end marker is in view and the page has recorded it. */
export async function readToEnd(page) {
  await page.locator('[data-module-end]').scrollIntoViewIfNeeded();
  await expectText(page.locator('.module-header [data-module-status]'), /Quiz to pass|Complete/);
}

/** Opens a module, reads to its end and passes its quiz with the mouse. */
export async function completeModule(page, server, mod) {
  await page.goto(server.url(`modules/${mod.slug}.html`));
  await readToEnd(page);
  if (!mod.quiz) return;
  const key = await readQuizKey(page);
  await answerQuiz(page, key);
  const r = await submitQuiz(page);
  assert.equal(r.passed, true, `quiz of ${mod.slug} passed: ${r.text}`);
}

/**
 * Setup only (tests of other things that need progress first): completes every required
 * module through the pages' own code, with DOM clicks from a script instead of Playwright's
 * checked mouse actions, which is much faster. Returns the slugs completed.
 */
export async function completeModulesQuickly(page, server, course, { except = [] } = {}) {
  const done = [];
  for (const m of course.modules) {
    if (!m.required || except.includes(m.slug)) continue;
    await page.goto(server.url(`modules/${m.slug}.html`));
    await page.evaluate(() => document.querySelector('[data-module-end]').scrollIntoView());
    if (m.quiz) {
      const key = await readQuizKey(page);
      await submitAllRight(page, key);
      const r = await readResult(page);
      assert.equal(r.passed, true, `setup: quiz of ${m.slug} passed`);
    }
    await expectText(page.locator('.module-header [data-module-status]'), 'Complete');
    done.push(m.slug);
  }
  return done;
}

/** Setup only: ticks the right answers of the page's quiz with DOM clicks and submits. */
async function submitAllRight(page, key) {
  await page.evaluate((key) => {
    const section = document.querySelector('section.quiz');
    for (const f of section.querySelectorAll('fieldset.question:not([hidden])')) {
      for (const v of key.questions[f.dataset.question].correct) f.querySelector(`input[value="${v}"]`).click();
    }
    section.querySelector('[data-quiz-submit]').click();
  }, key);
}

/** Setup only: passes the final with DOM clicks (see completeModulesQuickly). */
export async function passFinalQuickly(page, server) {
  await page.goto(server.url('final.html'));
  const key = await readQuizKey(page);
  await submitAllRight(page, key);
  const r = await readResult(page);
  assert.equal(r.passed, true, 'setup: final passed');
  return r;
}

/** Takes the final assessment with the mouse, answering `right` of the drawn questions correctly. */
export async function takeFinal(page, server, { right } = {}) {
  if (!page.url().endsWith('final.html')) await page.goto(server.url('final.html'));
  await page.locator('section.quiz').waitFor({ state: 'visible' });
  const key = await readQuizKey(page);
  const n = (await activeQuestions(page)).length;
  const wantRight = right === undefined ? n : right;
  const a = await answerQuiz(page, key, (i) => i < wantRight);
  const r = await submitQuiz(page);
  return { ...r, right: a.right, total: a.total };
}

/* ---------- Certificates ---------- */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The certificate code, computed independently of aware.js: SHA-256 (node's crypto) of the
 * canonical text, then the first 60 bits of the digest as 12 Crockford base32 characters.
 */
export function certificateCode(course, { name, date, score, version = course.version }) {
  const norm = String(name).normalize('NFC').replace(/\s+/g, ' ').trim();
  const fields = [course.id, version, course.title, course.organisation, norm, date, String(score)];
  const c = course.certificate || {};
  // v2 when the course adds validity, attestation, hours or topics: they are covered too.
  const v2 = Boolean(c.valid_months || c.attestation || c.hours || c.topics);
  const extras = v2 ? [c.valid_months ? addMonths(date, c.valid_months) : '', c.hours || '', (c.topics || []).join('; '), c.attestation ? 'attested' : ''] : [];
  const text = [v2 ? 'aware-certificate-v2' : 'aware-certificate-v1', ...fields, ...extras].join('\n');
  const digest = crypto.createHash('sha256').update(text, 'utf8').digest();
  const first60 = digest.readBigUInt64BE(0) >> 4n;
  let out = '';
  for (let i = 0; i < 12; i++) out += CODE_ALPHABET[Number((first60 >> BigInt(55 - 5 * i)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

/** YYYY-MM-DD `months` later, on the last day of the month when it is shorter (computed here
 * with Date.UTC, independently of certificate.js). */
export function addMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Fills the certificate form with the mouse: the name, the attestation when the course has
 * one, then submit; waits for the certificate. */
export async function makeCertificate(page, name) {
  await page.fill('#learner-name', name);
  if (await page.locator('#attest').count()) await page.check('#attest');
  await page.click('[data-certificate-form] button[type=submit]');
  await page.locator('[data-certificate]').waitFor({ state: 'visible' });
}

/** The certificate's completion date as YYYY-MM-DD (its `<time datetime>`). */
export async function certificateDate(page) {
  return page.locator('[data-cert-date]').getAttribute('datetime');
}

/** Today's date, local time, as YYYY-MM-DD. */
export function localDate(d = new Date()) {
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/* ---------- Accessibility ---------- */

/** Runs axe-core (injected from node_modules) on the page; returns the violations, simplified. */
export async function axeViolations(page, { exclude = [] } = {}) {
  // Evaluated through the debugging protocol, not a <script> tag: the pages' strict
  // Content-Security-Policy (rightly) refuses inline scripts.
  await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  return page.evaluate(async ({ tags, exclude }) => {
    const ctx = exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document;
    const r = await window.axe.run(ctx, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 160) })),
    }));
  }, { tags: AXE_TAGS, exclude });
}

export async function assertNoAxeViolations(page, what) {
  const v = await axeViolations(page);
  assert.deepEqual(v, [], `axe violations on ${what}:\n${JSON.stringify(v, null, 2)}`);
}

export { pathToFileURL };
