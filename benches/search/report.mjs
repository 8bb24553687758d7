// Prints Markdown tables from benches/search/run.sh's results.
//   node benches/search/report.mjs /tmp/sb/results 100 1000 10000
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || '/tmp/sb/results';
const NS = process.argv.slice(3).length ? process.argv.slice(3) : fs.readdirSync(dir).map((f) => /^N(\d+)\.json$/.exec(f)?.[1]).filter(Boolean).sort((a, b) => a - b);
const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const B = (x) => (x == null ? '–' : Math.round(x).toLocaleString('en-US'));
const kB = (x) => (x == null ? '–' : (x / 1000).toFixed(1));
const r = (a, b) => (a && b ? (a / b).toFixed(2) + '×' : '–');
const ms = (x) => (x == null ? '–' : x < 10 ? x.toFixed(1) : x.toFixed(0));

const rows = [];
for (const n of NS) {
  const jf = path.join(dir, `N${n}.json`);
  const tf = path.join(dir, `build-${n}.txt`);
  const res = fs.existsSync(jf) ? JSON.parse(fs.readFileSync(jf, 'utf8')) : null;
  const t = fs.existsSync(tf) ? fs.readFileSync(tf, 'utf8') : '';
  const si = [...t.matchAll(/aware build \d+: search index ([\d.]+) ms, wall ([\d.]+) rss (\d+)/g)];
  const pf = [...t.matchAll(/pagefind run \d+: wall ([\d.]+) rss (\d+)/g)];
  rows.push({
    n, res,
    aware_si: si.length ? median(si.map((m) => +m[1])) : null, aware_si_all: si.map((m) => +m[1]),
    aware_wall: si.length ? median(si.map((m) => +m[2])) : null,
    pf_wall: pf.length ? median(pf.map((m) => +m[1])) * 1000 : null, pf_all: pf.map((m) => +m[1] * 1000),
    pf_rss: pf.length ? median(pf.map((m) => +m[2])) / 1024 : null,
  });
}

