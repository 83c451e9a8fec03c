"""Applies dbspec's Terraform for specs to moto (in this process, as a server on 127.0.0.1),
then checks what a real re-apply would show:

  1. `terraform apply` creates everything;
  2. `terraform plan -detailed-exitcode` right after shows no change;
  3. what moto holds matches the spec: engine, version, class, Multi-AZ, encryption and key,
     backups, replicas and their sources, and the master password equals the one in the
     generated secret;
  4. for a spec whose primary has a generated password, after `terraform apply -replace` of
     the primary database the password still matches the secret.

Usage: python terraform_apply.py DBSPEC_BINARY SPEC... (run with the venv of
scripts/moto/requirements.txt; Terraform and the provider mirror as for test-terraform.sh).

moto's gaps, worked around here and named where they are:
  - MOTO_GAP_DBI_RESOURCE_ID: every instance gets the same DbiResourceId, so the provider
    cannot read an instance back once there are two; patched in process below;
  - MOTO_GAP_OPTION_GROUP_VERSIONS: moto refuses option groups for MySQL 8.4 and MariaDB after
    10.6; patched in process below;
  - it does not return a parameter group's parameters the way the provider reads them, so the
    provider plans to add them again after every apply (MOTO_GAP_PARAMETERS): the no-change
    check ignores parameter groups' `parameter` blocks and says so;
  - it keeps the master password only in its backend (no API returns it, as in AWS), so the
    password check reads moto's model directly;
  - it loads AWS managed policies (the Enhanced Monitoring role's) only when asked
    (MOTO_IAM_LOAD_MANAGED_POLICIES, set here);
  - seen and not yet worked around (so this harness is not in scripts/test.sh yet): Aurora
    cluster instances read back without Performance Insights (the plan turns it on again), a
    security group rule reads its referenced group back as ACCOUNT/sg-… and without its
    description, an Aurora Serverless v2 cluster never reaches the state the provider waits
    for (the 420 s bound below ends the wait). The instances "lost" when several specs were
    applied at once ("couldn't find resource") were MOTO_GAP_DBI_RESOURCE_ID.
Not moto's: what a spec names from the user's account (IAM roles it grants `rds-db:connect`
to, an existing VPC with its subnets, security groups allowed to connect, KMS keys by alias)
exists there already. The harness creates them in moto first and, where AWS picks the ID,
writes moto's IDs into the compiled configuration in place of the spec's.
"""
import concurrent.futures, json, os, re, shutil, subprocess, sys, tempfile

os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"

import boto3
from moto.server import ThreadedMotoServer
from moto.backends import get_backend
import moto.rds.models as moto_rds

# MOTO_GAP_DBI_RESOURCE_ID: moto gives every DB instance the same DbiResourceId
# (db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U, moto 5.2.5 rds/models.py), and the provider reads an instance
# back by that ID, so with two instances (a primary and its replica) it finds neither ("couldn't
# find resource"). The server runs in this process: give each instance its own, as RDS does.
_moto_instance_init = moto_rds.DBInstance.__init__


def _new_resource_id():
    import secrets
    return "db-" + secrets.token_hex(13).upper()


def _unique_resource_id(self, *args, **kwargs):
    _moto_instance_init(self, *args, **kwargs)
    self.dbi_resource_id = _new_resource_id()


# A read replica is a copy of its source (copy.copy), ID and all.
_moto_create_replica = moto_rds.RDSBackend.create_db_instance_read_replica


def _replica_with_own_resource_id(self, db_kwargs):
    replica = _moto_create_replica(self, db_kwargs)
    replica.dbi_resource_id = _new_resource_id()
    return replica


moto_rds.DBInstance.__init__ = _unique_resource_id
moto_rds.RDSBackend.create_db_instance_read_replica = _replica_with_own_resource_id

# MOTO_GAP_OPTION_GROUP_VERSIONS: moto's option groups stop at MySQL 8.0 and MariaDB 10.6 (its
# list was "verified against the AWS Console on 14 Dec 2022", moto 5.2.5 rds/models.py), so it
# refuses a MySQL 8.4 group ("Cannot find major version 8.4 for mysql") that RDS makes (Options
# for MySQL DB instances: MARIADB_AUDIT_PLUGIN on all 8.4 versions). Create it as the newest
# version moto knows, then keep the real one, which is what the provider reads back.
_moto_create_option_group = moto_rds.RDSBackend.create_option_group
_MOTO_NEWEST_OPTION_GROUP = {"mysql": "8.0", "mariadb": "10.6"}


