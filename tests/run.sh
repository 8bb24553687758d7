#!/usr/bin/env bash
# The project's test command (README: "Run all tests"). Runs the Rust unit and
# integration tests, then the real-browser tests of the built site (tests/browser/run.sh:
# Debian's Chromium, installed if missing, driven by playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked
bash tests/browser/run.sh
