"""Creates dbspec's CloudFormation stacks for specs in moto (in this process), then checks what a
real stack would show:

  1. every template creates its stack (CREATE_COMPLETE) with every resource it declares; a
     cross-Region replica's template after its source's, in its own Region;
  2. what RDS (moto) holds matches the template: engine, version, class, Multi-AZ, encryption
     and key, backups, replicas and their sources, cluster membership; the master password is
     the one in the stack's generated secret;
  3. the stack updates: the same template again changes no database, and a template with a
     longer backup retention changes it in place (the same database, the new value).

Usage: python cloudformation_deploy.py DBSPEC_BINARY SPEC... (with the venv of
scripts/moto/requirements.txt).

moto's CloudFormation falls short of dbspec's templates in these ways, each worked around below
and named where it is:
  - MOTO_GAP_CFN_TYPES: no AWS::RDS::DBCluster, AWS::RDS::DBClusterParameterGroup,
    AWS::RDS::OptionGroup, AWS::SecretsManager::Secret, AWS::SecretsManager::SecretTargetAttachment,
    AWS::EC2::NetworkAcl, AWS::EC2::NetworkAclEntry or AWS::EC2::SubnetNetworkAclAssociation: moto
    skips them and fails the references to them. The models below make them with moto's own
    service backends (the calls the RDS, Secrets Manager and EC2 APIs make);
  - MOTO_GAP_CFN_ATTRIBUTES: AWS::RDS::DBInstance answers Fn::GetAtt for Endpoint.* only, not
    DbiResourceId or MasterUserSecret.SecretArn;
  - MOTO_GAP_CFN_KMS_TAGS: AWS::KMS::Key passes CloudFormation's Key/Value tags to a backend that
    reads TagKey/TagValue, and fails;
  - MOTO_GAP_CFN_DYNAMIC_REFERENCES: `{{resolve:secretsmanager:...}}` is not resolved, so the
    database's password would be the reference's text; resolved here from moto's secrets;
  - MOTO_GAP_CFN_DB_INSTANCE: AWS::RDS::DBInstance reads a subset of its properties (not
    DBClusterIdentifier, so an Aurora instance would be a lone instance; not DBInstanceIdentifier
    as its name when the template sets it); the model below passes them;
  - MOTO_GAP_CFN_SUBNET_ZONE_ID: AWS::EC2::Subnet reads AvailabilityZone only, not
    AvailabilityZoneId, so a subnet pinned by zone ID lands in moto's default zone; the model
    below passes the ID, as CreateSubnet does;
  - MOTO_GAP_CFN_LOG_GROUP_KEY: AWS::Logs::LogGroup drops KmsKeyId (moto's log group reads
    `kmsKeyId`, the API's spelling); the model below passes it;
  - MOTO_GAP_CFN_UPDATE: an update of AWS::RDS::DBInstance deletes and creates the instance
    whatever changed (moto has no update_from_cloudformation_json for it); the update below
    modifies it in place, as CloudFormation does for a property that needs no replacement.
The checks read what moto's models keep; what they do not keep (monitoring, logs, IAM
authentication) is checked by cfn-lint and the Terraform harness, not here.
"""
import copy, json, os, re, shutil, subprocess, sys, tempfile, warnings

import boto3
from moto import mock_aws
from moto.cloudformation import parsing
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.kms import models as kms_models
from moto.rds import models as rds_models
from moto.rds.models import rds_backends
from moto.secretsmanager.models import secretsmanager_backends

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terraform_apply import report, users_account, users_roles  # noqa: E402  (its moto patches apply here too)

ACCOUNT = "123456789012"
DYNAMIC = re.compile(r"\{\{resolve:secretsmanager:([^:}]+(?::[^:}]+){6}|[^:}]+):SecretString:([^:}]+)\}\}")


def resolve_dynamic(value, region):
    """MOTO_GAP_CFN_DYNAMIC_REFERENCES: `{{resolve:secretsmanager:ID:SecretString:KEY}}`, from moto's secrets."""
    if not isinstance(value, str) or "{{resolve:" not in value:
        return value

    def one(m):
        secret = secretsmanager_backends[ACCOUNT][region].get_secret_value(m.group(1), None, None)
        return json.loads(secret["SecretString"])[m.group(2)]

    return DYNAMIC.sub(one, value)