def _option_group_of_any_version(self, option_group_kwargs):
    real = option_group_kwargs["major_engine_version"]
    newest = _MOTO_NEWEST_OPTION_GROUP.get(option_group_kwargs["engine_name"], real)
    group = _moto_create_option_group(self, dict(option_group_kwargs, major_engine_version=newest))
    group.major_engine_version = real
    return group


moto_rds.RDSBackend.create_option_group = _option_group_of_any_version

PORT = 5055
ENDPOINT = f"http://127.0.0.1:{PORT}"
SERVICES = ["ec2", "rds", "kms", "secretsmanager", "iam", "sts", "logs"]


def override(document):
    """Points every provider configuration of the document at moto."""
    providers = document.get("provider", {}).get("aws", {})
    configs = providers if isinstance(providers, list) else [providers]
    out = []
    for config in configs:
        c = dict(config)
        c.update(
            access_key="test", secret_key="test", skip_credentials_validation=True,
            skip_requesting_account_id=True, skip_metadata_api_check=True,
            endpoints=[{s: ENDPOINT for s in SERVICES}])
        out.append(c)
    return {"provider": {"aws": out}}


def run(cwd, *args, check=True):
    # moto never brings some resources to the state the provider waits for; a bound turns
    # that wait into this spec's failure instead of a stalled run.
    try:
        p = subprocess.run(["terraform", *args, "-no-color", "-input=false"], cwd=cwd, capture_output=True, text=True, timeout=420)
    except subprocess.TimeoutExpired as timeout:
        out = timeout.stdout.decode() if isinstance(timeout.stdout, bytes) else (timeout.stdout or "")
        waiting = sorted(set(re.findall(r"^(\S+): Still \w+", out, re.M)))
        raise RuntimeError(f"terraform {args[0]} did not finish in 420 s; still waiting on {', '.join(waiting) or 'nothing named'}")
    if check and p.returncode != 0:
        errors = sorted(set(re.findall(r"Error: ([^\n]+(?:\n[^\n│╵]+)?)", p.stderr + p.stdout)))
        raise RuntimeError(f"terraform {' '.join(args)} failed: " + " | ".join(" ".join(e.split()) for e in errors[:6]))
    return p


def changes(plan_text):
    """The resources a plan would change, minus moto's parameter-group gap."""
    found = []
    for m in re.finditer(r"^  # (\S+) (will be|must be) ([^\n]+)$", plan_text, re.M):
        address, _, action = m.groups()
        found.append((address, action))
    ignored = [a for a, _ in found if a.startswith("aws_db_parameter_group.") or a.startswith("aws_rds_cluster_parameter_group.")]
    return [f for f in found if f[0] not in ignored], ignored


def databases(region):
    backend = get_backend("rds")["123456789012"][region]
    return backend.databases


def secrets(region):
    backend = get_backend("secretsmanager")["123456789012"][region]
    out = {}
    for name, secret in backend.secrets.items():
        current = next((v for v in secret.versions.values() if "AWSCURRENT" in v.get("version_stages", [])), None)
        if current and current.get("secret_string"):
            out[secret.arn] = json.loads(current["secret_string"])
    return out


def check_passwords(region, problems, when):
    held = secrets(region)
    for identifier, db in databases(region).items():
        for arn, value in held.items():
            if value.get("dbInstanceIdentifier") == identifier:
                # moto refuses to return it through the property (as AWS does); the model keeps it.
                if db._master_user_password != value.get("password"):
                    problems.append(f"{when}: the password of {identifier} is not the one its secret holds")


