#!/usr/bin/env bash
# The pre-commit hooks as users meet them: `pre-commit try-repo` with the oldest and the newest
# pre-commit this repository supports (each pinned, in a virtual environment of its own under
# .tools/), over a repository with a valid spec, an invalid one and a `.dbspec.yaml`
# configuration. The hook must pass on valid specs, fail on invalid ones with FILE:LINE:COL
# lines, and leave the configuration file alone.
#   scripts/test-precommit.sh DBSPEC_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin_dir=$(cd "$(dirname "$1")" && pwd)
versions=(2.20.0 4.7.0)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" PATH="$bin_dir:$PATH"
passed=0
for v in "${versions[@]}"; do
  venv=.tools/pre-commit-$v
  if [ ! -x "$venv/bin/pre-commit" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$v" >&2
  fi
  repo="$work/repo-$v"
  mkdir -p "$repo/specs"
  git -C "$repo" init -q
  cp specs/multi-az.yaml "$repo/specs/orders.yaml"
  printf 'rules:\n  DB319: off\n' > "$repo/.dbspec.yaml"
  git -C "$repo" add -A
  # Valid specs pass.
  if ! (cd "$repo" && "$root/$venv/bin/pre-commit" try-repo "$root" dbspec-check --all-files > "$work/ok.log" 2>&1); then
    echo "pre-commit $v: dbspec-check failed on a valid spec:"; cat "$work/ok.log"; exit 1
  fi
  # An invalid spec fails with positioned lines; the configuration file is not checked.
  cp specs/invalid/rules/DB104.yaml "$repo/specs/broken.yaml"
  git -C "$repo" add -A
  if (cd "$repo" && "$root/$venv/bin/pre-commit" try-repo "$root" dbspec-check --all-files > "$work/bad.log" 2>&1); then
    echo "pre-commit $v: dbspec-check passed on an invalid spec:"; cat "$work/bad.log"; exit 1
  fi
  grep -q "specs/broken.yaml:8:10: error: db.t2.micro is not offered" "$work/bad.log" || { echo "pre-commit $v: no FILE:LINE:COL line:"; cat "$work/bad.log"; exit 1; }
  if grep -q "\.dbspec\.yaml" "$work/bad.log"; then echo "pre-commit $v: the configuration file was checked as a spec:"; cat "$work/bad.log"; exit 1; fi
  passed=$((passed + 1))
done
echo "pre-commit hooks: $passed passed, 0 failed (pre-commit ${versions[*]})"