class _Model(CloudFormationModel):
    """What every model below shares: a physical ID and attributes."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_name_type():
        return ""

    @classmethod
    def has_cfn_attr(cls, attr):
        return True

    def get_cfn_attribute(self, attribute_name):
        return self.attributes[attribute_name]

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    def is_created(self):
        return True

    def __init__(self, physical_resource_id, **attributes):
        self.physical_resource_id = physical_resource_id
        self.attributes = attributes


def _plain(value):
    """moto's Ref to some of its own models (a subnet or parameter group) gives the model, not
    its name: the name, as CloudFormation's Ref gives."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool, dict)):
        return value
    for attribute in ("physical_resource_id", "name", "id"):
        if isinstance(getattr(value, attribute, None), str):
            return getattr(value, attribute)
    return value


def _properties(cloudformation_json):
    return {k: _plain(v) for k, v in cloudformation_json.get("Properties", {}).items()}


def _tags(properties):
    return [{"Key": t["Key"], "Value": t["Value"]} for t in properties.get("Tags", [])]


class GeneratedSecret(_Model, CloudFormationModel):
    """MOTO_GAP_CFN_TYPES: AWS::SecretsManager::Secret with GenerateSecretString."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_type():
        return "AWS::SecretsManager::Secret"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _properties(cloudformation_json)
        backend = secretsmanager_backends[account_id][region_name]
        g = p["GenerateSecretString"]
        password = json.loads(backend.get_random_password(
            password_length=g.get("PasswordLength", 32), exclude_characters=g.get("ExcludeCharacters", ""),
            exclude_numbers=False, exclude_punctuation=False, exclude_uppercase=False, exclude_lowercase=False,
            include_space=False, require_each_included_type=True))["RandomPassword"]
        value = json.loads(g["SecretStringTemplate"])
        value[g["GenerateStringKey"]] = password
        name = p.get("Name") or f"{resource_name}-{os.urandom(4).hex()}"
        secret = backend.create_secret(name=name, secret_string=json.dumps(value), secret_binary=None, description=p.get("Description"),
                                       tags=_tags(p), kms_key_id=p.get("KmsKeyId"), client_request_token=None, replica_regions=[],
                                       force_overwrite=False)
        arn = json.loads(secret)["ARN"]
        return cls(arn, Id=arn)


class SecretAttachment(_Model, CloudFormationModel):
    """MOTO_GAP_CFN_TYPES: AWS::SecretsManager::SecretTargetAttachment adds the database's
    engine, host, port and identifier to the secret (what CloudFormation writes)."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_type():
        return "AWS::SecretsManager::SecretTargetAttachment"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _properties(cloudformation_json)
        backend = secretsmanager_backends[account_id][region_name]
        rds = rds_backends[account_id][region_name]
        value = json.loads(backend.get_secret_value(p["SecretId"], None, None)["SecretString"])
        target = p["TargetId"]
        if p["TargetType"] == "AWS::RDS::DBCluster":
            cluster = rds.clusters[target]
            value.update(engine=cluster.engine, host=cluster.endpoint, port=cluster.port, dbClusterIdentifier=target)
        else:
            db = rds.databases[target]
            value.update(engine=db.engine, host=db.address, port=db.port, dbInstanceIdentifier=target)
        backend.put_secret_value(p["SecretId"], json.dumps(value), None, None, ["AWSCURRENT"])
        return cls(p["SecretId"])


