"""What a change to a deployed database does: Sources/DBSpecCatalog/Data/changes.json, which
`dbspec diff` reads. build_catalog.py calls build(); nothing here is read at run time.

* CloudFormation: createOnlyProperties and conditionalCreateOnlyProperties of each resource
  type dbspec writes, read from the resource provider schemas cfn-lint ships (us-east-1). A
  conditionally create-only property that dbspec writes needs a decision below (CFN_CONDITIONAL),
  or the build fails.
* Terraform: the arguments of each resource type that force a new resource (ForceNew), which
  `terraform providers schema -json` does not carry. Transcribed from the hashicorp/aws
  provider's source: internal/service/rds/instance.go, cluster.go, cluster_instance.go,
  subnet_group.go, parameter_group.go, cluster_parameter_group.go, option_group.go;
  ec2/vpc_.go, vpc_subnet.go, vpc_security_group.go, vpc_security_group_ingress_rule.go,
  vpc_network_acl.go, vpc_network_acl_rule.go, vpc_network_acl_association.go; kms/key.go;
  secretsmanager/secret.go, secret_version.go; iam/role.go, policy.go, role_policy.go,
  role_policy_attachment.go; logs/group.go; ec2/vpc_flow_log.go. The sets are the same from 5.88.0 (dbspec's lowest supported
  version) to 6.x for every argument dbspec writes (../shared/reference/terraform.md 5.2).
* RDS: when each ModifyDBInstance / ModifyDBCluster parameter takes effect and what it does to a
  running database, from the RDS and Aurora User Guides.
"""
import json
import os

CFN_TYPES = [
    "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::FlowLog", "AWS::EC2::Subnet", "AWS::EC2::SubnetNetworkAclAssociation", "AWS::EC2::VPC", "AWS::IAM::ManagedPolicy",
    "AWS::IAM::Role", "AWS::KMS::Key", "AWS::Logs::LogGroup", "AWS::RDS::DBCluster", "AWS::RDS::DBClusterParameterGroup",
    "AWS::RDS::DBInstance", "AWS::RDS::DBParameterGroup", "AWS::RDS::DBSubnetGroup", "AWS::RDS::OptionGroup",
    "AWS::SecretsManager::Secret", "AWS::SecretsManager::SecretTargetAttachment",
]

# Conditionally create-only properties dbspec writes: each needs a decision in CFN_CONDITIONAL.
WRITTEN_CONDITIONAL = {
    "AWS::RDS::DBInstance": ["AutoMinorVersionUpgrade", "BackupRetentionPeriod", "DBParameterGroupName", "Engine", "MultiAZ",
                             "PerformanceInsightsKMSKeyId", "PreferredMaintenanceWindow", "SourceDBInstanceIdentifier"],
    "AWS::RDS::DBCluster": ["Engine", "MasterUsername"],
}

# How CloudFormation treats a change of a conditionally create-only property, the way dbspec
# writes it. Source: the property descriptions in the same schemas (the CloudFormation
# resource reference), and the RDS User Guide.
CFN_CONDITIONAL = {
    "AWS::RDS::DBInstance": {
        "AutoMinorVersionUpgrade": {"effect": "update", "why": "set in place (ModifyDBInstance)"},
        "BackupRetentionPeriod": {"effect": "update", "why": "set in place"},
        "DBParameterGroupName": {"effect": "update", "why": "associated in place; a group with static parameters makes CloudFormation reboot the instance"},
        "Engine": {"effect": "replace", "why": "only an Oracle non-CDB to CDB conversion is in place, and dbspec writes none"},
        "MultiAZ": {"effect": "update", "why": "converted in place for a DB instance (the condition concerns Multi-AZ DB clusters)"},
        "PerformanceInsightsKMSKeyId": {"effect": "replace", "why": "once Performance Insights is on with a key, another physical key needs a new DB instance; turning it on or off does not", "whenAddedOrRemoved": "update"},
        "PreferredMaintenanceWindow": {"effect": "update", "why": "updated in place, applied immediately"},
        "SourceDBInstanceIdentifier": {"effect": "replace", "why": "another source needs a new replica; removing the property promotes the replica in place", "whenAddedOrRemoved": "update"},
    },
    "AWS::RDS::DBCluster": {
        "Engine": {"effect": "replace", "why": "dbspec writes no in-place engine conversion"},
        "MasterUsername": {"effect": "replace", "why": "the master user is fixed at creation (the condition concerns global and restored clusters)"},
    },
}

