#!/usr/bin/env bash
# Builds the fully static Linux x86_64 dbspec and packages it: a tarball (binary, man page,
# shell completions), a Debian package and a Python wheel, with SHA-256 sums, in dist/.
# Packaging the same binary twice gives byte-identical files (SOURCE_DATE_EPOCH, default the
# last commit's time, sets every timestamp).
#   scripts/release.sh VERSION [-o DIR] [--binary PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: scripts/release.sh VERSION [-o DIR] [--binary PATH]}
shift
out=dist binary=
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
if [ -z "$binary" ]; then
  # A scratch path of its own: `swift package generate-manual` below builds a dynamically
  # linked release into .build, which must not replace the binary that is packaged.
  binary=$(scripts/static-build.sh --scratch-path .build-static)/dbspec
fi
{ ldd "$binary" 2>&1 || true; } | grep -q "not a dynamic executable" || { echo "$binary is not statically linked" >&2; exit 1; }
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
  "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d"
cp "$binary" "$stage/bin/dbspec"
"$binary" --generate-completion-script bash > "$stage/share/bash-completion/completions/dbspec"
"$binary" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_dbspec"
"$binary" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/dbspec.fish"
# The man page, from swift-argument-parser's generate-manual plugin, dated SOURCE_DATE_EPOCH.
swift package generate-manual >&2
man=$(find .build/plugins/GenerateManual/outputs -name dbspec.1 | head -1)
date=$(LC_ALL=C date -u -d "@$SOURCE_DATE_EPOCH" '+%B %-d, %Y')
sed "s/^\.Dd .*/.Dd $date/" "$man" > "$stage/share/man/man1/dbspec.1"
python3 scripts/release/package.py "$version" "$stage" "$out"
