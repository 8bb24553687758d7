// Browser search benchmark: aware's search (OUT/search/ + static/search.js) against
// Pagefind 1.x (OUT/pagefind/), both over the same built site, in headless Debian Chromium.
//
//   node benches/search/bench.mjs --site OUT --corpus COURSE_DIR --bin target/release/aware \
//        --n 1000 --json out.json [--queries 200] [--seed 1] [--delay 100]
//
// OUT must hold both indexes (run `aware build COURSE_DIR -o OUT`, then
// `pagefind_extended --site OUT --glob "modules/*.html"`). benches/search/run.sh does all
// of it. The site is served over plain HTTP on 127.0.0.1 by a tiny server in this process,
// with no HTTP compression and no cache headers; every response's body size is logged by
// the server (so requests made by Pagefind's web worker are counted too). Every measurement
// uses a fresh browser context, so nothing is cached between measurements.
//
// Measures, for each tool: bytes on disk (raw and gzip -9), bytes fetched for a first
// one-word query and for a 3-word query typed letter by letter, query latency (median, p95)
// over a seeded list of 1-3-word queries, and (aware only) that the browser's top 10 equals
// `aware search --json -n 10` for the first PARITY queries of that list (default: all 200).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from '../../tests/browser/node_modules/playwright-core/index.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ---------- arguments ----------
const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const SITE = path.resolve(args.site || '');
const CORPUS = path.resolve(args.corpus || '');
const BIN = path.resolve(args.bin || path.join(HERE, '../../target/release/aware'));
const N = Number(args.n || 0);
const NQ = Number(args.queries || 200);
const SEED = Number(args.seed || 1);
const DELAY = Number(args.delay || 100); // ms between typed characters
const TYPED = args.typed || 'training safety report';
const PAGE = args.page || 'modules/module-00001.html';
const QUERY_CORPUS = path.resolve(args['query-corpus'] || CORPUS); // where query words come from
if (!fs.existsSync(path.join(SITE, 'search/manifest.js'))) throw new Error(`${SITE}: no search/manifest.js (build with aware first)`);
if (!fs.existsSync(path.join(SITE, 'pagefind/pagefind.js'))) throw new Error(`${SITE}: no pagefind/ (run pagefind first)`);

const log = (...a) => console.error(`[N=${N}]`, ...a);

