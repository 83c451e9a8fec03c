#!/usr/bin/env bash
# Writes docs/man/dbspec.1 from the command-line definitions, with swift-argument-parser's
# generate-manual plugin (a release build of the tool). --check fails when the committed page is
# not what the definitions give. The date is fixed so that the page only changes with the
# commands; bump it when you release.
set -euo pipefail
cd "$(dirname "$0")/.."
date=2026-11-30
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
swift package --allow-writing-to-package-directory generate-manual --output-directory "$out" --date "$date" --section 1 >/dev/null
if [ "${1:-}" = --check ]; then
  if ! cmp -s "$out/dbspec.1" docs/man/dbspec.1; then
    echo "docs/man/dbspec.1 is stale: run scripts/man.sh" >&2
    diff -u docs/man/dbspec.1 "$out/dbspec.1" | head -40 >&2 || true
    exit 1
  fi
  echo "man page: current"
else
  mkdir -p docs/man
  cp "$out/dbspec.1" docs/man/dbspec.1
  echo "wrote docs/man/dbspec.1"
fi
