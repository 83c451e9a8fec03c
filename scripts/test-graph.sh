#!/usr/bin/env bash
# Renders every pinned topology picture (Tests/DBSpecTests/Golden/graph/*.dot) with Graphviz's
# dot, failing on any error or warning, and checks `dbspec graph --format svg` end to end.
# Needs Graphviz (Debian: apt-get install graphviz). Mermaid pictures are pinned by the Swift
# tests; rendering them needs mermaid-cli (Node.js and a browser), which CI does not install.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "test-graph.sh: Graphviz's dot is not installed (apt-get install graphviz)" >&2; exit 1; }
bin=${DBSPEC:-.build/debug/dbspec}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0
for f in Tests/DBSpecTests/Golden/graph/*.dot; do
  if ! dot -Tsvg "$f" -o "$tmp/out.svg" 2> "$tmp/err" || [ -s "$tmp/err" ]; then
    echo "test-graph.sh: Graphviz cannot draw $f:" >&2; cat "$tmp/err" >&2; exit 1
  fi
  grep -q '<svg' "$tmp/out.svg" || { echo "test-graph.sh: $f gave no SVG" >&2; exit 1; }
  n=$((n + 1))
done
"$bin" graph specs/cross-region-replica.yaml --format svg -o "$tmp/invoices.svg"
grep -q 'read replica invoices&#45;dr' "$tmp/invoices.svg" || { echo "test-graph.sh: dbspec graph --format svg lost a node" >&2; exit 1; }
# The README's picture is the same drawing.
cmp -s <("$bin" graph specs/cross-region-replica.yaml --format svg) docs/graph-invoices.svg \
  || { echo "test-graph.sh: docs/graph-invoices.svg is stale; run: $bin graph specs/cross-region-replica.yaml --format svg -o docs/graph-invoices.svg" >&2; exit 1; }
# Without Graphviz, svg says how to get it (and dot and mermaid still work).
if PATH=/nonexistent "$bin" graph specs/read-replica.yaml --format svg > /dev/null 2> "$tmp/err"; then
  echo "test-graph.sh: --format svg without dot should fail" >&2; exit 1
fi
grep -q 'apt-get install graphviz' "$tmp/err" || { echo "test-graph.sh: unclear message without dot: $(cat "$tmp/err")" >&2; exit 1; }
echo "graph: $n pictures drawn by Graphviz $(dot -V 2>&1 | awk '{print $5}'), svg output checked"
