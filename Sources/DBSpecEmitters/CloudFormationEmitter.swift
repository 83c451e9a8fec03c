import DBSpecJSON
import DBSpecLowering

/// Writes a resource graph as a CloudFormation template: `AWSTemplateFormatVersion`,
/// `Description`, `Resources`, `Outputs`, in that order; in a resource `Type`, then the
/// deletion policies, then `Properties` with keys sorted. The same graph always gives the
/// same bytes.
public enum CloudFormationEmitter {
    public static func template(_ graph: ResourceGraph) -> JSONValue {
        let kinds = Dictionary(graph.resources.map { ($0.id, $0.body) }, uniquingKeysWith: { a, _ in a })
        var resources: [(String, JSONValue)] = []
        for resource in graph.resources {
            resources.append((logicalID(resource.id), self.resource(resource, kinds: kinds)))
        }
        var outputs: [(String, JSONValue)] = []
        for output in graph.outputs {
            outputs.append((logicalID(output.id), .object([
                ("Description", .string(output.summary)),
                ("Value", value(output.value, kinds: kinds)),
            ])))
        }
        return .object([
            ("AWSTemplateFormatVersion", .string("2010-09-09")),
            ("Description", .string(graph.description)),
            ("Resources", .object(resources)),
            ("Outputs", .object(outputs)),
        ])
    }

    /// The template as bytes: pretty-printed JSON ending in a newline.
    public static func render(_ graph: ResourceGraph) -> [UInt8] {
        JSONWriter.pretty(template(graph))
    }

