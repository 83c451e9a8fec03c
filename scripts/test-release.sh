#!/usr/bin/env bash
# The release packages as users install them. Builds them with scripts/release.sh, packages the
# same binary a second time and requires byte-identical files, then installs each for real:
# the wheel into a fresh virtual environment (and runs the pre-commit hook with only that
# dbspec on PATH, as a machine without Swift would), the Debian package with dpkg -i (removed
# after; needs root), the tarball by unpacking it. Each installed dbspec must answer
# --version, check a spec and compile one.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=0.0.0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
scripts/release.sh "$version" -o "$work/a" > "$work/release.log" 2>&1 || { cat "$work/release.log"; exit 1; }
scripts/release.sh "$version" -o "$work/b" --binary .build-static/release/dbspec > "$work/release2.log" 2>&1 || { cat "$work/release2.log"; exit 1; }
for f in "$work"/a/*; do cmp "$f" "$work/b/$(basename "$f")" || { echo "not reproducible: $(basename "$f")"; exit 1; }; done
(cd "$work/a" && sha256sum -c --quiet SHA256SUMS)
passed=1

# Runs an installed dbspec through --version, check and compile.
exercise() {
  local bin=$1 what=$2
  "$bin" --version | head -1 | grep -q '^dbspec ' || { echo "$what: --version"; exit 1; }
  "$bin" check "$root/specs/multi-az.yaml" || { echo "$what: check"; exit 1; }
  "$bin" compile "$root/specs/multi-az.yaml" --target terraform -o "$work/out-$what" && [ -s "$work/out-$what/orders.tf.json" ] \
    || { echo "$what: compile"; exit 1; }
  if "$bin" check "$root/specs/invalid/rules/DB104.yaml" 2>/dev/null; then echo "$what: an invalid spec passed"; exit 1; fi
  passed=$((passed + 1))
}

# The wheel, in a fresh virtual environment, offline.
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$work"/a/*.whl
exercise "$work/venv/bin/dbspec" wheel
# pre-commit with only the wheel's dbspec and the system on PATH: no Swift, no build folder.
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit==4.7.0
repo="$work/repo"; mkdir -p "$repo/specs"; git -C "$repo" init -q
cp specs/*.yaml "$repo/specs/"; git -C "$repo" add -A
(cd "$repo" && env -i HOME="$work" PATH="$work/venv/bin:/usr/bin:/bin" PRE_COMMIT_HOME="$work/pc" \
  "$work/venv/bin/pre-commit" try-repo "$root" dbspec-check --all-files > "$work/pc.log" 2>&1) \
  || { echo "pre-commit with the wheel's dbspec failed:"; cat "$work/pc.log"; exit 1; }
passed=$((passed + 1))

# The Debian package: install, use, remove.
if [ "$(id -u)" = 0 ] && command -v dpkg >/dev/null; then
  dpkg -i "$work"/a/*.deb > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; exit 1; }
  exercise /usr/bin/dbspec deb
  [ -f /usr/share/man/man1/dbspec.1.gz ] && [ -f /usr/share/bash-completion/completions/dbspec ] || { echo "deb: man page or completions missing"; exit 1; }
  dpkg -r dbspec > /dev/null
  [ ! -e /usr/bin/dbspec ] || { echo "deb: dpkg -r left /usr/bin/dbspec"; exit 1; }
else
  echo "the Debian package was not installed (needs root and dpkg)"
fi

# The tarball.
mkdir -p "$work/tar" && tar -xzf "$work"/a/*.tar.gz -C "$work/tar"
exercise "$work/tar/dbspec-$version-linux-x86_64/bin/dbspec" tarball
echo "release packages: $passed passed, 0 failed"
