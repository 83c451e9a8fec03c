"""Checks `dbspec diff` against Terraform itself. For every base spec of the diff corpus
(Tests/DiffCorpus/cases.json) that moto can host, applies its Terraform to moto (as a server on
127.0.0.1), then plans each case's edited spec against that state and compares the action
Terraform plans for every resource (create, update in place, replace, destroy) with the one
`dbspec diff --format json` gives for the Terraform target.

Usage: python diff_verdicts.py DBSPEC_BINARY [CASE-NAME...] (with the venv of
scripts/moto/requirements.txt; Terraform and the provider mirror as for scripts/test-terraform.sh).

moto's gaps, named where they are handled:
  - MOTO_GAP_PARAMETERS (see terraform_apply.py): moto does not return a parameter group's
    parameters as the provider reads them, so every plan, even of the unchanged spec, updates
    the parameter group. What the unchanged spec's plan changes is left out of every
    comparison, and listed.
  - MOTO_GAP_OPTIONS: the same for an option group's options (Oracle's SSL option).
  - MOTO_GAP_SG_REFERENCE: moto reads a security group rule's referenced group back as
    ACCOUNT/sg-… and without its description, so the plan of a spec that allows a security
    group always updates that rule; handled like MOTO_GAP_PARAMETERS.
  - MOTO_GAP_PERFORMANCE_INSIGHTS: moto reads an instance back without Performance Insights
    (or its key and retention), so every plan of a spec that turns it on turns it on again;
    handled like MOTO_GAP_PARAMETERS, attribute by attribute.
  - MOTO_GAP_DBI_RESOURCE_ID (see terraform_apply.py): one DbiResourceId for every instance;
    patched in process, so specs with replicas deploy.
  - NOT_HOSTED below: the base specs moto cannot deploy, and why; their cases are checked by
    the Swift tests only.
What the comparison cannot show: CloudFormation's verdicts (moto's CloudFormation has no
AWS::RDS::DBCluster, and its change sets do not say what would be replaced), and whether RDS
would refuse a planned change (a plan never asks RDS).
"""
import concurrent.futures, json, os, re, shutil, subprocess, sys, tempfile, threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terraform_apply import PORT, known_gap, prepare, run  # noqa: E402

from moto.server import ThreadedMotoServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
CORPUS = os.path.join(ROOT, "Tests/DiffCorpus/cases.json")
NOT_HOSTED = {
    "specs/aurora-mysql-cluster.yaml": "moto reads an Aurora instance back without Performance Insights, so every plan turns it on again",
    "specs/aurora-postgres-serverless.yaml": "moto never brings an Aurora Serverless v2 cluster to the state the provider waits for",
    "specs/cross-region-replica.yaml": "moto looks a cross-Region replica's subnet group up in the source's Region",
    "specs/sqlserver-multi-az.yaml": "moto keeps no Timezone (moto/rds has none), so even the unchanged spec's plan replaces the instance: timezone forces a new resource",
}
ACTIONS = {"will be updated in-place": "update", "must be replaced": "replace", "will be destroyed": "delete",
           "will be created": "create"}
RANK = {"update": 1, "create": 2, "delete": 3, "replace": 4}


def planned(folder, noise=None):
    """Address → (action, changed attributes) of a plan of `folder`, read from
    `terraform show -json`. An update whose every changed attribute is one that moto's gaps
    change anyway (`noise`, from the unchanged spec's plan) is no change."""
    run(folder, "plan", "-out=plan.bin")
    shown = subprocess.run(["terraform", "show", "-json", "plan.bin"], cwd=folder, capture_output=True, text=True, check=True)
    out = {}
    for rc in json.loads(shown.stdout).get("resource_changes", []):
        if rc.get("mode") != "managed":
            continue
        actions = rc["change"]["actions"]
        action = ("replace" if sorted(actions) == ["create", "delete"] else "update" if actions == ["update"]
                  else "create" if actions == ["create"] else "delete" if actions == ["delete"] else None)
        if action is None:
            continue
        before, after = rc["change"].get("before") or {}, rc["change"].get("after") or {}
        unknown = rc["change"].get("after_unknown") or {}
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k) or unknown.get(k) is True}
        changed -= {"tags_all"} if "tags" in changed else set()
        if action == "update" and noise is not None:
            changed -= noise.get(rc["address"], (None, set()))[1]
            if not changed:
                continue
        out[rc["address"]] = (action, changed)
    return out


def refused(binary, old, new):
    """The Terraform addresses dbspec diff says a plan refuses to destroy (prevent_destroy)."""
    p = subprocess.run([binary, "diff", old, new, "--format", "json", "--fail-on", "never"], capture_output=True, text=True)
    return sorted({r["address"] for f in json.loads(p.stdout)["files"] for c in f["changes"] for r in c["resources"]
                   if r["target"] == "terraform" and any("prevent_destroy" in n for n in r.get("notes", []))})


