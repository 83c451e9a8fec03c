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

flags=(-c release --static-swift-stdlib -Xswiftc -static-executable)
swift build "${flags[@]}" --product dbspec >&2
swift build "${flags[@]}" --product dbspec-bench >&2
bin=$(swift build "${flags[@]}" --show-bin-path)/dbspec
pipeline=$(swift build "${flags[@]}" --show-bin-path)/dbspec-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swiftc -O -static-executable benchmarks/noop.swift -o "$work/noop" 2>/dev/null
cc -O2 benchmarks/libyaml_parse.c -o "$work/libyaml_parse" -lyaml

hyperfine -N --warmup 50 --runs 500 --export-json "$work/results.json" \
  -n "Swift no-op (static)" "$work/noop" \
  -n "C: libyaml events only" "$work/libyaml_parse $spec" \
  -n "dbspec check" "$bin check $spec" \
  -n "dbspec compile (CloudFormation)" "$bin compile $spec -o $work/out" \
  -n "dbspec compile --target terraform" "$bin compile $spec --target terraform -o $work/out" \
  -n "pipeline only: check without rules or catalogue" "$pipeline check --no-rules $spec" \
  -n "pipeline only: check with every rule and the catalogue" "$pipeline check $spec" >&2

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
by = {r["command"]: r["median"] for r in results}
base = by["pipeline only: check without rules or catalogue"]
full = by["pipeline only: check with every rule and the catalogue"]
print(f"\nRules and catalogue, whole process: +{(full / base - 1) * 100:.0f}% over checking without them (target: at most +20%).")
PY
echo
echo "In one process, after warming up (mean per check):"
"$pipeline" loop 5000 "$spec" | sed 's/^/- /' 
