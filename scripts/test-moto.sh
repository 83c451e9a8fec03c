#!/usr/bin/env bash
# Deploys the Terraform of every shipped spec to moto (scripts/moto/terraform_apply.py: apply,
# re-plan without change, read back, replace the database and compare the password with its
# secret). moto and its dependencies are pinned in scripts/moto/requirements.txt and installed
# into .tools/moto; Terraform and the provider mirror as for scripts/test-terraform.sh.
# With --diff, checks `dbspec diff` against Terraform instead (scripts/moto/diff_verdicts.py:
# applies each base spec of Tests/DiffCorpus/cases.json that moto can deploy, plans each case
# against it and compares Terraform's actions with dbspec diff's).
# With --cloudformation, creates the CloudFormation stacks of every spec in moto instead, reads
# them back and updates them (scripts/moto/cloudformation_deploy.py).
# scripts/test.sh runs all three.
# Usage: scripts/test-moto.sh [--diff | --cloudformation] DBSPEC_BINARY [SPEC... | EDIT-NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=apply
if [ "${1:-}" = --diff ]; then mode=diff; shift; fi
if [ "${1:-}" = --cloudformation ]; then mode=cloudformation; shift; fi
bin=$1; shift
venv=.tools/moto
req=scripts/moto/requirements.txt
if [ ! -x "$venv/bin/python3" ] || ! cmp -s "$req" "$venv/.requirements"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  cp "$req" "$venv/.requirements"
fi
if [ "$mode" = cloudformation ]; then
  shopt -s nullglob
  specs=("$@")
  [ ${#specs[@]} -gt 0 ] || specs=(specs/*.yaml specs/*.yml specs/*.json)
  log=$(mktemp)
  # moto's warnings (unsupported types the harness then provides) go to a file.
  "$venv/bin/python3" scripts/moto/cloudformation_deploy.py "$bin" "${specs[@]}" 2>"$log" || { tail -20 "$log" >&2; rm -f "$log"; exit 1; }
  rm -f "$log"
  exit 0
fi
command -v terraform >/dev/null || { echo "test-moto: terraform is not on PATH" >&2; exit 1; }
mirror=${TF_PROVIDER_MIRROR:-/opt/tf-plugins}
ls -d "$mirror"/registry.terraform.io/hashicorp/aws/*/ >/dev/null 2>&1 || { echo "test-moto: no provider mirror at $mirror" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugin-cache"
printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\nplugin_cache_dir = "%s"\n' "$mirror" "$work/plugin-cache" > "$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
if [ "$mode" = diff ]; then
  "$venv/bin/python3" scripts/moto/diff_verdicts.py "$bin" "$@" 2>"$work/moto.log" || { tail -40 "$work/moto.log" | grep -v 'HTTP/1.1' >&2; exit 1; }
  exit 0
fi
shopt -s nullglob
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(specs/*.yaml specs/*.yml specs/*.json)
# moto's request log goes to a file; the harness prints its verdicts.
# Its own port, so that it can run beside the --diff check (which uses 5055).
DBSPEC_MOTO_PORT=${DBSPEC_MOTO_PORT:-5056} "$venv/bin/python3" scripts/moto/terraform_apply.py "$bin" "${specs[@]}" 2>"$work/moto.log"