// ---------- sizes ----------
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const isGzip = (buf) => buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b;
/** gzip-equivalent transfer size: files already gzipped (Pagefind's .pf_* and wasm) as is. */
const gzEq = (buf) => (isGzip(buf) ? buf.length : gz(buf));
const gzCache = new Map();
function fileSizes(rel) {
  if (!gzCache.has(rel)) {
    const buf = fs.readFileSync(path.join(SITE, rel));
    gzCache.set(rel, { raw: buf.length, gz: gzEq(buf), gzip9: gz(buf), precompressed: isGzip(buf) });
  }
  return gzCache.get(rel);
}
function walk(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...walk(path.join(dir, e.name), rel + e.name + '/'));
    else out.push(rel + e.name);
  }
  return out;
}
function sumSizes(rels) {
  const s = { files: 0, raw: 0, gz: 0, gzip9: 0, largest: null };
  for (const r of rels) {
    const f = fileSizes(r);
    s.files++; s.raw += f.raw; s.gz += f.gz; s.gzip9 += f.gzip9;
    if (!s.largest || f.raw > s.largest.raw) s.largest = { file: r, raw: f.raw, gz: f.gz };
  }
  return s;
}
function diskSizes() {
  const aw = walk(path.join(SITE, 'search')).map((f) => 'search/' + f);
  const chunks = aw.filter((f) => /\/c\d+\.js$/.test(f));
  const frags = aw.filter((f) => /\/f\d+\.js$/.test(f));
  const pieces = aw.filter((f) => /\/c\d+-\d+-\d+\.js$/.test(f));
  const chunkSizes = chunks.map((f) => fileSizes(f).raw).sort((a, b) => a - b);
  const pf = walk(path.join(SITE, 'pagefind')).map((f) => 'pagefind/' + f);
  const pfData = pf.filter((f) => /\.pf_|pagefind-entry\.json$|wasm\.[a-z]+\.pagefind$/.test(f));
  const pfCode = ['pagefind/pagefind.js', 'pagefind/pagefind-worker.js'];
  const pfUi = pf.filter((f) => !pfData.includes(f) && !pfCode.includes(f));
  const pfIndex = pf.filter((f) => f.startsWith('pagefind/index/'));
  const pfIdxSizes = pfIndex.map((f) => fileSizes(f).raw).sort((a, b) => a - b);
  const q = (a, p) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
  return {
    aware: {
      index: sumSizes(aw), code: sumSizes(['static/search.js']),
      chunks: { n: chunks.length, median: q(chunkSizes, 0.5), p95: q(chunkSizes, 0.95), max: chunkSizes.at(-1), over64k: chunkSizes.filter((x) => x > 65536).length },
      fragments: sumSizes(frags), pieces: sumSizes(pieces), manifest: fileSizes('search/manifest.js'), terms: fileSizes('search/terms.js'),
      biggest: aw.map((f) => ({ file: f, raw: fileSizes(f).raw })).sort((a, b) => b.raw - a.raw).slice(0, 5),
    },
    pagefind: {
      index: sumSizes(pfData), code: sumSizes(pfCode), ui: sumSizes(pfUi), all: sumSizes(pf),
      chunks: { n: pfIndex.length, median: q(pfIdxSizes, 0.5), p95: q(pfIdxSizes, 0.95), max: pfIdxSizes.at(-1) },
      fragments: sumSizes(pf.filter((f) => f.startsWith('pagefind/fragment/'))),
      wasm: fileSizes('pagefind/wasm.en.pagefind'),
    },
  };
}

// ---------- a tiny static server that logs every response's body size ----------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };
const served = [];
const server = http.createServer((req, res) => {
  let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = path.join(SITE, rel);
  if (!file.startsWith(SITE + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404); res.end(); served.push({ path: rel, bytes: 0, status: 404 }); return;
  }
  const body = fs.readFileSync(file);
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length });
  res.end(body);
  served.push({ path: rel, bytes: body.length, status: 200 });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BASE = `http://127.0.0.1:${server.address().port}/`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Waits until the server has been quiet for `quiet` ms, then returns the log since `from`. */
async function settle(from, quiet = 500) {
  let n = -1;
  while (n !== served.length) { n = served.length; await sleep(quiet); }
  return served.slice(from);
}
function fetched(entries, test) {
  const rows = entries.filter((e) => test(e.path));
  const files = {};
  for (const e of rows) files[e.path] = (files[e.path] || 0) + 1;
  let raw = 0, gzs = 0;
  for (const e of rows) { raw += e.bytes; gzs += e.status === 200 ? fileSizes(e.path).gz : 0; }
  const dup = Object.entries(files).filter(([, c]) => c > 1).map(([f, c]) => `${f}×${c}`);
  const list = Object.keys(files).map((f) => ({ file: f, raw: fileSizes(f).raw })).sort((a, b) => b.raw - a.raw);
  return { requests: rows.length, raw, gz: gzs, duplicates: dup, largest: list.slice(0, 5), files: list.map((x) => x.file) };
}
const isAware = (p) => p.startsWith('search/') || p === 'static/search.js';
const isPf = (p) => p.startsWith('pagefind/');

