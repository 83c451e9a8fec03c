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

# dbspec diff --base against a real git history: the old text comes from git, the work tree is
# untouched, and --fail-on decides the status.
repo=$tmp/repo; mkdir -p "$repo"; cp specs/encrypted-iam.yaml "$repo/ledger.yaml"; cp specs/read-replica.yaml "$repo/catalog.yaml"
abs_bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
(
  cd "$repo"
  git init -q && git add . && git -c user.email=ci@example.com -c user.name=ci commit -qm base
  sed -i 's/class: db.t3.micro/class: db.t3.small/' ledger.yaml
  before=$(git status --porcelain)
  out=$("$abs_bin" diff --base HEAD)
  echo "$out" | grep -q 'ledger.yaml:16: downtime: database.class' || { echo "test-graph.sh: diff --base missed the class change: $out" >&2; exit 1; }
  echo "$out" | grep -q catalog.yaml && { echo "test-graph.sh: diff --base reported an unchanged spec" >&2; exit 1; }
  [ "$(git status --porcelain)" = "$before" ] || { echo "test-graph.sh: diff --base touched the work tree" >&2; exit 1; }
  if "$abs_bin" diff --base HEAD --fail-on downtime > /dev/null; then echo "test-graph.sh: --fail-on downtime let downtime through" >&2; exit 1; fi
  sed -i 's/kmsKey: create/kmsKey: alias\/ledger/' ledger.yaml
  if "$abs_bin" diff --base HEAD > /dev/null; then echo "test-graph.sh: a replacement passed --fail-on replacement" >&2; exit 1; fi
  sed -i 's/^  encryption:/  # dbspec:accept-next-line -- restoring from a re-keyed snapshot\n  encryption:/' ledger.yaml
  "$abs_bin" diff --base HEAD > /dev/null || { echo "test-graph.sh: an accepted replacement still failed" >&2; exit 1; }
  "$abs_bin" diff --base no-such-revision > /dev/null 2>&1 && { echo "test-graph.sh: an unknown revision was accepted" >&2; exit 1; }
  [ $? -eq 0 ] || true
)
echo "diff --base: git history read, work tree untouched, --fail-on and acceptances honoured"
