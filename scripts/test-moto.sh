#!/usr/bin/env bash
# Deploys the Terraform of every shipped spec to moto (scripts/moto/terraform_apply.py: apply,
# re-plan without change, read back, replace the database and compare the password with its
# secret). moto and its dependencies are pinned in scripts/moto/requirements.txt and installed
# into .tools/moto; Terraform and the provider mirror as for scripts/test-terraform.sh.
# Usage: scripts/test-moto.sh DBSPEC_BINARY [SPEC...]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1; shift
venv=.tools/moto
req=scripts/moto/requirements.txt
if [ ! -x "$venv/bin/python3" ] || ! cmp -s "$req" "$venv/.requirements"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  cp "$req" "$venv/.requirements"
fi
command -v terraform >/dev/null || { echo "test-moto: terraform is not on PATH" >&2; exit 1; }
mirror=${TF_PROVIDER_MIRROR:-/opt/tf-plugins}
ls -d "$mirror"/registry.terraform.io/hashicorp/aws/*/ >/dev/null 2>&1 || { echo "test-moto: no provider mirror at $mirror" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugin-cache"
printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\nplugin_cache_dir = "%s"\n' "$mirror" "$work/plugin-cache" > "$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
shopt -s nullglob
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(specs/*.yaml specs/*.yml specs/*.json)
# moto's request log goes to a file; the harness prints its verdicts.
"$venv/bin/python3" scripts/moto/terraform_apply.py "$bin" "${specs[@]}" 2>"$work/moto.log"
