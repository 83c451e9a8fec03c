#!/usr/bin/env bash
# checkov (pinned in scripts/checkov/requirements.txt, installed into .tools/checkov) on both
# targets of every shipped spec, judged check by check against docs/security.md: every check
# that fails must have its row there (check, target, failures), and every row must still fail
# that often. A new failure, or a row that no longer holds, fails the run; there is no blanket
# suppression. Terraform is scanned in the root layout: checkov 3.3.30 cannot parse a
# `terraform` block with `required_version` in JSON (bridgecrewio/checkov#7454), which the
# standalone layout has and the root layout does not; the resources are the same.
# Usage: scripts/test-checkov.sh DBSPEC_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
venv=.tools/checkov
req=scripts/checkov/requirements.txt
if [ ! -x "$venv/bin/checkov" ] || ! cmp -s "$req" "$venv/.requirements"; then
  echo "installing the pinned checkov into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  cp "$req" "$venv/.requirements"
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
shopt -s nullglob
specs=(specs/*.yaml specs/*.yml specs/*.json)
"$bin" compile "${specs[@]}" --target cloudformation -o "$work/cloudformation" >/dev/null
"$bin" compile "${specs[@]}" --target terraform --layout root -o "$work/terraform" >/dev/null
# checkov exits 1 when a check fails; the comparison below decides.
"$venv/bin/checkov" -d "$work/cloudformation" --framework cloudformation -o json --quiet >"$work/cloudformation.json" 2>"$work/checkov.log" || true
"$venv/bin/checkov" -d "$work/terraform" --framework terraform_json -o json --quiet >"$work/terraform.json" 2>>"$work/checkov.log" || true
"$venv/bin/python3" - "$work" docs/security.md <<'PY'
import collections, json, re, sys
work, doc = sys.argv[1], sys.argv[2]
found = collections.Counter()
resources = collections.defaultdict(list)
for target in ("cloudformation", "terraform"):
    try:
        reports = json.load(open(f"{work}/{target}.json"))
    except ValueError:
        sys.exit(f"test-checkov: checkov gave no report for {target}:\n" + open(f"{work}/checkov.log").read()[-3000:])
    for report in reports if isinstance(reports, list) else [reports]:
        if report["summary"].get("parsing_errors"):
            sys.exit(f"test-checkov: checkov could not parse {report['summary']['parsing_errors']} {target} files")
        for failed in report["results"]["failed_checks"]:
            found[(failed["check_id"], target)] += 1
            resources[(failed["check_id"], target)].append(failed["resource"])
documented = {}
for line in open(doc):
    m = re.match(r"\|\s*`?(CKV\w+)`?\s*\|\s*(cloudformation|terraform)\s*\|\s*(\d+)\s*\|", line)
    if m:
        documented[(m.group(1), m.group(2))] = int(m.group(3))
problems = []
for key, n in sorted(found.items()):
    if key not in documented:
        problems.append(f"{key[0]} fails {n} times on {key[1]} ({', '.join(resources[key][:4])}) and docs/security.md has no row for it: fix the output, make it an option, or say why it does not apply")
    elif documented[key] != n:
        problems.append(f"{key[0]} fails {n} times on {key[1]}; docs/security.md says {documented[key]}")
for key, n in sorted(documented.items()):
    if key not in found:
        problems.append(f"{key[0]} on {key[1]} no longer fails; remove its row from docs/security.md")
if problems:
    sys.exit("test-checkov:\n  " + "\n  ".join(problems))
print(f"checkov: {sum(found.values())} failures in {len(found)} checks, each as docs/security.md says")
PY
