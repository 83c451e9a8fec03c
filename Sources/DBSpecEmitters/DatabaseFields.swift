import DBSpecJSON
import DBSpecLowering

/// A field's value in the graph, before a target spells it.
public enum FieldValue: Sendable {
    case text(String)
    case number(Int)
    case flag(Bool)
    /// A number that may have a fraction (Aurora capacity units).
    case decimal(Double)
    case value(Value)
    case values([Value])
    case texts([String])
    /// The Region's `index`-th available Availability Zone (from 0): a function in
    /// CloudFormation, a data source in Terraform.
    case availabilityZone(index: Int)
    /// An IP protocol, which a target spells by name or by number (`Spelling.protocolAsNumber`).
    case ipProtocol(IPProtocol)
}

/// The IP protocols the output names.
public enum IPProtocol: Sendable {
    case tcp

    public var name: String { "tcp" }
    /// Its number in the IANA registry.
    public var number: Int { 6 }
}

/// Where a target writes a field: a property or argument name, or a path into nested objects
/// (`MasterUserSecret.KmsKeyId`). A segment that is a number is the index into a Terraform
/// nested block, which is a list of objects (`serverlessv2_scaling_configuration.0.min_capacity`).
public struct Spelling: Sendable, ExpressibleByStringLiteral {
    public var path: String
    /// CloudFormation types some numbers as strings (`Port` and `AllocatedStorage` of a DB
    /// instance, in its resource schema).
    public var numberAsText = false
    /// CloudFormation types some protocols as numbers (`Protocol` of a network ACL entry).
    public var protocolAsNumber = false
    /// The attribute of a referenced resource this target names, where it is not the one the
    /// graph names (Terraform's flow log takes its log group's ARN, CloudFormation's its name).
    public var attribute: Reference.Attribute?

    /// Whether `path` goes into nested objects (holds a dot).
    var isNested: Bool { path.utf8.contains(UInt8(ascii: ".")) }

    public init(stringLiteral path: String) { self.path = path }
    public init(_ path: String, numberAsText: Bool = false, protocolAsNumber: Bool = false, attribute: Reference.Attribute? = nil) {
        self.path = path
        self.numberAsText = numberAsText
        self.protocolAsNumber = protocolAsNumber
        self.attribute = attribute
    }
}

/// One field of a graph resource: what the graph holds, and the CloudFormation property and
/// Terraform argument it becomes. Both emitters write a resource's fields from its table
/// (`DatabaseFields`, `ResourceFields`), and `docs/parity.md` is generated from the tables.
public struct FieldMapping<Subject>: Sendable {
    /// The spec fields the value comes from, as a Markdown table cell; a note in parentheses
    /// says how the value follows from them.
    public var spec: String
    /// The spec field whose written value is the output's value, where it is one.
    public var writtenAs: String?
    public var cloudFormation: Spelling?
    public var terraform: Spelling?
    /// Which of the subjects carry it: `all`, `primary`, `replicas`, `cluster`, `writer and readers`.
    public var appliesTo: String
    /// Whether the parity test compares the two spellings of the value. False where the targets
    /// say the same thing in forms that cannot be compared (a dynamic reference and an
    /// ephemeral value).
    public var compared = true
    /// CloudFormation leaves the field out of these subjects although it has a value.
    public var cloudFormationOmits: (@Sendable (Subject) -> Bool)?
    public var read: @Sendable (Subject) -> FieldValue?

    init(
        _ spec: String, writtenAs: String? = nil, cloudFormation: Spelling?, terraform: Spelling?, appliesTo: String,
        compared: Bool = true, cloudFormationOmits: (@Sendable (Subject) -> Bool)? = nil,
        read: @escaping @Sendable (Subject) -> FieldValue?
    ) {
        self.spec = spec
        self.writtenAs = writtenAs
        self.cloudFormation = cloudFormation
        self.terraform = terraform
        self.appliesTo = appliesTo
        self.compared = compared
        self.cloudFormationOmits = cloudFormationOmits
        self.read = read
    }
}

