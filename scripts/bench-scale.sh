#!/usr/bin/env bash
# Linear time, measured: time per KB of spec from 10 KB to 4 MB for replicas, cascading
# replicas, allow rules, tags and parameters, with the release build users run.
# Prints the Markdown table docs/performance.md keeps. A benchmark, not a test: it fails
# nothing, the table is read.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 benchmarks/scale.py "$(scripts/static-build.sh)/dbspec" "$@"
echo
# The commands past check and compile: diff, graph, catalog import, repeated options, globs.
python3 benchmarks/scale_commands.py "$(scripts/static-build.sh)/dbspec" "$@"
