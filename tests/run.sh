#!/usr/bin/env bash
# The project's test command (README: "Run all tests"). Runs the Rust unit and
# integration tests; browser tests run from here too once they exist.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked
