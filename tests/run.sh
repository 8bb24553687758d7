#!/usr/bin/env bash
# The project's test command (README: "Run all tests"). Runs the Rust unit and
# integration tests, a short fuzz run, then the real-browser tests of the built site
# (tests/browser/run.sh: Debian's Chromium, installed if missing, driven by
# playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked
# Fuzz harness, short deterministic run (examples/fuzz.rs): 200 mutated courses through
# check and build in child processes; any panic, hang, signal, Err, misplaced diagnostic
# or changed output after a failed build fails the test command. Debug build, about 50 s.
# The time limit is generous so a loaded machine does not turn a slow case into a "hang".
cargo run --locked --example fuzz -- --cases 200 --seed 2 --timeout-secs 30
bash tests/browser/run.sh
