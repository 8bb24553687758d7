#!/usr/bin/env bash
# Real-browser tests of the learner site: Debian's Chromium driven by playwright-core, run
# with node's built-in test runner. Builds the default course into a temporary folder and
# passes it to the tests in AWARE_SITE_DIR, and packages it for SCORM 1.2 and SCORM 2004
# (AWARE_SCORM12_ZIP, AWARE_SCORM2004_ZIP: the lms-*.test.mjs files run them in scorm-again
# and unzip them with python3). No browser is ever downloaded: Chromium comes from Debian
# (installed here if missing), playwright-core only drives it.
#
# With CI=true, anything that stops the tests from running (no browser, no node, a failed
# install) is a failure. Elsewhere it is reported and the browser tests are skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
chromium=/usr/bin/chromium

cannot_run() {
  if [ "${CI:-}" = "true" ]; then
    echo "browser tests: FAILED: $1" >&2
    exit 1
  fi
  echo "browser tests: SKIPPED: $1 (this is a failure when CI=true)" >&2
  exit 0
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# 1. The browser: Debian's chromium package.
if [ ! -x "$chromium" ]; then
  echo "browser tests: $chromium is missing; installing Debian's chromium" >&2
  if ! { as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }; then
    cannot_run "could not install Debian's chromium"
  fi
  [ -x "$chromium" ] || cannot_run "chromium installed but $chromium is not there"
fi
"$chromium" --version 2>/dev/null | head -n1 || cannot_run "$chromium does not run"

# 1b. Java for the Nu HTML Checker (npm vnu-jar): Debian's default-jre-headless. Without it
#     only vnu.test.mjs cannot run: it fails with CI=true and is a reported skip elsewhere.
if ! command -v java >/dev/null; then
  echo "browser tests: java is missing; installing Debian's default-jre-headless" >&2
  if ! { as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless; } || ! command -v java >/dev/null; then
    if [ "${CI:-}" = "true" ]; then
      echo "browser tests: FAILED: could not install default-jre-headless (java, for the Nu HTML Checker)" >&2
      exit 1
    fi
    echo "browser tests: could not install java: the Nu HTML Checker test will skip (a failure when CI=true)" >&2
  fi
fi

# 2. Node and the npm packages (exact versions from package-lock.json); python3 unzips the
#    LMS packages with its zipfile module (a reader independent of the Rust zip writer).
command -v python3 >/dev/null || cannot_run "python3 is needed (it unzips the LMS packages)"
command -v node >/dev/null && command -v npm >/dev/null || cannot_run "node and npm are needed"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || cannot_run "node 20 or newer is needed (found $(node --version))"
stamp="$here/node_modules/.aware-lock-sha256"
lock_sum="$(sha256sum "$here/package-lock.json" "$here/package.json" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ] || [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ] || [ ! -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ] || [ ! -d "$here/node_modules/scorm-again" ] || [ ! -d "$here/node_modules/acorn" ]; then
  echo "browser tests: npm ci" >&2
  # --ignore-scripts: nothing runs at install time (playwright-core downloads nothing anyway).
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || cannot_run "npm ci failed"
  echo "$lock_sum" > "$stamp"
fi

# 3. Build the default course and its two LMS packages (the debug binary, shared with
#    `cargo test`).
tmp="$(mktemp -d "${TMPDIR:-/tmp}/aware-browser.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cd "$repo"
cargo run --locked -q -- build . -o "$tmp/public"
cargo run --locked -q -- package . --scorm12 -q -o "$tmp/course-scorm12.zip"
cargo run --locked -q -- package . --scorm2004 -q -o "$tmp/course-scorm2004.zip"
export AWARE_SCORM12_ZIP="$tmp/course-scorm12.zip" AWARE_SCORM2004_ZIP="$tmp/course-scorm2004.zip"

# 4. The tests: one file at a time (each file starts one browser, each test a new context).
#    Files are listed by the shell so every node version reads them the same way.
#    search.test.mjs runs the same binary (`aware search`): tell it where cargo put it.
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac
export AWARE_BIN="${AWARE_BIN:-$target/debug/aware}"
#    Arguments, when given, name the test files to run instead of all of them.
if [ "$#" -gt 0 ]; then files=("$@"); else files=(tests/browser/*.test.mjs); fi
AWARE_SITE_DIR="$tmp/public" node --test --test-concurrency=1 --test-timeout=180000 "${files[@]}"
