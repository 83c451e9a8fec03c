#!/usr/bin/env bash
# Lints the templates of every shipped spec with the NEWEST cfn-lint on PyPI (not the pinned
# one) and reports what it finds, without failing: a finding here means the built-in catalogue
# is older than AWS's data; scripts/catalog/refresh.sh moves it. Exit 0 unless it cannot run.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv" && "$tmp/venv/bin/pip" install --quiet --disable-pip-version-check --upgrade cfn-lint || exit 2
swift build --product dbspec >/dev/null || exit 2
bin=$(swift build --show-bin-path)/dbspec
shopt -s nullglob
specs=(specs/*.yaml specs/*.yml specs/*.json)
"$bin" compile "${specs[@]}" -o "$tmp/out" || exit 2
regions=$(sed -n -e 's/^[[:space:]-]*region:[[:space:]]*\([a-z0-9-]*\).*/\1/p' -e 's/.*"region":[[:space:]]*"\([a-z0-9-]*\)".*/\1/p' "${specs[@]}" | sort -u | tr '\n' ' ')
pinned=$(sed -n 's/^cfn-lint==\([^ ]*\).*/\1/p' scripts/requirements-tools.txt)
newest=$("$tmp/venv/bin/cfn-lint" --version | awk '{print $2}')
echo "cfn-lint $newest (newest) on the shipped specs' templates; the catalogue is built from $pinned"
if "$tmp/venv/bin/cfn-lint" --regions $regions -- "$tmp"/out/*.template.json; then
  echo "drift: none"
else
  echo "drift: cfn-lint $newest disagrees with the catalogue built from $pinned (above); run scripts/catalog/refresh.sh"
fi
exit 0