/// The fields of the three kinds of database resource, in the order Terraform writes them
/// (CloudFormation sorts its properties). Tags, the CloudFormation deletion policies and
/// Terraform's final snapshot arguments are written for every resource, apart from these.
public enum DatabaseFields {
    /// An RDS DB instance: `AWS::RDS::DBInstance`, `aws_db_instance`.
    public static let instance: [FieldMapping<DatabaseInstance>] = {
        typealias F = FieldMapping<DatabaseInstance>
        var fields: [F] = [
            F(
                "`name`, `replicas[].name`", writtenAs: "name", cloudFormation: "DBInstanceIdentifier", terraform: "identifier",
                appliesTo: "all"
            ) { .text($0.identifier) },
            F(
                "`database.class`, `replicas[].class`", writtenAs: "database.class", cloudFormation: "DBInstanceClass",
                terraform: "instance_class", appliesTo: "all"
            ) { .text($0.instanceClass) },
            F(
                "`replicas[]`, `replicas[].source` (the link to the primary or the source replica; its ARN in another Region)",
                cloudFormation: "SourceDBInstanceIdentifier", terraform: "replicate_source_db", appliesTo: "replicas"
            ) { $0.source.map(FieldValue.value) },
            F(
                "`replicas[].region` (the source's Region; Terraform puts the replica on that Region's provider)",
                cloudFormation: "SourceRegion", terraform: nil, appliesTo: "replicas"
            ) { $0.sourceRegion.map(FieldValue.text) },
            F("`replicas[].mode`", cloudFormation: "ReplicaMode", terraform: "replica_mode", appliesTo: "replicas") {
                $0.replicaMode.map(FieldValue.text)
            },
            F("`database.engine`", writtenAs: "database.engine", cloudFormation: "Engine", terraform: "engine", appliesTo: "primary") {
                $0.isReplica ? nil : .text($0.engine)
            },
            F(
                "`database.version`", writtenAs: "database.version", cloudFormation: "EngineVersion", terraform: "engine_version",
                appliesTo: "primary"
            ) { $0.engineVersion.map(FieldValue.text) },
            F(
                "`database.licenseModel`", writtenAs: "database.licenseModel", cloudFormation: "LicenseModel",
                terraform: "license_model", appliesTo: "primary"
            ) { $0.licenseModel.map(FieldValue.text) },
            F("`database.dbName`", writtenAs: "database.dbName", cloudFormation: "DBName", terraform: "db_name", appliesTo: "primary") {
                $0.databaseName.map(FieldValue.text)
            },
            F(
                "`database.characterSet`", writtenAs: "database.characterSet", cloudFormation: "CharacterSetName",
                terraform: "character_set_name", appliesTo: "primary"
            ) { $0.characterSet.map(FieldValue.text) },
            F("`database.timezone`", writtenAs: "database.timezone", cloudFormation: "Timezone", terraform: "timezone", appliesTo: "primary") {
                $0.timezone.map(FieldValue.text)
            },
            F(
                "`database.storage.size`", writtenAs: "database.storage.size",
                cloudFormation: Spelling("AllocatedStorage", numberAsText: true), terraform: "allocated_storage", appliesTo: "primary"
            ) { $0.allocatedStorage.map(FieldValue.number) },
            F(
                "`database.storage.type`", writtenAs: "database.storage.type", cloudFormation: "StorageType", terraform: "storage_type",
                appliesTo: "primary"
            ) { $0.storageType.map(FieldValue.text) },
            F("`database.storage.iops`", writtenAs: "database.storage.iops", cloudFormation: "Iops", terraform: "iops", appliesTo: "primary") {
                $0.iops.map(FieldValue.number)
            },
            F(
                "`database.storage.throughput`", writtenAs: "database.storage.throughput", cloudFormation: "StorageThroughput",
                terraform: "storage_throughput", appliesTo: "primary"
            ) { $0.storageThroughput.map(FieldValue.number) },
            F(
                "`database.storage.maxSize`", writtenAs: "database.storage.maxSize", cloudFormation: "MaxAllocatedStorage",
                terraform: "max_allocated_storage", appliesTo: "primary"
            ) { $0.maxAllocatedStorage.map(FieldValue.number) },
            F("`database.multiAz`", writtenAs: "database.multiAz", cloudFormation: "MultiAZ", terraform: "multi_az", appliesTo: "primary") {
                $0.isReplica ? nil : .flag($0.multiAZ)
            },
            // CloudFormation refuses StorageEncrypted with SourceDBInstanceIdentifier; the Terraform
            // provider reads it back from RDS, and a replica that leaves it out is planned for
            // replacement (`true -> null # forces replacement`).
            F(
                "`database.encryption.atRest` (a replica's is its source's; CloudFormation does not state it on replicas)",
                writtenAs: "database.encryption.atRest", cloudFormation: "StorageEncrypted", terraform: "storage_encrypted", appliesTo: "all",
                cloudFormationOmits: { $0.isReplica }
            ) { $0.storageEncrypted.map(FieldValue.flag) },
            F(
                "`database.encryption.kmsKey`, `replicas[].encryption.kmsKey` (a cross-Region replica's key)",
                cloudFormation: "KmsKeyId", terraform: "kms_key_id", appliesTo: "all"
            ) { $0.encryptionKey.map(FieldValue.value) },
            F(
                "`database.credentials.username`", writtenAs: "database.credentials.username", cloudFormation: "MasterUsername",
                terraform: "username", appliesTo: "primary"
            ) { $0.masterUsername.map(FieldValue.text) },
        ]
        fields += password(appliesTo: "primary", secretPassword: "password_wo") { $0.password }
        fields += [
            F(
                "`database.iamAuth`", writtenAs: "database.iamAuth", cloudFormation: "EnableIAMDatabaseAuthentication",
                terraform: "iam_database_authentication_enabled", appliesTo: "all"
            ) { .flag($0.iamAuthentication) },
            F(
                "`database.port` (default: the engine's)", cloudFormation: Spelling("Port", numberAsText: true), terraform: "port",
                appliesTo: "all"
            ) { .number($0.port) },
            F(
                "`database.backup.retentionDays` (on a replica, only when it is a source)",
                writtenAs: "database.backup.retentionDays", cloudFormation: "BackupRetentionPeriod",
                terraform: "backup_retention_period", appliesTo: "all"
            ) { $0.backupRetentionDays.map(FieldValue.number) },
            F(
                "`database.backup.window`", writtenAs: "database.backup.window", cloudFormation: "PreferredBackupWindow",
                terraform: "backup_window", appliesTo: "primary"
            ) { $0.backupWindow.map(FieldValue.text) },
            F(
                "`database.maintenanceWindow`", writtenAs: "database.maintenanceWindow", cloudFormation: "PreferredMaintenanceWindow",
                terraform: "maintenance_window", appliesTo: "all"
            ) { $0.maintenanceWindow.map(FieldValue.text) },
            F(
                "`database.deletionProtection`", writtenAs: "database.deletionProtection", cloudFormation: "DeletionProtection",
                terraform: "deletion_protection", appliesTo: "all"
            ) { .flag($0.deletionProtection) },
            F(
                "`network`, `replicas[].network` (the subnet group in the database's Region)", cloudFormation: "DBSubnetGroupName",
                terraform: "db_subnet_group_name", appliesTo: "all"
            ) { $0.subnetGroup.map(FieldValue.value) },
            F(
                "`database.encryption.inTransit`, `database.parameters` (the parameter group)", cloudFormation: "DBParameterGroupName",
                terraform: "parameter_group_name", appliesTo: "all"
            ) { $0.parameterGroup.map(FieldValue.value) },
            F(
                "`database.encryption.inTransit` (Oracle: the option group with the SSL option), `database.monitoring.logs` (the audit plugin); the engine's default group (`default:mysql-8-4`) when there is no option to add",
                cloudFormation: "OptionGroupName", terraform: "option_group_name", appliesTo: "all"
            ) { $0.optionGroup.map(FieldValue.value) },
        ]
        fields += monitoring(
            appliesTo: "all", interval: \.monitoringInterval, role: \.monitoringRole,
            insightsRetention: \.performanceInsightsRetention, insightsKey: \.performanceInsightsKey)
        fields += [
            F(
                "`database.monitoring.logs`", cloudFormation: "EnableCloudwatchLogsExports", terraform: "enabled_cloudwatch_logs_exports",
                appliesTo: "all"
            ) { $0.logExports.isEmpty ? nil : .texts($0.logExports) },
            F("`network` (the security group)", cloudFormation: "VPCSecurityGroups", terraform: "vpc_security_group_ids", appliesTo: "all") {
                .values($0.securityGroups)
            },
            F("`network.public`", writtenAs: "network.public", cloudFormation: "PubliclyAccessible", terraform: "publicly_accessible", appliesTo: "all") {
                .flag($0.publiclyAccessible)
            },
            F("(always `true`)", cloudFormation: "CopyTagsToSnapshot", terraform: "copy_tags_to_snapshot", appliesTo: "all") {
                .flag($0.copyTagsToSnapshot)
            },
            F("(always `true`)", cloudFormation: "AutoMinorVersionUpgrade", terraform: "auto_minor_version_upgrade", appliesTo: "all") {
                $0.lifecycle.upgradesMinorVersions.map(FieldValue.flag)
            },
            F(
                "(always `true`: CloudFormation applies every change when it updates the stack)", cloudFormation: nil,
                terraform: "apply_immediately", appliesTo: "all"
            ) { .flag($0.lifecycle.appliesChangesImmediately) },
        ]
        return fields
    }()

