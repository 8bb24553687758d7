// Module quizzes: feedback, scoring, the error summary, and nothing given away early.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  launchBrowser, serveSite, openContext, readCourse, siteDir, keyFromFile, readQuizKey,
  activeQuestions, answerQuiz, choose, rightChoice, wrongChoice, submitQuiz, expectText, activeMatches,
} from './helpers.mjs';

let browser, server, course, mod;
before(async () => {
  course = readCourse();
  // A module whose quiz has a "select all that apply" question, so checkboxes are covered too.
  const withKeys = course.modules.filter((m) => m.quiz)
    .map((m) => ({ m, key: keyFromFile(path.join(siteDir(), 'modules', `${m.slug}.html`)) }));
  mod = (withKeys.find(({ key }) => Object.values(key.questions).some((q) => q.kind === 'multiple')) || withKeys[0]).m;
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

/** Plain text of HTML, as the browser sees it. */
const texts = (page, htmls) => page.evaluate((list) => list.map((h) => h == null ? null
  : new DOMParser().parseFromString(h, 'text/html').body.textContent.replace(/\s+/g, ' ').trim()), htmls);

async function openQuiz() {
  const ctx = await openContext(browser, server);
  await ctx.page.goto(server.url(`modules/${mod.slug}.html`));
  const key = await readQuizKey(ctx.page);
  return { ...ctx, key };
}

test('no feedback or explanation is visible before submitting', async () => {
  const { context, page, key } = await openQuiz();
  // A question's feedback box is made on its first feedback.
  assert.equal(await page.locator('section.quiz [data-feedback]').count(), 0, 'no feedback box yet');
  const visible = (await page.locator('section.quiz').innerText()).replace(/\s+/g, ' ');
  const secrets = [];
  for (const q of Object.values(key.questions)) secrets.push(...await texts(page, [q.explanation, ...q.feedback]));
  for (const s of secrets.filter((x) => x && x.length >= 12)) {
    assert.ok(!visible.includes(s), `not shown before submitting: ${s}`);
  }
  assert.equal(await page.locator('section.quiz [data-quiz-result]').textContent(), '');
  assert.equal(await page.locator('section.quiz .correct-answer, section.quiz .option-feedback').count(), 0);
  // The answers are not in the markup either: no input says which option is right.
  assert.equal(await page.locator('section.quiz input[data-correct], section.quiz [data-answer]').count(), 0);
  await context.close();
});

test('wrong answers show the chosen option\'s feedback and the score is the learner\'s own count', async () => {
  const { context, page, key, errors } = await openQuiz();
  const qs = await activeQuestions(page);
  assert.ok(qs.length >= 2);
  const plan = (i) => i % 2 === 0; // right, wrong, right, wrong...
  const picks = {};
  let right = 0;
  for (const [i, q] of qs.entries()) {
    const k = key.questions[q.qid];
    picks[q.qid] = plan(i) ? rightChoice(k) : wrongChoice(k, q.values);
    if (plan(i)) right++;
    await choose(page, q, picks[q.qid]);
  }
  assert.equal(await page.locator('[data-quiz-retry]').isVisible(), false, '"Try again" is hidden before submitting');
  const look = () => page.locator(`#${qs[0].id} input:checked`).first().evaluate((i) => {
    const c = getComputedStyle(i);
    return { border: c.borderColor, opacity: c.opacity, label: getComputedStyle(document.querySelector(`label[for="${i.id}"]`)).color };
  });
  const before = await look();
  const r = await submitQuiz(page);
  assert.deepEqual(await look(), before, 'a chosen answer looks the same after submitting (not greyed out)');
  // The result's frame is green for a pass, red for a fail.
  const frame = await page.locator('section.quiz [data-quiz-result]').evaluate((e, v) => {
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = `var(${v})`;
    const want = getComputedStyle(probe).color;
    probe.remove();
    return { got: getComputedStyle(e).borderTopColor, want };
  }, r.passed ? '--ok' : '--bad');
  assert.equal(frame.got, frame.want, `the result's frame (${r.passed ? 'pass' : 'fail'})`);
  assert.equal(await page.locator('[data-quiz-submit]').isVisible(), false, '"Check my answers" is hidden after submitting');
  assert.equal(await page.locator('[data-quiz-retry]').isVisible(), !r.passed, '"Try again" only after a fail');
  // The score comes first: above the questions.
  assert.ok(await page.evaluate(() => {
    const res = document.querySelector('section.quiz [data-quiz-result]');
    const q = document.querySelector('section.quiz fieldset.question:not([hidden])');
    return res.getBoundingClientRect().bottom <= q.getBoundingClientRect().top && !!(res.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING);
  }), 'the result is above the first question');
  const pct = Math.round(100 * right / qs.length);
  assert.equal(r.score, pct);
  assert.equal(r.passed, pct >= key.pass_mark);
  assert.match(r.text, new RegExp(`^You answered ${right} of ${qs.length} questions correctly \\(${pct}%\\)\\.`));
  if (!r.passed) assert.match(r.text, new RegExp(`You need ${key.pass_mark}% to pass`));
  assert.ok(await activeMatches(page, '[data-quiz-result]'), 'focus moves to the result');

  for (const [i, q] of qs.entries()) {
    const k = key.questions[q.qid];
    const box = page.locator(`#${q.id}`);
    assert.equal(await box.getAttribute('data-result'), plan(i) ? 'correct' : 'incorrect', q.qid);
    const fb = box.locator('[data-feedback]');
    assert.equal(await fb.isVisible(), true, `feedback shown for ${q.qid}`);
    await expectText(fb.locator('.result-label'), plan(i) ? '✓ Correct' : '✗ Not quite');
    // One feedback paragraph per chosen option that has feedback, with exactly the key's text.
    const expected = (await texts(page, picks[q.qid].map((idx) => k.feedback[idx]))).filter(Boolean).sort();
    const shown = (await fb.locator('.option-feedback span').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()).sort();
    assert.deepEqual(shown, expected, `feedback for ${q.qid}`);
    if (!plan(i)) assert.ok(expected.length > 0, `the wrong option chosen for ${q.qid} has feedback`);
    const labels = await box.locator('.option-feedback strong').allTextContents();
    for (const l of labels) assert.match(l, /^You chose “.+”: $/);
    if (k.explanation) await expectText(fb.locator('.explanation'), (await texts(page, [k.explanation]))[0]);
    // Marks in the list itself: an icon and words on each option the learner chose and on
    // each right one (a module quiz reveals them).
    for (const idx of q.values) {
      const mine = picks[q.qid].includes(idx);
      const right = k.correct.includes(idx);
      const want = mine ? (right ? '✓ Your answer: correct' : '✗ Your answer: not correct') : right ? '✓ Correct answer' : null;
      const t = box.locator(`input[value="${idx}"] + label .option-tag`);
      if (want) await expectText(t, want);
      else assert.equal(await t.count(), 0, `option ${idx} of ${q.qid} is not marked`);
    }
    assert.equal(await box.locator('.correct-answer').count(), plan(i) ? 0 : k.correct.filter((x) => !picks[q.qid].includes(x)).length);
    assert.ok(await box.locator('input').evaluateAll((els) => els.every((e) => e.disabled)), 'answers are locked after submitting');
  }

  // Try again clears everything and asks every question again.
  assert.equal(r.passed, false, 'this plan fails the quiz');
  await page.locator('[data-quiz-retry]').click();
  assert.equal(await page.locator('section.quiz .option-tag, section.quiz .option[data-mark]').count(), 0, 'marks are cleared');
  assert.ok(await activeMatches(page, 'section.quiz h2'), 'focus moves to the quiz heading');
  assert.equal(await page.locator('section.quiz input:checked').count(), 0);
  assert.equal(await page.locator('section.quiz [data-feedback]:not([hidden])').count(), 0);
  assert.equal(await page.locator('section.quiz [data-quiz-result]').textContent(), '');
  const again = await answerQuiz(page, key);
  const r2 = await submitQuiz(page);
  assert.equal(r2.score, 100);
  assert.equal(r2.passed, true);
  assert.equal(again.right, again.total);
  assert.equal(await page.locator('[data-quiz-retry]').isVisible(), false, 'no "Try again" after a pass');
  assert.equal(await page.locator('section.quiz [data-quiz-result] a').count(), 0);
  // Revisited: the quiz says it was passed, with the best score.
  await page.reload();
  await expectText(page.locator('section.quiz [data-quiz-status]'), /^You passed \(best 100%\)\./);
  assert.deepEqual(errors, []);
  await context.close();
});

test('true/false options keep their order when the quiz shuffles; "Select all that apply" appears once', async () => {
  const { context, page, key } = await openQuiz();
  assert.equal(key.shuffle, true, 'this quiz shuffles');
  for (let n = 0; n < 4; n++) {
    const tf = await page.$$eval('section.quiz fieldset[data-kind="true_false"]', (fs) => fs.map((f) => Array.from(f.querySelectorAll('label')).map((l) => l.textContent.trim())));
    for (const labels of tf) assert.deepEqual(labels, ['True', 'False']);
    await page.reload();
  }
  const counts = await page.$$eval('section.quiz fieldset.question', (fs) => fs.map((f) => (f.textContent.match(/all that apply/gi) || []).length));
  for (const c of counts) assert.ok(c <= 1, `"all that apply" at most once per question: ${counts}`);
  const multiple = await page.$$eval('section.quiz fieldset[data-kind="multiple"]', (fs) => fs.map((f) => (f.textContent.match(/all that apply/gi) || []).length));
  assert.ok(multiple.length > 0 && multiple.every((c) => c === 1), `every "select all" question says so once: ${multiple}`);
  await context.close();
});

test('submitting with an unanswered question shows the error summary and moves focus to it', async () => {
  const { context, page, key } = await openQuiz();
  const qs = await activeQuestions(page);
  const last = qs[qs.length - 1];
  for (const q of qs.slice(0, -1)) await choose(page, q, rightChoice(key.questions[q.qid]));
  await page.locator('[data-quiz-submit]').click();
  const summary = page.locator('[data-error-summary]');
  await summary.waitFor({ state: 'visible' });
  assert.ok(await activeMatches(page, '[data-error-summary]'), 'focus is on the error summary');
  await expectText(summary.locator('h3'), 'There is a problem');
  const links = summary.locator('a');
  assert.equal(await links.count(), 1, 'one error per unanswered question');
  await expectText(links.first(), `Answer question ${qs.length}`);
  await expectText(page.locator(`#${last.id} .error-message`), `Error: select an answer to question ${qs.length}.`);
  assert.equal(await page.locator(`#${last.id}`).evaluate((f) => f.classList.contains('question-error')), true);
  assert.equal(await page.locator('section.quiz [data-quiz-result]').textContent(), '', 'no score yet');
  assert.equal(await page.locator('section.quiz [data-feedback]:not([hidden])').count(), 0, 'no feedback yet');
  // The summary's link takes focus to the question.
  await links.first().click();
  assert.ok(await activeMatches(page, `#${last.id} input`), 'the link focuses the unanswered question');
  // Answering it and submitting clears the errors.
  await choose(page, last, rightChoice(key.questions[last.qid]));
  const r = await submitQuiz(page);
  assert.equal(r.score, 100);
  assert.equal(await summary.isVisible(), false);
  assert.equal(await page.locator('section.quiz .error-message').count(), 0);
  await context.close();
});
