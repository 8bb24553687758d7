#!/usr/bin/env bash
# aware next to its peers (Hugo, Hugo + Pagefind, mdBook) on the shared benchmark corpus,
# A/B interleaved in one run on one machine, so the ratios mean something.
#
#   bash benches/peers.sh                                  # NS="1000 10000", RUNS=5
#   NS="100 1000" RUNS=3 bash benches/peers.sh
#   MDBOOK_MAX=10000 bash benches/peers.sh                 # mdBook at every N (slow)
#
# For each N:
#   1. python3 ../shared/bench/gen_corpus.py N DIR --seed 1 writes DIR/{hugo,mdbook,plain}.
#   2. DIR/aware is made from DIR/plain: a site.yaml written here, plain/*.md copied to
#      content/ unchanged (their `title`/`order` front matter is valid aware front matter and
#      their links are relative module links). `aware check` must report no errors.
#   3. One warm-up run of every tool (not counted), then RUNS rounds. Each round runs every
#      tool once, and the order rotates from round to round (A/B interleaving), so a burst
#      of load on the machine hits every tool alike. Each run is a whole process under GNU
#      time (`/usr/bin/time -f '%e %U %S %M'`): wall, CPU (user + system) and peak RSS.
#      - aware          `aware build COURSE -o OUT` over the previous round's OUT (what a
#                       trainer's second build does; unchanged files are hard-linked);
#      - aware-fresh    the same with OUT deleted first (the deletion is not timed);
#      - aware-package  `aware package COURSE --scorm12 -o FILE.zip` (the LMS package);
#      - hugo           `hugo --quiet -s DIR/hugo -d OUT` over the previous round's OUT;
#      - pagefind       `pagefind_extended --site OUT` on the hugo output just written;
#        hugo+pagefind  is the sum of the two runs of the round (wall and CPU; peak RSS is
#                       the larger), which is what a Hugo site with search costs;
#      - mdbook         `mdbook build DIR/mdbook`, only for N <= MDBOOK_MAX (default 1000:
#                       at 5,000 modules one mdBook build takes over two minutes).
#      aware builds the search index in the same process, as mdBook does; Hugo has none.
#   4. Prints each tool's median wall (min to max), median CPU, median peak RSS, output
#      size, and the ratios aware/tool, plus the load average at every round's start.
#
# Tools: Hugo `apt-get install -y hugo`; GNU time `apt-get install -y time` (both installed
# here if missing and running as root); Pagefind `npm install pagefind@1.6.0` in $PF_DIR
# (default /tmp/pf; installed here if missing); mdBook `cargo install mdbook --locked`.
# A tool that is missing is reported and left out (this is a benchmark, not a test).
# Work dir: $WORK (default target/bench-peers); outputs go to target/bench-out/peers-*.
set -euo pipefail

REPO="$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null || (cd "$(dirname "$0")/.." && pwd))"
GEN="${GEN:-$REPO/../shared/bench/gen_corpus.py}"
WORK="${WORK:-$REPO/target/bench-peers}"
OUTS="$REPO/target/bench-out"
NS="${NS:-1000 10000}"
RUNS="${RUNS:-5}"
SEED="${SEED:-1}"
MDBOOK_MAX="${MDBOOK_MAX:-1000}"
PF_DIR="${PF_DIR:-/tmp/pf}"
AWARE="${AWARE:-$REPO/target/release/aware}"

if [[ "$(id -u)" == 0 ]]; then
  [[ -x /usr/bin/time ]] || apt-get install -y time >/dev/null
  command -v hugo >/dev/null || apt-get install -y hugo >/dev/null || true
fi
[[ -x /usr/bin/time ]] || { echo "missing: /usr/bin/time (apt-get install time)" >&2; exit 1; }
[[ -f "$GEN" ]] || { echo "missing: $GEN" >&2; exit 1; }
command -v python3 >/dev/null || { echo "missing: python3" >&2; exit 1; }
PAGEFIND="$PF_DIR/node_modules/@pagefind/linux-x64/bin/pagefind_extended"
if [[ ! -x "$PAGEFIND" ]] && command -v npm >/dev/null; then
  mkdir -p "$PF_DIR" && (cd "$PF_DIR" && npm install --silent pagefind@1.6.0 >/dev/null 2>&1) || true
fi
if [[ "${AWARE_BENCH_NO_BUILD:-}" != 1 ]]; then
  (cd "$REPO" && cargo build --release --quiet)
fi

HAVE_HUGO=0; command -v hugo >/dev/null && HAVE_HUGO=1
HAVE_PF=0; [[ -x "$PAGEFIND" ]] && HAVE_PF=1
HAVE_MDBOOK=0; command -v mdbook >/dev/null && HAVE_MDBOOK=1

