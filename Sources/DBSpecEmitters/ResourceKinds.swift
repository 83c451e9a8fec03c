import DBSpecLowering

/// The CloudFormation resource type and the Terraform resource type one kind of graph
/// resource becomes, and the spec fields that make it.
public struct ResourceKind: Sendable, Equatable {
    /// The spec fields that make it, as a Markdown table cell.
    public var spec: String
    public var cloudFormation: String
    public var terraform: String
}

/// Every kind of graph resource: the one place both emitters take their type names from, and
/// the source of `docs/parity.md`'s resource table.
public enum ResourceKinds {
    public static func of(_ body: Resource.Body) -> ResourceKind {
        switch body {
        case .network: network
        case .subnet: subnet
        case .flowLog: flowLog
        case .logGroup: logGroup
        case .deliveryRole: deliveryRole
        case .firewall: firewall
        case .firewallRule: firewallRule
        case .networkACL: networkACL
        case .networkACLRule: networkACLRule
        case .networkACLAssociation: networkACLAssociation
        case .subnetGroup: subnetGroup
        case .encryptionKey: encryptionKey
        case .generatedSecret: generatedSecret
        case .secretAttachment: secretAttachment
        case .parameterGroup(let g): g.forCluster ? clusterParameterGroup : parameterGroup
        case .optionGroup: optionGroup
        case .monitoringRole: monitoringRole
        case .connectPolicy: connectPolicy
        case .cluster: cluster
        case .database: database
        case .clusterInstance: clusterInstance
        }
    }

    /// The kinds `docs/parity.md` counts in both outputs: all but the two kinds of DB instance,
    /// which CloudFormation spells alike (their fields have tables of their own).
    public static let counted: [ResourceKind] = [
        network, subnet, flowLog, logGroup, deliveryRole, firewall, firewallRule, networkACL, networkACLRule,
        networkACLAssociation, subnetGroup, encryptionKey, generatedSecret, secretAttachment, parameterGroup,
        clusterParameterGroup, optionGroup, monitoringRole, connectPolicy, cluster,
    ]

    static let network = ResourceKind(spec: "`network.vpc` (`cidr`, `azs`)", cloudFormation: "AWS::EC2::VPC", terraform: "aws_vpc")
    static let subnet = ResourceKind(
        spec: "`network.vpc.azs` or `zones` (one private subnet each)", cloudFormation: "AWS::EC2::Subnet", terraform: "aws_subnet")
    static let flowLog = ResourceKind(spec: "`network.vpc.flowLogs`", cloudFormation: "AWS::EC2::FlowLog", terraform: "aws_flow_log")
    static let logGroup = ResourceKind(
        spec: "`network.vpc.flowLogs` (the log group, a year, the created key)", cloudFormation: "AWS::Logs::LogGroup",
        terraform: "aws_cloudwatch_log_group")
    static let deliveryRole = ResourceKind(
        spec: "`network.vpc.flowLogs` (the role the flow logs service assumes)", cloudFormation: "AWS::IAM::Role", terraform: "aws_iam_role")
    static let firewall = ResourceKind(
        spec: "`network` (the database's security group)", cloudFormation: "AWS::EC2::SecurityGroup", terraform: "aws_security_group")
    static let firewallRule = ResourceKind(
        spec: "`network.allow`", cloudFormation: "AWS::EC2::SecurityGroupIngress", terraform: "aws_vpc_security_group_ingress_rule")
    static let networkACL = ResourceKind(spec: "`network.acl`", cloudFormation: "AWS::EC2::NetworkAcl", terraform: "aws_network_acl")
    static let networkACLRule = ResourceKind(
        spec: "`network.acl` (its rules)", cloudFormation: "AWS::EC2::NetworkAclEntry", terraform: "aws_network_acl_rule")
    static let networkACLAssociation = ResourceKind(
        spec: "`network.acl` (on each subnet)", cloudFormation: "AWS::EC2::SubnetNetworkAclAssociation",
        terraform: "aws_network_acl_association")
    static let subnetGroup = ResourceKind(
        spec: "`network` (the DB subnet group)", cloudFormation: "AWS::RDS::DBSubnetGroup", terraform: "aws_db_subnet_group")
    static let encryptionKey = ResourceKind(
        spec: "`database.encryption.kmsKey: create`", cloudFormation: "AWS::KMS::Key", terraform: "aws_kms_key")
    static let generatedSecret = ResourceKind(
        spec: "`database.credentials.password: generated`", cloudFormation: "AWS::SecretsManager::Secret",
        terraform: "aws_secretsmanager_secret")
    static let secretAttachment = ResourceKind(
        spec: "`database.credentials.password: generated` (host and port in the secret)",
        cloudFormation: "AWS::SecretsManager::SecretTargetAttachment", terraform: "aws_secretsmanager_secret_version")
    static let parameterGroup = ResourceKind(
        spec: "`database.encryption.inTransit`, `database.parameters`", cloudFormation: "AWS::RDS::DBParameterGroup",
        terraform: "aws_db_parameter_group")
    static let clusterParameterGroup = ResourceKind(
        spec: "`database.encryption.inTransit`, `database.parameters` (Aurora)", cloudFormation: "AWS::RDS::DBClusterParameterGroup",
        terraform: "aws_rds_cluster_parameter_group")
    static let optionGroup = ResourceKind(
        spec: "`database.encryption.inTransit` (Oracle's SSL option), `database.monitoring.logs` (the audit plugin)",
        cloudFormation: "AWS::RDS::OptionGroup", terraform: "aws_db_option_group")
    static let monitoringRole = ResourceKind(
        spec: "`database.monitoring.interval` (the Enhanced Monitoring role)", cloudFormation: "AWS::IAM::Role", terraform: "aws_iam_role")
    static let connectPolicy = ResourceKind(
        spec: "`iam.connect` (a policy per user and Region)", cloudFormation: "AWS::IAM::ManagedPolicy", terraform: "aws_iam_policy")
    static let cluster = ResourceKind(spec: "`database` (Aurora)", cloudFormation: "AWS::RDS::DBCluster", terraform: "aws_rds_cluster")
    static let database = ResourceKind(
        spec: "`database`, `replicas[]`", cloudFormation: "AWS::RDS::DBInstance", terraform: "aws_db_instance")
    static let clusterInstance = ResourceKind(
        spec: "`database` (Aurora: the writer), `replicas[]` (readers)", cloudFormation: "AWS::RDS::DBInstance",
        terraform: "aws_rds_cluster_instance")
}