# The property that gives a resource a custom name. CloudFormation cannot replace a resource
# with a custom name: an update that needs a replacement fails and rolls back ("Name type",
# CloudFormation User Guide: "If you specify a name, you can't perform updates that require
# replacement of this resource").
CFN_NAME_PROPERTY = {
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName", "AWS::IAM::Role": "RoleName", "AWS::Logs::LogGroup": "LogGroupName", "AWS::RDS::DBCluster": "DBClusterIdentifier",
    "AWS::RDS::DBClusterParameterGroup": "DBClusterParameterGroupName", "AWS::RDS::DBInstance": "DBInstanceIdentifier",
    "AWS::RDS::DBParameterGroup": "DBParameterGroupName", "AWS::RDS::DBSubnetGroup": "DBSubnetGroupName",
    "AWS::RDS::OptionGroup": "OptionGroupName", "AWS::EC2::SecurityGroup": "GroupName", "AWS::SecretsManager::Secret": "Name",
}

TF_FORCE_NEW = {
    # logs/group.go.
    "aws_cloudwatch_log_group": ["log_group_class", "name", "name_prefix"],
    # ec2/vpc_flow_log.go: EC2 has no call that changes a flow log (only its tags), so every
    # other argument forces a new one.
    "aws_flow_log": ["deliver_cross_account_role", "destination_options", "eni_id", "iam_role_arn", "log_destination",
                     "log_destination_type", "log_format", "log_group_name", "max_aggregation_interval", "subnet_id", "traffic_type",
                     "transit_gateway_attachment_id", "transit_gateway_id", "vpc_id"],
    # iam/role_policy.go.
    "aws_iam_role_policy": ["name", "name_prefix", "role"],
    "aws_db_instance": ["availability_zone", "backup_target", "character_set_name", "custom_iam_instance_profile", "db_name", "engine",
                        "kms_key_id", "nchar_character_set_name", "restore_to_point_in_time", "s3_import", "snapshot_identifier",
                        "storage_encrypted", "timezone", "username"],
    "aws_db_option_group": ["engine_name", "major_engine_version", "name", "name_prefix", "option_group_description"],
    "aws_default_security_group": ["vpc_id"],
    "aws_db_parameter_group": ["description", "family", "name", "name_prefix"],
    "aws_db_subnet_group": ["name", "name_prefix"],
    "aws_iam_policy": ["description", "name", "name_prefix", "path"],
    "aws_iam_role": ["name", "name_prefix", "path"],
    "aws_iam_role_policy_attachment": ["policy_arn", "role"],
    "aws_kms_key": ["custom_key_store_id", "customer_master_key_spec", "key_usage", "multi_region", "xks_key_id"],
    "aws_network_acl": ["vpc_id"],
    "aws_network_acl_association": ["network_acl_id", "subnet_id"],
    "aws_network_acl_rule": ["cidr_block", "egress", "from_port", "network_acl_id", "protocol", "rule_action", "rule_number", "to_port"],
    "aws_rds_cluster": ["availability_zones", "cluster_identifier", "cluster_identifier_prefix", "cluster_scalability_type", "database_name",
                        "db_subnet_group_name", "db_system_id", "engine", "engine_mode", "kms_key_id", "master_username",
                        "restore_to_point_in_time", "s3_import", "snapshot_identifier", "source_region", "storage_encrypted"],
    "aws_rds_cluster_instance": ["availability_zone", "cluster_identifier", "custom_iam_instance_profile", "db_subnet_group_name", "engine",
                                 "identifier", "identifier_prefix"],
    "aws_rds_cluster_parameter_group": ["description", "family", "name", "name_prefix"],
    "aws_secretsmanager_secret": ["name", "name_prefix"],
    "aws_secretsmanager_secret_version": ["secret_id"],
    "aws_security_group": ["description", "name", "name_prefix", "vpc_id"],
    "aws_subnet": ["availability_zone", "availability_zone_id", "cidr_block", "ipv4_ipam_pool_id", "ipv4_netmask_length", "outpost_arn", "vpc_id"],
    "aws_vpc": ["cidr_block", "ipv4_ipam_pool_id", "ipv4_netmask_length"],
    "aws_vpc_security_group_ingress_rule": ["security_group_id"],
}