echo "# versions"
echo "aware: $("$AWARE" --version) (git $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" diff --quiet HEAD -- src themes Cargo.toml 2>/dev/null || echo ', with uncommitted changes'))"
if [[ $HAVE_HUGO == 1 ]]; then echo "hugo: $(hugo version)"; else echo "hugo: not on PATH, left out"; fi
if [[ $HAVE_PF == 1 ]]; then echo "pagefind: $("$PAGEFIND" --version) ($PAGEFIND)"; else echo "pagefind: $PAGEFIND missing, left out"; fi
if [[ $HAVE_MDBOOK == 1 ]]; then echo "mdbook: $(mdbook --version)"; else echo "mdbook: not on PATH, left out"; fi
echo "# machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(uname -r); output on $(df -T "$REPO" | awk 'NR==2{print $2}')"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# NS=\"$NS\" RUNS=$RUNS SEED=$SEED MDBOOK_MAX=$MDBOOK_MAX; 1 warm-up run per tool, not counted; order rotates per round"

mkdir -p "$WORK" "$OUTS"
RESULTS="$WORK/runs.tsv"     # N tool round wall cpu rss_kib
SIZES="$WORK/sizes.tsv"      # N tool bytes files
LOADS="$WORK/loads.tsv"      # N round load1
: >"$RESULTS"; : >"$SIZES"; : >"$LOADS"

# timed N TOOL ROUND CMD...: one run under GNU time, appended to $RESULTS.
timed() {
  local n="$1" tool="$2" round="$3"; shift 3
  local f; f="$(mktemp)"
  if ! /usr/bin/time -f '%e %U %S %M' -o "$f" "$@" >/dev/null 2>"$f.err"; then
    echo "$tool-$n: command failed: $*" >&2; cat "$f.err" >&2; rm -f "$f" "$f.err"; return 1
  fi
  awk -v n="$n" -v t="$tool" -v r="$round" '/^[0-9]/{printf "%s\t%s\t%s\t%s\t%.2f\t%s\n", n, t, r, $1, $2 + $3, $4}' "$f" >>"$RESULTS"
  rm -f "$f" "$f.err"
}

size() {
  local b c; b="$(du -sb "$3" | cut -f1)"; c="$(find "$3" -type f | wc -l)"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$b" "$c" >>"$SIZES"
}

SITE_YAML='title: "Training Modules"
id: peers-bench
version: "1"
organisation: Benchmark Organisation
quick_exit_url: https://www.weather.gov/
hotline:
  title: Need help?
  text: If someone is in immediate danger, call **911**.
'

