#!/usr/bin/env bash
# Writes scripts/startup-order.txt, the layout order scripts/static-build.sh gives the linker:
# the functions that `dbspec check` runs on every shipped spec, then those that `dbspec
# compile` adds (both targets), each as its section name (`.text.NAME`), in the order
# callgrind lists them. Run it after a change that moves much code (new rules, a new stage);
# the order only decides where code lies in the binary, never what it does.
# Needs valgrind (apt-get install valgrind).
#   scripts/startup-order.sh [BINARY]     (default: a release build made here)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 2; }
built=
if [ $# -gt 0 ]; then bin=$1; else built=$(scripts/static-build.sh); bin=$built/dbspec; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
run() {
  n=$((n + 1))
  valgrind --tool=callgrind --demangle=no --compress-strings=no --callgrind-out-file="$work/$(printf %03d $n).out" \
    "$bin" "$@" >/dev/null 2>&1 || true
}
for spec in specs/*.yaml specs/*.json; do run check "$spec"; done
for spec in specs/multi-az.yaml specs/aurora-mysql-cluster.yaml specs/cross-region-replica.yaml; do
  run compile "$spec" -o "$work/cfn"
  run compile "$spec" --target terraform -o "$work/tf"
done
# Function names (fn= and cfn= lines), recursion suffixes ('2) dropped, addresses and
# valgrind's own entries left out, each once, first appearance first.
cat "$work"/*.out | sed -n -E "s/^c?fn=([^ ]+).*/\1/p" | sed -E "s/'[0-9]+$//" \
  | grep -v -E '^(0x|\(below)' | awk '!seen[$0]++ { print ".text." $0 }' > scripts/startup-order.txt
echo "scripts/startup-order.txt: $(wc -l < scripts/startup-order.txt) functions" >&2
# SwiftPM does not see the list as an input of the link: remove what this built, so that the
# next scripts/static-build.sh links again with the new order (a link takes seconds).
if [ -n "$built" ]; then rm -f "$built/dbspec" "$built/dbspec-bench"; fi
