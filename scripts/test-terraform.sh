#!/usr/bin/env bash
# `terraform validate`, offline, on every shipped spec in every Terraform layout:
#   1. standalone: each spec alone in a folder;
#   2. root: all specs in one folder, and again beside a user's own root module (its own
#      required_providers, default provider, data sources and outputs with dbspec's names);
#   3. module: a module per spec behind a small caller that uses for_each, depends_on and
#      providers = {...}.
# Terraform (1.11 or later) must be on PATH and the hashicorp/aws provider in a filesystem
# mirror: TF_PROVIDER_MIRROR, or /opt/tf-plugins (the folder that holds
# registry.terraform.io/hashicorp/aws/VERSION/). Usage: scripts/test-terraform.sh DBSPEC_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
command -v terraform >/dev/null || { echo "test-terraform: terraform is not on PATH (Terraform 1.11 or later is needed)" >&2; exit 1; }
mirror=${TF_PROVIDER_MIRROR:-/opt/tf-plugins}
if ! ls -d "$mirror"/registry.terraform.io/hashicorp/aws/*/ >/dev/null 2>&1; then
  echo "test-terraform: no hashicorp/aws provider in the mirror $mirror (set TF_PROVIDER_MIRROR to a filesystem mirror)" >&2
  exit 1
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugin-cache"
cat > "$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path = "$mirror"
  }
}
plugin_cache_dir = "$work/plugin-cache"
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
shopt -s nullglob
specs=(specs/*.yaml specs/*.yml specs/*.json)

validate() {  # FOLDER WHAT
  if ! (cd "$1" && terraform init -backend=false -input=false -no-color >"$work/init.log" 2>&1); then
    echo "test-terraform: terraform init failed for $2:" >&2; cat "$work/init.log" >&2; exit 1
  fi
  if ! (cd "$1" && terraform validate -no-color >"$work/validate.log" 2>&1); then
    echo "test-terraform: terraform validate failed for $2:" >&2; cat "$work/validate.log" >&2; exit 1
  fi
  if grep -q "Warning" "$work/validate.log"; then
    echo "test-terraform: terraform validate warns for $2:" >&2; cat "$work/validate.log" >&2; exit 1
  fi
  passed=$((passed + 1))
}
passed=0

# 1. Standalone.
for spec in "${specs[@]}"; do
  dir="$work/standalone/$(basename "$spec")"; mkdir -p "$dir"
  "$bin" compile "$spec" --target terraform -o "$dir"
  validate "$dir" "$spec (standalone)"
done

# 2. Root: every spec in one folder, then beside a user's root module.
"$bin" compile "${specs[@]}" --target terraform --layout root -o "$work/root"
validate "$work/root" "all specs in one folder (root layout)"
"$bin" compile "${specs[@]}" --target terraform --layout root -o "$work/beside"
# The user declares the provider with the constraint dbspec's standalone output asks for.
constraint=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["terraform"]["required_providers"]["aws"]["version"])' \
  "$(ls "$work"/standalone/*/*.tf.json | head -1)")
cat > "$work/beside/main.tf" <<TF
terraform {
  required_version = ">= 1.11.0"
  required_providers {
    aws = { source = "hashicorp/aws", version = "$constraint" }
  }
}
provider "aws" { region = "eu-west-1" }
data "aws_availability_zones" "available" { state = "available" }
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
resource "aws_s3_bucket" "assets" { bucket_prefix = "assets" }
output "endpoint" { value = aws_s3_bucket.assets.bucket_regional_domain_name }
output "port" { value = 443 }
output "master_secret_arn" { value = data.aws_caller_identity.current.arn }
TF
validate "$work/beside" "all specs beside a user's root module (root layout)"

# 3. Module: a module per spec, called from a root module with providers per Region.
"$bin" compile "${specs[@]}" --target terraform --layout module -o "$work/caller/modules"
python3 - "$work/caller" <<'PY'
import json, os, re, sys
root = sys.argv[1]
modules = sorted(os.listdir(os.path.join(root, "modules")))
regions, calls = set(), []
for i, name in enumerate(modules):
    doc = json.load(open(os.path.join(root, "modules", name, "main.tf.json")))
    aws = doc["terraform"]["required_providers"]["aws"]
    text = json.dumps(doc)
    home = re.search(r'data.aws_region.current.id == \\"([a-z0-9-]+)\\"', text).group(1)
    aliases = [a.split(".", 1)[1] for a in aws.get("configuration_aliases", [])]
    regions.add(home)
    providers = {"aws": "aws." + home.replace("-", "_")}
    for alias in aliases:
        regions.add(alias.replace("_", "-"))
        providers["aws." + alias] = "aws." + alias
    call = {"source": "./modules/" + name, "providers": providers}
    if i == 0:
        call["for_each"] = '${toset(["blue"])}'   # a module without provider blocks takes for_each
    if i == 1:
        call["depends_on"] = ["module." + modules[0].replace("-", "_")]
    calls.append((name.replace("-", "_"), call))
constraint = json.load(open(os.path.join(root, "modules", modules[0], "main.tf.json")))["terraform"]["required_providers"]["aws"]["version"]
caller = {
    "terraform": {"required_version": ">= 1.11.0", "required_providers": {"aws": {"source": "hashicorp/aws", "version": constraint}}},
    "provider": {"aws": [{"alias": r.replace("-", "_"), "region": r} for r in sorted(regions)]},
    "module": {name: call for name, call in calls},
}
json.dump(caller, open(os.path.join(root, "main.tf.json"), "w"), indent=2)
PY
validate "$work/caller" "a module per spec behind a caller (module layout)"
echo "terraform validate ($(terraform version | head -1), provider $(basename "$(dirname "$(ls -d "$mirror"/registry.terraform.io/hashicorp/aws/*/linux_amd64 | tail -1)")")): $passed passed, 0 failed"
