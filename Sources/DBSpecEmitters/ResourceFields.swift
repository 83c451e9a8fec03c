import DBSpecLowering

/// The fields of the network and logging resources that both targets spell field by field, in
/// the order Terraform writes them. Tags, and what one target adds of its own (Terraform's
/// `aws_default_security_group` beside a VPC), are written apart from these. Subnets (their
/// zone is a data source in Terraform), security groups (their egress rules differ by target),
/// network ACL entries (a protocol number against a name), flow logs and the IAM and KMS
/// resources (documents) stay written by each emitter, and `docs/parity.md` says how.
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
}
