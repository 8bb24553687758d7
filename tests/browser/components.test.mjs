// The browser code as components: every data-module root on every page starts once and
// quietly; a theme override that drops an element a component needs gets a named error
// in the console, and the page's other components keep working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launchBrowser, serveSite, openContext, readCourse, siteDir, sitePages, readToEnd, expectText,
  keyFromFile, readQuizKey, answerQuiz, submitQuiz, completeModulesQuickly, passFinalQuickly,
} from './helpers.mjs';

let browser, server, course, termModule;
before(async () => {
  course = readCourse();
  termModule = course.modules.find((m) => fs.readFileSync(path.join(siteDir(), 'modules', `${m.slug}.html`), 'utf8').includes('class="term"'));
  assert.ok(termModule, 'some module links a glossary term');
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

/** A context that records the scripts' console messages (they all start with "aware"). */
async function consoleContext(options) {
  const ctx = await openContext(browser, server, options);
  const consoleErrors = [];
  ctx.page.on('console', (m) => { if (/^aware/.test(m.text())) consoleErrors.push(m.text()); });
  return { ...ctx, consoleErrors };
}

/** Serves `rel` with its HTML changed by `edit` (a theme override, in effect). */
async function overridePage(context, rel, edit) {
  const file = path.join(siteDir(), rel);
  await context.route(server.url(rel), (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: edit(fs.readFileSync(file, 'utf8')),
  }));
}

test('on every page each data-module root starts exactly once, and the scripts log nothing', async () => {
  const { context, page, errors, consoleErrors } = await consoleContext();
  const seen = new Set();
  for (const rel of sitePages()) {
    await page.goto(server.url(rel));
    await page.waitForLoadState('load');
    const roots = await page.$$eval('[data-module^="aware-"]', (els) => els.map((e) => {
      const name = e.getAttribute('data-module');
      return { name, started: e.hasAttribute(`data-${name}-init`) };
    }));
    for (const r of roots) {
      assert.ok(r.started, `${rel}: ${r.name} started`);
      seen.add(r.name);
    }
    assert.deepEqual(consoleErrors, [], `${rel}: console`);
  }
  assert.deepEqual([...seen].sort(), ['aware-certificate', 'aware-final', 'aware-glossary-popups', 'aware-home', 'aware-module',
    'aware-progress', 'aware-quick-exit', 'aware-quiz', 'aware-search', 'aware-verify']);
  // Booting again (say a script calls it twice) starts nothing twice.
  await page.goto(server.url(`modules/${termModule.slug}.html`));
  const buttons = await page.locator('button.term').count();
  await page.evaluate(() => window.AWARE.boot());
  assert.equal(await page.locator('button.term').count(), buttons);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a module quiz without its form: a named error, and the rest of the page still works', async () => {
  const { context, page, errors, consoleErrors } = await consoleContext();
  const m = termModule;
  assert.ok(m.quiz, `${m.slug} has a quiz`);
  await overridePage(context, `modules/${m.slug}.html`, (html) => html.replace(' data-quiz-form ', ' '));
  await page.goto(server.url(`modules/${m.slug}.html`));
  await expectText(page.locator('[data-progress-label]'), /^0 of \d+ required modules complete$/);
  assert.deepEqual(consoleErrors, ['aware-quiz: missing [data-quiz-form] inside #quiz']);
  assert.deepEqual(errors, [], 'no uncaught exception');
  // Module progress, glossary pop-ups and search still run.
  await expectText(page.locator('.module-header [data-module-status]'), 'In progress');
  await readToEnd(page);
  await expectText(page.locator('.module-header [data-module-status]'), 'Quiz to pass');
  await page.locator('button.term').first().click();
  await expectText(page.locator('button.term[aria-expanded="true"]'), /./);
  // Quick exit still leaves (the exit site is fulfilled locally).
  const exit = new URL(course.quick_exit_url);
  await context.route((u) => u.origin === exit.origin, (r) => r.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }));
  await page.locator('main h1').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForURL(course.quick_exit_url);
  await context.close();
});