# Write-only arguments: never stored in state and never compared; only their version is.
TF_WRITE_ONLY = {
    "aws_db_instance": ["password_wo"],
    "aws_rds_cluster": ["master_password_wo"],
    "aws_secretsmanager_secret_version": ["secret_string_wo"],
}

# Arguments that are optional and computed: when the configuration stops setting one, Terraform
# keeps the value in state and plans no change. From `terraform providers schema -json` of
# hashicorp/aws 5.100.0 (the offline mirror of scripts/test-terraform.sh), attributes with
# "optional" and "computed"; `id` and `tags_all` left out. To re-read: init a folder that
# requires the provider, run `terraform providers schema -json`, and keep for each type below
# the attributes whose optional and computed are both true.
TF_OPTIONAL_COMPUTED = {
    "aws_cloudwatch_log_group": ["log_group_class", "name", "name_prefix"],
    "aws_flow_log": ["log_destination", "log_format", "log_group_name"],
    "aws_iam_role_policy": ["name", "name_prefix"],
    "aws_db_instance": ["allocated_storage", "availability_zone", "backup_retention_period", "backup_target", "backup_window", "ca_cert_identifier", "character_set_name", "database_insights_mode", "db_name", "db_subnet_group_name", "domain_fqdn", "engine", "engine_lifecycle_support", "engine_version", "identifier", "identifier_prefix", "iops", "kms_key_id", "license_model", "maintenance_window", "master_user_secret_kms_key_id", "monitoring_role_arn", "multi_az", "nchar_character_set_name", "network_type", "option_group_name", "parameter_group_name", "performance_insights_kms_key_id", "performance_insights_retention_period", "port", "replica_mode", "snapshot_identifier", "storage_throughput", "storage_type", "timezone", "username", "vpc_security_group_ids"],
    "aws_db_option_group": ["name", "name_prefix"],
    "aws_default_security_group": ["egress", "ingress", "vpc_id"],
    "aws_db_parameter_group": ["name", "name_prefix"],
    "aws_db_subnet_group": ["name", "name_prefix"],
    "aws_iam_policy": ["name", "name_prefix"],
    "aws_iam_role": ["managed_policy_arns", "name", "name_prefix"],
    "aws_iam_role_policy_attachment": [],
    "aws_kms_key": ["description", "multi_region", "policy", "rotation_period_in_days"],
    "aws_network_acl": ["egress", "ingress", "subnet_ids"],
    "aws_network_acl_association": [],
    "aws_network_acl_rule": [],
    "aws_rds_cluster": ["allocated_storage", "apply_immediately", "availability_zones", "backup_retention_period", "ca_certificate_identifier", "cluster_identifier", "cluster_identifier_prefix", "cluster_members", "cluster_scalability_type", "database_insights_mode", "database_name", "db_cluster_parameter_group_name", "db_subnet_group_name", "db_system_id", "engine_lifecycle_support", "engine_version", "iam_roles", "kms_key_id", "master_user_secret_kms_key_id", "master_username", "monitoring_interval", "monitoring_role_arn", "network_type", "performance_insights_kms_key_id", "performance_insights_retention_period", "port", "preferred_backup_window", "preferred_maintenance_window", "storage_encrypted", "storage_type", "vpc_security_group_ids"],
    "aws_rds_cluster_instance": ["apply_immediately", "availability_zone", "ca_cert_identifier", "db_parameter_group_name", "db_subnet_group_name", "engine_version", "identifier", "identifier_prefix", "monitoring_role_arn", "performance_insights_enabled", "performance_insights_kms_key_id", "performance_insights_retention_period", "preferred_backup_window", "preferred_maintenance_window", "publicly_accessible"],
    "aws_rds_cluster_parameter_group": ["name", "name_prefix"],
    "aws_secretsmanager_secret": ["name", "name_prefix", "policy"],
    "aws_secretsmanager_secret_version": ["version_stages"],
    "aws_security_group": ["egress", "ingress", "name", "name_prefix", "vpc_id"],
    "aws_subnet": ["availability_zone", "availability_zone_id", "private_dns_hostname_type_on_launch"],
    "aws_vpc": ["cidr_block", "enable_dns_hostnames", "enable_network_address_usage_metrics", "ipv6_cidr_block", "ipv6_cidr_block_network_border_group"],
    "aws_vpc_security_group_ingress_rule": [],
}


