// axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) finds no violation on any kind of page, in
// the states a learner sees them, in light and dark mode and on a 360 px wide screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, readQuizKey, answerQuiz, submitQuiz,
  completeModulesQuickly, passFinalQuickly, assertNoAxeViolations, expectText, takeFinal, waitUntil, makeCertificate,
} from './helpers.mjs';

let browser, server, course, modulesDone, finalPassed;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
  const { context, page } = await openContext(browser, server);
  await completeModulesQuickly(page, server, course);
  modulesDone = await context.storageState();
  await passFinalQuickly(page, server);
  finalPassed = await context.storageState();
  await context.close();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Opens `rel` in a new context (options: storageState, colorScheme, viewport...), runs `act`, then axe. */
async function audit(rel, { act, what = rel, ...options } = {}) {
  const { context, page, errors } = await openContext(browser, server, options);
  await page.goto(server.url(rel));
  if (act) await act(page);
  await assertNoAxeViolations(page, what);
  assert.deepEqual(errors, []);
  await context.close();
}

const moduleRel = () => `modules/${course.modules[0].slug}.html`;

async function submitWithWrongAnswers(page) {
  const key = await readQuizKey(page);
  await answerQuiz(page, key, (i) => i % 2 === 1);
  const r = await submitQuiz(page);
  assert.equal(r.passed, false);
  await page.locator('section.quiz .question[data-result="incorrect"] .correct-answer').first().waitFor();
}

test('axe: home page', () => audit(''));
test('axe: home page with progress', () => audit('', { storageState: finalPassed }));
test('axe: module page', () => audit(moduleRel()));
test('axe: module page after a quiz submitted with wrong answers', () => audit(moduleRel(), { act: submitWithWrongAnswers }));
test('axe: module page with the error summary', () => audit(moduleRel(), {
  act: async (page) => {
    await page.locator('[data-quiz-submit]').click();
    await page.locator('[data-error-summary]').waitFor({ state: 'visible' });
    // quiz.css loads on first use, beside quiz.js: audit the page as styled, once laid out
    // (under load the summary could show before it applied, and axe saw a moving layout).
    await page.waitForFunction(() => [...document.styleSheets].some((s) => s.href && s.href.endsWith('/quiz.css')));
    // Focusing the summary scrolls to it, smoothly (scroll-behavior: smooth): mid-scroll,
    // the first option can pass under the sticky quick-exit bar and axe sees it obscured.
    // Wait until the page has not moved for 5 frames.
    await page.evaluate(() => new Promise((r) => {
      let last = -1, still = 0;
      const tick = () => {
        still = window.scrollY === last ? still + 1 : 0;
        last = window.scrollY;
        if (still >= 5) r(); else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }));
  },
}));
test('axe: module page with a glossary pop-up open', () => audit(moduleRel(), {
  act: async (page) => {
    const term = page.locator('button.term').first();
    if (await term.count()) { await term.click(); await expectText(page.locator('button.term[aria-expanded="true"]'), /./); }
  },
}));
test('axe: glossary', () => audit('glossary.html'));
test('axe: final assessment, locked', () => audit('final.html', {
  act: async (page) => assert.equal(await page.locator('[data-final-locked]').isVisible(), true),
}));
test('axe: final assessment, unlocked', () => audit('final.html', {
  storageState: modulesDone,
  act: async (page) => assert.equal(await page.locator('section.quiz').isVisible(), true),
}));
test('axe: final assessment after a failed attempt', () => audit('final.html', {
  storageState: modulesDone,
  act: async (page) => {
    const r = await takeFinal(page, server, { right: 0 });
    assert.equal(r.passed, false);
    await page.locator('[data-final-attempts]').waitFor({ state: 'visible' });
  },
}));
test('axe: certificate, locked', () => audit('certificate.html'));
test('axe: certificate, showing a certificate', () => audit('certificate.html', {
  storageState: finalPassed,
  act: async (page) => {
    await makeCertificate(page, 'Ann Lee');
  },
}));
test('axe: verify page after a check', () => audit('verify.html', {
  act: async (page) => {
    await page.getByLabel('Name on the certificate').fill('Ann Lee');
    await page.getByLabel('Completion date').fill('2026-01-02');
    await page.getByLabel('Final score (%)').fill('90');
    await page.getByLabel('Certificate code').fill('ABCD-EFGH-JKMN');
    await page.getByRole('button', { name: 'Check the code' }).click();
    await expectText(page.locator('[data-verify-result]'), /^✗ Not valid/);
  },
}));
test('axe: safety page', () => audit('safety.html'));
test('axe: search results page', () => audit('search.html?q=trafficking', {
  act: (page) => waitUntil(async () => (await page.locator('[data-search-results] .search-result').count()) > 0, { message: 'search results' }),
}));
const openSearchBox = async (page) => {
  await page.locator('#search-input').fill('bottom');
  await waitUntil(async () => (await page.locator('#search-listbox [role=option]').count()) > 0, { message: 'search suggestions' });
  await page.keyboard.press('ArrowDown');
};
test('axe: search box with results open', () => audit('', { act: openSearchBox }));
test('axe: search box open with "See all N results"', () => audit('modules/indicators.html', {
  act: async (page) => {
    await page.locator('#search-input').fill('trafficking');
    await page.locator('.search-popup .search-more a').waitFor();
    await page.keyboard.press('ArrowDown');
  },
}));
test('axe: search box open with no results and "Did you mean"', () => audit('', {
  act: async (page) => {
    await page.locator('#search-input').fill('trafiking');
    await page.locator('.search-popup .search-suggest a').waitFor();
  },
}));
test('axe: search results page with no results and "Did you mean"', () => audit('search.html?q=trafiking', {
  act: (page) => page.locator('[data-search-note] .search-suggest a').waitFor(),
}));
test('axe: search box with results open in dark mode', () => audit('', { act: openSearchBox, colorScheme: 'dark', what: 'search box (dark)' }));
test('axe: 404 page', () => audit('404.html'));
test('axe: module page in dark mode', () => audit(moduleRel(), { colorScheme: 'dark', what: 'module (dark)' }));
test('axe: module page in dark mode after wrong answers', () => audit(moduleRel(), { colorScheme: 'dark', act: submitWithWrongAnswers, what: 'module after submit (dark)' }));
test('axe: home page in dark mode with progress', () => audit('', { colorScheme: 'dark', storageState: finalPassed, what: 'home (dark)' }));
test('axe: module page at 360 px wide', () => audit(moduleRel(), { viewport: { width: 360, height: 740 }, what: 'module (360 px)' }));
test('axe: home page at 360 px wide', () => audit('', { viewport: { width: 360, height: 740 }, storageState: finalPassed, what: 'home (360 px)' }));