def prepare(binary, spec, work, substitutions=None):
    """Compiles `spec` into `work` for moto: the provider pointed at moto, and what the spec
    names from the user's account (an existing VPC, subnets and security groups, KMS aliases,
    IAM roles) made in moto first, with moto's IDs written in place of the spec's.
    `substitutions` (old ID → moto's) is shared by the specs planned against one state."""
    os.makedirs(work, exist_ok=True)
    subprocess.run([binary, "compile", spec, "--target", "terraform", "-o", work], check=True, capture_output=True)
    main = next(f for f in os.listdir(work) if f.endswith(".tf.json") and f != "moto_override.tf.json")
    document = json.load(open(os.path.join(work, main)))
    json.dump(override(document), open(os.path.join(work, "moto_override.tf.json"), "w"))
    region = document["provider"]["aws"]["region"] if isinstance(document["provider"]["aws"], dict) else document["provider"]["aws"][0]["region"]
    substitutions = {} if substitutions is None else substitutions
    notes = []
    text = json.dumps(document)
    client = lambda service: boto3.client(service, region_name=region, endpoint_url=ENDPOINT, aws_access_key_id="test", aws_secret_access_key="test")
    ec2, kms, iam = client("ec2"), client("kms"), client("iam")
    # VPCs first: the subnets and security groups go into the spec's VPC.
    ids = sorted(set(m.group(0) for m in re.finditer(r"\b(?:vpc|subnet|sg)-[0-9a-f]{8,17}\b", text)) - set(substitutions.values()),
                 key=lambda i: (not i.startswith("vpc-"), i))
    for old in ids:
        if old not in substitutions:
            if old.startswith("vpc-"):
                substitutions[old] = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
            else:
                vpc = next((v for k, v in substitutions.items() if k.startswith("vpc-")), None) or ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
                if old.startswith("subnet-"):
                    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
                    n = sum(1 for k in substitutions if k.startswith("subnet-"))
                    substitutions[old] = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.99.{n}.0/24", AvailabilityZone=zones[n % len(zones)])["Subnet"]["SubnetId"]
                else:
                    substitutions[old] = ec2.create_security_group(GroupName=old, Description="the user's", VpcId=vpc)["GroupId"]
            notes.append(f"made the user's {old} in moto as {substitutions[old]}")
    for old, new in substitutions.items():
        text = text.replace(old, new)
    existing = {a["AliasName"] for a in kms.list_aliases()["Aliases"]}
    for alias in sorted(set(re.findall(r'"name": "(alias/[^"]+)"', text)) - existing):
        kms.create_alias(AliasName=alias, TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
        notes.append(f"made the user's key {alias} in moto")
    document = json.loads(text)
    json.dump(document, open(os.path.join(work, main), "w"), indent=2)
    # The roles the spec grants connect to: the user's, so made here first.
    for attachment in document["resource"].get("aws_iam_role_policy_attachment", {}).values():
        role = attachment.get("role", "")
        if role and not role.startswith("${"):
            try:
                iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))
                notes.append(f"created the existing role {role}")
            except iam.exceptions.EntityAlreadyExistsException:
                pass
    return main, document, region, notes


def apply(binary, spec, root):
    work = os.path.join(root, os.path.basename(spec))
    main, document, region, notes = prepare(binary, spec, work)
    problems = []
    run(work, "init", "-backend=false")
    run(work, "apply", "-auto-approve")
    plan = run(work, "plan", "-detailed-exitcode", check=False)
    left, ignored = changes(plan.stdout)
    if plan.returncode == 1:
        problems.append("plan failed: " + plan.stderr[-2000:])
    for address, action in left:
        # The attributes that would change, as the plan shows them.
        block = plan.stdout.split(f"# {address} ", 1)[1].split("\n\n", 1)[0] if f"# {address} " in plan.stdout else ""
        detail = "; ".join(l.strip() for l in block.splitlines() if "->" in l or l.strip().startswith(("+ ", "- ")))[:600]
        problems.append(f"after apply, the plan says {address} {action}: {detail}")
    if ignored:
        notes.append(f"MOTO_GAP_PARAMETERS: ignored {', '.join(ignored)}")
    check_passwords(region, problems, "after apply")
    primary = next(
        (f"aws_db_instance.{n}" for n, b in document["resource"].get("aws_db_instance", {}).items()
         if "replicate_source_db" not in b and "password_wo" in b), None)
    if primary:
        # A protected database cannot be replaced (in AWS as in moto): turn protection off
        # first, as a user who means to replace it must.
        name = primary.split(".", 1)[1]
        document["resource"]["aws_db_instance"][name]["deletion_protection"] = False
        json.dump(document, open(os.path.join(work, main), "w"), indent=2)
        run(work, "apply", "-auto-approve")
        run(work, "apply", "-auto-approve", f"-replace={primary}")
        check_passwords(region, problems, f"after replacing {primary}")
    return spec, problems, notes


def main():
    binary, specs = os.path.abspath(sys.argv[1]), sys.argv[2:]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=PORT)
    server.start()
    root = tempfile.mkdtemp()
    failed = 0
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
            def attempt(spec):
                try:
                    return apply(binary, spec, root)
                except Exception as error:  # a failed terraform run is this spec's failure
                    return spec, [str(error)[-2500:]], []

            for spec, problems, notes in (f.result() for f in concurrent.futures.as_completed([pool.submit(attempt, s) for s in specs])):
                for n in notes:
                    print(f"{spec}: note: {n}")
                if problems:
                    failed += 1
                    for p in problems:
                        print(f"{spec}: {p}", flush=True)
                else:
                    print(f"{spec}: applied, re-planned without change, read back", flush=True)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(f"terraform apply against moto: {len(specs) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
