#!/usr/bin/env python3
"""Time per KB of spec, from 10 KB to 4 MB, for each dimension a spec can grow in.

Usage: benchmarks/scale.py DBSPEC_BINARY [--runs N]
Prints a Markdown table: for each of replicas, cascading replicas, allow rules, tags and
parameters, the spec size, the median wall time of `dbspec check` and of `dbspec compile`
(CloudFormation and Terraform, with the replica limits turned off where a dimension passes
them), and microseconds per KB.
Flat microseconds per KB down a column means linear time. scripts/bench-scale.sh builds the
release binary and runs this; docs/performance.md keeps the table.
"""
import os, statistics, subprocess, sys, tempfile, time

HEAD = """dbspec: 1
name: big
region: us-west-2
database:
  engine: mysql
  version: "8.4.8"
  class: db.r6g.large
  encryption: { kmsKey: create }
  credentials: { password: generated }
"""

def replicas(n):
    return HEAD + "replicas:\n" + "".join(f"  - name: big-r{i}\n" for i in range(n))

def cascade(n):
    return HEAD + "replicas:\n  - name: big-r0\n" + "".join(f"  - name: big-r{i}\n    source: big-r{i - 1}\n" for i in range(1, n))

def allow(n):
    rules = "".join(f"    - cidr: 10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}/32\n" for i in range(n))
    return HEAD.replace("database:", "network:\n  allow:\n" + rules + "database:")

def tags(n):
    return HEAD.replace("database:", "tags:\n" + "".join(f"  tag-{i}: value-{i}\n" for i in range(n)) + "database:")

def parameters(n):
    return HEAD.replace("  credentials:", "  parameters:\n" + "".join(f"    param_{i}: \"{i}\"\n" for i in range(n)) + "  credentials:")

# (name, builder, bytes per item, the rules to turn off so that the spec compiles: RDS allows
# 15 replicas of a source and three levels of cascading, and 50 tags on a resource, so those
# specs are refused unless the
# limits are switched off in a configuration, which measures lowering and emitting them too)
DIMENSIONS = [("replicas", replicas, 20, ["DB305"]), ("cascading replicas", cascade, 41, ["DB305", "DB313"]),
              ("allow rules", allow, 30, []), ("tags", tags, 22, ["DB509"]), ("parameters", parameters, 24, [])]
SIZES_KB = [10, 40, 160, 640, 2560, 4000]


def timed(argv, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    binary = sys.argv[1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    work = tempfile.mkdtemp()
    print("| dimension | spec | check | µs/KB | compile (CFN) | µs/KB | compile (TF) | µs/KB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, build, per_item, off in DIMENSIONS:
        for kb in SIZES_KB:
            n = max(1, kb * 1024 // per_item)
            text = build(n)
            while len(text) > 4 * 1024 * 1024 - 64:  # stay under the reader's 4 MiB limit
                n = int(n * 0.97)
                text = build(n)
            path = os.path.join(work, "spec.yaml")
            open(path, "w").write(text)
            config = os.path.join(work, "off.yaml")
            open(config, "w").write("rules:\n" + "".join(f"  {code}: off\n" for code in off) if off else "rules: {}\n")
            size = len(text) / 1024
            cells = [f"{size:,.0f} KB"]
            check = timed([binary, "check", path], runs)
            cells += [f"{check * 1000:,.1f} ms", f"{check * 1e6 / size:,.1f}"]
            for target in ("cloudformation", "terraform"):
                t = timed([binary, "compile", path, "--config", config, "--target", target, "-o", os.path.join(work, "out")], runs)
                cells += [f"{t * 1000:,.1f} ms", f"{t * 1e6 / size:,.1f}"]
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
