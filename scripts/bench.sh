#!/usr/bin/env bash
# Whole-process latency of `dbspec check` and `dbspec compile`, beside the floors: a Swift
# program that does nothing and a C program that only parses the spec with libyaml. Uses the
# release build users run (fully static). Prints a Markdown table; needs hyperfine
# (apt-get install hyperfine).
#
# Usage: scripts/bench.sh [SPEC]      (default: specs/multi-az.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-specs/multi-az.yaml}
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }

dir=$(scripts/static-build.sh --product dbspec --product dbspec-bench)
bin=$dir/dbspec
pipeline=$dir/dbspec-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swiftc -O -static-executable benchmarks/noop.swift -o "$work/noop" 2>/dev/null
cc -O2 benchmarks/libyaml_parse.c -o "$work/libyaml_parse" -lyaml
cc -O2 benchmarks/atomic_write.c -o "$work/atomic_write"
cc -O2 benchmarks/ab.c -o "$work/ab"
python3 benchmarks/make_corpus.py "$work/corpus" 1000
large="$work/corpus/large.yaml"
many=("$work/corpus/many"/*.yaml)

hyperfine -N --warmup 50 --runs 500 --export-json "$work/results.json" \
  -n "Swift no-op (static)" "$work/noop" \
  -n "C: libyaml events only" "$work/libyaml_parse $spec" \
  -n "dbspec check" "$bin check $spec" \
  -n "dbspec compile (CloudFormation)" "$bin compile $spec -o $work/out" \
  -n "dbspec compile --target terraform" "$bin compile $spec --target terraform -o $work/out" \
  -n "pipeline only: check without rules or catalogue" "$pipeline check --no-rules $spec" \
  -n "pipeline only: check with every rule and the catalogue" "$pipeline check $spec" \
  -n "dbspec check, large spec (14 KB)" "$bin check $large" \
  -n "dbspec compile, large spec (14 KB)" "$bin compile $large -o $work/out-large" >&2

python3 - "$work/results.json" "$spec" <<'PY'
import json, platform, subprocess, sys
results = json.load(open(sys.argv[1]))["results"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Machine: {cpu}, {subprocess.check_output(['nproc']).decode().strip()} cores; spec: {sys.argv[2]}\n")
print("| command | median | mean ± σ | min |")
print("|---|---:|---:|---:|")
for r in results:
    ms = lambda s: f"{s * 1000:.2f} ms"
    print(f"| {r['command']} | {ms(r['median'])} | {ms(r['mean'])} ± {ms(r['stddev'])} | {ms(r['min'])} |")
PY
# Rules and catalogue against none, interleaved (A, B, A, B…) so that the machine's slow
# spells fall on both alike; hyperfine runs one command's runs and then the other's.
echo
echo "Rules and catalogue over checking without them (whole process, interleaved, median of per-pair ratios; target: at most +20%):"
echo
echo "| spec | without | with | cost |"
echo "|---|---:|---:|---:|"
for s in specs/*.yaml specs/*.json; do
  [ -f "$s" ] || continue
  "$work/ab" 600 -- "$pipeline" check --no-rules "$s" -- "$pipeline" check "$s" |
    awk -v s="$s" '{ printf "| %s | %s ms | %s ms | %+.0f%% |\n", s, $3, $7, ($NF - 1) * 100 }'
done
# Issue 13's targets, interleaved with libyaml like the rules' cost: one spec within 2.0
# times libyaml's parse, 1,000 specs in one invocation within 3.0 times.
echo
echo "Against libyaml, interleaved (median of per-pair ratios; targets: 2.0 for one spec, 3.0 for 1,000 specs in one invocation):"
echo
echo "| input | libyaml | dbspec check | ratio |"
echo "|---|---:|---:|---:|"
"$work/ab" 800 -- "$work/libyaml_parse" "$spec" -- "$bin" check "$spec" |
  awk -v s="$spec" '{ printf "| %s | %s ms | %s ms | %.2f |\n", s, $3, $7, $NF }'
"$work/ab" 60 -- "$work/libyaml_parse" "${many[@]}" -- "$bin" check "${many[@]}" |
  awk '{ printf "| 1,000 small specs | %s ms | %s ms | %.2f |\n", $3, $7, $NF }'
# Many specs: one invocation against the floors, and against one process per file.
mkdir -p "$work/templates" "$work/copies"
"$bin" compile "${many[@]}" -o "$work/templates"
hyperfine -N --warmup 2 --runs 10 --export-json "$work/many.json" \
  -n "libyaml: parse 1,000 specs" "$work/libyaml_parse ${many[*]}" \
  -n "write 1,000 templates (temporary file, fsync, rename)" "$work/atomic_write $work/templates $work/copies" \
  -n "dbspec check: 1,000 specs, one invocation" "$bin check ${many[*]}" \
  -n "dbspec compile: 1,000 specs, one invocation" "$bin compile ${many[*]} -o $work/out-many" >&2
start=$(date +%s%N)
for f in "${many[@]}"; do "$bin" check "$f"; done
perfile=$(( ($(date +%s%N) - start) / 1000000 ))
python3 - "$work/many.json" "$perfile" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print("\n| 1,000 specs | median |\n|---|---:|")
for k, v in r.items():
    print(f"| {k} | {v * 1000:.0f} ms |")
print(f"| dbspec check: 1,000 specs, one process per file (one run) | {sys.argv[2]} ms |")
floor = r["libyaml: parse 1,000 specs"] + r["write 1,000 templates (temporary file, fsync, rename)"]
ratio = r["dbspec compile: 1,000 specs, one invocation"] / floor
print(f"\nCompiling 1,000 specs: {ratio:.2f} times libyaml's parse plus the writing (target: under 2).")
PY

echo
echo "Peak memory (maximum resident set size):"
echo
echo "| input | check | compile |"
echo "|---|---:|---:|"
for count in 1 10 100 1000; do
  set -- "${many[@]:0:$count}"
  /usr/bin/time -f "%M" -o "$work/rss" "$bin" check "$@" >/dev/null 2>&1 || true; c=$(tail -1 "$work/rss")
  rm -rf "$work/mem"; /usr/bin/time -f "%M" -o "$work/rss" "$bin" compile "$@" -o "$work/mem" >/dev/null 2>&1 || true; k=$(tail -1 "$work/rss")
  echo "| $count small spec(s) | $((c / 1024)) MiB | $((k / 1024)) MiB |"
done
/usr/bin/time -f "%M" -o "$work/rss" "$bin" check "$large" >/dev/null 2>&1 || true; c=$(tail -1 "$work/rss")
echo "| the large spec | $((c / 1024)) MiB | |"

echo
echo "In one process, after warming up (mean per check):"
"$pipeline" loop 5000 "$spec" | sed 's/^/- /' 