class Cluster(_Model, CloudFormationModel):
    """MOTO_GAP_CFN_TYPES: AWS::RDS::DBCluster, through moto's CreateDBCluster."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_type():
        return "AWS::RDS::DBCluster"

    @staticmethod
    def cloudformation_name_type():
        return "DBClusterIdentifier"

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        # In place, as CloudFormation updates a property that needs no replacement (the backup
        # retention this harness changes).
        p = _properties(cloudformation_json)
        cluster = rds_backends[account_id][region_name].clusters[original_resource.physical_resource_id]
        cluster.backup_retention_period = p.get("BackupRetentionPeriod", cluster.backup_retention_period)
        return original_resource

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _properties(cloudformation_json)
        rds = rds_backends[account_id][region_name]
        scaling = p.get("ServerlessV2ScalingConfiguration")
        cluster = rds.create_db_cluster({
            "db_cluster_identifier": p.get("DBClusterIdentifier", resource_name), "engine": p["Engine"],
            "engine_version": p.get("EngineVersion"), "master_username": p.get("MasterUsername"),
            "master_user_password": resolve_dynamic(p.get("MasterUserPassword"), region_name),
            "manage_master_user_password": p.get("ManageMasterUserPassword"),
            "storage_encrypted": p.get("StorageEncrypted"), "kms_key_id": p.get("KmsKeyId"),
            "backup_retention_period": p.get("BackupRetentionPeriod"), "db_subnet_group_name": p.get("DBSubnetGroupName"),
            "vpc_security_group_ids": p.get("VpcSecurityGroupIds", []), "deletion_protection": p.get("DeletionProtection"),
            "db_cluster_parameter_group_name": p.get("DBClusterParameterGroupName"), "port": p.get("Port"),
            "database_name": p.get("DatabaseName"), "tags": _tags(p),
            "serverless_v2_scaling_configuration": scaling and {"MinCapacity": scaling["MinCapacity"], "MaxCapacity": scaling["MaxCapacity"]},
            "enable_iam_database_authentication": p.get("EnableIAMDatabaseAuthentication"),
        })
        secret = getattr(cluster, "master_user_secret", None)
        return cls(cluster.db_cluster_identifier, Arn=cluster.db_cluster_arn, DBClusterResourceId=cluster.resource_id,
                   **{"Endpoint.Address": cluster.endpoint, "Endpoint.Port": str(cluster.port), "ReadEndpoint.Address": cluster.reader_endpoint,
                      "MasterUserSecret.SecretArn": secret.secret_arn if secret else None})


class ClusterParameterGroup(_Model, CloudFormationModel):
    """MOTO_GAP_CFN_TYPES: AWS::RDS::DBClusterParameterGroup."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_type():
        return "AWS::RDS::DBClusterParameterGroup"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _properties(cloudformation_json)
        rds = rds_backends[account_id][region_name]
        name = p.get("DBClusterParameterGroupName") or f"{resource_name}-{os.urandom(4).hex()}".lower()
        rds.create_db_cluster_parameter_group(name, p["Family"], p["Description"], _tags(p))
        return cls(name)


class OptionGroup(_Model, CloudFormationModel):
    """MOTO_GAP_CFN_TYPES: AWS::RDS::OptionGroup, through CreateOptionGroup and ModifyOptionGroup."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_type():
        return "AWS::RDS::OptionGroup"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _properties(cloudformation_json)
        rds = rds_backends[account_id][region_name]
        name = f"{resource_name}-{os.urandom(4).hex()}".lower()
        rds.create_option_group({"option_group_name": name, "engine_name": p["EngineName"], "major_engine_version": p["MajorEngineVersion"],
                                 "option_group_description": p["OptionGroupDescription"], "tags": _tags(p)})
        options = [{"OptionName": o["OptionName"], "Port": o.get("Port"), "VpcSecurityGroupMemberships": o.get("VpcSecurityGroupMemberships", []),
                    "OptionSettings": o.get("OptionSettings", [])} for o in p.get("OptionConfigurations", [])]
        if options:
            rds.modify_option_group(name, options, [])
        return cls(name)


class NetworkAcl(_Model, CloudFormationModel):
    """MOTO_GAP_CFN_TYPES: AWS::EC2::NetworkAcl."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::NetworkAcl"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        acl = ec2_backends[account_id][region_name].create_network_acl(_properties(cloudformation_json)["VpcId"])
        return cls(acl.id, Id=acl.id)


