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
        # The payload as a parameter value (the free text that reaches the comment's table), old and new.
        param = '  maintenanceWindow: "sun:05:00-sun:06:00"\n  parameters:\n    init_connect: '
        old_text = base.replace('  maintenanceWindow: "sun:05:00-sun:06:00"\n', param + '"SET @a = 1"\n')
        new_text = base.replace('  maintenanceWindow: "sun:05:00-sun:06:00"\n', param + quoted + "\n")
        assert old_text != base and new_text != base
        open(old, "w", encoding="utf-8").write(old_text)
        open(new, "w", encoding="utf-8").write(new_text)
        run = subprocess.run([dbspec, "diff", old, new, "--format", "markdown", "--fail-on", "never"], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            print(f"payload {i}: dbspec diff exited {run.returncode}: {run.stderr}", file=sys.stderr)
            failures += 1
            continue
        if "init_connect" not in run.stdout:
            print(f"payload {i}: the change did not reach the comment: {run.stdout[:400]}", file=sys.stderr)
            failures += 1
            continue
        html = cmarkgfm.github_flavored_markdown_to_html(run.stdout, options=Options.CMARK_OPT_UNSAFE)
        bad = []
        for tag in ("<img", "<a ", "<h1", "<h2 ", "<h3>Approved", "<details open", "<strong>bold", "<em>em", "<del>"):
            if tag in html:
                bad.append(tag)
        # GitHub links no mention inside code; elsewhere an @ must be followed by the zero-width space.
        prose = re.sub(r"<code>.*?</code>|<pre.*?</pre>", "", html, flags=re.S)
        if re.search(r"@security-team", prose):
            bad.append("@mention")
        if html.count("<pre") > 1 and "mermaid" not in html:
            bad.append("extra code block")
        if bad:
            print(f"payload {i} ({payload!r}) rendered as markup: {bad}", file=sys.stderr)
            failures += 1
print(f"markdown: {len(payloads) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
