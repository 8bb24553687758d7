#!/usr/bin/env bash
# The project's test command (README: "Run all tests"). Runs the Rust unit and
# integration tests, a short fuzz run, the node unit tests of the browser code
# (tests/js/), then the real-browser tests of the built site and of the LMS packages
# (tests/browser/run.sh: Debian's Chromium, installed if missing, driven by
# playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
# CI builds once from a clean clone: incremental caches only take disk there.
if [ "${CI:-}" = "true" ]; then export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"; fi
bash tests/tools.sh
cargo test --locked

# Fuzz harness, short deterministic run (examples/fuzz.rs): 200 mutated courses through
# check and build in child processes; any panic, hang, signal, Err, misplaced diagnostic
# or changed output after a failed build fails the test command. Debug build, about 50 s.
# The time limit is generous so a loaded machine does not turn a slow case into a "hang".
cargo run --locked --example fuzz -- --cases 200 --seed 2 --timeout-secs 30

# Unit tests of the browser code's pure logic (tests/js/: node's own test runner, no
# browser, no npm package). As with the browser tests, a missing node fails with CI=true
# and is a reported skip elsewhere.
if command -v node >/dev/null && node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  node --test tests/js/*.test.mjs
  # The same tests on the scripts as the build publishes them (local names shortened,
  # minified): what learners' browsers run.
  published="$(mktemp -d)"
  cargo run --locked --quiet -- build --quiet -o "$published/site"
  AWARE_PUBLISHED="$published/site/static" node --test tests/js/*.test.mjs
  rm -rf "$published"
elif [ "${CI:-}" = "true" ]; then
  echo "js unit tests: FAILED: node 20 or newer is needed" >&2
  exit 1
else
  echo "js unit tests: SKIPPED: node 20 or newer is needed (this is a failure when CI=true)" >&2
fi

bash tests/browser/run.sh
