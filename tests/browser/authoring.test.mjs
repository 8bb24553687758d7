// Authoring features in the learner's browser: the final assessment's blueprint over many
// real draws, and the certificate centred on the printed page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serveSite, openContext, readCourse, readQuizKey, activeQuestions,
  completeModulesQuickly, passFinalQuickly, makeCertificate,
} from './helpers.mjs';

let browser, server, course, storageState;
before(async () => {
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
  const { context, page } = await openContext(browser, server);
  await completeModulesQuickly(page, server, course);
  storageState = await context.storageState();
  await context.close();
});
after(async () => { await browser?.close(); await server?.close(); });

test('over 50 draws every always question is asked and modules stay within one question', async () => {
  assert.equal(course.final.spread, 'module', 'the default course spreads its final by module');
  const { context, page } = await openContext(browser, server, { storageState });
  await page.goto(server.url('final.html'));
  const key = await readQuizKey(page);
  const always = Object.entries(key.questions).filter(([, q]) => q.always).map(([id]) => id);
  const modules = [...new Set(Object.values(key.questions).map((q) => q.module).filter(Boolean))];
  assert.ok(always.length >= 1 && modules.length >= 2, `always ${always.length}, modules ${modules.length}`);
  const seen = new Set();
  for (let draw = 0; draw < 50; draw++) {
    if (draw) await page.reload();
    await page.locator('section.quiz').waitFor({ state: 'visible' });
    const asked = (await activeQuestions(page)).map((q) => q.qid);
    assert.equal(asked.length, course.final.questions, `draw ${draw}: ${course.final.questions} questions`);
    for (const id of always) assert.ok(asked.includes(id), `draw ${draw}: always question ${id} is asked`);
    const counts = modules.map((m) => asked.filter((id) => key.questions[id].module === m).length);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `draw ${draw}: per-module counts ${counts}`);
    asked.forEach((id) => seen.add(id));
  }
  assert.ok(seen.size > course.final.questions, `different draws ask different questions (${seen.size} seen)`);
  await context.close();
});

/** Page count of a PDF, from its page objects. */
function pdfPageCount(buf) {
  return [...buf.toString('latin1').matchAll(/\/Type\s*\/Page[^s]/g)].length;
}

test('the printed certificate is one page, centred on A4 and on Letter', async () => {
  const { context, page } = await openContext(browser, server, { storageState });
  await passFinalQuickly(page, server);
  await page.goto(server.url('certificate.html'));
  await makeCertificate(page, 'Maria José Fernández-Okafor');
  await page.emulateMedia({ media: 'print' });
  // The printable width of each landscape page (paper minus the 12 mm @page margins), in
  // CSS pixels: laid out at that width, the certificate's left and right margins match.
  const mm = 96 / 25.4;
  for (const [format, width, height] of [['A4', 297, 210], ['Letter', 279.4, 215.9]]) {
    await page.setViewportSize({ width: Math.round((width - 24) * mm), height: Math.round((height - 24) * mm) });
    const box = await page.locator('.certificate').evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: document.documentElement.clientWidth - r.right, width: r.width };
    });
    assert.ok(Math.abs(box.left - box.right) <= 1, `${format}: left ${box.left} px, right ${box.right} px`);
    assert.ok(box.width > (width - 24) * mm * 0.9, `${format}: the certificate spans the page (${box.width} px)`);
    const pdf = await page.pdf({ format, preferCSSPageSize: true, printBackground: true });
    assert.equal(pdfPageCount(pdf), 1, `${format}: one page`);
  }
  await context.close();
});
