// The certificate treats the learner's name as text, never markup, and asks for a name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, completeModulesQuickly, passFinalQuickly,
  expectText, activeMatches, certificateCode,
} from './helpers.mjs';

let browser, server, course, storageState;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
  const { context, page } = await openContext(browser, server);
  await completeModulesQuickly(page, server, course);
  await passFinalQuickly(page, server);
  storageState = await context.storageState();
  await context.close();
});
after(async () => { await browser?.close(); await server?.close(); });

test('a name with HTML in it is shown as literal text and creates no element', async () => {
  const { context, page, requests, dialogs, errors } = await openContext(browser, server, { storageState });
  const name = '<img src=x onerror=alert(1)>Ann';
  await page.goto(server.url('certificate.html'));
  const before = await page.evaluate(() => document.querySelectorAll('img').length);
  await page.getByLabel('Your name, as it should appear on the certificate').fill(name);
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await page.locator('[data-certificate]').waitFor({ state: 'visible' });
  const check = async () => {
    await expectText(page.locator('[data-cert-name]'), name);
    assert.equal(await page.locator('[data-cert-name]').evaluate((e) => e.children.length), 0, 'no element inside the name');
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), before, 'no image was created');
    await page.waitForTimeout(100);
    assert.deepEqual(dialogs, [], 'no script ran');
    assert.deepEqual(requests.filter((u) => /\/x($|\?)/.test(u)), [], 'nothing was requested for src=x');
  };
  await check();
  const date = (await page.locator('[data-cert-date]').textContent()).trim();
  const score = Number((await page.locator('[data-cert-score]').textContent()).replace('%', ''));
  await expectText(page.locator('[data-cert-code]'), certificateCode(course, { name, date, score }));
  // Saved and shown again the same way after a reload.
  await page.reload();
  await check();
  assert.equal(await page.locator('#learner-name').inputValue(), name);
  // The verify page accepts the code for that exact name.
  const code = (await page.locator('[data-cert-code]').textContent()).trim();
  await page.goto(server.url('verify.html'));
  await page.getByLabel('Name on the certificate').fill(name);
  await page.getByLabel('Completion date').fill(date);
  await page.getByLabel('Final score (%)').fill(String(score));
  await page.getByLabel('Certificate code').fill(code);
  await page.getByRole('button', { name: 'Check the code' }).click();
  await expectText(page.locator('[data-verify-result]'), /^✓ Valid/);
  assert.equal(await page.locator('[data-verify-result]').evaluate((e) => e.children.length), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an empty name shows an error and keeps focus on the field', async () => {
  const { context, page } = await openContext(browser, server, { storageState });
  await page.goto(server.url('certificate.html'));
  await page.getByLabel('Your name, as it should appear on the certificate').fill('   ');
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await expectText(page.locator('#learner-name-error'), 'Error: enter your name.');
  assert.ok(await activeMatches(page, '#learner-name'));
  assert.match(await page.locator('#learner-name').getAttribute('aria-describedby'), /learner-name-error/);
  assert.equal(await page.locator('[data-certificate]').isVisible(), false);
  // Submitting twice does not stack errors.
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  assert.equal(await page.locator('.error-message').count(), 1);
  await context.close();
});