// ---------- the query list: seeded, from the corpus's own words ----------
const STOP = new Set('a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '));
function mulberry32(a) {
  return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
function corpusWords() {
  const dir = path.join(QUERY_CORPUS, 'content');
  const files = fs.readdirSync(dir).filter((f) => /^module-\d+\.md$/.test(f)).sort().slice(0, 100);
  const tokens = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8').replace(/^---[\s\S]*?---/, '').replace(/\]\([^)]*\)/g, ']');
    for (const m of text.toLowerCase().matchAll(/[a-z]+/g)) if (m[0].length >= 3 && !STOP.has(m[0])) tokens.push(m[0]);
  }
  const counts = new Map();
  for (const t of tokens) counts.set(t, (counts.get(t) || 0) + 1);
  const distinct = [...counts.keys()].sort();
  const frequent = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { tokens, distinct, frequent };
}
const VOCAB = corpusWords();
function queryList(n, seed) {
  const rnd = mulberry32(seed);
  const pick = () => (rnd() < 0.5 ? VOCAB.tokens[Math.floor(rnd() * VOCAB.tokens.length)] : VOCAB.distinct[Math.floor(rnd() * VOCAB.distinct.length)]);
  const out = [];
  while (out.length < n) {
    const k = 1 + Math.floor(rnd() * 3);
    out.push(Array.from({ length: k }, pick).join(' '));
  }
  return out;
}
const QUERIES = queryList(NQ, SEED);
const WARMUP = 'zzwarmup ' + VOCAB.frequent[1][0];
// The first-query test is run for each of these words (the corpus's most frequent ones).
const COMMONS = args.common ? args.common.split(',') : VOCAB.frequent.slice(0, 3).map((x) => x[0]);
const COMMON = COMMONS[0];
const PARITY = Number(args.parity || NQ);

// ---------- browser ----------
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
async function fresh() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(BASE + PAGE);
  await page.waitForLoadState('load');
  return { context, page, errors };
}
async function awareReady(page) {
  await page.focus('#search-input'); // aware.js loads search.js when the box is first used
  await page.waitForFunction(() => window.AWARE_SEARCH, null, { timeout: 60000 });
}
const PF_IMPORT = async () => { window.__pf = await import('/pagefind/pagefind.js'); await window.__pf.init(); };

const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const stats = (a) => ({ n: a.length, median: pct(a, 0.5), p95: pct(a, 0.95), max: Math.max(...a), mean: a.reduce((x, y) => x + y, 0) / a.length });

const result = { n: N, site: SITE, corpus: CORPUS, common: COMMON, typed: TYPED, delay: DELAY, queries: NQ, seed: SEED, sample_queries: QUERIES.slice(0, 10) };
log('disk sizes');
result.disk = diskSizes();

// 1. First query: one common word, top 5 results' details (aware: the best 5, exactly, as
// the box asks for its best 8), each word in a fresh browser context.
result.firsts = [];
for (const word of COMMONS) {
  log('first query', JSON.stringify(word));
  let { context, page, errors } = await fresh();
  let from = served.length;
  await awareReady(page);
  const a = await page.evaluate(async (q) => {
    const t0 = performance.now();
    const hits = await window.AWARE_SEARCH.query(q, { limit: 5 });
    const rows = await window.AWARE_SEARCH.details(hits.slice(0, 5));
    return { hits: hits.total, top: rows.map((r) => r.url), ms: performance.now() - t0 };
  }, word);
  const aw = { ...a, fetched: fetched(await settle(from), isAware), errors };
  await context.close();
  ({ context, page, errors } = await fresh());
  from = served.length;
  const p = await page.evaluate(async ([q, imp]) => {
    const t0 = performance.now();
    await (0, eval)('(' + imp + ')')();
    const r = await window.__pf.search(q);
    const rows = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
    return { hits: r.results.length, top: rows.map((d) => d.url), ms: performance.now() - t0 };
  }, [word, PF_IMPORT.toString()]);
  const pf = { ...p, fetched: fetched(await settle(from), isPf), errors };
  await context.close();
  result.firsts.push({ word, aware: aw, pagefind: pf });
}
result.first = result.firsts[0];