# Resource types of a global service: a provider configured for any Region reads and changes
# the same resource, so moving a spec to another Region does not recreate them (IAM is global:
# IAM User Guide, "IAM is a global service"; the provider's IAM resources have no Region).
TF_GLOBAL = ["aws_iam_policy", "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment"]


# Arguments whose change replaces only under a condition.
TF_CONDITIONAL = {
    "aws_db_instance": {
        # resourceInstanceUpdate: an empty value promotes the replica (PromoteReadReplica);
        # another value fails the apply with "cannot elect new source database for replication".
        "replicate_source_db": {"effect": "update",
                                "why": "removing it promotes the replica in place",
                                "note": "Terraform plans it in place, then the apply fails: the provider \"cannot elect new source database for replication\"; "
                                        "remove the replica and add it again under its new source"},
    },
}

# Which RDS API parameter a target's property sets. CloudFormation's DB instance and cluster
# properties are named after the API's parameters except these.
RDS_PARAMETER_OF = {
    "AWS::RDS::DBInstance": {"Port": "DBPortNumber", "VPCSecurityGroups": "VpcSecurityGroupIds",
                             "EnableCloudwatchLogsExports": "CloudwatchLogsExportConfiguration",
                             "DBInstanceIdentifier": "NewDBInstanceIdentifier"},
    "AWS::RDS::DBCluster": {"EnableCloudwatchLogsExports": "CloudwatchLogsExportConfiguration",
                            "ServerlessV2ScalingConfiguration": "ServerlessV2ScalingConfiguration"},
    "aws_db_instance": {
        "allocated_storage": "AllocatedStorage", "auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
        "backup_retention_period": "BackupRetentionPeriod", "backup_window": "PreferredBackupWindow",
        "copy_tags_to_snapshot": "CopyTagsToSnapshot", "db_subnet_group_name": "DBSubnetGroupName",
        "deletion_protection": "DeletionProtection", "enabled_cloudwatch_logs_exports": "CloudwatchLogsExportConfiguration",
        "engine_version": "EngineVersion", "iam_database_authentication_enabled": "EnableIAMDatabaseAuthentication",
        "identifier": "NewDBInstanceIdentifier", "instance_class": "DBInstanceClass", "iops": "Iops", "license_model": "LicenseModel",
        "maintenance_window": "PreferredMaintenanceWindow", "max_allocated_storage": "MaxAllocatedStorage",
        "monitoring_interval": "MonitoringInterval", "monitoring_role_arn": "MonitoringRoleArn", "multi_az": "MultiAZ",
        "option_group_name": "OptionGroupName", "parameter_group_name": "DBParameterGroupName",
        "password_wo_version": "MasterUserPassword", "manage_master_user_password": "ManageMasterUserPassword",
        "master_user_secret_kms_key_id": "MasterUserSecretKmsKeyId",
        "performance_insights_enabled": "EnablePerformanceInsights", "performance_insights_kms_key_id": "PerformanceInsightsKMSKeyId",
        "performance_insights_retention_period": "PerformanceInsightsRetentionPeriod", "port": "DBPortNumber",
        "publicly_accessible": "PubliclyAccessible", "replica_mode": "ReplicaMode", "storage_throughput": "StorageThroughput",
        "storage_type": "StorageType", "vpc_security_group_ids": "VpcSecurityGroupIds",
    },
    "aws_rds_cluster": {
        "backtrack_window": "BacktrackWindow", "backup_retention_period": "BackupRetentionPeriod",
        "copy_tags_to_snapshot": "CopyTagsToSnapshot", "db_cluster_parameter_group_name": "DBClusterParameterGroupName",
        "deletion_protection": "DeletionProtection", "enabled_cloudwatch_logs_exports": "CloudwatchLogsExportConfiguration",
        "engine_version": "EngineVersion", "iam_database_authentication_enabled": "EnableIAMDatabaseAuthentication",
        "manage_master_user_password": "ManageMasterUserPassword", "master_password_wo_version": "MasterUserPassword",
        "master_user_secret_kms_key_id": "MasterUserSecretKmsKeyId", "port": "Port",
        "preferred_backup_window": "PreferredBackupWindow", "preferred_maintenance_window": "PreferredMaintenanceWindow",
        "serverlessv2_scaling_configuration": "ServerlessV2ScalingConfiguration", "storage_type": "StorageType",
        "vpc_security_group_ids": "VpcSecurityGroupIds",
    },
    "aws_rds_cluster_instance": {
        "auto_minor_version_upgrade": "AutoMinorVersionUpgrade", "instance_class": "DBInstanceClass",
        "monitoring_interval": "MonitoringInterval", "monitoring_role_arn": "MonitoringRoleArn",
        "performance_insights_enabled": "EnablePerformanceInsights", "performance_insights_kms_key_id": "PerformanceInsightsKMSKeyId",
        "performance_insights_retention_period": "PerformanceInsightsRetentionPeriod",
        "preferred_maintenance_window": "PreferredMaintenanceWindow", "promotion_tier": "PromotionTier",
        "publicly_accessible": "PubliclyAccessible",
    },
}

