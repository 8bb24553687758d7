// search.js's query engine on a synthetic index (no browser): impact-ordered postings,
// very common stems split into pieces loaded on demand, and the bound that keeps the top
// results exact. The index files are made here the way src/search/export.rs makes them
// and "loaded" into a node vm as the browser loads them (<script> tags).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { STATIC } from './load.mjs';

const SRC = fs.readFileSync(path.join(STATIC, 'search.js'), 'utf8');

/** A vm "page" whose <script> loads come from `files` (name → JS text); records them. */
function page(files) {
  const loaded = [];
  const head = {
    appendChild(s) {
      const name = s.src.replace(/^search\//, '').replace(/\.js$/, '');
      setTimeout(() => {
        if (!(name in files)) return s.onerror();
        loaded.push(name);
        vm.runInContext(files[name], ctx);
        s.onload();
      }, 0);
    },
  };
  const document = {
    querySelector: () => null,
    body: { getAttribute: () => '' },
    head,
    createElement: () => ({}),
    addEventListener() {},
  };
  const window = { document, location: { search: '' } };
  const ctx = vm.createContext({ window, document, TextEncoder, setTimeout, Promise, URLSearchParams, console });
  window.window = window;
  vm.runInContext(SRC, ctx);
  return { S: window.AWARE_SEARCH, loaded };
}

/** Plain node values from the vm's (arrays from another realm are not deep-equal). */
const plain = (x) => JSON.parse(JSON.stringify(x));

function mulberry32(a) {
  return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

/** export.rs's postings_pieces: groups by score (best first), docs delta-coded, cut into
 *  a first piece of about split/2 characters and pieces twice as big after it. */
function pieces(postings, split) {
  const p = [...postings].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const text = (arr) => arr.join(',').length;
  const all = [];
  for (let i = 0; i < p.length;) {
    let j = i;
    while (j < p.length && p[j][1] === p[i][1]) j++;
    all.push(p.slice(i, j));
    i = j;
  }
  const enc = (g) => { let prev = 0; return [g[0][1], g.length, ...g.map(([d]) => { const x = d - prev; prev = d; return x; })]; };
  const whole = all.flatMap(enc);
  if (text(whole) <= split) return [{ arr: whole, best: p[0][1] }];
  const out = [];
  let cur = [], best = null, target = Math.max(1, split >> 1);
  for (const g of all) {
    let rest = g;
    while (rest.length) {
      let n = 0;
      while (n < rest.length && (n === 0 || text(cur) + text(enc(rest.slice(0, n + 1))) < target)) n++;
      cur.push(...enc(rest.slice(0, n)));
      if (best === null) best = rest[0][1];
      rest = rest.slice(n);
      if (text(cur) >= target) { out.push({ arr: cur, best }); cur = []; best = null; target = Math.min(target * 2, split * 8); }
    }
  }
  if (cur.length) out.push({ arr: cur, best });
  return out;
}

/** A course of `n` documents and `stems` (word → [[doc, score]]), one chunk per word. */
function index(n, stems, split) {
  const files = {};
  const words = Object.keys(stems).sort();
  const chunks = [];
  words.forEach((w, ci) => {
    const ps = pieces(stems[w], split);
    const c = { s: [w], p: [ps[0].arr], w: [w, 0] };
    if (ps.length > 1) c.x = [[0, stems[w].length, ps.slice(1).map((q) => q.best)]];
    files['c' + ci] = `(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{})["c${ci}"]=${JSON.stringify(c)};`;
    ps.slice(1).forEach((q, k) => { files[`c${ci}-0-${k + 1}`] = `(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{})["c${ci}-0-${k + 1}"]=${JSON.stringify(q.arr)};`; });
    chunks.push([w, w]);
  });
  const manifest = { version: 1, docs: n, fragment_docs: 8, chunks };
  files.manifest = `window.AWARE_SEARCH_MANIFEST=${JSON.stringify(manifest)};`;
  return files;
}

/** Every match, best first, ties by document: what `aware search` computes. */
function brute(stems, words) {
  const total = new Map();
  for (const w of new Set(words)) for (const [d, s] of stems[w] || []) total.set(d, (total.get(d) || 0) + s);
  return [...total].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** A random course: Zipf-ish document counts, scores from a few hundred f32 values
 *  (BM25 with quantised field lengths has few distinct scores per stem, so ties abound). */
function course(seed, n, nwords) {
  const rnd = mulberry32(seed);
  const stems = {};
  for (let i = 0; i < nwords; i++) {
    const w = 'w' + String(i).padStart(3, '0');
    const df = Math.max(1, Math.floor(n / (i + 1)));
    const docs = new Set();
    while (docs.size < df) docs.add(Math.floor(rnd() * n));
    const levels = 1 + Math.floor(rnd() * 60);
    const idf = 0.2 + 3 * rnd();
    stems[w] = [...docs].sort((a, b) => a - b).map((d) => [d, Math.fround(idf * (1 + Math.floor(rnd() * levels)) / levels)]);
  }
  return stems;
}

test('top results with split postings equal the brute-force ranking, ties by document', async () => {
  const n = 3000;
  const stems = course(7, n, 40);
  const { S, loaded } = page(index(n, stems, 600));
  const rnd = mulberry32(99);
  const words = Object.keys(stems);
  for (let q = 0; q < 150; q++) {
    const k = 1 + Math.floor(rnd() * 3);
    const qw = Array.from({ length: k }, () => words[Math.floor(Math.pow(rnd(), 2) * words.length)]);
    const want = brute(stems, qw);
    for (const limit of [1, 5, 10, 50]) {
      const got = await S.query(qw.join(' '), { prefix: false, limit });
      assert.deepEqual(plain(got.map((h) => [h.doc, h.score])), want.slice(0, limit).map((h) => [h.doc, h.score]), `${qw.join(' ')} top ${limit}`);
      assert.ok(got.total <= want.length && got.total >= Math.min(want.length, got.length));
      if (got.complete) assert.equal(got.total, want.length);
    }
    const all = await S.query(qw.join(' '), { prefix: false });
    assert.deepEqual(plain(all.map((h) => [h.doc, h.score])), want.map((h) => [h.doc, h.score]), `${qw.join(' ')}: every match`);
    assert.equal(all.total, want.length);
  }
  assert.ok(loaded.some((f) => /-\d+-\d+$/.test(f)), 'pieces were loaded');
});

test('one common word loads only its first piece for the top 10', async () => {
  const n = 20000;
  // Scores from many levels, as real BM25 scores of a common word are (title matches,
  // term counts, field lengths): the best ten fit in its first piece.
  const stems = course(3, n, 5);
  stems.w000 = Array.from({ length: n }, (_, d) => [d, Math.fround(1 + ((d * 7919) % 5000) / 1000)]);
  const files = index(n, stems, 2000);
  const pieceFiles = Object.keys(files).filter((f) => f.startsWith('c0-'));
  assert.ok(pieceFiles.length >= 3, `w000 is split (${pieceFiles.length} pieces)`);
  const { S, loaded } = page(files);
  assert.ok(files.c0.length < 2000, `the chunk holds only the first piece (${files.c0.length} bytes)`);
  const got = await S.query('w000', { prefix: false, limit: 10 });
  assert.deepEqual(plain(got.map((h) => h.doc)), brute(stems, ['w000']).slice(0, 10).map((h) => h.doc));
  assert.deepEqual(loaded.filter((f) => f.startsWith('c0')), ['c0'], 'no piece needed');
  assert.equal(got.complete, false);
  assert.equal(got.total, stems.w000.length, 'the count of a split word is known from its chunk');
  // Asking for every match loads every piece.
  const all = await S.query('w000', { prefix: false });
  assert.equal(all.length, stems.w000.length);
  assert.equal(loaded.filter((f) => f.startsWith('c0-')).length, pieceFiles.length);
});

test('scores are read back as exact f32s and summed exactly', async () => {
  const n = 10;
  const third = Math.fround(1 / 3), tenth = Math.fround(0.1);
  const stems = { aaa: [[1, third], [2, tenth]], bbb: [[1, tenth], [2, third]] };
  const files = index(n, stems, 1e6);
  // The export writes the shortest text that reads back as the f32 (Rust's `{}`).
  for (const k of Object.keys(files)) files[k] = files[k].replace(String(third), '0.33333334').replace(String(tenth), '0.1');
  const { S } = page(files);
  const got = await S.query('aaa bbb', { prefix: false });
  assert.equal(got[0].score, got[1].score, 'the same two f32s in either order: a tie');
  assert.deepEqual(plain(got.map((h) => h.doc)), [1, 2], 'ties by document');
  assert.equal(got[0].score, third + tenth);
});
