"""Checks `dbspec diff` against Terraform itself: applies the Terraform of
Tests/moto/diff-base.yaml to moto (as a server on 127.0.0.1), then, for each edit of
Tests/moto/diff-pairs.json, plans the edited spec's Terraform against that state and compares
the action Terraform plans for every resource (create, update in place, replace, destroy) with
the one `dbspec diff --format json` gives for the Terraform target.

Usage: python diff_verdicts.py DBSPEC_BINARY [EDIT-NAME...] (with the venv of scripts/moto/requirements.txt;
Terraform and the provider mirror as for scripts/test-terraform.sh).

moto's gaps met here, named where they are handled:
  - MOTO_GAP_PARAMETERS (see terraform_apply.py): moto does not return a parameter group's
    parameters as the provider reads them, so every plan, even of the unchanged spec, updates
    the parameter group. The addresses the unchanged spec's plan changes are left out of every
    comparison, and listed.
What the comparison cannot show: CloudFormation's verdicts (moto's CloudFormation has no
AWS::RDS::DBCluster and no change sets for RDS updates that say "Replacement"), and whether RDS
would refuse a planned change (a plan never asks RDS).
"""
import concurrent.futures, json, os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terraform_apply import ENDPOINT, PORT, override, run  # noqa: E402

import boto3
from moto.server import ThreadedMotoServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
BASE = os.path.join(ROOT, "Tests/moto/diff-base.yaml")
PAIRS = os.path.join(ROOT, "Tests/moto/diff-pairs.json")
ACTIONS = {"will be updated in-place": "update", "must be replaced": "replace", "will be destroyed": "delete",
           "will be created": "create"}
RANK = {"update": 1, "create": 2, "delete": 3, "replace": 4}


def planned(text):
    """Address → action, from a plan's text."""
    out = {}
    for m in re.finditer(r"^  # (\S+) (will be updated in-place|must be replaced|will be destroyed|will be created)", text, re.M):
        out[m.group(1)] = ACTIONS[m.group(2)]
    return out


def compile_to(binary, spec, folder):
    os.makedirs(folder, exist_ok=True)
    subprocess.run([binary, "compile", spec, "--target", "terraform", "-o", folder], check=True, capture_output=True)
    name = next(f for f in os.listdir(folder) if f.endswith(".tf.json"))
    return os.path.join(folder, name)


def predicted(binary, old, new):
    """Address → action for Terraform, from dbspec diff (the worst action per address)."""
    p = subprocess.run([binary, "diff", old, new, "--format", "json", "--fail-on", "never"], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"dbspec diff failed: {p.stderr or p.stdout}")
    out = {}
    for f in json.loads(p.stdout)["files"]:
        for change in f["changes"]:
            for r in change["resources"]:
                if r["target"] != "terraform":
                    continue
                a = r["action"]
                if RANK[a] > RANK.get(out.get(r["address"]), 0):
                    out[r["address"]] = a
    return out


def main():
    binary = os.path.abspath(sys.argv[1])
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=PORT)
    server.start()
    root = tempfile.mkdtemp()
    failures = 0
    try:
        base_dir = os.path.join(root, "base")
        main_file = compile_to(binary, BASE, base_dir)
        document = json.load(open(main_file))
        json.dump(override(document), open(os.path.join(base_dir, "moto_override.tf.json"), "w"))
        region = document["provider"]["aws"]["region"]
        kms = boto3.client("kms", region_name=region, endpoint_url=ENDPOINT, aws_access_key_id="test", aws_secret_access_key="test")
        # The user's own key, which the "key" edit names.
        kms.create_alias(AliasName="alias/verdicts-data", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
        run(base_dir, "init", "-backend=false")
        run(base_dir, "apply", "-auto-approve")
        noise = planned(run(base_dir, "plan").stdout)
        print(f"base applied; the unchanged spec's plan changes {sorted(noise) or 'nothing'} "
              f"({'MOTO_GAP_PARAMETERS: left out of every comparison' if noise else 'no gap'})", flush=True)
        pairs = json.load(open(PAIRS))["pairs"]
        if len(sys.argv) > 2:
            pairs = [p for p in pairs if p["name"] in sys.argv[2:]]
        text = open(BASE).read()

        def check(pair):
            try:
                return compare(pair)
            except Exception as error:  # a failed plan is this edit's failure, not the run's
                return pair["name"], {}, [str(error)[-1500:]]

        def compare(pair):
            folder = os.path.join(root, re.sub(r"\W+", "-", pair["name"]))
            shutil.copytree(base_dir, folder, symlinks=True)
            new_text = text
            for old, new in pair["edits"]:
                assert old in new_text, f"{pair['name']}: `{old}` is not in the base spec"
                new_text = new_text.replace(old, new, 1)
            spec = os.path.join(folder, "new.yaml")
            open(spec, "w").write(new_text)
            os.remove(os.path.join(folder, os.path.basename(main_file)))
            compile_to(binary, spec, os.path.join(folder, "out"))
            for f in os.listdir(os.path.join(folder, "out")):
                shutil.move(os.path.join(folder, "out", f), os.path.join(folder, f))
            plan = run(folder, "plan")
            actual = {a: x for a, x in planned(plan.stdout).items() if a not in noise}
            expected = {a: x for a, x in predicted(binary, BASE, spec).items() if a not in noise}
            wrong = sorted(
                f"{a}: terraform {actual.get(a, 'no change')}, dbspec diff {expected.get(a, 'no change')}"
                for a in set(actual) | set(expected) if actual.get(a) != expected.get(a))
            return pair["name"], actual, wrong

        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for name, actual, wrong in pool.map(check, pairs):
                if wrong:
                    failures += 1
                    print(f"{name}: DISAGREES: " + "; ".join(wrong), flush=True)
                else:
                    summary = ", ".join(f"{x} {a}" for a, x in sorted(actual.items())) or "no change"
                    print(f"{name}: agrees ({summary})", flush=True)
        print(f"dbspec diff against terraform plan on moto: {len(pairs) - failures} of {len(pairs)} edits agree")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