# What a modification does to a running DB instance: when it happens ("window": at the next
# maintenance window unless applied immediately; "immediately": at once whatever
# ApplyImmediately says; "asynchronous": as soon as possible), and the interruption: "none",
# "outage" (the database is unavailable for a while), "reboot" (RDS restarts it at once),
# "pending-reboot" (takes effect at the next reboot). Source: RDS User Guide, Settings for DB
# instances (Overview.DBInstance.Modifying, read as published in awsdocs/amazon-rds-user-guide).
RDS_INSTANCE_MODIFY = {
    "AllocatedStorage": ("window", "none", "performance might be degraded during the change"),
    "AutoMinorVersionUpgrade": ("immediately", "none", ""),
    "BackupRetentionPeriod": ("window", "none", "downtime occurs when it changes from 0 to a non-zero value or back"),
    "CloudwatchLogsExportConfiguration": ("immediately", "none", ""),
    "CopyTagsToSnapshot": ("immediately", "none", ""),
    "DBInstanceClass": ("window", "outage", "downtime occurs; Multi-AZ shortens it to a failover"),
    "DBParameterGroupName": ("immediately", "pending-reboot", "the new group's parameters take effect after the next reboot"),
    "DBPortNumber": ("immediately", "reboot", "the DB instance is rebooted immediately"),
    "DBSubnetGroupName": ("window", "outage", "downtime occurs; the new subnet group must be in another VPC"),
    "DeletionProtection": ("immediately", "none", ""),
    "EnableIAMDatabaseAuthentication": ("window", "none", ""),
    "EnablePerformanceInsights": ("immediately", "none", ""),
    "EngineVersion": ("window", "outage", "downtime occurs during the upgrade"),
    "Iops": ("window", "none", ""),
    "LicenseModel": ("window", "outage", "downtime occurs during this change"),
    "ManageMasterUserPassword": ("asynchronous", "none", ""),
    "MasterUserPassword": ("asynchronous", "none", ""),
    "MasterUserSecretKmsKeyId": ("asynchronous", "none", ""),
    "MaxAllocatedStorage": ("immediately", "none", ""),
    "MonitoringInterval": ("immediately", "none", ""),
    "MonitoringRoleArn": ("immediately", "none", ""),
    "MultiAZ": ("window", "none", "no downtime; performance may suffer while the standby is built"),
    "NewDBInstanceIdentifier": ("window", "outage", "downtime occurs, and the endpoint's DNS name changes"),
    "OptionGroupName": ("window", "none", ""),
    "PerformanceInsightsKMSKeyId": ("immediately", "none", ""),
    "PerformanceInsightsRetentionPeriod": ("immediately", "none", ""),
    "PreferredBackupWindow": ("asynchronous", "none", ""),
    "PreferredMaintenanceWindow": ("immediately", "none", "pending changes that need downtime run at once if the new window includes the current time"),
    "PubliclyAccessible": ("immediately", "none", ""),
    "ReplicaMode": ("immediately", "outage", "the replica restarts in the new mode"),
    "StorageThroughput": ("window", "none", ""),
    "StorageType": ("window", "outage", "a brief downtime while the change starts; the database is usable while it completes"),
    "VpcSecurityGroupIds": ("asynchronous", "none", ""),
}