    /// An Aurora DB cluster: `AWS::RDS::DBCluster`, `aws_rds_cluster`.
    public static let cluster: [FieldMapping<DatabaseCluster>] = {
        typealias F = FieldMapping<DatabaseCluster>
        var fields: [F] = [
            F("`name`", writtenAs: "name", cloudFormation: "DBClusterIdentifier", terraform: "cluster_identifier", appliesTo: "cluster") {
                .text($0.identifier)
            },
            F("`database.engine`", writtenAs: "database.engine", cloudFormation: "Engine", terraform: "engine", appliesTo: "cluster") {
                .text($0.engine)
            },
            F("`database.version`", writtenAs: "database.version", cloudFormation: "EngineVersion", terraform: "engine_version", appliesTo: "cluster") {
                .text($0.engineVersion)
            },
            F("`database.port` (default: the engine's)", cloudFormation: "Port", terraform: "port", appliesTo: "cluster") { .number($0.port) },
            F("`database.dbName`", writtenAs: "database.dbName", cloudFormation: "DatabaseName", terraform: "database_name", appliesTo: "cluster") {
                $0.databaseName.map(FieldValue.text)
            },
            F(
                "`database.credentials.username`", writtenAs: "database.credentials.username", cloudFormation: "MasterUsername",
                terraform: "master_username", appliesTo: "cluster"
            ) { .text($0.masterUsername) },
        ]
        fields += password(appliesTo: "cluster", secretPassword: "master_password_wo") { $0.password }
        fields += [
            F(
                "`database.encryption.atRest`", writtenAs: "database.encryption.atRest", cloudFormation: "StorageEncrypted",
                terraform: "storage_encrypted", appliesTo: "cluster"
            ) { .flag($0.storageEncrypted) },
            F("`database.encryption.kmsKey`", cloudFormation: "KmsKeyId", terraform: "kms_key_id", appliesTo: "cluster") {
                $0.encryptionKey.map(FieldValue.value)
            },
            F(
                "`database.backup.retentionDays`", writtenAs: "database.backup.retentionDays", cloudFormation: "BackupRetentionPeriod",
                terraform: "backup_retention_period", appliesTo: "cluster"
            ) { .number($0.backupRetentionDays) },
            F(
                "`database.backup.window`", writtenAs: "database.backup.window", cloudFormation: "PreferredBackupWindow",
                terraform: "preferred_backup_window", appliesTo: "cluster"
            ) { $0.backupWindow.map(FieldValue.text) },
            F(
                "`database.maintenanceWindow`", writtenAs: "database.maintenanceWindow", cloudFormation: "PreferredMaintenanceWindow",
                terraform: "preferred_maintenance_window", appliesTo: "cluster"
            ) { $0.maintenanceWindow.map(FieldValue.text) },
            F(
                "`database.deletionProtection`", writtenAs: "database.deletionProtection", cloudFormation: "DeletionProtection",
                terraform: "deletion_protection", appliesTo: "cluster"
            ) { .flag($0.deletionProtection) },
            F(
                "`database.iamAuth`", writtenAs: "database.iamAuth", cloudFormation: "EnableIAMDatabaseAuthentication",
                terraform: "iam_database_authentication_enabled", appliesTo: "cluster"
            ) { .flag($0.iamAuthentication) },
            F("`network` (the subnet group)", cloudFormation: "DBSubnetGroupName", terraform: "db_subnet_group_name", appliesTo: "cluster") {
                .value($0.subnetGroup)
            },
            F(
                "`database.encryption.inTransit`, `database.parameters` (the cluster parameter group)",
                cloudFormation: "DBClusterParameterGroupName", terraform: "db_cluster_parameter_group_name", appliesTo: "cluster"
            ) { $0.parameterGroup.map(FieldValue.value) },
            F("`network` (the security group)", cloudFormation: "VpcSecurityGroupIds", terraform: "vpc_security_group_ids", appliesTo: "cluster") {
                .values($0.securityGroups)
            },
            F("(always `true`)", cloudFormation: "CopyTagsToSnapshot", terraform: "copy_tags_to_snapshot", appliesTo: "cluster") {
                .flag($0.copyTagsToSnapshot)
            },
            F(
                "(always `true`: CloudFormation applies every change when it updates the stack)", cloudFormation: nil,
                terraform: "apply_immediately", appliesTo: "cluster"
            ) { .flag($0.lifecycle.appliesChangesImmediately) },
            F("`database.monitoring.logs`", cloudFormation: "EnableCloudwatchLogsExports", terraform: "enabled_cloudwatch_logs_exports", appliesTo: "cluster") {
                $0.logExports.isEmpty ? nil : .texts($0.logExports)
            },
            F("`database.storage.type` (`aurora` or `aurora-iopt1`)", cloudFormation: "StorageType", terraform: "storage_type", appliesTo: "cluster") {
                $0.storageType.map(FieldValue.text)
            },
            F("`database.backtrackHours` (in seconds)", cloudFormation: "BacktrackWindow", terraform: "backtrack_window", appliesTo: "cluster") {
                $0.backtrackWindow.map(FieldValue.number)
            },
            F(
                "`database.capacity.min`", cloudFormation: "ServerlessV2ScalingConfiguration.MinCapacity",
                terraform: "serverlessv2_scaling_configuration.0.min_capacity", appliesTo: "cluster"
            ) { $0.serverlessCapacity.map { .decimal($0.min) } },
            F(
                "`database.capacity.max`", cloudFormation: "ServerlessV2ScalingConfiguration.MaxCapacity",
                terraform: "serverlessv2_scaling_configuration.0.max_capacity", appliesTo: "cluster"
            ) { $0.serverlessCapacity.map { .decimal($0.max) } },
        ]
        return fields
    }()