for N in $NS; do
  S="$WORK/N$N"
  echo; echo "## N=$N"
  if [[ ! -f "$S/.seed-$SEED" ]]; then
    rm -rf "$S"
    python3 "$GEN" "$N" "$S" --seed "$SEED" >/dev/null
    touch "$S/.seed-$SEED"
  fi
  A="$S/aware"
  rm -rf "$A"; mkdir -p "$A/content"
  printf '%s' "$SITE_YAML" >"$A/site.yaml"
  cp "$S"/plain/*.md "$A/content/"
  if ! "$AWARE" --color never check "$A" 2>"$S/aware-check.txt"; then
    cat "$S/aware-check.txt" >&2; echo "aware check failed on $A" >&2; exit 1
  fi
  echo "aware check: $(tail -1 "$S/aware-check.txt")"

  AO="$OUTS/peers-aware-$N"; AF="$OUTS/peers-aware-fresh-$N"; AP="$OUTS/peers-aware-$N-scorm12.zip"
  HO="$OUTS/peers-hugo-$N"
  tools=(aware aware-fresh aware-package)
  [[ $HAVE_HUGO == 1 ]] && tools+=(hugo)
  [[ $HAVE_MDBOOK == 1 && $N -le $MDBOOK_MAX ]] && tools+=(mdbook)
  rm -rf "$AO" "$AF" "$AP" "$HO" "$S/hugo/resources" "$S/hugo/.hugo_build.lock" "$S/mdbook/book"

  # run TOOL ROUND: one run of TOOL (hugo also runs pagefind on its fresh output).
  run() {
    local tool="$1" round="$2"
    case "$tool" in
      aware) timed "$N" aware "$round" "$AWARE" build --quiet "$A" -o "$AO" ;;
      aware-fresh) rm -rf "$AF"; timed "$N" aware-fresh "$round" "$AWARE" build --quiet "$A" -o "$AF" ;;
      aware-package) timed "$N" aware-package "$round" "$AWARE" package --quiet "$A" --scorm12 -o "$AP" ;;
      hugo)
        rm -rf "$HO/pagefind"
        timed "$N" hugo "$round" hugo --quiet -s "$S/hugo" -d "$HO"
        if [[ $HAVE_PF == 1 ]]; then timed "$N" pagefind "$round" "$PAGEFIND" --site "$HO"; fi ;;
      mdbook) timed "$N" mdbook "$round" mdbook build "$S/mdbook" ;;
    esac
  }
  echo "warm-up: ${tools[*]}"
  for t in "${tools[@]}"; do run "$t" 0; done
  sed -i "/^$N\t[^\t]*\t0\t/d" "$RESULTS"
  for r in $(seq "$RUNS"); do
    printf '%s\t%s\t%s\n' "$N" "$r" "$(cut -d' ' -f1 /proc/loadavg)" >>"$LOADS"
    k=${#tools[@]}; order=()
    for i in $(seq 0 $((k - 1))); do order+=("${tools[$(( (i + r) % k ))]}"); done
    echo "round $r/$RUNS (load $(cut -d' ' -f1 /proc/loadavg)): ${order[*]}"
    for t in "${order[@]}"; do run "$t" "$r"; done
  done
  size "$N" aware "$AO"
  size "$N" aware-package "$AP"
  if [[ $HAVE_HUGO == 1 ]]; then
    if [[ $HAVE_PF == 1 ]]; then size "$N" pagefind "$HO/pagefind"; fi
    b="$(du -sb --exclude=pagefind "$HO" | cut -f1)"; c="$(find "$HO" -path "$HO/pagefind" -prune -o -type f -print | wc -l)"
    printf "%s\t%s\t%s\t%s\n" "$N" hugo "$b" "$c" >>"$SIZES"
    size "$N" hugo+pagefind "$HO"
  fi
  [[ -d "$S/mdbook/book" ]] && size "$N" mdbook "$S/mdbook/book"
done

echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$RESULTS" "$SIZES" "$LOADS" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(dict)  # (n, tool) -> round -> (wall, cpu, rss MiB)
for l in open(sys.argv[1]):
    n, tool, r, wall, cpu, rss = l.rstrip("\n").split("\t")
    runs[(int(n), tool)][int(r)] = (float(wall), float(cpu), int(rss) / 1024)
# hugo+pagefind: the two runs of the same round added up.
for (n, tool) in list(runs):
    if tool == "hugo" and (n, "pagefind") in runs:
        h, p = runs[(n, "hugo")], runs[(n, "pagefind")]
        runs[(n, "hugo+pagefind")] = {r: (h[r][0] + p[r][0], h[r][1] + p[r][1], max(h[r][2], p[r][2])) for r in h if r in p}
sizes = {}
for l in open(sys.argv[2]):
    n, tool, b, c = l.rstrip("\n").split("\t")
    sizes[(int(n), tool)] = (int(b), int(c))
loads = defaultdict(list)
for l in open(sys.argv[3]):
    n, r, load = l.split("\t")
    loads[int(n)].append(float(load))
order = ["aware", "aware-fresh", "aware-package", "hugo", "pagefind", "hugo+pagefind", "mdbook"]
med = lambda xs: statistics.median(xs)
print("| N | tool | wall s, median (min to max) | CPU s, median | peak RSS MiB, median | output bytes, files | aware/tool wall | aware/tool CPU | aware/tool RSS |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for (n, tool) in sorted(runs, key=lambda k: (k[0], order.index(k[1]))):
    rs = list(runs[(n, tool)].values())
    w = sorted(x[0] for x in rs); c = med([x[1] for x in rs]); m = med([x[2] for x in rs])
    a = runs.get((n, "aware"))
    ratio = ["", "", ""]
    if tool not in ("aware", "aware-fresh", "aware-package") and a:
        aw = med([x[0] for x in a.values()]); ac = med([x[1] for x in a.values()]); am = med([x[2] for x in a.values()])
        ratio = ["%.2f" % (aw / med(w)), "%.2f" % (ac / c) if c else "", "%.2f" % (am / m)]
    b, f = sizes.get((n, tool), (0, 0))
    sz = "{:,} B, {:,}".format(b, f) if b else ""
    print("| %d | %s | %.3f (%.3f to %.3f) | %.2f | %.1f | %s | %s | %s | %s |" % (n, tool, med(w), w[0], w[-1], c, m, sz, *ratio))
print()
for n in sorted(loads):
    a = runs.get((n, "aware")); p = runs.get((n, "aware-package")); fr = runs.get((n, "aware-fresh"))
    extra = ""
    if a and p:
        extra += "; aware-package/aware wall %.2f" % (med([x[0] for x in p.values()]) / med([x[0] for x in a.values()]))
    if a and fr:
        extra += "; aware-fresh/aware wall %.2f" % (med([x[0] for x in fr.values()]) / med([x[0] for x in a.values()]))
    print("N=%d: 1-minute load average at each round's start: %s%s" % (n, ", ".join("%.2f" % x for x in loads[n]), extra))
PY
