#!/usr/bin/env bash
# aware next to its peers (Hugo, mdBook) on the shared benchmark corpus, in one run on one
# machine, so the ratios mean something.
#
#   bash benches/peers.sh                          # NS="100 1000", RUNS=3 (+1 warm-up each)
#   NS="100 1000 5000" RUNS=5 bash benches/peers.sh
#
# For each N:
#   1. python3 ../shared/bench/gen_corpus.py N DIR --seed 1 writes DIR/{hugo,mdbook,plain}.
#   2. DIR/aware is made from DIR/plain: a site.yaml written here, plain/*.md copied to
#      content/ unchanged. No adaptation is needed: the plain modules' `title`/`order` front
#      matter is valid aware front matter and their links (`module-00042.md`) are relative
#      module links. `aware check` must report no errors (warnings are shown, not fatal).
#   3. Times `target/release/aware build`, and `hugo` / `mdbook` when they are on PATH,
#      exactly as ../shared/bench/run_anchors.sh does: GNU time (`/usr/bin/time -f '%e %M'`),
#      the output folder removed once before a warm-up run that is not counted, then RUNS
#      counted runs that each overwrite the previous output (for aware that includes moving
#      the old site aside and deleting it). Prints median wall time (min to max), median
#      peak RSS, output size, and the ratios aware/hugo and aware/mdbook.
#
# Tools: Hugo `apt-get install -y hugo`; mdBook `cargo install mdbook --locked`; GNU time
# `apt-get install -y time` (installed here if missing and running as root).
# Work dir: $WORK (default target/bench-peers); outputs go to target/bench-out/peers-*.
set -euo pipefail

REPO="$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null || (cd "$(dirname "$0")/.." && pwd))"
GEN="${GEN:-$REPO/../shared/bench/gen_corpus.py}"
WORK="${WORK:-$REPO/target/bench-peers}"
OUTS="$REPO/target/bench-out"
NS="${NS:-100 1000}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
AWARE="$REPO/target/release/aware"

if [[ ! -x /usr/bin/time ]]; then
  if [[ "$(id -u)" == 0 ]]; then apt-get install -y time >/dev/null; else echo "missing: /usr/bin/time (apt-get install time)" >&2; exit 1; fi
fi
[[ -f "$GEN" ]] || { echo "missing: $GEN" >&2; exit 1; }
command -v python3 >/dev/null || { echo "missing: python3" >&2; exit 1; }
(cd "$REPO" && cargo build --release --quiet)

HAVE_HUGO=0; command -v hugo >/dev/null && HAVE_HUGO=1
HAVE_MDBOOK=0; command -v mdbook >/dev/null && HAVE_MDBOOK=1

echo "# versions"
echo "aware: $("$AWARE" --version) (git $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" diff --quiet HEAD -- src themes Cargo.toml 2>/dev/null || echo ', with uncommitted changes'))"
if [[ $HAVE_HUGO == 1 ]]; then echo "hugo: $(hugo version)"; else echo "hugo: not on PATH, skipped"; fi
if [[ $HAVE_MDBOOK == 1 ]]; then echo "mdbook: $(mdbook --version)"; else echo "mdbook: not on PATH, skipped"; fi
echo "# machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# NS=\"$NS\" RUNS=$RUNS SEED=$SEED, 1 warm-up run not counted"

mkdir -p "$WORK" "$OUTS"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# measure N TOOL CMD...: 1 warm-up + RUNS runs under GNU time; appends
# "N TOOL median min max rss_median_MiB" to $RESULTS and prints a line.
measure() {
  local n="$1" tool="$2"; shift 2
  local f; f="$(mktemp)"
  "$@" >/dev/null 2>&1 || { echo "$tool-$n: command failed: $*" >&2; return 1; }
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -a -o "$f" "$@" >/dev/null 2>&1
  done
  python3 - "$n" "$tool" "$f" "$RESULTS" <<'PY'
import statistics, sys
n, tool, f, out = sys.argv[1:5]
rows = [l.split() for l in open(f) if l.strip() and l.split()[0][0].isdigit()]
w = sorted(float(r[0]) for r in rows); m = [int(r[1]) / 1024 for r in rows]
print("%-12s wall s  min %.3f  median %.3f  max %.3f   peak RSS median %.1f MiB  (n=%d)"
      % ("%s-%s" % (tool, n), w[0], statistics.median(w), w[-1], statistics.median(m), len(w)))
with open(out, "a") as o:
    o.write("%s\t%s\t%.3f\t%.3f\t%.3f\t%.1f\n" % (n, tool, statistics.median(w), w[0], w[-1], statistics.median(m)))
PY
  rm -f "$f"
}

# size N TOOL DIR: output bytes (du -sb) and file count, appended to $RESULTS.size
size() {
  local b c; b="$(du -sb "$3" | cut -f1)"; c="$(find "$3" -type f | wc -l)"
  echo "$2-$1 output: $b bytes, $c files"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$b" "$c" >>"$RESULTS.size"
}
: >"$RESULTS.size"

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
  python3 "$GEN" "$N" "$S" --seed "$SEED"

  # aware course from the plain layout (see the header: no adaptation needed).
  A="$S/aware"
  rm -rf "$A"; mkdir -p "$A/content"
  printf '%s' "$SITE_YAML" >"$A/site.yaml"
  cp "$S"/plain/*.md "$A/content/"
  if ! "$AWARE" --color never check "$A" 2>"$S/aware-check.txt"; then
    cat "$S/aware-check.txt" >&2; echo "aware check failed on $A" >&2; exit 1
  fi
  echo "aware check: $(tail -1 "$S/aware-check.txt")"

  O="$OUTS/peers-aware-$N"; rm -rf "$O"
  measure "$N" aware "$AWARE" build --quiet "$A" -o "$O"
  size "$N" aware "$O"

  if [[ $HAVE_HUGO == 1 ]]; then
    O="$OUTS/peers-hugo-$N"
    rm -rf "$O" "$S/hugo/resources" "$S/hugo/.hugo_build.lock"
    measure "$N" hugo hugo --quiet -s "$S/hugo" -d "$O"
    size "$N" hugo "$O"
  fi
  if [[ $HAVE_MDBOOK == 1 ]]; then
    rm -rf "$S/mdbook/book"
    measure "$N" mdbook mdbook build "$S/mdbook"
    size "$N" mdbook "$S/mdbook/book"
  fi
done

echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$RESULTS" "$RESULTS.size" <<'PY'
import sys
res = {}
for l in open(sys.argv[1]):
    n, tool, med, lo, hi, rss = l.split("\t")
    res[(int(n), tool)] = (float(med), float(lo), float(hi), float(rss))
size = {}
for l in open(sys.argv[2]):
    n, tool, b, c = l.split("\t")
    size[(int(n), tool)] = (int(b), int(c))
print("| N | tool | wall s, median (min to max) | peak RSS MiB, median | output bytes (du -sb), files | aware/tool wall | aware/tool RSS |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
for (n, tool) in sorted(res, key=lambda k: (k[0], ["aware", "hugo", "mdbook"].index(k[1]))):
    med, lo, hi, rss = res[(n, tool)]
    b, c = size.get((n, tool), (0, 0))
    a = res.get((n, "aware"))
    ratio = ("%.2f" % (a[0] / med), "%.2f" % (a[3] / rss)) if tool != "aware" and a and med > 0 else ("", "")
    print("| %d | %s | %.3f (%.3f to %.3f) | %.1f | {:,} B, {:,} | %s | %s |".format(b, c) % (n, tool, med, lo, hi, rss, ratio[0], ratio[1]))
PY