    /// An instance of an Aurora cluster, its writer or a reader: `AWS::RDS::DBInstance`,
    /// `aws_rds_cluster_instance`.
    public static let clusterInstance: [FieldMapping<ClusterInstance>] = {
        typealias F = FieldMapping<ClusterInstance>
        let members = "writer and readers"
        var fields: [F] = [
            F("`name` (`NAME-writer`), `replicas[].name`", cloudFormation: "DBInstanceIdentifier", terraform: "identifier", appliesTo: members) {
                .text($0.identifier)
            },
            F("(the cluster)", cloudFormation: "DBClusterIdentifier", terraform: "cluster_identifier", appliesTo: members) {
                .value($0.cluster)
            },
            F("`database.engine`", cloudFormation: "Engine", terraform: "engine", appliesTo: members) { .text($0.engine) },
            F("`database.class`, `replicas[].class`", cloudFormation: "DBInstanceClass", terraform: "instance_class", appliesTo: members) {
                .text($0.instanceClass)
            },
            F("`network.public`", cloudFormation: "PubliclyAccessible", terraform: "publicly_accessible", appliesTo: members) {
                .flag($0.publiclyAccessible)
            },
            F("(always `true`)", cloudFormation: "AutoMinorVersionUpgrade", terraform: "auto_minor_version_upgrade", appliesTo: members) {
                $0.lifecycle.upgradesMinorVersions.map(FieldValue.flag)
            },
            F("(0 for the writer, 1 for readers)", cloudFormation: "PromotionTier", terraform: "promotion_tier", appliesTo: members) {
                .number($0.promotionTier)
            },
            F(
                "(always `true`: CloudFormation applies every change when it updates the stack)", cloudFormation: nil,
                terraform: "apply_immediately", appliesTo: members
            ) { .flag($0.lifecycle.appliesChangesImmediately) },
            F("`database.maintenanceWindow`", cloudFormation: "PreferredMaintenanceWindow", terraform: "preferred_maintenance_window", appliesTo: members) {
                $0.maintenanceWindow.map(FieldValue.text)
            },
        ]
        fields += monitoring(
            appliesTo: members, interval: \.monitoringInterval, role: \.monitoringRole,
            insightsRetention: \.performanceInsightsRetention, insightsKey: \.performanceInsightsKey)
        return fields
    }()

