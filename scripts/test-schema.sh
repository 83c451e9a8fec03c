#!/usr/bin/env bash
# The generated JSON Schemas against check-jsonschema (pinned; scripts/check-jsonschema.sh):
#   1. every spec dbspec accepts (the shipped specs, the truth table's accepted cases) passes
#      the spec schema: the schema never refuses what dbspec accepts;
#   2. of the specs dbspec refuses (specs/invalid, the truth table's refused cases, the hostile
#      files), it counts how many the schema alone rejects, and fails when docs/schema.md does
#      not state that share (UPDATE=1 rewrites the numbers there);
#   3. .dbspec.yaml: valid configurations pass the configuration schema, broken ones fail.
# Usage: scripts/test-schema.sh DBSPEC_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
check=scripts/check-jsonschema.sh
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
schema=schemas/dbspec-v1.schema.json

accepted=() refused=()
for f in specs/*.yaml specs/*.json Tests/DBSpecTests/TruthTable/*.yaml specs/invalid/*.yaml specs/invalid/*.json \
         specs/invalid/rules/*.yaml Tests/DBSpecTests/Hostile/*.yaml Tests/DBSpecTests/Hostile/*.json; do
  [ -f "$f" ] || continue
  status=0; "$bin" check --format json "$f" >/dev/null 2>&1 || status=$?
  case $status in
    0) accepted+=("$f") ;;
    1) refused+=("$f") ;;
    *) echo "test-schema: dbspec check $f exited $status" >&2; exit 1 ;;
  esac
done

# 1. One run over everything dbspec accepts. A file check-jsonschema cannot parse is not the
#    schema's refusal: dbspec reads JSON through its YAML reader, which takes a trailing comma
#    (Tests/DBSpecTests/Hostile/trailing-comma.json) that strict JSON parsers refuse. Those are
#    listed; a schema error fails the test.
if ! "$check" --schemafile "$schema" "${accepted[@]}" > "$work/accepted.txt" 2>&1; then
  if grep -q "Schema validation errors" "$work/accepted.txt" || ! grep -q "failed to parse" "$work/accepted.txt"; then
    echo "test-schema: the schema refuses specs dbspec accepts:" >&2; cat "$work/accepted.txt" >&2; exit 1
  fi
  grep "Failed to parse" "$work/accepted.txt" | sed 's/^ */test-schema: note: strict parser only: /' >&2
fi

# 2. Each refused spec on its own: rejected by the schema, unreadable as YAML/JSON (also a
#    rejection), or passed (only dbspec's checks, which know RDS, catch it).
printf '%s\n' "${refused[@]}" | xargs -P 2 -I{} sh -c '
  out=$("$0" --schemafile "$1" "$2" 2>&1); status=$?
  if [ $status -eq 0 ]; then echo "passed $2";
  elif printf "%s" "$out" | grep -q "failed to parse"; then echo "unparsable $2";
  else echo "rejected $2"; fi' "$check" "$schema" {} | sort > "$work/refused.txt"
total=${#refused[@]}
rejected=$(grep -c '^rejected ' "$work/refused.txt" || true)
unparsable=$(grep -c '^unparsable ' "$work/refused.txt" || true)
passed=$(grep -c '^passed ' "$work/refused.txt" || true)
share=$(( (rejected + unparsable) * 100 / total ))
line="Of $total specs dbspec refuses, the schema alone rejects $rejected and $unparsable do not parse as YAML or JSON: $share% in all; $passed pass it (measured by scripts/test-schema.sh)."
if [ "${UPDATE:-}" = 1 ]; then
  python3 - "$line" "$work/refused.txt" "$bin" <<'PY'
import json, re, subprocess, sys
line, listing, binary = sys.argv[1], open(sys.argv[2]).read().split("\n"), sys.argv[3]
def codes(path):
    out = subprocess.run([binary, "check", "--format", "json", "--quiet", path], capture_output=True, text=True).stdout
    return ", ".join(sorted({d["code"] for d in json.loads(out)}))
passed = "\n".join(f"- `{l.split(' ', 1)[1]}`: {codes(l.split(' ', 1)[1])}" for l in listing if l.startswith("passed "))
doc = open("docs/schema.md").read()
doc = re.sub(r"<!-- measured -->.*?<!-- /measured -->", "<!-- measured -->\n" + line + "\n<!-- /measured -->", doc, flags=re.S)
doc = re.sub(r"<!-- passed -->.*?<!-- /passed -->", "<!-- passed -->\n" + passed + "\n<!-- /passed -->", doc, flags=re.S)
open("docs/schema.md", "w").write(doc)
PY
elif ! grep -qF "$line" docs/schema.md; then
  echo "test-schema: docs/schema.md does not state the measured share; run UPDATE=1 $0 $bin. Measured:" >&2
  echo "$line" >&2; exit 1
fi

# 3. The configuration schema.
printf 'rules:\n  DB319: off\n  DB206: error\ncatalog: rds-catalog.json\ntarget: terraform\nlayout: root\noutput: generated/\n' > "$work/.dbspec.yaml"
"$check" --schemafile schemas/dbspec-config.schema.json "$work/.dbspec.yaml" > /dev/null
for broken in 'rules:\n  DB999: off\n' 'rules:\n  DB319: loud\n' 'target: pulumi\n' 'format: json\n'; do
  printf "$broken" > "$work/.dbspec.yaml"
  if "$check" --schemafile schemas/dbspec-config.schema.json "$work/.dbspec.yaml" > /dev/null 2>&1; then
    echo "test-schema: the configuration schema accepts $(printf "$broken" | head -c 40)" >&2; exit 1
  fi
done
echo "JSON Schema: ${#accepted[@]} accepted specs pass; $share% of $total refused specs rejected; configuration schema: 5 passed, 0 failed"