def planned_past_refusals(folder, noise, binary, old, new):
    """planned(), where a plan Terraform refuses because it would destroy a resource that has
    prevent_destroy (dbspec's created KMS keys) must be refused for exactly the addresses dbspec
    diff names; then, as a user who runs `terraform state rm` would, planned again without it."""
    try:
        return planned(folder, noise)
    except RuntimeError:
        again = run(folder, "plan", check=False)
        blocked = sorted(set(re.findall(r"Resource (\S+) has lifecycle.prevent_destroy set", again.stdout + again.stderr)))
        if not blocked:
            raise
    said = refused(binary, old, new)
    if said != blocked:
        raise RuntimeError(f"terraform refuses to destroy {blocked or 'something'} (prevent_destroy); dbspec diff says {said or 'nothing'}")
    override = {"resource": {}}
    for address in blocked:
        kind, name = address.split(".", 1)
        override["resource"].setdefault(kind, {})[name] = {"lifecycle": {"prevent_destroy": False}}
    json.dump(override, open(os.path.join(folder, "refusal_override.tf.json"), "w"))
    return planned(folder, noise)


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
    wanted = set(sys.argv[2:])
    cases = [c for c in json.load(open(CORPUS))["cases"] if not wanted or c["name"] in wanted]
    bases = sorted({c["spec"] for c in cases})
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=PORT)
    server.start()
    root = tempfile.mkdtemp()
    results = []
    gaps = []
    failures = 1  # until every case has been compared
    skipped = [c for c in cases if c["spec"] in NOT_HOSTED]
    # moto loses instances when two applies run at once ("couldn't find resource"): one at a
    # time; plans, which only read, run side by side.
    applying = threading.Lock()
    try:
        def check_base(spec):
            base_dir = os.path.join(root, re.sub(r"\W+", "-", spec))
            substitutions = {}
            try:
                with applying:
                    main_name, _, _, _ = prepare(binary, os.path.join(ROOT, spec), base_dir, substitutions)
                    run(base_dir, "init", "-backend=false")
                    run(base_dir, "apply", "-auto-approve")
                noise = planned(base_dir)
            except Exception as error:
                return spec, None, [(c["name"], {}, [f"the base did not deploy: {str(error)[-800:]}"], []) for c in cases if c["spec"] == spec]
            text = open(os.path.join(ROOT, spec)).read()

            def check(case):
                try:
                    folder = os.path.join(root, re.sub(r"\W+", "-", spec + "-" + case["name"]))
                    shutil.copytree(base_dir, folder, symlinks=True)
                    new_text = text
                    for old, new in case["edits"]:
                        assert old in new_text, f"`{old}` is not in {spec}"
                        new_text = new_text.replace(old, new, 1)
                    new_spec = os.path.join(folder, "new" + os.path.splitext(spec)[1])
                    open(new_spec, "w").write(new_text)
                    os.remove(os.path.join(folder, main_name))
                    prepare(binary, new_spec, folder, substitutions)
                    actual = {a: x for a, (x, _) in planned_past_refusals(folder, noise, binary, os.path.join(ROOT, spec), new_spec).items()}
                    everything = predicted(binary, os.path.join(ROOT, spec), new_spec)
                    # A change moto's gap makes anyway cannot be told from the case's own.
                    hidden = sorted(a for a in everything if a in noise and a not in actual and everything[a] == "update"
                                    and noise[a][0] == "update")
                    expected = {a: x for a, x in everything.items() if a not in hidden}
                    if hidden and not expected and not actual:
                        # Everything this case changes is what moto's gap changes anyway.
                        return case["name"], None, [], hidden
                    wrong = sorted(
                        f"{a}: terraform {actual.get(a, 'no change')}, dbspec diff {expected.get(a, 'no change')}"
                        for a in set(actual) | set(expected) if actual.get(a) != expected.get(a))
                    return case["name"], actual, wrong, hidden
                except Exception as error:  # a failed plan is this case's failure, not the run's
                    return case["name"], {}, [str(error)[-1500:]], []

            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
                return spec, noise, list(pool.map(check, [c for c in cases if c["spec"] == spec]))

        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for spec, noise, checked in pool.map(check_base, [b for b in bases if b not in NOT_HOSTED]):
                if noise:
                    noise = {a: sorted(attrs) for a, (_, attrs) in noise.items()}
                    def gap(address, attrs):
                        return known_gap(address, "update", attrs) or "an unnamed moto gap"
                    named = ", ".join(f"{a} {'/'.join(attrs)} ({gap(a, attrs)})" for a, attrs in sorted(noise.items()))
                    print(f"{spec}: the unchanged spec's plan changes {named}; left out of its comparisons", flush=True)
                for name, actual, wrong, hidden in checked:
                    if actual is None:
                        gaps.append(name)
                        print(f"{spec}: {name}: not comparable on moto: it changes only {', '.join(hidden)}, which moto's gap changes anyway", flush=True)
                        continue
                    results.append(bool(wrong))
                    if wrong:
                        print(f"{spec}: {name}: DISAGREES: " + "; ".join(wrong), flush=True)
                    else:
                        summary = ", ".join(f"{x} {a}" for a, x in sorted(actual.items())) or "no change"
                        also = f"; not comparable on moto: {', '.join(hidden)}" if hidden else ""
                        print(f"{spec}: {name}: agrees ({summary}){also}", flush=True)
        for spec in sorted({c["spec"] for c in skipped}):
            print(f"{spec}: not deployed ({NOT_HOSTED[spec]}); its {sum(c['spec'] == spec for c in skipped)} cases are checked by the Swift tests only")
        failures = sum(results)
        print(f"dbspec diff against terraform plan on moto: {len(results) - failures} of {len(results)} cases agree; "
              f"{len(gaps)} not comparable (moto's gaps), {len(skipped)} on specs moto cannot deploy")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