# "Downtime occurs if you change from 0 to a nonzero value, or from a nonzero value to 0" (the
# same table, Backup retention period). Aurora clusters cannot turn backups off.
ZERO_CROSSING = {"BackupRetentionPeriod": {"interruptionWhenZeroCrossed": "outage"}}

# The same for an Aurora DB cluster and its instances. Source: Aurora User Guide, Settings for
# Amazon Aurora (Aurora.Modifying).
RDS_CLUSTER_MODIFY = {
    "AutoMinorVersionUpgrade": ("immediately", "none", ""),
    "BacktrackWindow": ("immediately", "none", ""),
    "BackupRetentionPeriod": ("asynchronous", "none", ""),
    "CloudwatchLogsExportConfiguration": ("immediately", "none", ""),
    "CopyTagsToSnapshot": ("immediately", "none", ""),
    "DBClusterParameterGroupName": ("immediately", "pending-reboot", "the group's parameters take effect after each instance reboots"),
    "DBInstanceClass": ("window", "outage", "the instance restarts on the new class; a reader takes over when the writer changes"),
    "DeletionProtection": ("immediately", "none", ""),
    "EnableIAMDatabaseAuthentication": ("window", "none", ""),
    "EnablePerformanceInsights": ("immediately", "none", ""),
    "EngineVersion": ("window", "outage", "every instance of the cluster is upgraded at once"),
    "ManageMasterUserPassword": ("asynchronous", "none", ""),
    "MasterUserPassword": ("asynchronous", "none", ""),
    "MasterUserSecretKmsKeyId": ("asynchronous", "none", ""),
    "MonitoringInterval": ("immediately", "none", ""),
    "MonitoringRoleArn": ("immediately", "none", ""),
    "PerformanceInsightsKMSKeyId": ("immediately", "none", ""),
    "PerformanceInsightsRetentionPeriod": ("immediately", "none", ""),
    "Port": ("immediately", "reboot", "every instance of the cluster is rebooted immediately"),
    "PreferredBackupWindow": ("asynchronous", "none", ""),
    "PreferredMaintenanceWindow": ("immediately", "none", ""),
    "PromotionTier": ("immediately", "none", ""),
    "PubliclyAccessible": ("immediately", "none", ""),
    "ServerlessV2ScalingConfiguration": ("immediately", "none", ""),
    "StorageType": ("window", "none", "switching between Aurora Standard and I/O-Optimized is in place"),
    "VpcSecurityGroupIds": ("asynchronous", "none", ""),
}


# How to avoid a replacement, by the property that causes it (both targets' spellings). Sources:
# RDS User Guide, Limitations of Amazon RDS encrypted DB instances ("You can't turn off
# encryption on an encrypted DB instance", "You can't encrypt an existing unencrypted DB
# instance. Instead, create a snapshot, copy it encrypted, restore"); CreateDBInstance
# (MasterUsername, DBName, CharacterSetName and Timezone are set at creation only).
_ENCRYPTION = ("RDS cannot encrypt, decrypt or re-key a DB instance in place: snapshot it, copy the snapshot with the new key, "
               "and restore the copy (a new database) before switching over")
ADVICE = {
    "KmsKeyId": _ENCRYPTION, "kms_key_id": _ENCRYPTION, "StorageEncrypted": _ENCRYPTION, "storage_encrypted": _ENCRYPTION,
    "MasterUsername": "the master user is fixed at creation: keep the old name and create other users in SQL",
    "username": "the master user is fixed at creation: keep the old name and create other users in SQL",
    "master_username": "the master user is fixed at creation: keep the old name and create other users in SQL",
    "DBName": "the initial database is created once: keep the old value and CREATE DATABASE in SQL",
    "db_name": "the initial database is created once: keep the old value and CREATE DATABASE in SQL",
    "DatabaseName": "the initial database is created once: keep the old value and CREATE DATABASE in SQL",
    "database_name": "the initial database is created once: keep the old value and CREATE DATABASE in SQL",
    "CharacterSetName": "the character set is fixed at creation: migrate into a new database instead",
    "character_set_name": "the character set is fixed at creation: migrate into a new database instead",
    "Timezone": "the time zone is fixed at creation: migrate into a new database instead",
    "timezone": "the time zone is fixed at creation: migrate into a new database instead",
    "Engine": "an engine cannot be converted: migrate the data (AWS DMS, a dump) into a new database",
    "engine": "an engine cannot be converted: migrate the data (AWS DMS, a dump) into a new database",
    "DBSubnetGroupName": "CloudFormation replaces a DB instance for another subnet group; keep the subnet group and change its subnets, or move the instance outside CloudFormation and import it",
    "DBInstanceIdentifier": "CloudFormation treats a new identifier as a new database; Terraform renames in place",
    "DBClusterIdentifier": "a new cluster identifier is a new cluster for both targets",
    "cluster_identifier": "a new cluster identifier is a new cluster for both targets",
}


