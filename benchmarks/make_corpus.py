#!/usr/bin/env python3
"""Writes benchmark inputs: a large spec and N variations of the shipped specs.

Usage: make_corpus.py OUTDIR [N]
  OUTDIR/large.yaml        one spec with 48 tags (RDS keeps 50 on a resource, dbspec adds 2), 200 allow rules
                           and 15 replicas
  OUTDIR/many/spec-K.yaml  N small specs (the shipped ones, renamed), K = 0..N-1
"""
import os, re, sys

out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
root = os.path.join(os.path.dirname(__file__), "..", "specs")
bases = [open(os.path.join(root, f)).read() for f in sorted(os.listdir(root)) if f.endswith(".yaml")]
os.makedirs(os.path.join(out, "many"), exist_ok=True)
for k in range(n):
    text = re.sub(r"^name: .*$", f"name: db-{k}", bases[k % len(bases)], flags=re.M)
    # Replicas are renamed in order; a cascading replica's `source` follows its source's name.
    names = {}
    for old in re.findall(r"- name: (\S+)", text):
        names[old] = f"db-{k}-ro-{len(names) + 1}"
    text = re.sub(r"- name: (\S+)", lambda m: f"- name: {names[m.group(1)]}", text)
    text = re.sub(r"source: (\S+)", lambda m: f"source: {names.get(m.group(1), m.group(1))}", text)
    open(os.path.join(out, "many", f"spec-{k}.yaml"), "w").write(text)

lines = ["dbspec: 1", "name: large", "region: us-west-2", "tags:"]
lines += [f"  tag-{i}: value-{i}" for i in range(48)]
lines += ["network:", "  vpc: { cidr: 10.0.0.0/16, azs: 3 }", "  allow:"]
lines += [f"    - cidr: 10.{i // 250}.{i % 250}.0/24\n      description: client network {i}" for i in range(200)]
lines += ["database:", "  engine: mysql", '  version: "8.4.8"', "  class: db.r6g.xlarge", "  multiAz: true",
          "  storage: { size: 500, type: gp3, iops: 12000, throughput: 500, maxSize: 2000 }",
          "  encryption: { kmsKey: create }", "  credentials: { username: admin, password: generated }",
          '  backup: { retentionDays: 14, window: "03:00-04:00" }', '  maintenanceWindow: "sun:05:00-sun:06:00"',
          "replicas:"]
lines += [f"  - name: large-ro-{i}" for i in range(1, 16)]
open(os.path.join(out, "large.yaml"), "w").write("\n".join(lines) + "\n")
