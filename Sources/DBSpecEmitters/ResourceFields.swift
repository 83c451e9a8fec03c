import DBSpecLowering

/// The fields of the network and logging resources that both targets spell field by field, in
/// the order Terraform writes them. Tags, and what one target adds of its own (Terraform's
/// `aws_default_security_group` beside a VPC, each target's egress rule on a security group),
/// are written apart from these, and so are documents and lists whose shape differs by target
/// (key and IAM policies, built once in `IAMDocument`; parameters; options): `docs/parity.md`
/// says how.
public enum ResourceFields {
    /// A VPC: `AWS::EC2::VPC`, `aws_vpc`.
    public static let network: [FieldMapping<NetworkSpace>] = [
        FieldMapping("`network.vpc.cidr`", cloudFormation: "CidrBlock", terraform: "cidr_block", appliesTo: "VPC") {
            .text($0.cidr)
        },
        FieldMapping("(always `true`: RDS endpoints are DNS names)", cloudFormation: "EnableDnsHostnames", terraform: "enable_dns_hostnames", appliesTo: "VPC")
        {
            _ in .flag(true)
        },
        FieldMapping("(always `true`)", cloudFormation: "EnableDnsSupport", terraform: "enable_dns_support", appliesTo: "VPC") { _ in .flag(true) },
    ]

    /// A private subnet of a new VPC: `AWS::EC2::Subnet`, `aws_subnet`.
    public static let subnet: [FieldMapping<Subnet>] = [
        FieldMapping("(the new VPC)", cloudFormation: "VpcId", terraform: "vpc_id", appliesTo: "subnet") { .value($0.network) },
        FieldMapping(
            "`network.vpc.cidr` (the Nth range 4 bits longer, at most a /28)", cloudFormation: "CidrBlock", terraform: "cidr_block",
            appliesTo: "subnet"
        ) { .text($0.cidr) },
        FieldMapping(
            "`network.vpc.azs` (the Region's Nth available zone: `Fn::GetAZs`, the `aws_availability_zones` data source)",
            cloudFormation: "AvailabilityZone", terraform: "availability_zone", appliesTo: "subnet", compared: false
        ) { if case .index(let i) = $0.zone { .availabilityZone(index: i) } else { nil } },
        FieldMapping("`network.vpc.zones`", cloudFormation: "AvailabilityZoneId", terraform: "availability_zone_id", appliesTo: "subnet") {
            if case .id(let id) = $0.zone { .text(id) } else { nil }
        },
        FieldMapping(
            "(always `false`: the subnets are private)", cloudFormation: "MapPublicIpOnLaunch", terraform: "map_public_ip_on_launch",
            appliesTo: "subnet"
        ) { _ in .flag(false) },
    ]

    /// The database's security group: `AWS::EC2::SecurityGroup`, `aws_security_group`. Its
    /// egress is each target's own: AWS's allow-all rule stays in CloudFormation unless a rule
    /// that matches nothing replaces it, and the provider removes it unless it is written.
    public static let firewall: [FieldMapping<Firewall>] = [
        FieldMapping("(says whose it is and its port)", cloudFormation: "GroupDescription", terraform: "description", appliesTo: "security group") {
            .text($0.summary)
        },
        FieldMapping("`network.vpc`", cloudFormation: "VpcId", terraform: "vpc_id", appliesTo: "security group") { .value($0.network) },
    ]

    /// An inbound rule on the database port: `AWS::EC2::SecurityGroupIngress`,
    /// `aws_vpc_security_group_ingress_rule`.
    public static let firewallRule: [FieldMapping<FirewallRule>] = [
        FieldMapping("(the database's security group)", cloudFormation: "GroupId", terraform: "security_group_id", appliesTo: "allow rule") {
            .value($0.firewall)
        },
        FieldMapping("(always `tcp`)", cloudFormation: "IpProtocol", terraform: "ip_protocol", appliesTo: "allow rule") { _ in .text("tcp") },
        FieldMapping("`database.port` (default: the engine's)", cloudFormation: "FromPort", terraform: "from_port", appliesTo: "allow rule") {
            .number($0.port)
        },
        FieldMapping("`database.port` (default: the engine's)", cloudFormation: "ToPort", terraform: "to_port", appliesTo: "allow rule") {
            .number($0.port)
        },
        FieldMapping(
            "`network.allow[].description` (default: the clients it names)", cloudFormation: "Description", terraform: "description",
            appliesTo: "allow rule"
        ) { .text($0.summary) },
        FieldMapping("`network.allow[].cidr`", cloudFormation: "CidrIp", terraform: "cidr_ipv4", appliesTo: "allow rule") {
            if case .cidr(let c) = $0.source { .text(c) } else { nil }
        },
        FieldMapping(
            "`network.allow[].securityGroup`", cloudFormation: "SourceSecurityGroupId", terraform: "referenced_security_group_id",
            appliesTo: "allow rule"
        ) { if case .securityGroup(let g) = $0.source { .text(g) } else { nil } },
    ]