// 2. A 3-word query typed letter by letter.
{
  log('typing', JSON.stringify(TYPED));
  // aware: the real search box on a module page (60 ms debounce, details of the top 8 shown).
  let { context, page, errors } = await fresh();
  let from = served.length;
  await page.click('#search-input');
  await page.keyboard.type(TYPED, { delay: DELAY });
  await page.waitForFunction(() => document.querySelectorAll('#search-listbox [role=option]').length > 0, null, { timeout: 60000 });
  const entries = await settle(from, 1000);
  const shown = await page.evaluate(() => ({ options: document.querySelectorAll('#search-listbox [role=option]').length, status: document.querySelector('#search-status').textContent }));
  result.typed = { aware: { ...shown, fetched: fetched(entries, isAware), errors } };
  await context.close();

  // Pagefind as its default UI does it: on each keystroke preload(term) and restart a
  // 300 ms debounce; when it fires, search(term) and data() of the first page (5 results).
  ({ context, page, errors } = await fresh());
  from = served.length;
  const ui = await page.evaluate(async ([text, delay, imp]) => {
    await (0, eval)('(' + imp + ')')();
    const pf = window.__pf;
    let timer = null, searches = 0, last = null;
    let done;
    const finished = new Promise((r) => { done = r; });
    const run = async (term) => {
      searches++;
      const r = await pf.search(term);
      const rows = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
      last = { term, hits: r.results.length, top: rows.map((d) => d.url) };
      if (term === text) done();
    };
    for (let i = 1; i <= text.length; i++) {
      const term = text.slice(0, i);
      clearTimeout(timer);
      timer = setTimeout(() => run(term), 300);
      pf.preload(term);
      await new Promise((r) => setTimeout(r, delay));
    }
    await finished;
    return { searches, ...last };
  }, [TYPED, DELAY, PF_IMPORT.toString()]);
  result.typed.pagefind_ui = { ...ui, fetched: fetched(await settle(from, 1000), isPf), errors };
  await context.close();

  // Pagefind searching every prefix (as aware's box does), data() of the top 5 each time.
  ({ context, page, errors } = await fresh());
  from = served.length;
  const every = await page.evaluate(async ([text, delay, imp]) => {
    await (0, eval)('(' + imp + ')')();
    const pf = window.__pf;
    let last = null;
    for (let i = 1; i <= text.length; i++) {
      const t0 = performance.now();
      const term = text.slice(0, i);
      if (term.trim()) {
        const r = await pf.search(term);
        const rows = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
        last = { term, hits: r.results.length, top: rows.map((d) => d.url) };
      }
      const left = delay - (performance.now() - t0);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    }
    return last;
  }, [TYPED, DELAY, PF_IMPORT.toString()]);
  result.typed.pagefind_every = { ...every, fetched: fetched(await settle(from, 1000), isPf), errors };
  await context.close();
}