const out = [];
const p = (s = '') => out.push(s);
p('### Index build time (median of runs)');
p();
p('| N | aware "search index" phase, ms (runs) | aware whole build, s | Pagefind wall, ms (runs) | Pagefind peak RSS | Pagefind / aware |');
p('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const x of rows) p(`| ${x.n} | ${ms(x.aware_si)} (${x.aware_si_all.map(ms).join(', ')}) | ${x.aware_wall ?? '–'} | ${ms(x.pf_wall)} (${x.pf_all.map(ms).join(', ')}) | ${x.pf_rss ? x.pf_rss.toFixed(0) + ' MiB' : '–'} | ${r(x.pf_wall, x.aware_si)} |`);
p();
p('### Index on disk (bytes)');
p();
p('| N | aware search/ files | aware raw | aware gzip -9 | Pagefind index files | Pagefind index as is | Pagefind JS (pagefind.js + worker), raw / gzip | aware / Pagefind (gzip vs as is) |');
p('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const x of rows) {
  const d = x.res?.disk; if (!d) continue;
  p(`| ${x.n} | ${B(d.aware.index.files)} | ${B(d.aware.index.raw)} | ${B(d.aware.index.gzip9)} | ${B(d.pagefind.index.files)} | ${B(d.pagefind.index.raw)} | ${B(d.pagefind.code.raw)} / ${B(d.pagefind.code.gz)} | ${r(d.aware.index.gzip9, d.pagefind.index.raw)} |`);
  if (d.aware.pieces) p(`|  | of which split-postings pieces: ${B(d.aware.pieces.files)} files, ${B(d.aware.pieces.raw)} raw, ${B(d.aware.pieces.gzip9)} gzip | | | | | | |`);
}
p();
p('| N | aware chunks: n, median / p95 / max | aware fragments (n, total) | aware search.js raw / gzip | Pagefind index chunks: n, median / p95 / max | Pagefind fragments (n, total) | Pagefind UI files (not counted above) |');
p('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const x of rows) {
  const d = x.res?.disk; if (!d) continue;
  const a = d.aware.chunks, q = d.pagefind.chunks;
  p(`| ${x.n} | ${a.n}: ${B(a.median)} / ${B(a.p95)} / ${B(a.max)} | ${B(d.aware.fragments.files)}, ${B(d.aware.fragments.raw)} | ${B(d.aware.code.raw)} / ${B(d.aware.code.gz)} | ${q.n}: ${B(q.median)} / ${B(q.p95)} / ${B(q.max)} | ${B(d.pagefind.fragments.files)}, ${B(d.pagefind.fragments.raw)} | ${B(d.pagefind.ui.raw)} |`);
}
p();
p('### Bytes fetched');
p();
p('Raw = response bodies (no HTTP compression); gz = each fetched file gzip -9 (Pagefind\'s .pf_* and wasm are already gzip: counted as is).');
p();
p('| N | query | aware req | aware raw | aware gz | Pagefind req | Pagefind raw | Pagefind gz | aware / Pagefind (gz) |');
p('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const x of rows) {
  const R = x.res; if (!R) continue;
  for (const F of R.firsts || [{ word: R.common, ...R.first }]) {
    const a = F.aware.fetched, f = F.pagefind.fetched;
    p(`| ${x.n} | first query "${F.word}" (top 5) | ${a.requests} | ${B(a.raw)} | ${B(a.gz)} | ${f.requests} | ${B(f.raw)} | ${B(f.gz)} | ${r(a.gz, f.gz)} (raw ${r(a.raw, f.raw)}) |`);
  }
  const t = R.typed.aware.fetched, u = R.typed.pagefind_ui.fetched, e = R.typed.pagefind_every.fetched;
  p(`| ${x.n} | typed "${R.typed ? R.typed.pagefind_ui.term : ''}" — aware box vs Pagefind UI-like (preload + 300 ms debounce) | ${t.requests} | ${B(t.raw)} | ${B(t.gz)} | ${u.requests} | ${B(u.raw)} | ${B(u.gz)} | ${r(t.gz, u.gz)} |`);
  p(`| ${x.n} | typed, Pagefind search() on every prefix | ${t.requests} | ${B(t.raw)} | ${B(t.gz)} | ${e.requests} | ${B(e.raw)} | ${B(e.gz)} | ${r(t.gz, e.gz)} |`);
  const la = R.latency.aware.fetched, lp = R.latency.pagefind.fetched;
  p(`| ${x.n} | all ${R.queries} latency queries + warm-up | ${la.requests} | ${B(la.raw)} | ${B(la.gz)} | ${lp.requests} | ${B(lp.raw)} | ${B(lp.gz)} | ${r(la.gz, lp.gz)} |`);
}
p();
p('### Query latency in headless Chromium, ms (search + details/data of the top 5)');
p();
p('| N | tool | pass 1 median | pass 1 p95 | pass 1 max | pass 2 (all cached) median | pass 2 p95 | pass 2 mean | median hits | 0-hit queries |');
p('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const x of rows) {
  const L = x.res?.latency; if (!L) continue;
  for (const [name, s] of [['aware', L.aware], ['Pagefind', L.pagefind]]) {
    p(`| ${x.n} | ${name} | ${ms(s.pass1.median)} | ${ms(s.pass1.p95)} | ${ms(s.pass1.max)} | ${ms(s.pass2.median)} | ${ms(s.pass2.p95)} | ${s.pass2.mean.toFixed(2)} | ${s.median_hits} | ${s.zero_hit_queries} |`);
  }
  p(`| ${x.n} | Pagefind / aware | ${r(L.pagefind.pass1.median, L.aware.pass1.median)} | ${r(L.pagefind.pass1.p95, L.aware.pass1.p95)} | | ${r(L.pagefind.pass2.median, L.aware.pass2.median)} | ${r(L.pagefind.pass2.p95, L.aware.pass2.p95)} | ${r(L.pagefind.pass2.mean, L.aware.pass2.mean)} | | |`);
}
p();
p('Slowest pass-1 queries (ms, hits):');
p();
for (const x of rows) {
  const L = x.res?.latency; if (!L) continue;
  p(`- N=${x.n} aware: ${L.aware.slowest.map((s) => `"${s.q}" ${s.ms} (${s.hits})`).join(', ')}`);
  p(`- N=${x.n} Pagefind: ${L.pagefind.slowest.map((s) => `"${s.q}" ${s.ms} (${s.hits})`).join(', ')}`);
}
p();
p('### Parity: browser top 10 (whole words, `limit: 10`) = `aware search --json -n 10`');
p();
p('| N | queries | same top 10 (documents, in order) | of which identical scores | max relative score difference |');
p('| ---: | ---: | ---: | ---: | ---: |');
for (const x of rows) {
  const c = x.res?.recall; if (!c) continue;
  p(`| ${x.n} | ${c.queries} | ${c.same_top10} | ${c.same_scores ?? '–'} | ${c.max_rel_score_diff.toExponential(1)} |`);
}
for (const x of rows) for (const d of x.res?.recall?.diffs || []) p(`- N=${x.n} differs: "${d.q}"`);
const errs = rows.flatMap((x) => x.res ? [...(x.res.firsts || [x.res.first]).flatMap((f) => [f.aware, f.pagefind]), x.res.typed.aware, x.res.typed.pagefind_ui, x.res.typed.pagefind_every, x.res.latency.aware, x.res.latency.pagefind].flatMap((s) => s.errors.map((e) => `N=${x.n}: ${e}`)) : []);
if (errs.length) { p(); p('Browser errors:'); errs.forEach((e) => p('- ' + e)); }
console.log(out.join('\n'));