    /// The master password: managed by RDS (with its key), or read from a generated secret.
    private static func password<S>(
        appliesTo: String, secretPassword: String, _ password: @escaping @Sendable (S) -> DatabaseInstance.Password?
    ) -> [FieldMapping<S>] {
        typealias F = FieldMapping<S>
        return [
            F(
                "`database.credentials.password` (`managed`)", cloudFormation: "ManageMasterUserPassword",
                terraform: "manage_master_user_password", appliesTo: appliesTo
            ) { if case .managed? = password($0) { .flag(true) } else { nil } },
            F(
                "`database.encryption.kmsKey` (managed password)", cloudFormation: "MasterUserSecret.KmsKeyId",
                terraform: "master_user_secret_kms_key_id", appliesTo: appliesTo
            ) { if case .managed(let key?)? = password($0) { .value(key) } else { nil } },
            F(
                "`database.credentials.password` (`generated`: the secret's password, a dynamic reference in CloudFormation and an ephemeral read in Terraform)",
                cloudFormation: "MasterUserPassword", terraform: Spelling(stringLiteral: secretPassword), appliesTo: appliesTo,
                compared: false
            ) { if case .fromSecret(let secret)? = password($0) { .value(secret) } else { nil } },
            F(
                "`database.credentials.password` (`generated`: the write-only password's version, 1)", cloudFormation: nil,
                terraform: Spelling(stringLiteral: secretPassword + "_version"), appliesTo: appliesTo
            ) { if case .fromSecret? = password($0) { .number(1) } else { nil } },
        ]
    }