    /// `orders-private-subnet-1` → `OrdersPrivateSubnet1` (logical IDs are alphanumeric).
    public static func logicalID(_ id: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(id.utf8.count)
        var startOfWord = true
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                out.append(startOfWord ? byte - 32 : byte)
                startOfWord = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
                startOfWord = false
            default:
                startOfWord = true  // separators (and anything else) start a new word
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Resources

    private static func resource(_ resource: Resource, kinds: [String: Resource.Body]) -> JSONValue {
        let v = { (x: Value) in value(x, kinds: kinds) }
        let tags = JSONValue.array(resource.tags.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) })
        var p: [(String, JSONValue)] = []
        let type: String
        var deletionPolicy: String?
        switch resource.body {
        case .network(let n):
            type = "AWS::EC2::VPC"
            p = [("CidrBlock", .string(n.cidr)), ("EnableDnsHostnames", .bool(true)), ("EnableDnsSupport", .bool(true)), ("Tags", tags)]
        case .subnet(let s):
            type = "AWS::EC2::Subnet"
            p = [("AvailabilityZone", v(s.availabilityZone)), ("CidrBlock", .string(s.cidr)), ("MapPublicIpOnLaunch", .bool(false)),
                 ("Tags", tags), ("VpcId", v(s.network))]
        case .firewall(let f):
            type = "AWS::EC2::SecurityGroup"
            p = [("GroupDescription", .string(f.summary)), ("Tags", tags), ("VpcId", v(f.network))]
            if !f.allowsOutbound {
                // Without a rule, CloudFormation keeps AWS's allow-all egress rule; this one
                // matches nothing, which replaces it (the form CDK uses).
                p.append(("SecurityGroupEgress", .array([.object([
                    ("CidrIp", .string("255.255.255.255/32")),
                    ("Description", .string("No outbound traffic")),
                    ("FromPort", .int(252)),
                    ("IpProtocol", .string("icmp")),
                    ("ToPort", .int(86)),
                ])])))
            }
        case .firewallRule(let r):
            type = "AWS::EC2::SecurityGroupIngress"
            p = [("Description", .string(r.summary)), ("FromPort", .int(r.port)), ("GroupId", v(r.firewall)),
                 ("IpProtocol", .string("tcp")), ("ToPort", .int(r.port))]
            switch r.source {
            case .cidr(let c): p.append(("CidrIp", .string(c)))
            case .securityGroup(let g): p.append(("SourceSecurityGroupId", .string(g)))
            }
        case .subnetGroup(let g):
            type = "AWS::RDS::DBSubnetGroup"
            p = [("DBSubnetGroupDescription", .string(g.summary)), ("SubnetIds", .array(g.subnets.map(v))), ("Tags", tags)]
        case .encryptionKey(let k):
            type = "AWS::KMS::Key"
            // Encrypted snapshots outlive the stack; without the key they cannot be restored.
            deletionPolicy = "Retain"
            p = [("Description", .string(k.summary)), ("EnableKeyRotation", .bool(true)), ("KeyPolicy", .object([
                ("Version", .string("2012-10-17")),
                ("Statement", .array([.object([
                    ("Sid", .string("AccountAdministers")),
                    ("Effect", .string("Allow")),
                    ("Principal", .object([("AWS", k.administrators.count == 1 ? v(k.administrators[0]) : .array(k.administrators.map(v)))])),
                    ("Action", .string("kms:*")),
                    ("Resource", .string("*")),
                ])])),
            ])), ("Tags", tags)]
        case .generatedSecret(let s):
            type = "AWS::SecretsManager::Secret"
            deletionPolicy = "Delete"
            p = [("Description", .string(s.summary)), ("GenerateSecretString", .object([
                ("ExcludeCharacters", .string(s.excludeCharacters)),
                ("GenerateStringKey", .string("password")),
                ("PasswordLength", .int(s.passwordLength)),
                ("SecretStringTemplate", .string(String(decoding: JSONWriter.compact(.object([("username", .string(s.username))])), as: UTF8.self))),
            ])), ("Tags", tags)]
            if let key = s.encryptionKey { p.append(("KmsKeyId", v(key))) }
        case .monitoringRole(let r):
            type = "AWS::IAM::Role"
            p = [("AssumeRolePolicyDocument", .object([
                    ("Version", .string("2012-10-17")),
                    ("Statement", .array([.object([
                        ("Effect", .string("Allow")),
                        ("Principal", .object([("Service", .string(r.service))])),
                        ("Action", .string("sts:AssumeRole")),
                    ])])),
                 ])),
                 ("Description", .string(r.summary)),
                 ("ManagedPolicyArns", .array([.object([("Fn::Sub", .string("arn:${AWS::Partition}:iam::aws:policy/" + r.managedPolicy))])])),
                 ("Tags", tags)]
        case .connectPolicy(let c):
            type = "AWS::IAM::ManagedPolicy"
            let resources: [JSONValue] = c.databases.compactMap { db in
                guard case .reference(let r) = db else { return nil }
                return .object([("Fn::Sub", .string("arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:${\(logicalID(r.resource)).DbiResourceId}/\(c.user)"))])
            }
            p = [("Description", .string(c.summary)),
                 ("PolicyDocument", .object([
                    ("Version", .string("2012-10-17")),
                    ("Statement", .array([.object([
                        ("Effect", .string("Allow")), ("Action", .string("rds-db:connect")), ("Resource", .array(resources)),
                    ])])),
                 ])),
                 ("Roles", .array(c.roles.map { .string($0) }))]
        case .parameterGroup(let g):
            type = "AWS::RDS::DBParameterGroup"
            p = [("Description", .string(g.summary)), ("Family", .string(g.family)),
                 ("Parameters", .object(g.parameters.map { ($0.name, .string($0.value)) })), ("Tags", tags)]
        case .secretAttachment(let a):
            type = "AWS::SecretsManager::SecretTargetAttachment"
            p = [("SecretId", v(a.secret)), ("TargetId", v(a.database)), ("TargetType", .string("AWS::RDS::DBInstance"))]
        case .database(let d):
            type = "AWS::RDS::DBInstance"
            // A replica cannot take a final snapshot; its data lives in its source.
            deletionPolicy = d.isReplica ? "Delete" : "Snapshot"
            p = databaseProperties(d, v: v) + [("Tags", tags)]
        }
        var members: [(String, JSONValue)] = [("Type", .string(type))]
        if let deletionPolicy {
            members.append(("DeletionPolicy", .string(deletionPolicy)))
            members.append(("UpdateReplacePolicy", .string(deletionPolicy)))
        }
        members.append(("Properties", .sortedObject(p)))
        return .object(members)
    }

    private static func databaseProperties(_ d: DatabaseInstance, v: (Value) -> JSONValue) -> [(String, JSONValue)] {
        var p: [(String, JSONValue)] = [
            ("DBInstanceIdentifier", .string(d.identifier)),
            ("DBInstanceClass", .string(d.instanceClass)),
            ("Engine", .string(d.engine)),
            ("Port", .string(String(d.port))),
            ("EnableIAMDatabaseAuthentication", .bool(d.iamAuthentication)),
            ("DeletionProtection", .bool(d.deletionProtection)),
            ("PubliclyAccessible", .bool(d.publiclyAccessible)),
            ("CopyTagsToSnapshot", .bool(d.copyTagsToSnapshot)),
            ("AutoMinorVersionUpgrade", .bool(true)),
            ("VPCSecurityGroups", .array(d.securityGroups.map(v))),
        ]
        if let source = d.source {
            p.append(("SourceDBInstanceIdentifier", v(source)))
        } else {
            p.append(("MultiAZ", .bool(d.multiAZ)))
        }
        if let x = d.engineVersion { p.append(("EngineVersion", .string(x))) }
        if let x = d.licenseModel { p.append(("LicenseModel", .string(x))) }
        if let x = d.databaseName { p.append(("DBName", .string(x))) }
        if let x = d.characterSet { p.append(("CharacterSetName", .string(x))) }
        if let x = d.timezone { p.append(("Timezone", .string(x))) }
        if let x = d.allocatedStorage { p.append(("AllocatedStorage", .string(String(x)))) }
        if let x = d.storageType { p.append(("StorageType", .string(x))) }
        if let x = d.iops { p.append(("Iops", .int(x))) }
        if let x = d.storageThroughput { p.append(("StorageThroughput", .int(x))) }
        if let x = d.maxAllocatedStorage { p.append(("MaxAllocatedStorage", .int(x))) }
        if let x = d.storageEncrypted { p.append(("StorageEncrypted", .bool(x))) }
        if let x = d.encryptionKey { p.append(("KmsKeyId", v(x))) }
        if let x = d.masterUsername { p.append(("MasterUsername", .string(x))) }
        switch d.password {
        case .managed(let key)?:
            p.append(("ManageMasterUserPassword", .bool(true)))
            if let key { p.append(("MasterUserSecret", .object([("KmsKeyId", v(key))]))) }
        case .fromSecret(let secret)?:
            p.append(("MasterUserPassword", v(secret)))
        case nil:
            break
        }
        if let x = d.backupRetentionDays { p.append(("BackupRetentionPeriod", .int(x))) }
        if let x = d.backupWindow { p.append(("PreferredBackupWindow", .string(x))) }
        if let x = d.maintenanceWindow { p.append(("PreferredMaintenanceWindow", .string(x))) }
        if let x = d.subnetGroup { p.append(("DBSubnetGroupName", v(x))) }
        if let x = d.parameterGroup { p.append(("DBParameterGroupName", v(x))) }
        if d.monitoringInterval > 0 {
            p.append(("MonitoringInterval", .int(d.monitoringInterval)))
            if let role = d.monitoringRole { p.append(("MonitoringRoleArn", v(role))) }
        }
        if let days = d.performanceInsightsRetention {
            p.append(("EnablePerformanceInsights", .bool(true)))
            p.append(("PerformanceInsightsRetentionPeriod", .int(days)))
            if let key = d.performanceInsightsKey { p.append(("PerformanceInsightsKMSKeyId", v(key))) }
        }
        if !d.logExports.isEmpty { p.append(("EnableCloudwatchLogsExports", .array(d.logExports.map { .string($0) }))) }
        return p
    }

    // MARK: - Values

    private static func value(_ value: Value, kinds: [String: Resource.Body]) -> JSONValue {
        switch value {
        case .literal(let s):
            return .string(s)
        case .keyAlias(let alias):
            return .string(Value.aliasName(alias))
        case .availabilityZone(let index):
            return .object([("Fn::Select", .array([.int(index), .object([("Fn::GetAZs", .string(""))])]))])
        case .accountRoot:
            return .object([("Fn::Sub", .string("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))])
        case let .secretField(secret, field):
            return .object([("Fn::Sub", .string("{{resolve:secretsmanager:${\(logicalID(secret))}:SecretString:\(field)}}"))])
        case .reference(let ref):
            let id = logicalID(ref.resource)
            func getAtt(_ attribute: String) -> JSONValue { .object([("Fn::GetAtt", .array([.string(id), .string(attribute)]))]) }
            switch ref.attribute {
            case .id:
                if case .firewall? = kinds[ref.resource] { return getAtt("GroupId") }
                return .object([("Ref", .string(id))])
            case .arn:
                if case .generatedSecret? = kinds[ref.resource] { return .object([("Ref", .string(id))]) }
                return getAtt("Arn")
            case .endpointAddress: return getAtt("Endpoint.Address")
            case .endpointPort: return getAtt("Endpoint.Port")
            case .masterUserSecretArn: return getAtt("MasterUserSecret.SecretArn")
            case .resourceID: return getAtt("DbiResourceId")
            }
        }
    }
}