// 3. Latency: NQ queries after one warm-up; pass 1 fetches what each query needs (over
// loopback), pass 2 runs the same list again with everything loaded.
{
  log(`latency, ${NQ} queries × 2 passes`);
  let { context, page, errors } = await fresh();
  await awareReady(page);
  let from = served.length;
  const a = await page.evaluate(async ([warm, qs]) => {
    const S = window.AWARE_SEARCH;
    const one = async (q) => { const t0 = performance.now(); const h = await S.query(q, { limit: 5 }); await S.details(h.slice(0, 5)); return [performance.now() - t0, h.total]; };
    await one(warm);
    const p1 = [], p2 = [], hits = [];
    for (const q of qs) { const [ms, n] = await one(q); p1.push(ms); hits.push(n); }
    for (const q of qs) p2.push((await one(q))[0]);
    return { p1, p2, hits };
  }, [WARMUP, QUERIES]);
  const awf = fetched(await settle(from), isAware);
  await context.close();
  ({ context, page, errors } = await fresh());
  from = served.length;
  const p = await page.evaluate(async ([warm, qs, imp]) => {
    await (0, eval)('(' + imp + ')')();
    const pf = window.__pf;
    const one = async (q) => { const t0 = performance.now(); const r = await pf.search(q); await Promise.all(r.results.slice(0, 5).map((x) => x.data())); return [performance.now() - t0, r.results.length]; };
    await one(warm);
    const p1 = [], p2 = [], hits = [];
    for (const q of qs) { const [ms, n] = await one(q); p1.push(ms); hits.push(n); }
    for (const q of qs) p2.push((await one(q))[0]);
    return { p1, p2, hits };
  }, [WARMUP, QUERIES, PF_IMPORT.toString()]);
  const pff = fetched(await settle(from), isPf);
  await context.close();
  const slowest = (r) => r.p1.map((ms, i) => ({ q: QUERIES[i], ms: +ms.toFixed(1), warm_ms: +r.p2[i].toFixed(1), hits: r.hits[i] })).sort((x, y) => y.ms - x.ms).slice(0, 5);
  const summary = (r, f) => ({ pass1: stats(r.p1), pass2: stats(r.p2), zero_hit_queries: r.hits.filter((h) => h === 0).length, median_hits: pct(r.hits, 0.5), slowest: slowest(r), fetched: { requests: f.requests, raw: f.raw, gz: f.gz, duplicates: f.duplicates }, errors });
  result.latency = { warmup: WARMUP, aware: summary(a, awf), pagefind: summary(p, pff) };
}

// 4. Parity: browser top 10 (whole words, as `aware search`) vs the CLI's, for the first
// PARITY queries of the list.
{
  // PARITY distinct queries: the seeded list repeats a few (6 of its first 200), so it is
  // drawn on past NQ until there are PARITY different ones (`aware search` answers each
  // line, and a repeated query would be compared twice).
  const qs = [];
  for (const q of queryList(Math.max(NQ, PARITY) * 2, SEED)) {
    if (qs.length === PARITY) break;
    if (!qs.includes(q)) qs.push(q);
  }
  log(`parity, ${qs.length} distinct queries vs aware search`);
  const out = execFileSync(BIN, ['search', '-', CORPUS, '--json', '-n', '10'], { input: qs.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  const want = new Map(qs.map((q) => [q, []]));
  for (const line of out.split('\n').filter(Boolean)) { const r = JSON.parse(line); want.get(r.query).push({ doc: r.doc, score: r.score }); }
  const { context, page } = await fresh();
  await awareReady(page);
  const got = await page.evaluate(async (list) => {
    const o = {};
    for (const q of list) o[q] = (await window.AWARE_SEARCH.query(q, { prefix: false, limit: 10 })).map((h) => ({ doc: h.doc, score: h.score }));
    return o;
  }, qs);
  await context.close();
  let same = 0, nonEmpty = 0, maxRel = 0, sameScores = 0;
  const diffs = [];
  for (const q of qs) {
    const w = want.get(q), h = got[q];
    if (w.length) nonEmpty++;
    const eq = JSON.stringify(w.map((x) => x.doc)) === JSON.stringify(h.map((x) => x.doc));
    if (eq) {
      same++;
      w.forEach((x, i) => { maxRel = Math.max(maxRel, Math.abs(h[i].score - x.score) / Math.max(1e-9, Math.abs(x.score))); });
      if (w.every((x, i) => x.score === h[i].score)) sameScores++;
    } else diffs.push({ q, cli: w, browser: h });
  }
  result.recall = { queries: qs.length, same_top10: same, same_scores: sameScores, non_empty: nonEmpty, max_rel_score_diff: maxRel, diffs };
}

await browser.close();
server.close();
const json = JSON.stringify(result, null, 2);
if (args.json) fs.writeFileSync(args.json, json + '\n');
else console.log(json);
log('done');