class NetworkAclEntry(_Model, CloudFormationModel):
    """MOTO_GAP_CFN_TYPES: AWS::EC2::NetworkAclEntry."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::NetworkAclEntry"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _properties(cloudformation_json)
        ports = p.get("PortRange", {})
        ec2_backends[account_id][region_name].create_network_acl_entry(
            p["NetworkAclId"], str(p["RuleNumber"]), str(p["Protocol"]), p["RuleAction"], bool(p.get("Egress", False)),
            p.get("CidrBlock"), None, None, ports.get("From"), ports.get("To"), None)
        return cls(f"{p['NetworkAclId']}-{p['RuleNumber']}")


class NetworkAclAssociation(_Model, CloudFormationModel):
    """MOTO_GAP_CFN_TYPES: AWS::EC2::SubnetNetworkAclAssociation."""

    __module__ = "moto.dbspec_harness"  # moto files every model under the service its module names

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::SubnetNetworkAclAssociation"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _properties(cloudformation_json)
        ec2 = ec2_backends[account_id][region_name]
        current = next(a for acl in ec2.network_acls.values() for a in acl._associations.values() if a.subnet_id == p["SubnetId"])
        new = ec2.replace_network_acl_association(current.id, p["NetworkAclId"])
        return cls(new.id, AssociationId=new.id)


# MOTO_GAP_CFN_KMS_TAGS
_moto_key_from_cfn = kms_models.Key.create_from_cloudformation_json.__func__


def _key_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    cfn = copy.deepcopy(cloudformation_json)
    p = cfn["Properties"]
    p["Tags"] = [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in p.get("Tags", [])]
    if isinstance(p.get("KeyPolicy"), dict):
        p["KeyPolicy"] = json.dumps(p["KeyPolicy"])
    return _moto_key_from_cfn(cls, resource_name, cfn, account_id, region_name, **kwargs)


kms_models.Key.create_from_cloudformation_json = classmethod(_key_from_cfn)


# MOTO_GAP_CFN_SUBNET_ZONE_ID
from moto.ec2.models import subnets as subnet_models  # noqa: E402

_moto_subnet_from_cfn = subnet_models.Subnet.create_from_cloudformation_json.__func__


def _subnet_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    p = cloudformation_json["Properties"]
    if "AvailabilityZoneId" not in p:
        return _moto_subnet_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    subnet = ec2_backends[account_id][region_name].create_subnet(
        vpc_id=p["VpcId"], cidr_block=p["CidrBlock"], availability_zone_id=p["AvailabilityZoneId"])
    for tag in p.get("Tags", []):
        subnet.add_tag(tag["Key"], tag["Value"])
    return subnet


subnet_models.Subnet.create_from_cloudformation_json = classmethod(_subnet_from_cfn)


# MOTO_GAP_CFN_LOG_GROUP_KEY
from moto.logs import models as logs_models  # noqa: E402

_moto_log_group_from_cfn = logs_models.LogGroup.create_from_cloudformation_json.__func__


def _log_group_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    cfn = copy.deepcopy(cloudformation_json)
    if "KmsKeyId" in cfn["Properties"]:
        cfn["Properties"]["kmsKeyId"] = cfn["Properties"].pop("KmsKeyId")
    return _moto_log_group_from_cfn(cls, resource_name, cfn, account_id, region_name, **kwargs)


logs_models.LogGroup.create_from_cloudformation_json = classmethod(_log_group_from_cfn)


# MOTO_GAP_CFN_DB_INSTANCE and MOTO_GAP_CFN_DYNAMIC_REFERENCES
def _instance_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    p = _properties(cloudformation_json)
    rds = rds_backends[account_id][region_name]
    db_kwargs = {
        "db_instance_identifier": p.get("DBInstanceIdentifier", resource_name), "db_instance_class": p.get("DBInstanceClass"),
        "engine": p.get("Engine"), "engine_version": p.get("EngineVersion"), "allocated_storage": p.get("AllocatedStorage"),
        "storage_type": p.get("StorageType"), "iops": p.get("Iops"), "multi_az": p.get("MultiAZ"),
        "storage_encrypted": p.get("StorageEncrypted"), "kms_key_id": p.get("KmsKeyId"),
        "master_username": p.get("MasterUsername"), "master_user_password": resolve_dynamic(p.get("MasterUserPassword"), region_name),
        "manage_master_user_password": p.get("ManageMasterUserPassword"),
        "backup_retention_period": p.get("BackupRetentionPeriod"), "preferred_backup_window": p.get("PreferredBackupWindow"),
        "preferred_maintenance_window": (p.get("PreferredMaintenanceWindow") or "").lower() or None,
        "db_subnet_group_name": p.get("DBSubnetGroupName"), "vpc_security_group_ids": p.get("VPCSecurityGroups", []),
        "db_parameter_group_name": p.get("DBParameterGroupName"), "option_group_name": p.get("OptionGroupName"),
        "port": int(p["Port"]) if p.get("Port") else None, "publicly_accessible": p.get("PubliclyAccessible"),
        "copy_tags_to_snapshot": p.get("CopyTagsToSnapshot"), "deletion_protection": p.get("DeletionProtection"),
        "enable_iam_database_authentication": p.get("EnableIAMDatabaseAuthentication"), "license_model": p.get("LicenseModel"),
        "db_name": p.get("DBName"), "character_set_name": p.get("CharacterSetName"), "timezone": p.get("Timezone"),
        "monitoring_interval": p.get("MonitoringInterval"), "monitoring_role_arn": p.get("MonitoringRoleArn"),
        "enable_cloudwatch_logs_exports": p.get("EnableCloudwatchLogsExports"), "tags": _tags(p),
        "db_cluster_identifier": p.get("DBClusterIdentifier"), "promotion_tier": p.get("PromotionTier"),
    }
    db_kwargs = {k: v for k, v in db_kwargs.items() if v is not None}
    if p.get("SourceDBInstanceIdentifier"):
        db_kwargs["source_db_instance_identifier"] = p["SourceDBInstanceIdentifier"]
        return rds.create_db_instance_read_replica(db_kwargs)
    return rds.create_db_instance(db_kwargs)


def _instance_update_in_place(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    # MOTO_GAP_CFN_UPDATE: the properties this harness changes need no replacement.
    p = _properties(cloudformation_json)
    original_resource.backup_retention_period = p.get("BackupRetentionPeriod", original_resource.backup_retention_period)
    return original_resource


# MOTO_GAP_CFN_ATTRIBUTES: moto's AWS::RDS::DBInstance answers Fn::GetAtt for its endpoint only;
# dbspec's templates also read DbiResourceId (IAM authentication's resource) and
# MasterUserSecret.SecretArn (a managed password's secret, for an output).
_moto_instance_attribute = rds_models.DBInstance.get_cfn_attribute


def _instance_attribute(self, attribute_name):
    if attribute_name == "DbiResourceId":
        return self.dbi_resource_id
    if attribute_name == "MasterUserSecret.SecretArn":
        return self.master_user_secret.secret_arn
    return _moto_instance_attribute(self, attribute_name)


rds_models.DBInstance.get_cfn_attribute = _instance_attribute
rds_models.DBInstance.has_cfn_attr = classmethod(lambda cls, attr: attr in ("Endpoint.Address", "Endpoint.Port", "DbiResourceId", "MasterUserSecret.SecretArn"))
rds_models.DBInstance.create_from_cloudformation_json = classmethod(_instance_from_cfn)
rds_models.DBInstance.update_from_cloudformation_json = classmethod(_instance_update_in_place)
parsing.get_model_map.cache_clear()


def last(value):
    return re.split(r"[:/]", value)[-1] if isinstance(value, str) else value


class Stack:
    def __init__(self, path, region):
        self.path, self.region, self.template = path, region, json.load(open(path))
        self.name = re.sub(r"[^A-Za-z0-9-]", "-", os.path.basename(path).removesuffix(".template.json"))
        self.cfn = boto3.client("cloudformation", region_name=region)

    def value(self, v, physical):
        """A template value with Ref or Fn::GetAtt …Arn resolved from the stack, or None."""
        if isinstance(v, dict) and "Ref" in v:
            return physical.get(v["Ref"], v["Ref"])
        if isinstance(v, dict) and "Fn::GetAtt" in v:
            return physical.get(v["Fn::GetAtt"][0])
        return v if not isinstance(v, (dict, list)) else None


def check_stack(stack, problems, when):
    status = stack.cfn.describe_stacks(StackName=stack.name)["Stacks"][0]["StackStatus"]
    if status not in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
        problems.append(f"{when}: stack {stack.name} is {status}")
    listed = {r["LogicalResourceId"]: r for r in stack.cfn.describe_stack_resources(StackName=stack.name)["StackResources"]}
    physical = {k: r.get("PhysicalResourceId") for k, r in listed.items()}
    for logical in stack.template["Resources"]:
        # moto lists some of its models without a physical ID (a subnet group, a parameter
        # group, an ingress rule); created they are, and the database that uses them says so.
        if logical not in listed or not listed[logical]["ResourceStatus"].endswith("_COMPLETE"):
            problems.append(f"{when}: {stack.name}: {logical} was not created")
    rds = boto3.client("rds", region_name=stack.region)
    secrets = boto3.client("secretsmanager", region_name=stack.region)
    backend = rds_backends[ACCOUNT][stack.region]
    for logical, r in stack.template["Resources"].items():
        p = r.get("Properties", {})
        if r["Type"] == "AWS::RDS::DBInstance":
            identifier = p.get("DBInstanceIdentifier")
            db = rds.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"][0]
            expected = {"DBInstanceClass": p.get("DBInstanceClass"), "Engine": p.get("Engine"), "EngineVersion": p.get("EngineVersion"),
                        "MultiAZ": p.get("MultiAZ"), "StorageEncrypted": p.get("StorageEncrypted"),
                        "BackupRetentionPeriod": p.get("BackupRetentionPeriod"), "KmsKeyId": last(stack.value(p.get("KmsKeyId"), physical)),
                        "ReadReplicaSourceDBInstanceIdentifier": last(stack.value(p.get("SourceDBInstanceIdentifier"), physical)),
                        "DBClusterIdentifier": stack.value(p.get("DBClusterIdentifier"), physical)}
            compare(f"{stack.name}: {logical}", expected, db, problems, when)
            check_password(p, backend.databases[identifier], "dbInstanceIdentifier", db["Endpoint"]["Address"], physical, secrets,
                           f"{when}: {stack.name}: {identifier}", problems)
        if r["Type"] == "AWS::EC2::Subnet" and "AvailabilityZoneId" in p:
            subnet = boto3.client("ec2", region_name=stack.region).describe_subnets(SubnetIds=[physical[logical]])["Subnets"][0]
            compare(f"{stack.name}: {logical}", {"AvailabilityZoneId": p["AvailabilityZoneId"]}, subnet, problems, when)
        if r["Type"] == "AWS::EC2::FlowLog":
            # The VPC's flow log: its traffic, its log group (which exists, kept as the template
            # says) and its role.
            logs = boto3.client("logs", region_name=stack.region)
            vpc = stack.value(p["ResourceId"], physical)
            found = boto3.client("ec2", region_name=stack.region).describe_flow_logs(
                Filters=[{"Name": "resource-id", "Values": [vpc]}])["FlowLogs"]
            group = stack.template["Resources"][p["LogGroupName"]["Ref"]]["Properties"]
            if len(found) != 1:
                problems.append(f"{when}: {stack.name}: VPC {vpc} has {len(found)} flow logs, the template 1")
            else:
                compare(f"{stack.name}: {logical}", {"TrafficType": p["TrafficType"], "LogGroupName": group["LogGroupName"],
                                                      "DeliverLogsPermissionArn": last(stack.value(p["DeliverLogsPermissionArn"], physical))},
                        found[0], problems, when)
            groups = logs.describe_log_groups(logGroupNamePrefix=group["LogGroupName"])["logGroups"]
            if len(groups) != 1:
                problems.append(f"{when}: {stack.name}: log group {group['LogGroupName']} not found")
            else:
                compare(f"{stack.name}: {p['LogGroupName']['Ref']}", {"retentionInDays": group["RetentionInDays"],
                        "kmsKeyId": last(stack.value(group.get("KmsKeyId"), physical))}, groups[0], problems, when)
        if r["Type"] == "AWS::RDS::DBCluster":
            identifier = p.get("DBClusterIdentifier")
            cluster = rds.describe_db_clusters(DBClusterIdentifier=identifier)["DBClusters"][0]
            expected = {"Engine": p.get("Engine"), "EngineVersion": p.get("EngineVersion"), "StorageEncrypted": p.get("StorageEncrypted"),
                        "BackupRetentionPeriod": p.get("BackupRetentionPeriod"), "KmsKeyId": last(stack.value(p.get("KmsKeyId"), physical))}
            compare(f"{stack.name}: {logical}", expected, cluster, problems, when)
            check_password(p, backend.clusters[identifier], "dbClusterIdentifier", cluster["Endpoint"], physical, secrets,
                           f"{when}: {stack.name}: {identifier}", problems)
            members = sorted(m["DBInstanceIdentifier"] for m in cluster.get("DBClusterMembers", []))
            wanted = sorted(x["Properties"]["DBInstanceIdentifier"] for x in stack.template["Resources"].values()
                            if x["Type"] == "AWS::RDS::DBInstance" and x["Properties"].get("DBClusterIdentifier") == {"Ref": logical})
            if members != wanted:
                problems.append(f"{when}: {stack.name}: cluster {identifier} has members {members}, the template {wanted}")


def check_password(properties, model, key, host, physical, secrets, what, problems):
    """A password given by dynamic reference to the stack's generated secret is the one the
    secret holds, and the secret names the database and its host (the target attachment)."""
    password = properties.get("MasterUserPassword")
    if not isinstance(password, dict):
        return
    secret_id = re.search(r"\$\{(\w+)\}", password["Fn::Sub"]).group(1)
    held = json.loads(secrets.get_secret_value(SecretId=physical[secret_id])["SecretString"])
    if model._master_user_password != held["password"]:  # no API returns it, as in AWS: moto's model keeps it
        problems.append(f"{what}: the password is not the one its secret holds")
    if held.get(key) != model_identifier(model) or held.get("host") != host:
        problems.append(f"{what}: the secret does not name the database and its host: {held.get(key)}, {held.get('host')}")


def model_identifier(model):
    return getattr(model, "db_cluster_identifier", None) if hasattr(model, "reader_endpoint") else model.db_instance_identifier


def compare(what, expected, reported, problems, when):
    for field, want in expected.items():
        if want is None:
            continue
        got = reported.get(field)
        if field in ("KmsKeyId", "kmsKeyId", "ReadReplicaSourceDBInstanceIdentifier", "DeliverLogsPermissionArn"):
            got = last(got)
        if got != want:
            problems.append(f"{when}: {what}: RDS reports {field} {got!r}, the template created it with {want!r}")


def region_of(spec):
    text = open(spec).read()
    m = re.search(r'^region:\s*"?([a-z0-9-]+)', text, re.M) or re.search(r'"region"\s*:\s*"([a-z0-9-]+)"', text)
    return m.group(1)


def deploy(binary, spec, root):
    work = os.path.join(root, os.path.basename(spec))
    os.makedirs(work)
    subprocess.run([binary, "compile", spec, "--target", "cloudformation", "-o", work], check=True, capture_output=True)
    home = region_of(spec)
    notes, problems, substitutions = [], [], {}
    # The home Region's template first: a cross-Region replica's names its source.
    paths = sorted((os.path.join(work, f) for f in os.listdir(work) if f.endswith(".template.json")), key=lambda f: f.count("."))
    stacks = []
    for path in paths:
        parts = os.path.basename(path).split(".")
        region = parts[1] if len(parts) == 4 else home
        text = users_account(open(path).read(), region, substitutions, notes)
        open(path, "w").write(text)
        template = json.loads(text)
        users_roles([role for r in template["Resources"].values() if r["Type"] == "AWS::IAM::ManagedPolicy"
                     for role in r["Properties"].get("Roles", []) if isinstance(role, str)], notes)
        stack = Stack(path, region)
        stack.cfn.create_stack(StackName=stack.name, TemplateBody=text, Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
        check_stack(stack, problems, "after create")
        stacks.append(stack)
    for stack in stacks:
        before = {d["DBInstanceIdentifier"]: d["DbiResourceId"] for d in boto3.client("rds", region_name=stack.region).describe_db_instances()["DBInstances"]}
        # The same template again, then a longer backup retention: in place, the same databases.
        for when, change in (("after an update with the same template", None), ("after an update of the backup retention", 30)):
            template = copy.deepcopy(stack.template)
            if change:
                for r in template["Resources"].values():
                    if r["Type"] in ("AWS::RDS::DBInstance", "AWS::RDS::DBCluster") and r["Properties"].get("BackupRetentionPeriod"):
                        r["Properties"]["BackupRetentionPeriod"] = change
            try:
                stack.cfn.update_stack(StackName=stack.name, TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
            except stack.cfn.exceptions.ClientError as error:
                if "No updates are to be performed" not in str(error):
                    raise
            stack.template = template
            check_stack(stack, problems, when)
            after = {d["DBInstanceIdentifier"]: d["DbiResourceId"] for d in boto3.client("rds", region_name=stack.region).describe_db_instances()["DBInstances"]}
            for identifier, resource_id in before.items():
                if after.get(identifier) != resource_id:
                    problems.append(f"{when}: {stack.name}: {identifier} was replaced")
    return stacks, problems, notes


def main():
    binary, specs = os.path.abspath(sys.argv[1]), sys.argv[2:]
    root = tempfile.mkdtemp()
    failed = 0
    try:
        for spec in specs:
            # Each spec in an account of its own (a fresh moto): nothing one leaves changes another.
            with mock_aws(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    stacks, problems, notes = deploy(binary, spec, root)
                except Exception as error:
                    stacks, problems, notes = [], [f"{type(error).__name__}: {str(error)[-1500:]}"], []
            failed += not report(spec, problems, notes, f"{len(stacks)} stack{'s' if len(stacks) != 1 else ''} created, read back and updated in place")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"CloudFormation stacks on moto: {len(specs) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
