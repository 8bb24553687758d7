// A learner takes the whole default course with the mouse, from the first module to a
// verified certificate, served under a sub-path over HTTP; nothing may leave for another host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, expectText, readToEnd, readQuizKey,
  answerQuiz, submitQuiz, takeFinal, certificateCode, localDate, CODE_ALPHABET, waitUntil, makeCertificate, certificateDate,
} from './helpers.mjs';

let browser, server, course;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

test('a learner completes the default course, passes the final on the second try and verifies the certificate', async () => {
  const { context, page, requests, foreign, errors, dialogs } = await openContext(browser, server);
  const required = course.modules.filter((m) => m.required);
  assert.ok(required.length >= 2, 'the default course has required modules');
  const dayBefore = localDate();

  // The final assessment and the certificate are locked at first.
  await page.goto(server.url('final.html'));
  assert.equal(await page.locator('[data-final-locked]').isVisible(), true, 'final is locked before the modules');
  assert.equal(await page.locator('section.quiz').isVisible(), false, 'no final questions before the modules');
  await page.goto(server.url('certificate.html'));
  assert.equal(await page.locator('[data-certificate-locked]').isVisible(), true, 'certificate locked');
  assert.equal(await page.locator('[data-certificate-form]').isVisible(), false);

  // Start from the home page, then take every module in order through the pager.
  await page.goto(server.url(''));
  await expectText(page.locator('[data-progress-label]'), `0 of ${required.length} required modules complete`);
  await Promise.all([page.waitForURL(/modules\//), page.getByRole('link', { name: 'Start the course' }).click()]);
  for (const [i, m] of course.modules.entries()) {
    assert.ok(page.url().endsWith(`modules/${m.slug}.html`), `on module ${m.slug} (at ${page.url()})`);
    await expectText(page.locator('h1'), m.title);
    // 'In progress' until the end is seen (a short module may be seen whole at once).
    await expectText(page.locator('.module-header [data-module-status]'), /^(In progress|Quiz to pass)$/);
    await readToEnd(page);
    await expectText(page.locator('.module-header [data-module-status]'), m.quiz ? 'Quiz to pass' : 'Complete');
    if (m.quiz) {
      const key = await readQuizKey(page);
      const a = await answerQuiz(page, key);
      const r = await submitQuiz(page);
      assert.equal(r.passed, true, `${m.slug}: ${r.text}`);
      assert.equal(r.score, 100);
      assert.match(r.text, new RegExp(`^You answered ${a.total} of ${a.total} questions correctly \\(100%\\)`));
      await expectText(page.locator('.module-header [data-module-status]'), 'Complete');
    }
    const doneSoFar = course.modules.slice(0, i + 1).filter((x) => x.required).length;
    await expectText(page.locator('[data-progress-label]'), `${doneSoFar} of ${required.length} required modules complete`);
    if (i < course.modules.length - 1) {
      // Before the last module the final is still locked (checked once, halfway).
      if (i === 0) {
        const p2 = await context.newPage();
        await p2.goto(server.url('final.html'));
        assert.equal(await p2.locator('[data-final-locked]').isVisible(), true, 'final still locked with modules left');
        await p2.close();
      }
      await Promise.all([page.waitForURL(/modules\//), page.locator('a.pager-next').click()]);
    }
  }

  // Home shows every module complete.
  await page.locator('.site-nav').getByRole('link', { name: 'Modules' }).click();
  await page.waitForURL(/index\.html$/);
  for (const m of course.modules) await expectText(page.locator(`.module-card [data-module-status="${m.slug}"]`), 'Complete');
  await expectText(page.locator('[data-overall-progress]'), new RegExp(`completed ${required.length} of ${required.length} required modules\\. The final assessment is open\\.`));

  // The final: unlocked; fail once on purpose, then pass at exactly the pass mark.
  await page.locator('[data-final-card] a', { hasText: 'final assessment' }).click();
  await page.waitForURL(/final\.html$/);
  assert.equal(await page.locator('[data-final-locked]').isVisible(), false, 'final unlocked');
  const finalKey = await readQuizKey(page);
  const drawn = Math.min(course.final.questions, Object.keys(finalKey.questions).length);
  const need = Math.ceil(finalKey.pass_mark * drawn / 100);
  const fail = await takeFinal(page, server, { right: need - 1 });
  assert.equal(fail.total, drawn, 'the final asks the configured number of questions');
  assert.equal(fail.passed, false, fail.text);
  assert.equal(fail.score, Math.round(100 * (need - 1) / drawn));
  assert.equal(await page.locator('section.quiz .correct-answer').count(), 0, 'the final does not reveal right answers');
  await expectText(page.locator('[data-final-attempts]'), `Attempts so far: 1. Best score: ${fail.score}%.`);
  assert.equal(await page.locator('[data-final-passed]').isVisible(), false);
  const firstDraw = (await page.$$eval('section.quiz fieldset.question:not([hidden])', (f) => f.map((x) => x.dataset.question))).join();

  await page.locator('[data-quiz-retry]').click();
  const secondDraw = (await page.$$eval('section.quiz fieldset.question:not([hidden])', (f) => f.map((x) => x.dataset.question))).join();
  if (drawn < Object.keys(finalKey.questions).length) assert.notEqual(secondDraw, firstDraw, 'a new set of questions is drawn');
  const pass = await takeFinal(page, server, { right: need });
  assert.equal(pass.passed, true, pass.text);
  const score = Math.round(100 * need / drawn);
  assert.equal(pass.score, score);
  assert.match(pass.text, new RegExp(`^You answered ${need} of ${drawn} questions correctly \\(${score}%\\)\\. You passed`));
  await expectText(page.locator('[data-final-attempts]'), `Attempts so far: 2. Best score: ${score}%.`);
  assert.equal(await page.locator('[data-final-passed]').isVisible(), true);

  // The certificate.
  // "You passed: get your certificate" is at the top, above the questions; the result links to it too.
  const passedBox = page.locator('[data-final-passed]');
  await expectText(passedBox.locator('h2'), 'You passed: get your certificate');
  assert.ok(await page.evaluate(() => document.querySelector('[data-final-passed]').getBoundingClientRect().bottom <= document.querySelector('section.quiz').getBoundingClientRect().top), 'the pass is above the quiz');
  assert.equal(await page.locator('[data-quiz-result] a').getAttribute('href'), 'certificate.html');
  await passedBox.getByRole('link', { name: 'Get your certificate' }).click();
  await page.waitForURL(/certificate\.html$/);
  assert.equal(await page.locator('[data-certificate]').isVisible(), false, 'no certificate before a name is given');
  const name = '  Ann   Marie  Lee ';
  const shown = 'Ann Marie Lee';
  await makeCertificate(page, name);
  const dayAfter = localDate();
  await expectText(page.locator('[data-cert-name]'), shown);
  const date = await certificateDate(page);
  assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(date === dayBefore || date === dayAfter, `certificate date ${date} is today (${dayAfter})`);
  await expectText(page.locator('[data-cert-score]'), `${score}%`);
  const code = (await page.locator('[data-cert-code]').textContent()).trim();
  assert.match(code, new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
  assert.equal(code, certificateCode(course, { name: shown, date, score }), 'code matches the independent SHA-256 computation');
  assert.equal(code, certificateCode(course, { name, date, score }), 'names are compared with spaces normalised');
  await expectText(page.locator('.certificate .cert-course'), course.title);
  await expectText(page.locator('.certificate .cert-org'), course.organisation);
  await expectText(page.locator('.certificate .cert-signatory'), course.certificate.signatory || course.organisation);
  assert.equal(await page.locator('[data-print]').isVisible(), true);

  // The certificate is still there after a reload (name kept in this browser).
  await page.reload();
  await expectText(page.locator('[data-cert-name]'), shown);
  await expectText(page.locator('[data-cert-code]'), code);

  // Home mentions the passed final.
  await page.goto(server.url('index.html'));
  await expectText(page.locator('[data-progress-label]'), /^Course complete: final passed$/);

  // Verify: the right details are valid; a changed character or name is not.
  await page.goto(server.url('verify.html'));
  const check = async (fields) => {
    const form = page.locator('[data-verify-form]');
    await form.getByLabel('Name on the certificate').fill(fields.name);
    await form.getByLabel('Completion date').fill(fields.date);
    await form.getByLabel('Final score (%)').fill(fields.score);
    await form.getByLabel('Course version').fill(fields.version);
    await form.getByLabel('Certificate code').fill(fields.code);
    await form.getByRole('button', { name: 'Check the code' }).click();
    const out = page.locator('[data-verify-result]');
    await waitUntil(async () => (await out.textContent()).trim() !== '', { message: 'a verify result' });
    const text = (await out.textContent()).trim();
    await out.evaluate((e) => { e.textContent = ''; e.removeAttribute('data-valid'); });
    return text;
  };
  assert.equal(await page.getByLabel('Course version').inputValue(), course.version, 'version prefilled');
  const good = { name: shown, date, score: `${score}%`, version: course.version, code };
  assert.match(await check(good), /^✓ Valid/);
  assert.match(await check({ ...good, code: code.toLowerCase().replace(/-/g, ' ') }), /^✓ Valid/, 'case and separators do not matter');
  const i = 5; // a character of the second group
  const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[i]) + 1) % CODE_ALPHABET.length];
  const changed = code.slice(0, i) + other + code.slice(i + 1);
  assert.notEqual(changed, code);
  assert.match(await check({ ...good, code: changed }), /^✗ Not valid/, 'a changed character is rejected');
  assert.match(await check({ ...good, name: 'Ann Marie Leo' }), /^✗ Not valid/, 'a changed name is rejected');
  assert.match(await check({ ...good, score: String(score - 1) }), /^✗ Not valid/, 'a changed score is rejected');
  assert.match(await check({ ...good, code: '' }), /^Fill in every field/);

  // Nothing left for another host, and nothing broke.
  assert.ok(requests.length > course.modules.length * 3, `requests were recorded (${requests.length})`);
  assert.deepEqual(foreign(), [], 'no request went to a host other than the one serving the site');
  assert.ok(requests.every((u) => u.startsWith(server.base)), 'every request stayed under the course sub-path');
  assert.deepEqual(errors, [], 'no uncaught script errors');
  assert.deepEqual(dialogs, []);
  await context.close();
});
