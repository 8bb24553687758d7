// The learner journey with the keyboard alone: Tab, Shift+Tab, Space, Enter and arrow keys.
// No clicks, and text goes only into fields reached with Tab. (Setup before the test
// completes the other modules through the pages so the final can open.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, readQuizKey, activeQuestions, rightChoice,
  wrongChoice, completeModulesQuickly, tabTo, pressAndNavigate, activeMatches, activeDescription,
  expectText, readResult, certificateCode, localDate,
} from './helpers.mjs';

let browser, server, course, last, storageState;
before(async () => {
  course = readCourse();
  const required = course.modules.filter((m) => m.required && m.quiz);
  last = required[required.length - 1];
  assert.ok(last, 'a required module with a quiz');
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
  const { context, page } = await openContext(browser, server);
  await completeModulesQuickly(page, server, course, { except: [last.slug] });
  storageState = await context.storageState();
  await context.close();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Selects `values` in one question with the keyboard: arrows + Space for radios, Space for checkboxes. */
async function answerWithKeys(page, q, values) {
  if (q.type === 'radio') {
    await tabTo(page, `#${q.id} input`);
    for (let i = 0; i <= q.values.length; i++) {
      if (await page.evaluate(() => Number(document.activeElement.value)) === values[0]) break;
      await page.keyboard.press('ArrowDown'); // moves to, and selects, the next option
    }
    await page.keyboard.press('Space');
  } else {
    for (const v of q.values.filter((x) => values.includes(x))) {
      await tabTo(page, `#${q.id} input[value="${v}"]`);
      await page.keyboard.press('Space');
    }
  }
  const checked = await page.$$eval(`#${q.id} input:checked`, (els) => els.map((e) => Number(e.value)).sort());
  assert.deepEqual(checked, values.slice().sort(), `keyboard selected ${values} in ${q.qid}`);
}

/** Answers the asked questions with the keyboard; `plan(i)` true = right. Submits with Enter. */
async function takeQuizWithKeys(page, plan) {
  const key = await readQuizKey(page);
  const qs = await activeQuestions(page);
  let right = 0;
  for (const [i, q] of qs.entries()) {
    const k = key.questions[q.qid];
    const ok = plan(i);
    if (ok) right++;
    await answerWithKeys(page, q, ok ? rightChoice(k) : wrongChoice(k, q.values));
  }
  await tabTo(page, 'section.quiz [data-quiz-submit]');
  await page.keyboard.press('Enter');
  const r = await readResult(page);
  assert.ok(await activeMatches(page, 'section.quiz [data-quiz-result]'), `focus lands on the result (it is on ${await activeDescription(page)})`);
  return { ...r, right, total: qs.length };
}

test('the journey works with the keyboard alone', async () => {
  const { context, page, errors } = await openContext(browser, server, { storageState, stubPrint: true });
  await page.goto(server.url(''));

  // Skip link first, then the module card.
  await page.keyboard.press('Tab');
  assert.ok(await activeMatches(page, 'a.skip-link'), 'the first Tab reaches the skip link');
  assert.ok(await page.locator('a.skip-link').evaluate((a) => a.getBoundingClientRect().top >= 0), 'the skip link is shown when focused');
  await page.keyboard.press('Enter');
  assert.ok(await activeMatches(page, 'main'), 'the skip link moves focus to the main content');
  await tabTo(page, `a.module-card-link[href$="${last.slug}.html"]`);
  await pressAndNavigate(page, 'Enter', new RegExp(`${last.slug}\\.html$`));
  await expectText(page.locator('h1'), last.title);

  // The module quiz: a wrong attempt, Try again, then a pass.
  const r1 = await takeQuizWithKeys(page, () => false);
  assert.equal(r1.passed, false, 'first attempt fails');
  assert.equal(r1.score, 0);
  await tabTo(page, '[data-quiz-retry]', { back: true });
  await page.keyboard.press('Space');
  assert.ok(await activeMatches(page, 'section.quiz h2'), 'Try again moves focus to the quiz heading');
  assert.equal(await page.locator('section.quiz input:checked').count(), 0);
  const r2 = await takeQuizWithKeys(page, () => true);
  assert.equal(r2.passed, true, r2.text);
  await expectText(page.locator('.module-header [data-module-status]'), 'Complete');

  // On to the final through the header's navigation (optional modules may follow in
  // the pager).
  await tabTo(page, '.site-nav a[href$="final.html"]', { back: true });
  await pressAndNavigate(page, 'Enter', /final\.html$/);
  assert.equal(await page.locator('[data-final-locked]').isVisible(), false, 'the final is open');
  const key = await readQuizKey(page);
  const wrong = Math.floor((100 - key.pass_mark) * (await activeQuestions(page)).length / 100);
  const f = await takeQuizWithKeys(page, (i) => i >= wrong);
  assert.equal(f.passed, true, f.text);

  // The certificate: name typed into the field reached with Tab, submitted with Enter.
  await tabTo(page, '[data-final-passed] a');
  await pressAndNavigate(page, 'Enter', /certificate\.html$/);
  await tabTo(page, '#learner-name');
  await page.keyboard.type('Kim O’Neil-Ávila');
  if (course.certificate.attestation) {
    await tabTo(page, '#attest');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#attest').isChecked(), true, 'Space ticks the attestation');
    await tabTo(page, '[data-certificate-form] button[type=submit]');
  }
  await page.keyboard.press('Enter');
  await page.locator('[data-certificate]').waitFor({ state: 'visible' });
  assert.ok(await activeMatches(page, '#cert-title'), 'focus moves to the certificate');
  await expectText(page.locator('[data-cert-name]'), 'Kim O’Neil-Ávila');
  const date = await page.locator('[data-cert-date]').getAttribute('datetime');
  assert.equal(date, localDate());
  await expectText(page.locator('[data-cert-score]'), `${f.score}%`);
  await expectText(page.locator('[data-cert-code]'), certificateCode(course, { name: 'Kim O’Neil-Ávila', date, score: f.score }));
  await tabTo(page, '[data-print]');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.__printCalls), 1, 'the print button prints');
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => window.__printCalls), 2);
  assert.deepEqual(errors, []);
  await context.close();
});
