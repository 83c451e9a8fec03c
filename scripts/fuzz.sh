#!/usr/bin/env bash
# Fuzzes dbspec: arbitrary bytes through reading, decoding, the rules and both emitters.
#
# Usage: scripts/fuzz.sh [SECONDS] [RUNS]     (default 300 seconds, no bound on runs)
#        DBSPEC_FUZZ_TARGET=lsp scripts/fuzz.sh ...   the language server's frame reader instead
#        DBSPEC_FUZZ_TARGET=diff scripts/fuzz.sh ...  `dbspec diff` on old/new pairs (NUL between them)
#
# Fuzz/spec.dict gives libFuzzer the spec's keys and closed values and every scalar form that
# has broken a reader somewhere (numbers in every notation, special floats, huge integers,
# Unicode line breaks, control characters, surrogate escapes, JSON-RPC frames).
#
# Seeds from specs/ and the regression corpus. Crashes, hangs (over 10 s) and inputs that
# need more than 2 GiB are written to .fuzz/artifacts; copy each into
# Tests/DBSpecTests/FuzzRegressions/ (the test suite replays that folder) and fix it.
# To keep the inputs that reach new code as regressions too:
#   .build-fuzz/debug/dbspec-fuzz -merge=1 Tests/DBSpecTests/FuzzRegressions .fuzz/corpus
#   DBSPEC_FUZZ_TARGET=lsp .build-fuzz/debug/dbspec-fuzz -merge=1 Tests/DBSpecTests/FuzzRegressionsLSP .fuzz/lsp-corpus
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
runs=${2:--1}
export DBSPEC_FUZZ=1 SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0
# Every module gets libFuzzer's instrumentation (frontend only, so that build tools such as
# embed-data do not link libFuzzer's main); the fuzz target links libFuzzer itself.
swift build --scratch-path .build-fuzz -c debug -Xswiftc -sanitize=address \
  -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product dbspec-fuzz >&2
bin=.build-fuzz/debug/dbspec-fuzz
mkdir -p .fuzz/corpus .fuzz/lsp-corpus .fuzz/diff-corpus .fuzz/artifacts
cp specs/*.yaml specs/*.json specs/invalid/*.yaml specs/invalid/rules/*.yaml .fuzz/corpus/ 2>/dev/null || true
cp Tests/DBSpecTests/FuzzRegressions/* .fuzz/corpus/ 2>/dev/null || true
cp Tests/DBSpecTests/FuzzRegressionsLSP/* .fuzz/lsp-corpus/ 2>/dev/null || true
# Diff seeds: the diff corpus's pairs (a shipped spec and its edit), old NUL new.
python3 - <<'PY'
import json
cases = json.load(open("Tests/DiffCorpus/cases.json"))["cases"]
for i, case in enumerate(cases):
    old = open(case["spec"], "rb").read()
    new = old.decode("utf-8")
    for a, b in case["edits"]:
        new = new.replace(a, b, 1)
    open(f".fuzz/diff-corpus/case-{i}", "wb").write(old + b"\0" + new.encode("utf-8"))
PY
cp Tests/DBSpecTests/FuzzRegressionsDiff/* .fuzz/diff-corpus/ 2>/dev/null || true
corpus=.fuzz/corpus
[ "${DBSPEC_FUZZ_TARGET:-}" = lsp ] && corpus=.fuzz/lsp-corpus
[ "${DBSPEC_FUZZ_TARGET:-}" = diff ] && corpus=.fuzz/diff-corpus
# -detect_leaks=0: LeakSanitizer reports the one-time initialisation of Swift globals (the
# spec schema's tables) as leaks, since Swift keeps their pointers in tagged form; memory that
# really grows is caught by -rss_limit_mb instead.
"$bin" "$corpus" -dict=Fuzz/spec.dict -runs="$runs" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
  -artifact_prefix=.fuzz/artifacts/ -print_final_stats=1 2>&1 | tail -25
found=$(ls .fuzz/artifacts 2>/dev/null | wc -l)
echo "fuzz: ${seconds}s, ${found} artifact(s) in .fuzz/artifacts"
[ "$found" -eq 0 ]
