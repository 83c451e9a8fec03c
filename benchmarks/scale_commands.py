#!/usr/bin/env python3
"""Time against input size for the commands past check and compile (issue 26, item 19): diff
(allow entries added, parameter values changed), graph (allow entries), catalog import (engine
versions), repeated --exclude options and `**` globs over a deep tree.

Usage: benchmarks/scale_commands.py DBSPEC_BINARY [--runs N]
Prints a Markdown table: for each dimension and size, the median wall time and the time per
item. Flat time per item down a dimension means linear time. scripts/bench-scale.sh runs it
after benchmarks/scale.py; docs/performance.md keeps the table. A benchmark, not a test.
"""
import json, os, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scale import HEAD, allow  # noqa: E402  (the same specs as benchmarks/scale.py)


def parameters(n, value):
    return HEAD.replace("  credentials:", "  parameters:\n" + "".join(f"    param_{i}: \"{value}{i}\"\n" for i in range(n)) + "  credentials:")


def timed(argv, runs, cwd=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    binary = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    work = tempfile.mkdtemp()
    old, new = os.path.join(work, "old.yaml"), os.path.join(work, "new.yaml")
    rows = []

    def measure(name, sizes, prepare, argv, cwd=None):
        for n in sizes:
            prepare(n)
            t = timed(argv(n), runs, cwd)
            rows.append((name, n, t))
            print(f"| {name} | {n:,} | {t * 1000:,.1f} ms | {t * 1e6 / n:,.1f} µs |", flush=True)

    print("| dimension | items | time | per item |")
    print("|---|---:|---:|---:|")

    def added_allow(n):
        open(old, "w").write(allow(1))
        open(new, "w").write(allow(n))
    measure("diff: allow entries added", [250, 500, 1000, 2000], added_allow, lambda n: [binary, "diff", old, new, "--fail-on", "never"])

    def changed_parameters(n):
        open(old, "w").write(parameters(n, "a"))
        open(new, "w").write(parameters(n, "b"))
    measure("diff: parameter values changed", [125, 250, 500, 1000], changed_parameters, lambda n: [binary, "diff", old, new, "--fail-on", "never"])

    def graph_allow(n):
        open(new, "w").write(allow(n))
    measure("graph: allow entries", [5000, 10000, 20000, 40000], graph_allow, lambda n: [binary, "graph", new])

    versions_file = os.path.join(work, "versions.json")
    catalog_out = os.path.join(work, "catalog.json")

    def versions(n):
        rows_ = [{"Engine": "mysql", "EngineVersion": f"8.0.{i}", "Status": "available"} for i in range(n)]
        json.dump({"DBEngineVersions": rows_}, open(versions_file, "w"))
    measure("catalog import: versions", [12500, 25000, 50000, 100000], versions, lambda n: [binary, "catalog", "import", versions_file, "-o", catalog_out])

    open(new, "w").write(allow(1))

    def nothing(n):
        pass
    measure("check: repeated --exclude", [2500, 5000, 10000, 20000], nothing,
            lambda n: [binary, "check", new] + [a for i in range(n) for a in ("--exclude", f"x{i}/*.yaml")])

    tree = os.path.join(work, "tree")

    def deep(n):
        path = tree
        for i in range(n):
            path = os.path.join(path, f"d{i}")
        os.makedirs(path, exist_ok=True)
        open(os.path.join(path, "s.yaml"), "w").write(allow(1))
    measure("check: 6 × ** over a deep tree (depth)", [10, 20, 40, 80], deep, lambda n: [binary, "check", "tree/**/**/**/**/**/**/*.yaml"], cwd=work)


if __name__ == "__main__":
    main()
