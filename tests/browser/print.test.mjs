// Printing: the certificate is one landscape page with the learner's details; a module
// prints without the quiz, navigation or quick-exit bar. Uses Chromium's own print-to-PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveSite, openContext, readCourse, completeModulesQuickly, passFinalQuickly, waitUntil, makeCertificate } from './helpers.mjs';

let browser, server, course;
before(async () => { course = readCourse(); [browser, server] = await Promise.all([launchBrowser(), serveSite()]); });
after(async () => { await browser?.close(); await server?.close(); });

/** Page count and the first page's size (points) of a PDF, read from its page objects. */
function pdfPages(buf) {
  const text = buf.toString('latin1');
  const pages = [...text.matchAll(/\/Type\s*\/Page[^s]/g)].length;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  return { pages, width: box ? Number(box[3]) - Number(box[1]) : 0, height: box ? Number(box[4]) - Number(box[2]) : 0 };
}

test('the certificate prints on exactly one landscape page', async () => {
  const { context, page } = await openContext(browser, server);
  await completeModulesQuickly(page, server, course);
  await passFinalQuickly(page, server);
  await page.goto(server.url('certificate.html'));
  await makeCertificate(page, 'Maria José Fernández-Okafor');
  await waitUntil(() => page.locator('[data-certificate]').isVisible(), { message: 'certificate shown' });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.exit-bar').isVisible(), false, 'quick-exit bar hidden in print');
  assert.equal(await page.locator('[data-certificate-form]').isVisible(), false, 'name form hidden in print');
  assert.equal(await page.locator('[data-cert-name]').textContent(), 'Maria José Fernández-Okafor');
  for (const format of ['A4', 'Letter']) {
    const pdf = pdfPages(await page.pdf({ format, preferCSSPageSize: true, printBackground: true }));
    assert.equal(pdf.pages, 1, `${format}: one page`);
    assert.ok(pdf.width > pdf.height, `${format}: landscape (${pdf.width}×${pdf.height})`);
  }
  await context.close();
});

test('a module prints its text without quiz, navigation or search', async () => {
  const { context, page } = await openContext(browser, server);
  await page.goto(server.url(`modules/${course.modules[0].slug}.html`));
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.exit-bar', '.site-nav', '.search-slot', 'section.quiz', '.pager']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} hidden in print`);
  }
  assert.equal(await page.locator('.module-body').isVisible(), true);
  assert.equal(await page.locator('#hotline').isVisible(), true, 'the help block stays on paper');
  const pdf = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  assert.ok(pdf.pages >= 1 && pdf.height > pdf.width, 'portrait pages');
  await context.close();
});