def build(retrieved, cfn_version):
    import cfnlint
    base = os.path.join(os.path.dirname(cfnlint.__file__), "data/schemas")
    index = json.load(open(os.path.join(base, "providers/us-east-1.json")))
    top = lambda props: sorted(p.split("/")[2] for p in props or [] if p.count("/") == 2)
    cfn = {}
    for t in CFN_TYPES:
        schema = json.load(open(os.path.join(base, "resources", index[t] + ".json")))
        entry = {"createOnly": top(schema.get("createOnlyProperties")),
                 "conditionalCreateOnly": top(schema.get("conditionalCreateOnlyProperties"))}
        decided = CFN_CONDITIONAL.get(t, {})
        undecided = [p for p in WRITTEN_CONDITIONAL.get(t, []) if p in entry["conditionalCreateOnly"] and p not in decided]
        if undecided:
            raise SystemExit(f"{t}: conditionally create-only properties dbspec writes have no decision: {undecided}")
        entry["conditional"] = {p: v for p, v in sorted(decided.items()) if p in entry["conditionalCreateOnly"]}
        if t in CFN_NAME_PROPERTY:
            entry["nameProperty"] = CFN_NAME_PROPERTY[t]
        cfn[t] = entry
    modify = lambda table: {k: {"when": w, "interruption": d, **({"note": n} if n else {}), **ZERO_CROSSING.get(k, {})}
                            for k, (w, d, n) in sorted(table.items())}
    return {
        "format": 1,
        "retrieved": retrieved,
        "sources": [
            {"what": "cloudformation nameProperty: the property that names a resource; CloudFormation cannot replace a resource it names",
             "from": "CloudFormation User Guide, Name type: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html"},
            {"what": "cloudformation: properties whose change replaces the resource (createOnly) or may (conditionalCreateOnly; conditional holds dbspec's reading)",
             "from": f"the resource provider schemas shipped in cfn-lint {cfn_version} (data/schemas, us-east-1) and their property descriptions"},
            {"what": "terraform optionalComputed: arguments Terraform keeps in state when the configuration drops them",
             "from": "terraform providers schema -json, hashicorp/aws 5.100.0 (optional and computed attributes)"},
            {"what": "terraform: arguments that force a new resource (forceNew), write-only arguments, conditional ones",
             "from": "hashicorp/terraform-provider-aws source (ForceNew, WriteOnly, CustomizeDiff; internal/service/rds, ec2, kms, secretsmanager, iam), the same from 5.88.0 to 6.x for every argument dbspec writes"},
            {"what": "instanceModify: when a DB instance modification takes effect and the interruption it causes",
             "from": "RDS User Guide, Settings for DB instances: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.DBInstance.Modifying.html#USER_ModifyInstance.Settings"},
            {"what": "clusterModify: the same for Aurora DB clusters and their instances",
             "from": "Aurora User Guide, Settings for Amazon Aurora: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Modifying.html#Aurora.Modifying.Settings"},
        ],
        "cloudformation": cfn,
        "terraform": {t: {"forceNew": sorted(v), "writeOnly": sorted(TF_WRITE_ONLY.get(t, [])),
                          "optionalComputed": TF_OPTIONAL_COMPUTED.get(t, []), "global": t in TF_GLOBAL,
                          "conditional": TF_CONDITIONAL.get(t, {})} for t, v in sorted(TF_FORCE_NEW.items())},
        "rdsParameterOf": RDS_PARAMETER_OF,
        "advice": ADVICE,
        "instanceModify": modify(RDS_INSTANCE_MODIFY),
        "clusterModify": modify(RDS_CLUSTER_MODIFY),
    }
