// The LMS packages outside the main journey: opened from disk with no LMS (the plain
// site), quick exit from inside the LMS's frame, a launch in a popup (the API found through
// window.opener), a strict Content-Security-Policy, the runtime's syntax (ES5, parsed by
// acorn), and the suspend_data size of the worst learner on the default course (measured
// here on the packaged course.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import {
  launchBrowser, openContext, expectText, waitUntil, readToEnd, readQuizKey, answerQuiz, submitQuiz, pathToFileURL,
} from './helpers.mjs';
import { STANDARDS, lmsServer, launch, view, runtime } from './lms/helpers.mjs';

let browser, server, course;
before(async () => {
  [browser, server] = await Promise.all([launchBrowser(), lmsServer()]);
  course = server.course;
});
after(async () => { await browser?.close(); await server?.close(); });

const START = 'https://start-page.invalid/';

for (const std of STANDARDS) {
  test(`${std}: the zip opened from disk, with no LMS, is the plain site: no frame, no message, progress in this browser`, async () => {
    const { context, page, errors, dialogs, foreign } = await openContext(browser, null);
    const notes = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') notes.push(m.text()); });
    const home = pathToFileURL(path.join(server.site(std).dir, 'index.html')).href;
    await page.goto(home);
    await expectText(page.locator('main h1'), course.title);
    assert.deepEqual(await page.evaluate(() => [typeof window.AWARE_SCORM, typeof window.AWARE_LMS, document.querySelectorAll('iframe').length, document.body.hasAttribute('data-aware-lms-host')]),
      ['object', 'undefined', 0, false], 'the runtime loaded, found no LMS and changed nothing');
    assert.equal(page.frames().length, 1);
    const m = course.modules.find((x) => x.quiz);
    await expectText(page.locator(`.module-card [data-module-status="${m.slug}"]`), 'Not started');
    await page.goto(new URL(`modules/${m.slug}.html`, home).href);
    await readToEnd(page);
    await answerQuiz(page, await readQuizKey(page));
    assert.equal((await submitQuiz(page)).passed, true);
    await page.goto(home);
    await expectText(page.locator(`.module-card [data-module-status="${m.slug}"]`), 'Complete');
    const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `aware:${course.id}:${course.version}`);
    assert.equal(stored.modules[m.slug].quiz.passed, true);
    assert.deepEqual([errors, dialogs, notes, foreign()], [[], [], [], []], 'no error, dialog, console message or request elsewhere');
    await context.close();
  });
}

/** A launch whose LMS page was reached from START, with the quick exit site served locally. */
async function launchFromStart(std, options = {}) {
  const exitHits = [];
  const exit = new URL(course.quick_exit_url);
  const L = await launch(browser, server, std, {
    ...options,
    prepare: async (ctx) => {
      await ctx.context.route(START, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Start</title><p>Before the LMS</p>' }));
      await ctx.context.route((u) => u.origin === exit.origin, (r) => { exitHits.push(r.request().url()); r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Forecast</p>' }); });
      await ctx.page.goto(START);
    },
  });
  return { ...L, exitHits };
}

for (const [std, how] of [['scorm12', 'the "Exit this page" link'], ['scorm2004', 'Shift pressed three times']]) {
  test(`${std}: quick exit from inside the course frame (${how}) takes the LMS window itself to the neutral page`, async () => {
    const L = await launchFromStart(std);
    const { page, frame, context } = L;
    await frame.goto(L.site.url(`modules/${course.modules[0].slug}.html`));
    await waitUntil(async () => view(std, (await L.lms()).committed)?.location === `modules/${course.modules[0].slug}.html`, { message: 'the module bookmarked' });
    const lengthBefore = await page.evaluate(() => history.length);
    if (std === 'scorm12') {
      await frame.getByRole('link', { name: 'Exit this page' }).click();
    } else {
      await frame.locator('main h1').click();
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    }
    await page.waitForURL(course.quick_exit_url);
    assert.equal(await page.title(), 'Weather', 'the top window, not just the course frame, left');
    assert.equal(page.frames().length, 1, 'no LMS and no course left in it');
    assert.equal(L.exitHits.length, 1);
    assert.equal(await page.evaluate(() => history.length), lengthBefore, 'the LMS page was replaced in history, not added to');
    // The session ended as the LMS page went (the host's pagehide), after everything was committed.
    const other = await context.newPage();
    await other.goto(server.url('harness.html'));
    const logged = await other.evaluate(() => JSON.parse(localStorage.getItem('lms-events')));
    const end = logged.filter((e) => e.name === (std === 'scorm12' ? 'LMSFinish' : 'Terminate'));
    assert.deepEqual(end.map((e) => e.result), ['true'], 'terminated once');
    assert.equal(view(std, end[0].committed).location, `modules/${course.modules[0].slug}.html`);
    await context.close();
  });
}

test('scorm2004: launched in a popup, the course finds the API through window.opener, and closing the popup ends the session', async () => {
  const L = await launch(browser, server, 'scorm2004', { popup: true, data: { learner_name: 'Learner, Ana' } });
  const { win, frame, context } = L;
  assert.notEqual(win, L.page, 'a window of its own');
  assert.match(frame.url(), /\/index\.html\?aware-lms-frame$/);
  let s = await L.lms();
  await waitUntil(async () => (s = await L.lms()).committed && view('scorm2004', s.committed).location === 'index.html', { message: 'the first commit' });
  assert.equal(view('scorm2004', s.committed).completion, 'incomplete');
  await frame.goto(L.site.url('certificate.html'));
  await waitUntil(async () => view('scorm2004', (await L.lms()).committed).location === 'certificate.html', { message: 'bookmark from the popup' });
  await win.close();
  await waitUntil(async () => (await L.lms()).terminated, { message: 'Terminate when the popup closed' });
  assert.equal((await L.lms()).calls.filter((c) => c[0] === 'Terminate').length, 1);
  await context.close();
});

test('scorm12: under a strict Content-Security-Policy (no inline script or style) the runtime works and causes no violation', async () => {
  const violations = [];
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'";
  const L = await launch(browser, server, 'scorm12', {
    prepare: async (ctx) => {
      await ctx.context.exposeBinding('cspViolation', (_s, v) => violations.push(v));
      await ctx.context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => window.cspViolation({ directive: e.violatedDirective, source: e.sourceFile, sample: e.sample, page: location.pathname }));
      });
      await ctx.context.route((u) => u.pathname.startsWith('/lms/scorm12/') && u.pathname.endsWith('.html'), async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
      });
    },
  });
  const { frame, context } = L;
  await frame.goto(L.site.url(`modules/${course.modules[0].slug}.html`));
  await waitUntil(async () => view('scorm12', (await L.lms()).committed)?.location === `modules/${course.modules[0].slug}.html`, { message: 'reported under the policy' });
  assert.equal(await frame.parentFrame().evaluate(() => document.querySelector('iframe').style.height), '100%', 'the host frame is sized through the CSSOM');
  const ours = violations.filter((v) => /aware-scorm/.test(v.source || ''));
  assert.deepEqual(ours, [], JSON.stringify(violations));
  await context.close();
});

