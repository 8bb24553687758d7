// The Content-Security-Policy every page carries blocks nothing the course itself does: no
// page, in any state a learner reaches, over HTTP under a sub-path or opened from disk,
// triggers a `securitypolicyviolation`. (openContext records every violation, so all other
// browser tests fail on one too; this file makes sure every page and state is visited.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  launchBrowser, serveSite, openContext, readCourse, siteDir, sitePages, readQuizKey, answerQuiz,
  submitQuiz, completeModulesQuickly, passFinalQuickly, makeCertificate, expectText, waitUntil, pathToFileURL,
} from './helpers.mjs';

let browser, server, course;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

/** The policy the page itself declares (a <meta http-equiv>): it must be there and strict. */
async function policyOf(page) {
  return page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '');
}

/** The learner's interactive states on a module page: a glossary pop-up, a quiz answered
 * wrongly with its feedback, the search box with suggestions. */
async function exerciseModule(page) {
  const term = page.locator('button.term').first();
  if (await term.count()) {
    await term.click();
    await expectText(page.locator('button.term[aria-expanded="true"]'), /./);
    await page.keyboard.press('Escape');
  }
  const key = await readQuizKey(page);
  await answerQuiz(page, key, (i) => i % 2 === 1);
  assert.equal((await submitQuiz(page)).passed, false);
  await page.locator('#search-input').fill('coercion');
  await waitUntil(async () => (await page.locator('#search-listbox [role=option]').count()) > 0, { message: 'search suggestions' });
}

for (const mode of ['http', 'file']) {
  test(`no page triggers a CSP violation (${mode === 'http' ? 'over HTTP under a sub-path' : 'opened from disk'})`, async () => {
    const { context, page, csp, errors } = await openContext(browser, mode === 'http' ? server : null);
    const url = (rel) => {
      const [file, query] = rel.split('?');
      return (mode === 'http' ? server.url(file) : pathToFileURL(path.join(siteDir(), file)).href) + (query ? `?${query}` : '');
    };
    const pages = sitePages();
    assert.ok(pages.length >= 10 && pages.includes('404.html'), `the site's pages: ${pages.join(', ')}`);
    for (const rel of pages) {
      await page.goto(url(rel));
      await page.waitForLoadState('load');
      const policy = await policyOf(page);
      assert.match(policy, /default-src 'none'|default-src 'self'/, `${rel} declares a policy`);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/, `${rel}: the policy is strict`);
    }
    await page.goto(url(`modules/${course.modules[0].slug}.html`));
    await exerciseModule(page);
    await page.goto(url('search.html?q=trafficking'));
    await waitUntil(async () => (await page.locator('[data-search-results] .search-result').count()) > 0, { message: 'search results' });
    if (mode === 'http') {
      // The rest of the journey: every module, the final, a certificate and its check.
      await completeModulesQuickly(page, server, course);
      await passFinalQuickly(page, server);
      await page.goto(server.url('certificate.html'));
      await makeCertificate(page, 'Ann Lee');
      await page.goto(server.url('verify.html'));
      await page.getByLabel('Name on the certificate').fill('Ann Lee');
      await page.getByLabel('Completion date').fill('2026-01-02');
      await page.getByLabel('Final score (%)').fill('90');
      await page.getByLabel('Certificate code').fill('ABCD-EFGH-JKMN');
      await page.getByRole('button', { name: 'Check the code' }).click();
      await expectText(page.locator('[data-verify-result]'), /Not valid/);
    }
    assert.deepEqual(csp, [], 'nothing was blocked');
    assert.deepEqual(errors, []);

    // The watch itself works: an inline style attribute is blocked and reported.
    await page.evaluate(() => {
      const d = document.createElement('div');
      d.setAttribute('style', 'color: red');
      document.body.append(d);
    });
    await waitUntil(async () => csp.length > 0, { message: 'the planted violation is reported' });
    assert.match(csp[0], /style-src/);
    await context.close();
  });
}
