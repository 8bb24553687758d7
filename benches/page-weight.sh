#!/usr/bin/env bash
# Page weight: the bytes a page loads at page load (uncompressed): its HTML plus every
# <script src>, <link rel=stylesheet|icon href> and <img src> it references (not what
# loads later, like search.js and the search index on first use of the search box).
#
#   bash benches/page-weight.sh [AWARE_BINARY]
#
# Builds the repo's default course (13 modules) and generated courses of 13, 1,000 and
# 10,000 modules (`cargo bench --bench build -- --gen N DIR`, made when missing under
# $WEIGHT_CORPORA, default /tmp/wc: the same kind of text at every size), then prints a
# markdown table: for each course, the module page (the heaviest module page, and the
# median), the home page.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-${CARGO_TARGET_DIR:-$REPO/target}/release/aware}
CORPORA=${WEIGHT_CORPORA:-/tmp/wc}
OUT=${WEIGHT_OUT:-$(mktemp -d)}
[ -x "$BIN" ] || { echo "no aware binary at $BIN: cargo build --release" >&2; exit 1; }

build() { # name course-dir
  local dir=$OUT/$1
  "$BIN" build "$2" --out "$dir" >/dev/null 2>&1 || { echo "build of $2 failed" >&2; exit 1; }
  echo "$dir"
}

sites=("13 (default course):$(build default "$REPO")")
for n in 13 1000 10000; do
  [ -f "$CORPORA/N$n/site.yaml" ] || (cd "$REPO" && cargo bench --bench build -- --gen "$n" "$CORPORA/N$n" >/dev/null 2>&1)
  sites+=("$n:$(build "N$n" "$CORPORA/N$n")")
done

python3 - "${sites[@]}" <<'PY'
import os, re, sys, statistics
REF = re.compile(r'<(script)\b[^>]*\bsrc="([^"]+)"|<(link)\b([^>]*)>|<(img)\b[^>]*\bsrc="([^"]+)"')
def weight(site, page):
    html = open(os.path.join(site, page), encoding='utf-8').read()
    parts = {'html': len(html.encode()), 'css': 0, 'js': 0, 'data': 0, 'img': 0}
    seen = set()
    # <noscript> content is not loaded when scripts run
    body = re.sub(r'<noscript>.*?</noscript>', '', html, flags=re.S)
    for m in REF.finditer(body):
        if m.group(1): url, kind = m.group(2), 'js'
        elif m.group(3):
            attrs = m.group(4)
            rel = re.search(r'rel="([^"]+)"', attrs); href = re.search(r'href="([^"]+)"', attrs)
            if not rel or not href or rel.group(1) not in ('stylesheet', 'icon'): continue
            url, kind = href.group(1), 'css' if rel.group(1) == 'stylesheet' else 'img'
        else: url, kind = m.group(6), 'img'
        if url.startswith(('http:', 'https:', 'data:')): continue
        path = os.path.normpath(os.path.join(site, os.path.dirname(page), url))
        if path in seen or not os.path.isfile(path): continue
        seen.add(path)
        if os.path.basename(path) in ('course.js', 'modules.js'): kind = 'data'
        parts[kind] += os.path.getsize(path)
    parts['total'] = sum(parts.values())
    return parts
kb = lambda b: f'{b/1024:.1f}'
default = {}
print('| modules | page | HTML | CSS | JS | course data | images | total KB |')
print('|---:|---|---:|---:|---:|---:|---:|---:|')
for arg in sys.argv[1:]:
    n, site = arg.split(':', 1)
    count, _, label = n.partition(' ')
    n = f"{int(count):,}" + (f" {label}" if label else " (generated)")
    mods = sorted(f for f in os.listdir(os.path.join(site, 'modules')) if f.endswith('.html'))
    ws = {f: weight(site, 'modules/' + f) for f in mods}
    heavy = max(ws, key=lambda f: ws[f]['total'])
    med = sorted(ws, key=lambda f: ws[f]['total'])[len(ws) // 2]
    rows = [(f'module, heaviest ({heavy})', ws[heavy]), (f'module, median ({med})', ws[med]), ('home (index.html)', weight(site, 'index.html'))]
    if 'default' in n: default = ws
    for label, w in rows:
        print(f"| {n} | {label} | {kb(w['html'])} | {kb(w['css'])} | {kb(w['js'])} | {kb(w['data'])} | {kb(w['img'])} | **{kb(w['total'])}** |")
# Each module page of the default course against goal 3 (50 KB at page load, its quiz
# included): what a course's own text weighs is the course author's to decide.
print()
print('| default course module page | its HTML | total KB | against 50 KB |')
print('|---|---:|---:|---:|')
for f in sorted(default, key=lambda f: -default[f]['total']):
    w = default[f]; d = w['total'] - 50 * 1024
    print(f"| {f} | {kb(w['html'])} | {kb(w['total'])} | {'+' if d > 0 else '-'}{kb(abs(d))} |")
PY
