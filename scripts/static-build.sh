#!/usr/bin/env bash
# Builds the fully static release binaries the way users get them, and prints the directory
# that holds them. The one place the release build's flags are written: scripts/release.sh,
# scripts/bench.sh and scripts/bench-scale.sh build through it, and the README points here.
#
# Beside the static linking, the flags are for start-up time (docs/performance.md); none
# changes what the binary does:
# - The Swift compiler refers to the generic types a function needs (`[Setting]`,
#   `Located<String>?`) by mangled name, which the runtime demangles the first time each is
#   used; with `-disable-concrete-type-metadata-mangled-name-accessors` it calls their
#   metadata accessors directly. A check makes about forty such types, and the demangling
#   was 15% of its instructions. The binary grows by 0.4%.
# - On Linux every Swift function gets a section of its own (`-function-sections`), and the
#   linker (gold, the Swift toolchain's on Linux) lays out together the functions that a
#   check and a compile run, listed in scripts/startup-order.txt (written by
#   scripts/startup-order.sh): a run touches fewer pages of a 36 MB binary, 23 fewer page
#   faults and 6% less time a check. A name in the list that no longer exists is skipped; a
#   stale list costs speed, never correctness.
#
#   scripts/static-build.sh [--scratch-path DIR] [--product NAME]...   (default: dbspec)
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --static-swift-stdlib -Xswiftc -static-executable
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
products=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch-path) flags+=(--scratch-path "$2"); shift 2 ;;
    --product) products+=("$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#products[@]} -gt 0 ] || products=(dbspec)
if [ "$(uname -s)" = Linux ] && [ -s scripts/startup-order.txt ]; then
  flags+=(-Xswiftc -Xfrontend -Xswiftc -function-sections -Xlinker "--section-ordering-file=$PWD/scripts/startup-order.txt")
fi
for product in "${products[@]}"; do swift build "${flags[@]}" --product "$product" >&2; done
swift build "${flags[@]}" --show-bin-path
