#!/usr/bin/env python3
"""Renders `dbspec diff --format markdown` of hostile specs with GitHub's cmark-gfm (the pinned
cmarkgfm) and checks that no spec string became markup: no HTML element, heading, link, image,
mention or fence that the spec wrote. Usage: scripts/test-markdown.py DBSPEC"""
import os, re, subprocess, sys, tempfile
import cmarkgfm
from cmarkgfm.cmark import Options

dbspec = sys.argv[1]
base = open("specs/multi-az.yaml", encoding="utf-8").read()
payloads = [
    "<img src=x onerror=alert(1)>",
    "x\n```\n<details open>\n\n## Approved by @security-team\n",
    "@security-team please approve",
    "[click](https://evil.example) ![i](https://evil.example/i.png)",
    "`` ` | a | b |",
    "%%{init: {'theme':'dark'}}%% click n call alert()",
    "www.evil.example http://evil.example",
    "#1 *bold* _em_ ~~strike~~ $x^2$",
]
failures = 0
with tempfile.TemporaryDirectory() as work:
    for i, payload in enumerate(payloads):
        quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        old = os.path.join(work, f"old{i}.yaml")
        new = os.path.join(work, f"new`{i}<b>.yaml")
        open(old, "w", encoding="utf-8").write(base.replace("team: payments", "team: payments\n  note: a"))
        # The payload as a tag value and as an allow rule's description.
        edited = base.replace("description: applications in the VPC", "description: " + quoted)
        open(new, "w", encoding="utf-8").write(edited)
        run = subprocess.run([dbspec, "diff", old, new, "--format", "markdown", "--fail-on", "never"], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            print(f"payload {i}: dbspec diff exited {run.returncode}: {run.stderr}", file=sys.stderr)
            failures += 1
            continue
        html = cmarkgfm.github_flavored_markdown_to_html(run.stdout, options=Options.CMARK_OPT_UNSAFE)
        bad = []
        for tag in ("<img", "<a ", "<h1", "<h2 ", "<h3>Approved", "<details open", "<strong>bold", "<em>em", "<del>"):
            if tag in html:
                bad.append(tag)
        if re.search(r"(?<![\w&#;])@security-team", html.replace("@&#8203;", "@\u200b").replace("@\u200b", "")):
            bad.append("@mention")
        if html.count("<pre") > 1 and "mermaid" not in html:
            bad.append("extra code block")
        if bad:
            print(f"payload {i} ({payload!r}) rendered as markup: {bad}", file=sys.stderr)
            failures += 1
print(f"markdown: {len(payloads) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
