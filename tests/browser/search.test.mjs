// Search in the browser against the real built default course: the browser's query-side
// normalisation agrees with the Rust analyzer on the golden set, its top-10 equals
// `aware search` (tantivy) on 30+ queries, prefixes work letter by letter, and nothing
// but the manifest loads before the box is used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { HERE, siteDir, serveSite, launchBrowser, openContext, waitUntil } from './helpers.mjs';

const REPO = path.resolve(HERE, '../..');
const BIN = process.env.AWARE_BIN || path.join(REPO, 'target/debug/aware');

// Common, rare, multi-word, phrase-like and no-hit queries over the default course.
const QUERIES = [
  'hotline', 'trafficking', 'human trafficking', 'signs in minors', 'what is the bottom', 'coercion',
  'trauma bond', 'force fraud coercion', 'smuggling', 'runaway youth', 'foster care', 'social media recruiting',
  'truck stops', 'massage', 'hotel', 'indicators', 'report', 'safety and resources', 'survivor',
  'Safe Harbor', 'TVPA 2000', '22 USC 7102', 'Medicaid insurance', 'PTSD anxiety depression', 'economics money',
  'employers', 'romeo', 'the game', 'choosing up', 'Super Bowl', 'NCMEC', 'debt bondage', 'forced marriage',
  'disclose', 'no wrong door', 'zebra', 'quantum chromodynamics', 'Café', 'LGBTQIA+', 'recruitment method',
];