test('page components name what is missing: final, home, certificate, progress bar, quick exit', async () => {
  const { context, page, consoleErrors } = await consoleContext();
  await overridePage(context, 'final.html', (html) => html.replace(' data-final-locked ', ' '));
  await overridePage(context, 'index.html', (html) => html.replace(' data-reset-progress ', ' ').replace(' data-progress-fill>', '>'));
  await overridePage(context, 'certificate.html', (html) => html.replace(' data-cert-code>', '>'));
  await overridePage(context, 'glossary.html', (html) => html.replace(' data-quick-exit ', ' '));
  await page.goto(server.url('final.html'));
  await page.goto(server.url('index.html'));
  await page.goto(server.url('certificate.html'));
  await page.goto(server.url('glossary.html'));
  assert.deepEqual(consoleErrors, [
    'aware-final: missing [data-final-locked] inside #main',
    'aware-progress: missing [data-progress-fill] inside #progress',
    'aware-home: missing [data-reset-progress] inside #main',
    'aware-certificate: missing [data-certificate] [data-cert-code] inside #main',
    'aware-quick-exit: missing [data-quick-exit] inside div.exit-bar',
  ]);
  // The home page without its bar fill and Reset still shows each module's status.
  await page.goto(server.url('index.html'));
  await expectText(page.locator(`.module-card [data-module-status="${course.modules[0].slug}"]`), 'Not started');
  await context.close();
});

test('a data-module that no script registered is reported by name', async () => {
  const { context, page, errors, consoleErrors } = await consoleContext();
  await overridePage(context, 'safety.html', (html) => html.replace('<h1>', '<h1 data-module="aware-weather">'));
  await page.goto(server.url('safety.html'));
  await page.waitForLoadState('load');
  assert.deepEqual(consoleErrors, ['aware-weather: no such component (is its script on this page?)']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the final page without course data: the store names course.js, quick exit still works', async () => {
  const { context, page, consoleErrors } = await consoleContext();
  await context.route(/course\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
  await page.goto(server.url('final.html'));
  await page.waitForLoadState('load');
  assert.deepEqual(consoleErrors.sort(), [
    'aware-final: no course data (course.js did not load)',
    'aware-progress: no course data (course.js did not load)',
  ]);
  assert.equal(await page.evaluate(() => document.querySelector('.exit-bar').hasAttribute('data-aware-quick-exit-init')), true);
  await context.close();
});

test('a course\'s own base.html from before data-module still has a working quick exit', async () => {
  const { context, page, errors } = await consoleContext();
  const m = course.modules[0];
  await overridePage(context, `modules/${m.slug}.html`, (html) => html.replace(' data-module="aware-quick-exit"', ''));
  const exit = new URL(course.quick_exit_url);
  await context.route((u) => u.origin === exit.origin, (r) => r.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }));
  await page.goto(server.url(`modules/${m.slug}.html`));
  assert.equal(await page.locator('[data-module="aware-quick-exit"]').count(), 0);
  await page.waitForFunction(() => document.querySelector('[data-quick-exit]').hasAttribute('data-aware-quick-exit-init'));
  await page.locator('main h1').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForURL(course.quick_exit_url);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a course\'s own final.html and quiz.html from before the quiz\'s code loaded on first use still work', async () => {
  const { context, page, errors, consoleErrors } = await consoleContext();
  // quiz.html with the key in the page (no data-quiz-key-src): the module quiz still checks.
  const m = course.modules.find((x) => x.quiz);
  const file = path.join(siteDir(), 'modules', `${m.slug}.html`);
  const b64 = Buffer.from(JSON.stringify(keyFromFile(file)), 'utf8').toString('base64');
  await overridePage(context, `modules/${m.slug}.html`, (html) => html
    .replace(/ data-quiz-key-src="[^"]+"/, '')
    .replace('</form>', `</form><script type="application/json" class="quiz-key" data-quiz-key="${m.quiz}">"${b64}"</script>`));
  await page.goto(server.url(`modules/${m.slug}.html`));
  assert.equal(await page.locator('section.quiz[data-quiz-key-src]').count(), 0);
  await answerQuiz(page, await readQuizKey(page));
  assert.equal((await submitQuiz(page)).passed, true, 'the module quiz checks with the key in the page');
  // final.html without quiz.js and quiz.css: final.js loads them before drawing.
  await overridePage(context, 'final.html', (html) => html
    .replace(/<script src="static\/quiz\.js" defer><\/script>\n?/, '')
    .replace(/<link rel="stylesheet" href="static\/quiz\.css">\n?/, ''));
  await completeModulesQuickly(page, server, course);
  await page.goto(server.url('final.html'));
  assert.equal(await page.locator('script[src$="quiz.js"][defer]').count(), 0, 'served without quiz.js');
  const r = await passFinalQuickly(page, server);
  assert.equal(r.passed, true);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(errors, []);
  await context.close();
});