    /// Enhanced Monitoring and Performance Insights.
    private static func monitoring<S>(
        appliesTo: String, interval: KeyPath<S, Int> & Sendable, role: KeyPath<S, Value?> & Sendable,
        insightsRetention: KeyPath<S, Int?> & Sendable, insightsKey: KeyPath<S, Value?> & Sendable
    ) -> [FieldMapping<S>] {
        typealias F = FieldMapping<S>
        return [
            F("`database.monitoring.interval`", cloudFormation: "MonitoringInterval", terraform: "monitoring_interval", appliesTo: appliesTo) {
                $0[keyPath: interval] > 0 ? .number($0[keyPath: interval]) : nil
            },
            F(
                "`database.monitoring.interval` (the role it needs)", cloudFormation: "MonitoringRoleArn",
                terraform: "monitoring_role_arn", appliesTo: appliesTo
            ) { $0[keyPath: interval] > 0 ? $0[keyPath: role].map(FieldValue.value) : nil },
            F(
                "`database.monitoring.performanceInsights`", cloudFormation: "EnablePerformanceInsights",
                terraform: "performance_insights_enabled", appliesTo: appliesTo
            ) { $0[keyPath: insightsRetention] == nil ? nil : .flag(true) },
            F(
                "`database.monitoring.performanceInsights.retentionDays`", cloudFormation: "PerformanceInsightsRetentionPeriod",
                terraform: "performance_insights_retention_period", appliesTo: appliesTo
            ) { $0[keyPath: insightsRetention].map(FieldValue.number) },
            F(
                "`database.encryption.kmsKey` (Performance Insights)", cloudFormation: "PerformanceInsightsKMSKeyId",
                terraform: "performance_insights_kms_key_id", appliesTo: appliesTo
            ) { $0[keyPath: insightsRetention] == nil ? nil : $0[keyPath: insightsKey].map(FieldValue.value) },
        ]
    }
}