    /// A network ACL: `AWS::EC2::NetworkAcl`, `aws_network_acl`.
    public static let networkACL: [FieldMapping<NetworkACL>] = [
        FieldMapping("`network.acl` (the new VPC)", cloudFormation: "VpcId", terraform: "vpc_id", appliesTo: "network ACL") { .value($0.network) }
    ]

    /// A rule of the network ACL: `AWS::EC2::NetworkAclEntry`, `aws_network_acl_rule`.
    public static let networkACLRule: [FieldMapping<NetworkACLRule>] = [
        FieldMapping("`network.acl`", cloudFormation: "NetworkAclId", terraform: "network_acl_id", appliesTo: "ACL rule") { .value($0.acl) },
        FieldMapping(
            "(90 for the VPC's own range, then 100, 110, … for the allowed ranges)", cloudFormation: "RuleNumber", terraform: "rule_number",
            appliesTo: "ACL rule"
        ) { .number($0.number) },
        FieldMapping(
            "(each range has an inbound rule and an outbound one for the replies)", cloudFormation: "Egress", terraform: "egress", appliesTo: "ACL rule"
        ) {
            .flag($0.egress)
        },
        FieldMapping(
            "(always TCP: the number 6 in CloudFormation, `tcp` in Terraform)", cloudFormation: Spelling("Protocol", protocolAsNumber: true),
            terraform: "protocol", appliesTo: "ACL rule", compared: false
        ) { _ in .ipProtocol(.tcp) },
        FieldMapping("(always `allow`)", cloudFormation: "RuleAction", terraform: "rule_action", appliesTo: "ACL rule") { _ in .text("allow") },
        FieldMapping("`network.allow[].cidr`, `network.vpc.cidr`", cloudFormation: "CidrBlock", terraform: "cidr_block", appliesTo: "ACL rule") {
            .text($0.cidr)
        },
        FieldMapping(
            "`database.port` in, the ephemeral ports (1024 to 65535) out; every port within the VPC", cloudFormation: "PortRange.From",
            terraform: "from_port", appliesTo: "ACL rule"
        ) { .number($0.ports.lowerBound) },
        FieldMapping("(as above)", cloudFormation: "PortRange.To", terraform: "to_port", appliesTo: "ACL rule") { .number($0.ports.upperBound) },
    ]

    /// A network ACL on a subnet: `AWS::EC2::SubnetNetworkAclAssociation`,
    /// `aws_network_acl_association`.
    public static let networkACLAssociation: [FieldMapping<NetworkACLAssociation>] = [
        FieldMapping("`network.acl`", cloudFormation: "NetworkAclId", terraform: "network_acl_id", appliesTo: "ACL association") {
            .value($0.acl)
        },
        FieldMapping("(each database subnet)", cloudFormation: "SubnetId", terraform: "subnet_id", appliesTo: "ACL association") {
            .value($0.subnet)
        },
    ]

    /// A DB subnet group: `AWS::RDS::DBSubnetGroup`, `aws_db_subnet_group`.
    public static let subnetGroup: [FieldMapping<SubnetGroup>] = [
        FieldMapping("(says whose it is)", cloudFormation: "DBSubnetGroupDescription", terraform: "description", appliesTo: "subnet group") {
            .text($0.summary)
        },
        FieldMapping(
            "`network.vpc` (the new subnets) or `network.vpc.subnets`", cloudFormation: "SubnetIds", terraform: "subnet_ids",
            appliesTo: "subnet group"
        ) { .values($0.subnets) },
    ]

    /// A CloudWatch Logs group: `AWS::Logs::LogGroup`, `aws_cloudwatch_log_group`.
    public static let logGroup: [FieldMapping<LogGroup>] = [
        FieldMapping("`network.vpc.flowLogs` (`/dbspec/NAME/vpc-flow-logs`)", cloudFormation: "LogGroupName", terraform: "name", appliesTo: "log group") {
            .text($0.name)
        },
        FieldMapping("(365 days)", cloudFormation: "RetentionInDays", terraform: "retention_in_days", appliesTo: "log group") {
            .number($0.retentionDays)
        },
        FieldMapping(
            "`database.encryption.kmsKey: create` (the created key; none for a key the spec names)", cloudFormation: "KmsKeyId",
            terraform: "kms_key_id", appliesTo: "log group"
        ) { $0.encryptionKey.map(FieldValue.value) },
    ]

