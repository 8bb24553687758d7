// The Nu HTML Checker (npm vnu-jar, run with Debian's Java) finds no error on any page of
// the built default course, nor in the pages' markup as the scripts leave it in the states
// a learner sees (search open, quiz submitted, glossary pop-up open, certificate shown).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  siteDir, sitePages, launchBrowser, serveSite, openContext, readCourse, readQuizKey, answerQuiz, submitQuiz,
  completeModulesQuickly, passFinalQuickly, makeCertificate,
} from './helpers.mjs';

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
const skip = hasJava ? false : 'java is missing (tests/browser/run.sh installs default-jre-headless)';
if (!hasJava && process.env.CI === 'true') throw new Error('vnu: java is missing, and CI=true');

/** vnu's errors for the given files, as "file:line:col: message". */
function vnuErrors(files) {
  const r = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.ok(r.status === 0 || r.status === 1, `vnu ran (status ${r.status}): ${r.stderr.slice(0, 500)}`);
  const out = JSON.parse(r.stderr || '{"messages":[]}');
  return out.messages.filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => `${m.url.replace(/^file:/, '')}:${m.lastLine}:${m.firstColumn || ''}: ${m.message}`);
}

test('the Nu HTML Checker reports no error on any page of the built course', { skip }, () => {
  const files = sitePages().map((p) => path.join(siteDir(), p));
  assert.ok(files.length > 15, `${files.length} pages`);
  assert.deepEqual(vnuErrors(files), []);
  // The checker does find errors (the search box before this fix): it is not silent.
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aware-vnu-')), 'bad.html');
  fs.writeFileSync(bad, '<!doctype html><html lang="en"><title>x</title><input type="search" role="combobox" aria-expanded="false">');
  assert.equal(vnuErrors([bad]).length, 1);
});

let browser, server, course;
before(async () => {
  if (skip) return;
  course = readCourse();
  [browser, server] = await Promise.all([launchBrowser(), serveSite()]);
});
after(async () => { await browser?.close(); await server?.close(); });

test('…and none in the markup the scripts leave behind', { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aware-vnu-dom-'));
  const files = [];
  const { context, page } = await openContext(browser, server);
  const save = async (name) => {
    const html = await page.evaluate(() => '<!doctype html>\n' + document.documentElement.outerHTML);
    const f = path.join(dir, `${name}.html`);
    fs.writeFileSync(f, html);
    files.push(f);
  };
  const m = course.modules.find((x) => x.quiz);
  await page.goto(server.url(`modules/${m.slug}.html`));
  await page.locator('#search-input').fill('trafficking');
  await page.locator('.search-popup .search-more a').waitFor();
  await page.keyboard.press('ArrowDown');
  await save('search-open');
  await page.locator('#search-input').fill('trafiking');
  await page.locator('.search-popup .search-suggest a').waitFor();
  await save('search-did-you-mean');
  await page.keyboard.press('Escape');
  const term = page.locator('.module-body button.term').first();
  if (await term.count()) { await term.click(); await page.locator('.module-body .term-popup:not([hidden])').waitFor(); await save('glossary-pop-up'); await page.keyboard.press('Escape'); }
  await answerQuiz(page, await readQuizKey(page), (i) => i % 2 === 0);
  await submitQuiz(page);
  await save('quiz-submitted');
  await page.goto(server.url('search.html?q=trafiking'));
  await page.locator('[data-search-note] .search-suggest a').waitFor();
  await save('results-page-no-results');
  await completeModulesQuickly(page, server, course);
  await page.goto(server.url(''));
  await save('home-done');
  await passFinalQuickly(page, server);
  await save('final-passed');
  await page.goto(server.url('certificate.html'));
  await makeCertificate(page, 'Ann Lee');
  await save('certificate');
  await context.close();
  assert.deepEqual(vnuErrors(files), []);
});
