#!/usr/bin/env bash
# Debian tools the tests need, installed when missing (as root, or with sudo):
#   xmllint (libxml2-utils)     validates the LMS packages' manifests (tests/it/package.rs)
# With CI=true a tool that cannot be installed is a failure; elsewhere a reported skip of
# the tests that need it. Chromium (the browser tests) is installed by tests/browser/run.sh.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

updated=""
# ensure COMMAND PACKAGE
ensure() {
  command -v "$1" >/dev/null && return 0
  echo "tests: $1 is missing; installing Debian's $2" >&2
  if [ -z "$updated" ]; then as_root apt-get update -q >/dev/null || true; updated=1; fi
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null && command -v "$1" >/dev/null; then
    return 0
  fi
  if [ "${CI:-}" = "true" ]; then
    echo "tests: FAILED: could not install $2 ($1)" >&2
    exit 1
  fi
  echo "tests: could not install $2: the tests that need $1 will say so and skip (a failure when CI=true)" >&2
}

ensure xmllint libxml2-utils
