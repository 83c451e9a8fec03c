#!/usr/bin/env bash
# Runs check-jsonschema (pinned, in a virtual environment of its own under .tools/), installing
# it on first use. Arguments go to check-jsonschema as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.tools/check-jsonschema
if [ ! -x "$venv/bin/check-jsonschema" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema==0.39.0 >&2
fi
exec "$venv/bin/check-jsonschema" "$@"
