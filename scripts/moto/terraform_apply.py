"""Applies dbspec's Terraform for specs to moto (in this process, as a server on 127.0.0.1),
then checks what a real re-apply would show:

  1. `terraform apply` creates everything;
  2. `terraform plan` right after changes nothing, but what a named moto gap explains
     (known_gap, attribute by attribute);
  3. what RDS (moto) reports matches what the configuration created: engine, version, class,
     Multi-AZ, encryption and key, backups, replicas and their sources, cluster members; and
     the master password equals the one in the generated secret;
  4. for a spec whose primary has a generated password, after `terraform apply -replace` of
     the primary database, 2 and 3 again (the password still matches the secret).

Usage: python terraform_apply.py DBSPEC_BINARY SPEC... (run with the venv of
scripts/moto/requirements.txt; Terraform and the provider mirror as for test-terraform.sh).

moto's gaps, worked around here and named where they are:
  - MOTO_GAP_DBI_RESOURCE_ID: every instance gets the same DbiResourceId, so the provider
    cannot read an instance back once there are two; patched in process below;
  - MOTO_GAP_CROSS_REGION_SUBNET_GROUP: moto looks a cross-Region replica's subnet group up in
    its source's Region; patched in process below;
  - MOTO_GAP_DEFAULT_PARAMETER_GROUPS: moto refuses to modify an instance to an engine's
    default parameter group, and reports one under a name of its own; patched in process below;
  - MOTO_GAP_DEFAULT_OPTION_GROUPS: moto holds no default option groups (default:mysql-8-4) and
    refuses an instance created or modified with one; patched in process below;
  - MOTO_GAP_OPTION_GROUP_VERSIONS: moto refuses option groups for MySQL 8.4 and MariaDB after
    10.6; patched in process below;
  - the re-plan after an apply changes attributes moto reads back differently; each is named in
    known_gap and tolerated only for the attributes named there: a parameter group's
    `parameter` (MOTO_GAP_PARAMETERS), an option group's `option` (MOTO_GAP_OPTIONS), a
    security group rule's referenced group, read back as ACCOUNT/sg-… and without its
    description (MOTO_GAP_SG_REFERENCE), a DB instance's Performance Insights
    (MOTO_GAP_PERFORMANCE_INSIGHTS), an Aurora cluster's Serverless v1 scaling configuration
    (MOTO_GAP_SCALING_CONFIGURATION);
  - it keeps the master password only in its backend (no API returns it, as in AWS), so the
    password check reads moto's model directly;
  - it loads AWS managed policies (the Enhanced Monitoring role's) only when asked
    (MOTO_IAM_LOAD_MANAGED_POLICIES, set here);
  - NOT_HOSTED below: the shipped specs moto cannot host at all, and why.
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
    # MOTO_GAP_CROSS_REGION_SUBNET_GROUP: moto sets the replica's attributes in the order of the
    # request and its Region (`backend`, for a source given by ARN) last, so it looks the
    # replica's subnet group up in the source's Region ("DBSubnetGroupNotFoundFault"). RDS looks
    # in the replica's own. The Region first:
    if self.arn_regex.match(db_kwargs["source_db_instance_identifier"]):
        db_kwargs = {"backend": self, **{k: v for k, v in db_kwargs.items() if k != "backend"}}
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

# MOTO_GAP_DEFAULT_PARAMETER_GROUPS: moto creates a DB instance with an engine's default parameter
# group (default.FAMILY) but refuses to modify one to it ("DBParameterGroupNotFound"): its
# backend holds no default groups. RDS has one per family. Make it on first use.
_moto_modify_instance = moto_rds.RDSBackend.modify_db_instance


def _modify_with_default_groups(self, db_instance_identifier, db_kwargs):
    name = db_kwargs.get("db_parameter_group_name")
    if name and name.startswith("default.") and name not in self.db_parameter_groups:
        self.create_db_parameter_group({"db_parameter_group_name": name, "db_parameter_group_family": name[len("default."):],
                                        "description": f"Default parameter group for {name[len('default.'):]}"})
    return _moto_modify_instance(self, db_instance_identifier, db_kwargs)


moto_rds.RDSBackend.modify_db_instance = _modify_with_default_groups

# MOTO_GAP_DEFAULT_OPTION_GROUPS: the same for option groups. RDS has a default option group per
# engine and major version (default:mysql-8-4); moto's backend holds none and refuses an instance
# created or modified with one ("OptionGroupNotFoundFault"). Make it on first use.
_moto_create_instance = moto_rds.RDSBackend.create_db_instance
_moto_modify_for_options = moto_rds.RDSBackend.modify_db_instance


def _ensure_default_option_group(backend, name):
    if not name or not name.startswith("default:") or name in backend.option_groups:
        return
    engine, _, version = name[len("default:"):].rpartition("-")
    # default:ENGINE-MAJOR with the version's dots as dashes: mysql-8-4, sqlserver-se-16-00.
    for known in ("mysql", "mariadb", "oracle-ee", "oracle-se2", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"):
        prefix = known + "-"
        if name[len("default:"):].startswith(prefix):
            engine, version = known, name[len("default:") + len(prefix):].replace("-", ".")
    # The model directly: moto's CreateOptionGroup knows few major versions (none of SQL Server
    # 16.00), and RDS's default groups exist for every version it runs.
    backend.option_groups[name] = moto_rds.OptionGroup(backend, name, engine, version, f"Default option group for {engine} {version}")


def _create_with_default_options(self, db_kwargs):
    _ensure_default_option_group(self, db_kwargs.get("option_group_name"))
    return _moto_create_instance(self, db_kwargs)


def _modify_with_default_options(self, db_instance_identifier, db_kwargs):
    _ensure_default_option_group(self, db_kwargs.get("option_group_name"))
    return _moto_modify_for_options(self, db_instance_identifier, db_kwargs)


moto_rds.RDSBackend.create_db_instance = _create_with_default_options
moto_rds.RDSBackend.modify_db_instance = _modify_with_default_options

# The same gap: moto reports an instance given an engine's default group under a name of its
# own (engine and version, default.oracle-ee19.0.0.0…), not the group it was given
# (default.oracle-ee-19), so every plan would move it back.
_moto_default_group = moto_rds.DBInstance.default_db_parameter_group_details


def _default_group_as_given(self):
    given = self.db_parameter_group_name
    if given and given.startswith("default."):
        return given[len("default."):], given
    return _moto_default_group(self)


moto_rds.DBInstance.default_db_parameter_group_details = _default_group_as_given

# The server's port: scripts/test.sh runs the apply and the diff check side by side, each with its own.
PORT = int(os.environ.get("DBSPEC_MOTO_PORT", "5055"))
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


def state_index(folder):
    """Address → attribute values, from `terraform show -json` (resources and data sources)."""
    shown = subprocess.run(["terraform", "show", "-json"], cwd=folder, capture_output=True, text=True, check=True)
    values = json.loads(shown.stdout).get("values") or {}
    return {r["address"]: r.get("values") or {} for r in (values.get("root_module") or {}).get("resources", [])}


REFERENCE = re.compile(r"^\$\{((?:data\.)?[a-z0-9_]+\.[a-z0-9_]+)\.([a-z0-9_]+)\}$")


def resolved(value, state):
    """A configuration value with a whole-string reference (`${aws_kms_key.k.arn}`) read from
    the state; literals as they are; None for anything else."""
    if not isinstance(value, str):
        return value
    m = REFERENCE.match(value)
    if m:
        return state.get(m.group(1), {}).get(m.group(2))
    return None if "${" in value else value


def last(value):
    """An ARN's or ID's last part: a key ID from a key ARN, an identifier from a database ARN."""
    return re.split(r"[:/]", value)[-1] if isinstance(value, str) else value


def read_back(document, region_of, folder, problems, when):
    """What RDS (moto) reports for every database and cluster against what the configuration
    created it with: engine, version, class, Multi-AZ, encryption and key, backups, replicas
    and their sources, cluster membership."""
    state = state_index(folder)
    resources = document["resource"]
    for name, body in resources.get("aws_db_instance", {}).items():
        rds = client("rds", region_of(body))
        try:
            db = rds.describe_db_instances(DBInstanceIdentifier=body["identifier"])["DBInstances"][0]
        except Exception as error:
            problems.append(f"{when}: aws_db_instance.{name} ({body['identifier']}) is not in RDS: {error}")
            continue
        expected = {
            "Engine": body.get("engine"), "EngineVersion": body.get("engine_version"), "DBInstanceClass": body.get("instance_class"),
            "MultiAZ": body.get("multi_az"), "StorageEncrypted": body.get("storage_encrypted"),
            "BackupRetentionPeriod": body.get("backup_retention_period"),
            "KmsKeyId": last(resolved(body.get("kms_key_id"), state)),
            "ReadReplicaSourceDBInstanceIdentifier": last(resolved(body.get("replicate_source_db"), state)),
        }
        if "replicate_source_db" in body:
            expected.pop("Engine")  # a replica's engine is its source's; the configuration leaves it out
        compare(f"aws_db_instance.{name}", expected, db, problems, when)
    for name, body in resources.get("aws_rds_cluster", {}).items():
        rds = client("rds", region_of(body))
        cluster = rds.describe_db_clusters(DBClusterIdentifier=body["cluster_identifier"])["DBClusters"][0]
        expected = {
            "Engine": body.get("engine"), "EngineVersion": body.get("engine_version"), "StorageEncrypted": body.get("storage_encrypted"),
            "BackupRetentionPeriod": body.get("backup_retention_period"), "KmsKeyId": last(resolved(body.get("kms_key_id"), state)),
        }
        compare(f"aws_rds_cluster.{name}", expected, cluster, problems, when)
        members = sorted(m["DBInstanceIdentifier"] for m in cluster.get("DBClusterMembers", []))
        wanted = sorted(i["identifier"] for i in resources.get("aws_rds_cluster_instance", {}).values()
                        if resolved(i.get("cluster_identifier"), state) == body["cluster_identifier"])
        if members != wanted:
            problems.append(f"{when}: aws_rds_cluster.{name} has members {members}, the configuration {wanted}")
    for name, body in resources.get("aws_rds_cluster_instance", {}).items():
        rds = client("rds", region_of(body))
        db = rds.describe_db_instances(DBInstanceIdentifier=body["identifier"])["DBInstances"][0]
        compare(f"aws_rds_cluster_instance.{name}", {"Engine": body.get("engine"), "DBInstanceClass": body.get("instance_class")}, db, problems, when)
    # Subnets pinned by zone ID are in that zone.
    for name, body in resources.get("aws_subnet", {}).items():
        if "availability_zone_id" not in body:
            continue
        subnet_id = state.get(f"aws_subnet.{name}", {}).get("id")
        subnet = client("ec2", region_of(body)).describe_subnets(SubnetIds=[subnet_id])["Subnets"][0]
        compare(f"aws_subnet.{name}", {"AvailabilityZoneId": body["availability_zone_id"]}, subnet, problems, when)
    # A VPC's flow log: its traffic, its role, and its log group (kept and encrypted as configured).
    for name, body in resources.get("aws_flow_log", {}).items():
        region = region_of(body)
        vpc = resolved(body["vpc_id"], state)
        found = client("ec2", region).describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc]}])["FlowLogs"]
        if len(found) != 1:
            problems.append(f"{when}: aws_flow_log.{name}: VPC {vpc} has {len(found)} flow logs, the configuration 1")
            continue
        compare(f"aws_flow_log.{name}", {"TrafficType": body["traffic_type"], "DeliverLogsPermissionArn": resolved(body["iam_role_arn"], state)},
                found[0], problems, when)
        group = next(g for g in resources["aws_cloudwatch_log_group"].values() if resolved(body["log_destination"], state).endswith(":" + g["name"]))
        groups = client("logs", region).describe_log_groups(logGroupNamePrefix=group["name"])["logGroups"]
        if len(groups) != 1:
            problems.append(f"{when}: aws_flow_log.{name}: log group {group['name']} not found")
            continue
        compare(f"aws_cloudwatch_log_group {group['name']}",
                {"retentionInDays": group["retention_in_days"], "kmsKeyId": resolved(group.get("kms_key_id"), state)}, groups[0], problems, when)


def compare(address, expected, reported, problems, when):
    for field, want in expected.items():
        if want is None:
            continue
        got = reported.get(field)
        if field == "KmsKeyId" or field == "ReadReplicaSourceDBInstanceIdentifier":
            got = last(got)
        if got != want:
            problems.append(f"{when}: {address}: RDS reports {field} {got!r}, the configuration created it with {want!r}")


def client(service, region):
    return boto3.client(service, region_name=region, endpoint_url=ENDPOINT, aws_access_key_id="test", aws_secret_access_key="test")


def users_account(text, region, substitutions, notes, endpoint=None):
    """Makes in moto what a compiled spec names from the user's account (an existing VPC with
    its subnets and security groups, KMS keys by alias) and returns `text` with moto's IDs in
    place of the spec's. `substitutions` (old ID → moto's) is shared by the specs of one state.
    `endpoint`: moto's server, or None for moto in this process."""
    def connect(service):
        if endpoint is None:
            return boto3.client(service, region_name=region)
        return boto3.client(service, region_name=region, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test")
    ec2, kms = connect("ec2"), connect("kms")
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
    for alias in sorted(set(re.findall(r'"(alias/[A-Za-z0-9/_-]+)"', text)) - existing):
        kms.create_alias(AliasName=alias, TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
        notes.append(f"made the user's key {alias} in moto")
    return text


def users_roles(roles, notes, endpoint=None):
    """The IAM roles a spec grants `rds-db:connect` to: the user's, so made in moto first."""
    iam = boto3.client("iam", region_name="us-east-1", **({} if endpoint is None else dict(endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test")))
    for role in roles:
        try:
            iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))
            notes.append(f"created the existing role {role}")
        except iam.exceptions.EntityAlreadyExistsException:
            pass


def prepare(binary, spec, work, substitutions=None):
    """Compiles `spec` into `work` for moto: the provider pointed at moto, and what the spec
    names from the user's account made in moto first (users_account, users_roles)."""
    os.makedirs(work, exist_ok=True)
    subprocess.run([binary, "compile", spec, "--target", "terraform", "-o", work], check=True, capture_output=True)
    main = next(f for f in os.listdir(work) if f.endswith(".tf.json") and f != "moto_override.tf.json")
    document = json.load(open(os.path.join(work, main)))
    json.dump(override(document), open(os.path.join(work, "moto_override.tf.json"), "w"))
    region = document["provider"]["aws"]["region"] if isinstance(document["provider"]["aws"], dict) else document["provider"]["aws"][0]["region"]
    substitutions = {} if substitutions is None else substitutions
    notes = []
    document = json.loads(users_account(json.dumps(document), region, substitutions, notes, ENDPOINT))
    json.dump(document, open(os.path.join(work, main), "w"), indent=2)
    roles = [a.get("role", "") for a in document["resource"].get("aws_iam_role_policy_attachment", {}).values()]
    users_roles([r for r in roles if r and not r.startswith("${")], notes, ENDPOINT)
    return main, document, region, notes


def known_gap(address, action, attributes):
    """The moto gap that makes a plan of an unchanged configuration change `attributes` of
    `address`, or None: then the change is the output's own (or a gap not named yet)."""
    kind = address.split(".")[-2]
    attributes = set(attributes)
    if action != "update" or not attributes:
        return None
    if kind in ("aws_db_parameter_group", "aws_rds_cluster_parameter_group") and attributes == {"parameter"}:
        return "MOTO_GAP_PARAMETERS"
    if kind == "aws_db_option_group" and attributes == {"option"}:
        return "MOTO_GAP_OPTIONS"
    if kind == "aws_vpc_security_group_ingress_rule" and attributes <= {"referenced_security_group_id", "description"}:
        return "MOTO_GAP_SG_REFERENCE"
    if kind in ("aws_rds_cluster_instance", "aws_db_instance") and all(a.startswith("performance_insights") for a in attributes):
        # moto's DB instances keep no Performance Insights settings (moto 5.2.5 rds/models.py).
        return "MOTO_GAP_PERFORMANCE_INSIGHTS"
    if kind == "aws_rds_cluster" and attributes == {"scaling_configuration"}:
        # moto describes every cluster with a ScalingConfigurationInfo of nulls (Serverless v1's,
        # which a provisioned cluster has none of); the provider then plans v1's defaults.
        return "MOTO_GAP_SCALING_CONFIGURATION"
    return None


def replan(folder, problems, notes, when):
    """`terraform plan` right after an apply must change nothing, but for moto's named gaps."""
    run(folder, "plan", "-out=replan.bin")
    shown = subprocess.run(["terraform", "show", "-json", "replan.bin"], cwd=folder, capture_output=True, text=True, check=True)
    for rc in json.loads(shown.stdout).get("resource_changes", []):
        actions = rc["change"]["actions"]
        if rc.get("mode") != "managed" or actions in (["no-op"], ["read"]):
            continue
        action = "replace" if sorted(actions) == ["create", "delete"] else "+".join(actions)
        before, after = rc["change"].get("before") or {}, rc["change"].get("after") or {}
        unknown = rc["change"].get("after_unknown") or {}
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) or unknown.get(k) is True)
        changed = [k for k in changed if k != "tags_all" or "tags" in changed]
        gap = known_gap(rc["address"], action, changed)
        if gap:
            notes.append(f"{when}: {gap}: the plan re-sets {rc['address']} {', '.join(changed)}")
        else:
            detail = "; ".join(f"{k}: {json.dumps(before.get(k))[:80]} -> {'(known after apply)' if unknown.get(k) is True else json.dumps(after.get(k))[:80]}" for k in changed)
            problems.append(f"{when}: the plan would {action} {rc['address']}: {detail}")


def regions(document):
    """The Region of a resource, from its provider configuration."""
    providers = document.get("provider", {}).get("aws", {})
    configs = providers if isinstance(providers, list) else [providers]
    by_alias = {("aws." + c["alias"]) if "alias" in c else "aws": c["region"] for c in configs}
    return lambda body: by_alias[body.get("provider", "aws")]


def apply(binary, spec, root):
    work = os.path.join(root, os.path.basename(spec))
    main, document, region, notes = prepare(binary, spec, work)
    region_of = regions(document)
    problems = []
    run(work, "init", "-backend=false")
    run(work, "apply", "-auto-approve")
    replan(work, problems, notes, "after apply")
    read_back(document, region_of, work, problems, "after apply")
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
        when = f"after replacing {primary}"
        replan(work, problems, notes, when)
        read_back(document, region_of, work, problems, when)
        check_passwords(region, problems, when)
    return spec, problems, notes


def report(spec, problems, notes, success):
    """Prints a spec's notes and problems (or `success`); whether it passed."""
    for n in notes:
        print(f"{spec}: note: {n}")
    for p in problems:
        print(f"{spec}: {p}", flush=True)
    if not problems:
        print(f"{spec}: {success}", flush=True)
    return not problems


# The shipped specs moto cannot host at all, and why (checked by cfn-lint, terraform validate and
# the CloudFormation harness instead).
NOT_HOSTED = {
    "aurora-postgres-serverless.yaml": "moto never brings an Aurora Serverless v2 cluster to the state the provider waits for",
    "sqlserver-multi-az.yaml": "moto keeps no Timezone, so the plan after the apply replaces the instance (timezone forces a new resource)",
}


def main():
    binary, specs = os.path.abspath(sys.argv[1]), sys.argv[2:]
    for spec in [s for s in specs if os.path.basename(s) in NOT_HOSTED]:
        print(f"{spec}: not applied: {NOT_HOSTED[os.path.basename(spec)]}")
    specs = [s for s in specs if os.path.basename(s) not in NOT_HOSTED]
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
                failed += not report(spec, problems, notes, "applied, re-planned without change, read back")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(f"terraform apply against moto: {len(specs) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