test('the suspend_data of the worst learner on the default course, measured', (t) => {
  const S = runtime(server.site('scorm12').dir);
  const modules = {};
  for (const m of course.modules) modules[m.slug] = { end: true, quiz: m.quiz ? { attempts: 1295, best: 100, passed: true } : null };
  const attempts = Array.from({ length: 500 }, (_, i) => ({ date: '2126-12-31', score: i === 499 ? 100 : 79, passed: i === 499 }));
  const worst = { schema: 1, modules, final: { attempts, passed: true, score: 100, date: '2126-12-31' }, last: course.modules.at(-1).slug, name: '語'.repeat(120) };
  const text = S.encode(worst, course, S.LIMIT.scorm12);
  const typical = S.encode({ ...worst, modules: Object.fromEntries(Object.entries(modules).map(([k, v]) => [k, v.quiz ? { end: true, quiz: { attempts: 2, best: 100, passed: true } } : v])), final: { attempts: attempts.slice(-3), passed: true, score: 100, date: '2126-12-31' }, name: 'Ana Learner' }, course);
  t.diagnostic(`default course (${course.modules.length} modules): worst learner ${text.length} characters (every module after 1,295 quiz tries, 500 final attempts of which the newest ${S.MAX_ATTEMPTS} are kept, a 120-character name of 3-byte characters); a learner who passed after 3 attempts: ${typical.length} characters; SCORM 1.2 allows 4,096`);
  assert.ok(text.length <= 4096, `${text.length}`);
  const back = S.decode(text, course);
  assert.equal(back.name, worst.name);
  assert.equal(back.final.attempts.length, S.MAX_ATTEMPTS);
  assert.equal(Object.keys(back.modules).length, course.modules.length);
});

test('the runtime in both packages is the same plain ES5 classic script: no code from strings, no style attributes', () => {
  const [a, b] = STANDARDS.map((std) => fs.readFileSync(path.join(server.site(std).dir, 'lms', 'aware-scorm.js'), 'utf8'));
  assert.equal(a, b);
  assert.doesNotThrow(() => acorn.parse(a, { ecmaVersion: 5, sourceType: 'script' }), 'parses as ECMAScript 5');
  assert.throws(() => acorn.parse('var f = () => 1;', { ecmaVersion: 5, sourceType: 'script' }), 'and the check can fail');
  for (const [what, re] of [
    ['eval', /\beval\s*\(/], ['new Function', /new\s+Function\b/], ['string timers', /set(Timeout|Interval)\s*\(\s*["'`]/],
    ['document.write', /document\.write/], ['style attributes', /setAttribute\(\s*["']style["']|\.cssText|innerHTML/], ['unload', /["']unload["']|beforeunload/],
  ]) assert.doesNotMatch(a, re, what);
});