    /// A VPC's flow log: `AWS::EC2::FlowLog`, `aws_flow_log`.
    public static let flowLog: [FieldMapping<FlowLog>] = [
        FieldMapping("(the new VPC)", cloudFormation: "ResourceId", terraform: "vpc_id", appliesTo: "flow log") { .value($0.network) },
        FieldMapping("(Terraform's `vpc_id` says it)", cloudFormation: "ResourceType", terraform: nil, appliesTo: "flow log") { _ in .text("VPC") },
        FieldMapping("`network.vpc.flowLogs`", cloudFormation: "TrafficType", terraform: "traffic_type", appliesTo: "flow log") { .text($0.traffic) },
        FieldMapping("(always CloudWatch Logs)", cloudFormation: "LogDestinationType", terraform: "log_destination_type", appliesTo: "flow log") {
            _ in .text("cloud-watch-logs")
        },
        FieldMapping(
            "(the log group: its name in CloudFormation, its ARN in Terraform, where `log_group_name` is deprecated)",
            cloudFormation: "LogGroupName", terraform: Spelling("log_destination", attribute: .arn), appliesTo: "flow log", compared: false
        ) { .value($0.logGroup) },
        FieldMapping("(the role the flow logs service assumes)", cloudFormation: "DeliverLogsPermissionArn", terraform: "iam_role_arn", appliesTo: "flow log") {
            .value($0.role)
        },
    ]

    // MARK: Keys, secrets, roles and groups: their scalar fields. Their documents (key and IAM
    // policies, `IAMDocument`) and lists (parameters, options) follow each target's shape and
    // are written by each emitter.

    /// A customer managed KMS key: `AWS::KMS::Key`, `aws_kms_key`.
    public static let encryptionKey: [FieldMapping<EncryptionKey>] = [
        FieldMapping("(says whose it is)", cloudFormation: "Description", terraform: "description", appliesTo: "KMS key") { .text($0.summary) },
        FieldMapping("(always `true`: yearly rotation)", cloudFormation: "EnableKeyRotation", terraform: "enable_key_rotation", appliesTo: "KMS key") {
            _ in .flag(true)
        },
        FieldMapping(
            "(the days KMS waits before it deletes the key)", cloudFormation: "PendingWindowInDays", terraform: "deletion_window_in_days",
            appliesTo: "KMS key"
        ) { .number($0.deletionWindowDays) },
    ]

    /// A secret that holds a generated password: `AWS::SecretsManager::Secret`,
    /// `aws_secretsmanager_secret`.
    public static let generatedSecret: [FieldMapping<GeneratedSecret>] = [
        FieldMapping("(says whose it is)", cloudFormation: "Description", terraform: "description", appliesTo: "secret") { .text($0.summary) },
        FieldMapping("`database.encryption.kmsKey`", cloudFormation: "KmsKeyId", terraform: "kms_key_id", appliesTo: "secret") {
            $0.encryptionKey.map(FieldValue.value)
        },
    ]

    /// The Enhanced Monitoring role: `AWS::IAM::Role`, `aws_iam_role`.
    public static let monitoringRole: [FieldMapping<MonitoringRole>] = [
        FieldMapping("(says whose it is)", cloudFormation: "Description", terraform: "description", appliesTo: "monitoring role") {
            .text($0.summary)
        }
    ]

    /// The role a service assumes to deliver (flow logs): `AWS::IAM::Role`, `aws_iam_role`.
    public static let deliveryRole: [FieldMapping<DeliveryRole>] = [
        FieldMapping("(says whose it is)", cloudFormation: "Description", terraform: "description", appliesTo: "delivery role") {
            .text($0.summary)
        }
    ]

    /// An IAM database user's connect policy: `AWS::IAM::ManagedPolicy`, `aws_iam_policy`.
    public static let connectPolicy: [FieldMapping<ConnectPolicy>] = [
        FieldMapping("`iam.connect[].user` (says whose it is)", cloudFormation: "Description", terraform: "description", appliesTo: "connect policy") {
            .text($0.summary)
        }
    ]

    /// A DB or DB cluster parameter group: `AWS::RDS::DBParameterGroup`,
    /// `AWS::RDS::DBClusterParameterGroup`; `aws_db_parameter_group`,
    /// `aws_rds_cluster_parameter_group`.
    public static let parameterGroup: [FieldMapping<ParameterGroup>] = [
        FieldMapping("(says whose it is)", cloudFormation: "Description", terraform: "description", appliesTo: "parameter group") {
            .text($0.summary)
        },
        FieldMapping(
            "`database.engine`, `database.version` (the catalogue's family)", cloudFormation: "Family", terraform: "family", appliesTo: "parameter group"
        ) {
            .text($0.family)
        },
    ]

    /// An option group: `AWS::RDS::OptionGroup`, `aws_db_option_group`.
    public static let optionGroup: [FieldMapping<OptionGroup>] = [
        FieldMapping("`database.engine`", cloudFormation: "EngineName", terraform: "engine_name", appliesTo: "option group") { .text($0.engine) },
        FieldMapping(
            "`database.version` (its major version)", cloudFormation: "MajorEngineVersion", terraform: "major_engine_version", appliesTo: "option group"
        ) {
            .text($0.majorVersion)
        },
        FieldMapping("(says whose it is)", cloudFormation: "OptionGroupDescription", terraform: "option_group_description", appliesTo: "option group") {
            .text($0.summary)
        },
    ]
}
