// The certificate treats the learner's name as text, never markup, and asks for a name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, completeModulesQuickly, passFinalQuickly,
  expectText, activeMatches, certificateCode, makeCertificate, certificateDate, addMonths, localDate,
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
  await makeCertificate(page, name);
  const check = async () => {
    await expectText(page.locator('[data-cert-name]'), name);
    assert.equal(await page.locator('[data-cert-name]').evaluate((e) => e.children.length), 0, 'no element inside the name');
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), before, 'no image was created');
    await page.waitForTimeout(100);
    assert.deepEqual(dialogs, [], 'no script ran');
    assert.deepEqual(requests.filter((u) => /\/x($|\?)/.test(u)), [], 'nothing was requested for src=x');
  };
  await check();
  const date = await certificateDate(page);
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

test('the learner must confirm the attestation; the certificate shows until when it is valid', async () => {
  assert.ok(course.certificate.attestation && course.certificate.valid_months, 'the default course sets both');
  const { context, page } = await openContext(browser, server, { storageState });
  await page.goto(server.url('certificate.html'));
  await page.getByLabel('Your name, as it should appear on the certificate').fill('Ann Lee');
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await expectText(page.locator('#attest-error'), 'Error: confirm the statement to get your certificate.');
  assert.ok(await activeMatches(page, '#attest'), 'focus on the checkbox');
  assert.equal(await page.locator('[data-certificate]').isVisible(), false, 'no certificate without the attestation');
  await page.getByLabel(course.certificate.attestation).check();
  await page.getByRole('button', { name: 'Show my certificate' }).click();
  await page.locator('[data-certificate]').waitFor({ state: 'visible' });
  assert.equal(await page.locator('.error-message').count(), 0);
  const date = await certificateDate(page);
  const until = await page.locator('[data-cert-valid-until]').getAttribute('datetime');
  assert.equal(until, addMonths(date, course.certificate.valid_months));
  const words = new Date(`${until}T00:00:00Z`).toLocaleDateString(course.language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  await expectText(page.locator('[data-cert-valid-until]'), words);
  await expectText(page.locator('.cert-attestation'), new RegExp(course.certificate.attestation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // Kept after a reload: the attestation was saved with the name.
  await page.reload();
  await page.locator('[data-certificate]').waitFor({ state: 'visible' });
  await context.close();
});

test('the verify page says whether a certificate is valid, and until when, or expired', async () => {
  const { context, page } = await openContext(browser, server);
  await page.goto(server.url('verify.html'));
  const verify = async (date) => {
    const code = certificateCode(course, { name: 'Ann Lee', date, score: 90 });
    await page.getByLabel('Name on the certificate').fill('Ann Lee');
    await page.getByLabel('Completion date').fill(date);
    await page.getByLabel('Final score (%)').fill('90');
    await page.getByLabel('Certificate code').fill(code);
    await page.getByRole('button', { name: 'Check the code' }).click();
    const out = page.locator('[data-verify-result]');
    await expectText(out, /^✓/);
    return { text: (await out.textContent()).trim(), valid: await out.getAttribute('data-valid') };
  };
  const old = await verify('2020-01-15');
  assert.equal(old.valid, 'expired');
  assert.match(old.text, /expired on/);
  const fresh = await verify(localDate());
  assert.equal(fresh.valid, 'true');
  assert.match(fresh.text, /^✓ Valid until /);
  await context.close();
});