function tantivyTop10(queries) {
  const out = execFileSync(BIN, ['search', '-', REPO, '--json', '-n', '10'], { input: queries.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
  const by = new Map(queries.map((q) => [q, []]));
  for (const line of out.split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    by.get(r.query).push({ doc: r.doc, score: r.score, url: r.url });
  }
  return by;
}

/** search.js loads when the box is first used: focus it and wait for the API. */
async function searchReady(page) {
  await page.focus('#search-input');
  await page.waitForFunction(() => window.AWARE_SEARCH);
}

let browser, server;
before(async () => { browser = await launchBrowser(); server = await serveSite(); });
after(async () => { await browser?.close(); await server?.close(); });

test('query normalisation agrees with the Rust analyzer on the golden set', async () => {
  const golden = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/search/golden-tokens.json'), 'utf8'));
  const { page, context } = await openContext(browser, server);
  await page.goto(server.url('index.html'));
  await searchReady(page);
  const got = await page.evaluate((inputs) => inputs.map((i) => window.AWARE_SEARCH.normalise(i)), golden.map((g) => g.input));
  golden.forEach((g, i) => assert.deepEqual(got[i], g.tokens, `input ${JSON.stringify(g.input)}`));
  await context.close();
});

test("browser top-10 equals tantivy's top-10 with scores within 1e-5", async () => {
  assert.ok(QUERIES.length >= 30);
  const expected = tantivyTop10(QUERIES);
  const { page, context, foreign } = await openContext(browser, server);
  await page.goto(server.url('modules/indicators.html'));
  await searchReady(page);
  const got = await page.evaluate(async (qs) => {
    const out = {};
    for (const q of qs) out[q] = (await window.AWARE_SEARCH.query(q, { prefix: false })).slice(0, 10).map((h) => ({ doc: h.doc, score: h.score }));
    return out;
  }, QUERIES);
  let nonEmpty = 0;
  for (const q of QUERIES) {
    const want = expected.get(q);
    const have = got[q];
    if (want.length) nonEmpty++;
    assert.deepEqual(have.map((h) => h.doc), want.map((h) => h.doc), `ranking for ${JSON.stringify(q)}`);
    have.forEach((h, i) => {
      const rel = Math.abs(h.score - want[i].score) / Math.max(1e-9, Math.abs(want[i].score));
      assert.ok(rel < 1e-5, `${q} #${i + 1}: browser ${h.score} vs tantivy ${want[i].score}`);
    });
  }
  assert.ok(nonEmpty >= 30, `only ${nonEmpty} queries had results`);
  assert.deepEqual(expected.get('zebra'), []);
  assert.deepEqual(foreign(), []);
  await context.close();
});

test('with split postings (AWARE_SEARCH_SPLIT_BYTES) the top 10 still equals `aware search`, loading pieces only as needed', async () => {
  // The default course built again with a tiny split size, so its common stems are split
  // into many pieces the way a 10,000-module course's are.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aware-split-'));
  execFileSync(BIN, ['build', REPO, '-o', out], { env: { ...process.env, AWARE_SEARCH_SPLIT_BYTES: '300' }, stdio: 'pipe' });
  const pieces = fs.readdirSync(path.join(out, 'search')).filter((f) => /^c\d+-\d+-\d+\.js$/.test(f));
  assert.ok(pieces.length > 20, `pieces: ${pieces.length}`);
  const split = await serveSite(out);
  try {
    const expected = tantivyTop10(QUERIES);
    const { page, context, requests } = await openContext(browser, split);
    await page.goto(split.url('modules/indicators.html'));
    await searchReady(page);
    const got = await page.evaluate(async (qs) => {
      const o = {};
      for (const q of qs) {
        const top = await window.AWARE_SEARCH.query(q, { prefix: false, limit: 10 });
        o[q] = { top: top.map((h) => ({ doc: h.doc, score: h.score })), complete: top.complete };
      }
      return o;
    }, QUERIES);
    for (const q of QUERIES) {
      assert.deepEqual(got[q].top.map((h) => h.doc), expected.get(q).map((h) => h.doc), `ranking for ${JSON.stringify(q)}`);
      got[q].top.forEach((h, i) => assert.equal(h.score, expected.get(q)[i].score, `${q} #${i + 1}: the same sum of the same f32s`));
    }
    const loadedPieces = requests.filter((u) => /\/c\d+-\d+-\d+\.js$/.test(u));
    assert.ok(loadedPieces.length > 0, 'some pieces were needed');
    assert.ok(loadedPieces.length < pieces.length / 2, `loaded ${loadedPieces.length} of ${pieces.length} pieces`);
    assert.ok(QUERIES.some((q) => !got[q].complete), 'some top 10s were sure before every piece was loaded');
    // Every match, when asked for, is the same set as with whole postings.
    const all = await page.evaluate(async () => (await window.AWARE_SEARCH.query('trafficking', { prefix: false })).length);
    const { page: p2, context: c2 } = await openContext(browser, server);
    await p2.goto(server.url('index.html'));
    await searchReady(p2);
    assert.equal(all, await p2.evaluate(async () => (await window.AWARE_SEARCH.query('trafficking', { prefix: false })).length));
    await c2.close();
    await context.close();
  } finally {
    await split.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('prefixes match real words as they are typed, letter by letter', async () => {
  const { page, context } = await openContext(browser, server);
  await page.goto(server.url('index.html'));
  await searchReady(page);
  for (const word of ['recruitment', 'indicators', 'hotline', 'survivors', 'coercion']) {
    const res = await page.evaluate(async (w) => {
      const full = (await window.AWARE_SEARCH.query(w, { prefix: false })).map((h) => h.doc);
      const steps = [];
      for (let n = 2; n <= w.length; n++) {
        const hits = await window.AWARE_SEARCH.query(w.slice(0, n));
        steps.push({ prefix: w.slice(0, n), docs: hits.map((h) => h.doc), words: hits.words });
      }
      return { full, steps };
    }, word);
    assert.ok(res.full.length > 0, `${word} is in the course`);
    for (const s of res.steps) {
      assert.ok(s.words.length > 0, `"${s.prefix}" matches some word`);
      assert.ok(s.words.every((m) => m.startsWith(s.prefix)), `"${s.prefix}" expanded to ${s.words}`);
      assert.ok(s.words.includes(word), `"${s.prefix}" reaches "${word}" (got ${s.words.slice(0, 8)})`);
      const missing = res.full.filter((d) => !s.docs.includes(d));
      assert.deepEqual(missing, [], `"${s.prefix}" keeps every document that has "${word}"`);
    }
  }
  await context.close();
});

test('the search box: "/" focuses it, results appear as you type, arrows and Enter open a result, Escape closes', async () => {
  const { page, context, requests } = await openContext(browser, server);
  await page.goto(server.url('index.html'));
  await page.waitForLoadState('load');
  assert.equal(requests.filter((u) => u.includes('/search/') || u.endsWith('search.js')).length, 0, 'neither the search code nor its index loads with the page');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  await page.keyboard.type('botto', { delay: 20 });
  const box = page.locator('#search-listbox');
  await waitUntil(async () => (await box.isVisible()) && (await box.locator('[role=option]').count()) > 0, { message: 'results' });
  assert.equal(await page.getAttribute('#search-input', 'aria-expanded'), 'true');
  const first = (await box.locator('[role=option]').first().textContent()).toLowerCase();
  assert.ok(first.includes('bottom'), first);
  assert.ok((await box.locator('mark').count()) > 0, 'matches are highlighted');
  const status = await page.locator('#search-status').textContent();
  assert.match(status, /\d+ results? found/);
  const loaded = requests.filter((u) => u.includes('/search/'));
  assert.ok(loaded.some((u) => u.endsWith('manifest.js')));
  assert.ok(loaded.filter((u) => /\/c\d+\.js$/.test(u)).length <= 2, `chunks loaded: ${loaded}`);
  await page.keyboard.press('ArrowDown');
  const activeId = await page.getAttribute('#search-input', 'aria-activedescendant');
  assert.equal(await page.getAttribute('#' + activeId, 'aria-selected'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await box.isVisible(), false);
  assert.equal(await page.getAttribute('#search-input', 'aria-expanded'), 'false');
  await page.keyboard.press('ArrowDown');
  await waitUntil(() => box.isVisible(), { message: 'reopened' });
  const href = await box.locator('[role=option]').first().getAttribute('data-href');
  await Promise.all([page.waitForURL((u) => u.href.includes(href.split('#')[0].replace(/^\.\//, ''))), page.keyboard.press('Enter')]);
  await context.close();
});

test('no results: "Did you mean" offers the nearest of the course\'s own words, never inside the results list', async () => {
  const { page, context } = await openContext(browser, server);
  await page.goto(server.url('glossary.html'));
  await searchReady(page);
  const d = await page.evaluate(() => [['trafiking', 'trafficking'], ['ab', 'ba'], ['coersion', 'coercion'], ['kitten', 'sitting']].map(([a, b]) => window.AWARE_SEARCH.distance(a, b)));
  assert.deepEqual(d, [2, 1, 1, 3]);
  const dym = await page.evaluate(async () => ({
    one: await window.AWARE_SEARCH.didYouMean('trafiking'),
    two: await window.AWARE_SEARCH.didYouMean('humen trafiking'),
    swap: await window.AWARE_SEARCH.didYouMean('coersion'),
    fine: await window.AWARE_SEARCH.didYouMean('hotline'),
    none: await window.AWARE_SEARCH.didYouMean('zzqxjv'),
  }));
  assert.deepEqual(dym, { one: 'trafficking', two: 'human trafficking', swap: 'coercion', fine: null, none: null });

  // In the box: the listbox holds only options; the suggestion sits beside it and runs the search.
  await page.fill('#search-input', 'trafiking');
  const popup = page.locator('.search-popup');
  await waitUntil(async () => (await popup.locator('.search-suggest a').count()) > 0, { message: 'a suggestion' });
  assert.equal(await popup.locator('.search-empty').textContent(), 'No results for “trafiking”.');
  assert.equal(await popup.locator('.search-suggest').textContent(), 'Did you mean trafficking?');
  assert.equal(await page.locator('#search-listbox').isVisible(), false, 'no empty listbox');
  assert.equal(await page.getAttribute('#search-input', 'aria-expanded'), 'false');
  assert.match(await page.locator('#search-status').textContent(), /No results\. Did you mean trafficking\?/);
  await popup.locator('.search-suggest a').click();
  assert.equal(await page.inputValue('#search-input'), 'trafficking');
  await waitUntil(async () => (await page.locator('#search-listbox [role=option]').count()) > 0, { message: 'results for the suggestion' });
  const kids = await page.$$eval('#search-listbox > *', (els) => els.map((e) => e.getAttribute('role')));
  assert.ok(kids.every((r) => r === 'option'), `only options in the listbox: ${kids}`);
  await expectLink(page.locator('.search-popup .search-more a'), /^See all \d+ results$/);

  // The results page: a numbered list of results only; "No results" and the suggestion are not numbered.
  await page.goto(server.url('search.html?q=trafiking'));
  await waitUntil(async () => (await page.locator('[data-search-note] .search-suggest a').count()) > 0, { message: 'page suggestion' });
  assert.equal(await page.locator('[data-search-summary]').textContent(), 'No results for “trafiking”.');
  assert.equal(await page.locator('[data-search-results] li').count(), 0);
  assert.equal(await page.locator('[data-search-results]').isVisible(), false);
  await page.locator('[data-search-note] .search-suggest a').click();
  await waitUntil(async () => (await page.locator('[data-search-results] .search-result').count()) > 8, { message: 'full results' });
  assert.match(await page.locator('[data-search-summary]').textContent(), /results? for “trafficking”/);
  assert.equal(await page.locator('[data-search-note]').textContent(), '');
  assert.ok(page.url().endsWith('?q=trafficking'));
  await context.close();
});

async function expectLink(locator, re) {
  await waitUntil(async () => re.test((await locator.textContent()) || ''), { message: String(re) });
}

test('search works from file:// and refuses an index made by another analyzer', async () => {
  const { page, context } = await openContext(browser, null);
  await page.goto(pathToFileURL(path.join(siteDir(), 'index.html')).href);
  await searchReady(page);
  const hits = await page.evaluate(() => window.AWARE_SEARCH.query('hotline', { prefix: false }));
  assert.ok(hits.length > 0);
  // A copy of the site whose index claims another analyzer: the browser must refuse it.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'aware-stale-'));
  fs.cpSync(siteDir(), copy, { recursive: true });
  const mf = path.join(copy, 'search/manifest.js');
  fs.writeFileSync(mf, fs.readFileSync(mf, 'utf8').replace(/"analyzer":"[0-9a-f]+"/, '"analyzer":"0000000000000000"'));
  await page.goto(pathToFileURL(path.join(copy, 'index.html')).href);
  await searchReady(page);
  const err = await page.evaluate(() => window.AWARE_SEARCH.query('hotline').then(() => 'accepted', (e) => e.message));
  assert.match(err, /does not match/);
  await page.fill('#search-input', 'hotline');
  await waitUntil(async () => /unavailable/.test(await page.locator('.search-popup').textContent()), { message: 'error shown' });
  fs.rmSync(copy, { recursive: true, force: true });
  await context.close();
});