extension FieldMapping {
    /// The members a target writes for `subject`: each field it spells that has a value, in
    /// table order, nested where the spelling is a path.
    static func members(
        _ fields: [FieldMapping], of subject: Subject, target: Target, spell: (FieldValue, Spelling) -> JSONValue
    ) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = []
        for field in fields {
            let spelling: Spelling?
            switch target {
            case .cloudformation:
                if field.cloudFormationOmits?(subject) == true { continue }
                spelling = field.cloudFormation
            case .terraform:
                spelling = field.terraform
            }
            guard let spelling, var value = field.read(subject) else { continue }
            if let attribute = spelling.attribute, case .value(.reference(let r)) = value {
                value = .value(.reference(Reference(r.resource, attribute)))
            }
            let written = spell(value, spelling)
            if spelling.isNested {
                insert(written, at: spelling.path.split(separator: ".")[...], into: &out)
            } else {
                out.append((spelling.path, written))
            }
        }
        return out
    }

    /// Puts `value` at `path` in `members`, adding the objects (and one-object lists) on the way.
    private static func insert(_ value: JSONValue, at path: ArraySlice<Substring>, into members: inout [(String, JSONValue)]) {
        guard let first = path.first else { return }
        let key = String(first)
        let rest = path.dropFirst()
        if rest.isEmpty {
            members.append((key, value))
            return
        }
        let inList = rest.first.map { Int($0) != nil } ?? false
        let below = inList ? rest.dropFirst() : rest
        let index = members.firstIndex { $0.0 == key }
        var inner: [(String, JSONValue)] = []
        if let index {
            switch members[index].1 {
            case .object(let m): inner = m
            case .array(let items): if case .object(let m)? = items.first { inner = m }
            default: break
            }
        }
        insert(value, at: below, into: &inner)
        let nested: JSONValue = inList ? .array([.object(inner)]) : .object(inner)
        if let index { members[index].1 = nested } else { members.append((key, nested)) }
    }
}
