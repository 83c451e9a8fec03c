#!/usr/bin/env bash
# Runs the whole test suite: the Swift tests, then the external checks on everything
# compiled from specs/ (cfn-lint on CloudFormation templates; the Terraform checker from
# ../shared/tools on Terraform files, when ../shared is present).
set -euo pipefail
cd "$(dirname "$0")/.."

swift test

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is missing; installing it from PyPI" >&2
  python3 -m pip install --quiet cfn-lint
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin=$(swift build --show-bin-path)/dbspec
shopt -s nullglob
specs=(specs/*.yaml specs/*.yml specs/*.json)
[ ${#specs[@]} -gt 0 ] || { echo "no specs in specs/" >&2; exit 1; }
"$bin" compile "${specs[@]}" -o "$out"

templates=("$out"/*.template.json)
[ ${#templates[@]} -eq ${#specs[@]} ] || { echo "expected ${#specs[@]} templates, found ${#templates[@]}" >&2; exit 1; }
# Lint in every Region the specs name, so Region-specific checks apply.
regions=$(sed -n -e 's/^region:[[:space:]]*\([a-z0-9-]*\).*/\1/p' -e 's/.*"region":[[:space:]]*"\([a-z0-9-]*\)".*/\1/p' "${specs[@]}" | sort -u | tr '\n' ' ')
echo "cfn-lint on ${#templates[@]} templates (regions: $regions)"
# cfn-lint exits non-zero on any error or warning.
cfn-lint --regions $regions -- "${templates[@]}"

tf=("$out"/*.tf.json)
if [ ${#tf[@]} -gt 0 ]; then
  if [ -f ../shared/tools/tfjson_check.py ]; then
    echo "tfjson_check on ${#tf[@]} Terraform files"
    for f in "${tf[@]}"; do python3 ../shared/tools/tfjson_check.py --strict "$f"; done
  else
    echo "../shared/tools/tfjson_check.py not present; Terraform files not checked"
  fi
fi
echo "cfn-lint: ${#templates[@]} passed, 0 failed"
