import DBSpecEmitters
import DBSpecKit
import DBSpecSource
import Foundation
import Testing

/// A property or argument value reduced to a form both targets share: scalars as text,
/// references as `ref:<resource>.<attribute>` with the resource spelled without separators.
func normalize(_ value: Any?, terraformData: [String: [String: Any]] = [:]) -> String? {
    switch value {
    case nil: return nil
    case let b as Bool: return b ? "true" : "false"
    case let n as NSNumber: return n.stringValue
    case let s as String:
        guard s.hasPrefix("${"), s.hasSuffix("}") else { return s }
        let parts = s.dropFirst(2).dropLast().split(separator: ".").map(String.init)
        if parts.first == "data", parts.count >= 4, parts[1] == "aws_kms_alias" {
            return terraformData["aws_kms_alias"]?[parts[2]].flatMap { ($0 as? [String: Any])?["name"] as? String }
        }
        guard parts.count >= 3 else { return s }
        return "ref:" + parts[1].replacingOccurrences(of: "_", with: "") + "." + attribute(parts[2])
    case let dict as [String: Any]:
        if let name = dict["Ref"] as? String { return "ref:\(name.lowercased()).id" }
        if let getAtt = dict["Fn::GetAtt"] as? [String], getAtt.count == 2 {
            return "ref:\(getAtt[0].lowercased()).\(attribute(getAtt[1]))"
        }
        // Terraform tags: a map, compared as sorted `key=value` pairs like CloudFormation's list.
        if let tags = dict as? [String: String] {
            return "["
                + tags.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "]"
        }
        return nil
    case let list as [Any]:
        // CloudFormation tags are [{Key, Value}]; Terraform's a map. Other lists keep their order.
        return "["
            + list.map { item -> String in
                if let tag = item as? [String: Any], let k = tag["Key"] as? String, let v = tag["Value"] as? String { return "\(k)=\(v)" }
                return normalize(item, terraformData: terraformData) ?? "?"
            }.joined(separator: ",") + "]"
    default: return "\(value!)"
    }
}

private func attribute(_ name: String) -> String {
    switch name.lowercased() {
    case "groupid", "identifier", "cluster_identifier", "name", "id": return "id"
    default: return name.lowercased()
    }
}

@Suite("Parity of CloudFormation and Terraform")
struct ParityTests {

    @Test func tableCoversWhatTheIssueAsksFor() throws {
        let cfn = Set(ParityDocument.instanceRows.compactMap(\.cloudFormation))
        for property in [
            "Engine", "EngineVersion", "DBInstanceClass", "AllocatedStorage", "StorageType", "StorageEncrypted", "KmsKeyId",
            "MultiAZ", "EnableIAMDatabaseAuthentication", "BackupRetentionPeriod", "PreferredBackupWindow",
            "PreferredMaintenanceWindow", "DeletionProtection", "SourceDBInstanceIdentifier",
        ] {
            #expect(cfn.contains(property), "DatabaseFields.instance has no row for \(property)")
        }
    }

    @Test func tableCoversAuroraClusters() throws {
        let cluster = Set(ParityDocument.clusterRows.compactMap(\.cloudFormation))
        for property in [
            "DBClusterIdentifier", "Engine", "EngineVersion", "StorageEncrypted", "KmsKeyId", "MasterUsername",
            "BackupRetentionPeriod", "EnableIAMDatabaseAuthentication", "DeletionProtection",
            "ServerlessV2ScalingConfiguration.MinCapacity", "ServerlessV2ScalingConfiguration.MaxCapacity",
            "EnableCloudwatchLogsExports", "DBClusterParameterGroupName",
        ] {
            #expect(cluster.contains(property), "DatabaseFields.cluster has no row for \(property)")
        }
        let members = Set(ParityDocument.clusterInstanceRows.compactMap(\.cloudFormation))
        for property in ["DBInstanceIdentifier", "DBClusterIdentifier", "DBInstanceClass", "MonitoringInterval", "PromotionTier"] {
            #expect(members.contains(property), "DatabaseFields.clusterInstance has no row for \(property)")
        }
    }

    /// Every property or argument is written by one row of its table, and a row's two
    /// spellings are either both there or one is a documented single-target field.
    @Test func eachSpellingHasOneRow() {
        for rows in [ParityDocument.instanceRows, ParityDocument.clusterRows, ParityDocument.clusterInstanceRows] {
            let cfn = rows.compactMap(\.cloudFormation), tf = rows.compactMap(\.terraform)
            #expect(Set(cfn).count == cfn.count, "a CloudFormation property has two rows: \(cfn)")
            #expect(Set(tf).count == tf.count, "a Terraform argument has two rows: \(tf)")
            for row in rows { #expect(row.cloudFormation != nil || row.terraform != nil, "\(row.spec) is spelled by no target") }
        }
    }

    @Test(arguments: GoldenTests.specs)
    func bothTargetsAgreeWithTheTableAndTheSpec(_ path: String) throws {
        let source = SourceText(name: path, bytes: try Repo.read(path))
        let compiler = Compiler()
        // Every Region's template: a cross-Region replica lives in a template of its own.
        let cfnOutputs = compiler.compile(source, target: .cloudformation).outputs
        #expect(!cfnOutputs.isEmpty)
        let tfBytes = try #require(compiler.compile(source, target: .terraform).outputs.first?.bytes)
        var cfnResources: [String: Any] = [:]
        for output in cfnOutputs {
            let template = try #require(try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
            for (id, resource) in template["Resources"] as? [String: Any] ?? [:] {
                #expect(cfnResources[id] == nil, "\(path): \(id) is in two templates")
                cfnResources[id] = resource
            }
        }
        let tf = try #require(try JSONSerialization.jsonObject(with: Data(tfBytes)) as? [String: Any])
        let tfData = (tf["data"] as? [String: [String: Any]]) ?? [:]
        let tfResources = tf["resource"] as? [String: Any] ?? [:]

        // `replicas[].region`: a replica in CloudFormation's NAME.REGION.template.json is, in
        // Terraform, on the provider configuration for REGION.
        let providers = (tf["provider"] as? [String: Any])?["aws"]
        let aliases = (providers as? [[String: Any]] ?? []).reduce(into: [String: String]()) { out, p in
            if let alias = p["alias"] as? String, let region = p["region"] as? String { out["aws." + alias] = region }
        }
        for output in cfnOutputs.dropFirst() {
            let region = String(output.name.split(separator: ".").dropFirst().first ?? "")
            let template = try #require(try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
            for case let resource as [String: Any] in (template["Resources"] as? [String: Any] ?? [:]).values
            where resource["Type"] as? String == "AWS::RDS::DBInstance" {
                let identifier = (resource["Properties"] as? [String: Any])?["DBInstanceIdentifier"] as? String
                let twin = (tfResources["aws_db_instance"] as? [String: Any] ?? [:]).values
                    .compactMap { $0 as? [String: Any] }.first { $0["identifier"] as? String == identifier }
                let provider = try #require(twin?["provider"] as? String, "\(path): \(identifier ?? "?") has no provider in Terraform")
                #expect(aliases[provider] == region, "\(path): \(identifier ?? "?") is in \(region) but on provider \(provider)")
            }
        }
        // A source in another Region: CloudFormation spells its ARN out (`Fn::Sub`), Terraform
        // refers to it; both become `arn-of:IDENTIFIER`.
        var arnOf: [String: String] = [:]
        for (name, arguments) in tfResources["aws_db_instance"] as? [String: Any] ?? [:] {
            if let id = (arguments as? [String: Any])?["identifier"] as? String {
                arnOf["ref:" + name.replacingOccurrences(of: "_", with: "") + ".arn"] = "arn-of:" + id
            }
        }
        func crossRegion(_ value: String?) -> String? {
            guard let value else { return nil }
            if value.hasPrefix("[Fn::Sub=arn:${AWS::Partition}:rds:"), let id = value.split(separator: ":").last {
                return "arn-of:" + id.dropLast()
            }
            return arnOf[value] ?? value
        }

        // Each kind of database resource, by identifier, in both outputs.
        func cfn(_ type: String, _ key: String, inCluster: Bool) -> [String: [String: Any]] {
            var out: [String: [String: Any]] = [:]
            for case let resource as [String: Any] in cfnResources.values where resource["Type"] as? String == type {
                let properties = resource["Properties"] as? [String: Any] ?? [:]
                guard (properties["DBClusterIdentifier"] != nil) == inCluster || type == "AWS::RDS::DBCluster" else { continue }
                out[properties[key] as? String ?? ""] = properties
            }
            return out
        }
        func terraform(_ type: String, _ key: String) -> [String: [String: Any]] {
            var out: [String: [String: Any]] = [:]
            for case let arguments as [String: Any] in (tfResources[type] as? [String: Any] ?? [:]).values {
                out[arguments[key] as? String ?? ""] = arguments
            }
            return out
        }
        let kinds: [(cfn: [String: [String: Any]], tf: [String: [String: Any]], rows: (Bool) -> [FieldRow])] = [
            (
                cfn("AWS::RDS::DBInstance", "DBInstanceIdentifier", inCluster: false), terraform("aws_db_instance", "identifier"),
                { isReplica in ParityDocument.instanceRows.filter { ["all", isReplica ? "replicas" : "primary"].contains($0.appliesTo) } }
            ),
            (
                cfn("AWS::RDS::DBCluster", "DBClusterIdentifier", inCluster: true), terraform("aws_rds_cluster", "cluster_identifier"),
                { _ in ParityDocument.clusterRows }
            ),
            (
                cfn("AWS::RDS::DBInstance", "DBInstanceIdentifier", inCluster: true), terraform("aws_rds_cluster_instance", "identifier"),
                { _ in ParityDocument.clusterInstanceRows }
            ),
        ]
        #expect(kinds.contains { !$0.cfn.isEmpty })

        let root = YAMLReader.read(source).root
        let primaryName = root?["name"]?.scalar?.text ?? ""
        for (index, kind) in kinds.enumerated() {
            #expect(Set(kind.cfn.keys) == Set(kind.tf.keys), "\(path): the targets make different databases")
            for (identifier, cfnProperties) in kind.cfn {
                let tfArguments = try #require(kind.tf[identifier])
                let isReplica = identifier != primaryName
                var checked = 0
                for row in kind.rows(isReplica) {
                    var cfnValue: Any? = cfnProperties
                    for key in (row.cloudFormation ?? "").split(separator: ".") { cfnValue = (cfnValue as? [String: Any])?[String(key)] }
                    // Terraform's nested blocks are lists of one object: `block.0.argument`.
                    var tfValue: Any? = tfArguments
                    for key in (row.terraform ?? "").split(separator: ".") {
                        if let i = Int(key) {
                            tfValue = (tfValue as? [Any]).flatMap { $0.indices.contains(i) ? $0[i] : nil }
                        } else {
                            tfValue = (tfValue as? [String: Any])?[String(key)]
                        }
                    }
                    let a = crossRegion(normalize(cfnValue)), b = crossRegion(normalize(tfValue, terraformData: tfData))
                    // A field only one target writes (the dash in docs/parity.md) has nothing to compare.
                    guard let cfnPath = row.cloudFormation, row.terraform != nil else { continue }
                    if a == nil, row.cloudFormationOmitsSome {
                        // CloudFormation leaves it out here (StorageEncrypted on a replica).
                    } else if row.compared {
                        #expect(a == b, "\(path) \(identifier): \(row) differ: \(a ?? "unset") vs \(b ?? "unset")")
                    } else {
                        #expect((a == nil) == (b == nil), "\(path) \(identifier): \(row) is set in one target only")
                    }
                    if a != nil { checked += 1 }
                    // Where the spec writes the field as a plain value, both outputs carry it.
                    guard index < 2, !isReplica, let field = row.writtenAs, !cfnPath.contains("."), let written = lookup(root, field)
                    else { continue }
                    #expect(a == written, "\(path): `\(field)` is \(written) in the spec but \(a ?? "unset") in \(cfnPath)")
                }
                #expect(checked >= 5, "\(path) \(identifier): too few rows of the table apply")
            }
        }
    }

    /// The network and logging resources, and the keys, secrets, roles and groups: each
    /// CloudFormation resource of a kind has its Terraform twin (the same graph id, spelled
    /// `OrdersVpc` and `orders_vpc`), and each row of the kind's table has the same value in both.
    @Test(arguments: GoldenTests.specs)
    func resourcesAgreeWithTheirTables(_ path: String) throws {
        let source = SourceText(name: path, bytes: try Repo.read(path))
        let compiler = Compiler()
        var cfn: [String: [String: Any]] = [:]  // by lowercased logical ID
        var cfnTypes: [String: String] = [:]
        for output in compiler.compile(source, target: .cloudformation).outputs {
            let template = try #require(try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
            for case let (id, resource as [String: Any]) in template["Resources"] as? [String: Any] ?? [:] {
                cfn[id.lowercased()] = resource["Properties"] as? [String: Any] ?? [:]
                cfnTypes[id.lowercased()] = resource["Type"] as? String
            }
        }
        let tfBytes = try #require(compiler.compile(source, target: .terraform).outputs.first?.bytes)
        let tf = try #require(try JSONSerialization.jsonObject(with: Data(tfBytes)) as? [String: Any])
        let tfData = (tf["data"] as? [String: [String: Any]]) ?? [:]
        let tfResources = tf["resource"] as? [String: [String: Any]] ?? [:]
        var compared = 0
        for (kind, rows) in ParityDocument.networkTables + ParityDocument.otherTables {
            let ids = cfnTypes.filter { $0.value == kind.cloudFormation }.map(\.key)
            let twins = tfResources[kind.terraform] ?? [:]
            #expect(ids.count == twins.count, "\(path): \(ids.count) \(kind.cloudFormation) but \(twins.count) \(kind.terraform)")
            for id in ids {
                let twin = try #require(
                    twins.first { $0.key.replacingOccurrences(of: "_", with: "") == id }?.value as? [String: Any],
                    "\(path): \(id) has no \(kind.terraform) twin")
                for row in rows {
                    guard let property = row.cloudFormation, let argument = row.terraform else { continue }
                    // A nested property (`PortRange.From`) is a path into objects.
                    var cfnValue: Any? = cfn[id]
                    for key in property.split(separator: ".") { cfnValue = (cfnValue as? [String: Any])?[String(key)] }
                    let a = normalize(cfnValue), b = normalize(twin[argument], terraformData: tfData)
                    if row.compared {
                        #expect(a == b, "\(path) \(id): \(row) differ: \(a ?? "unset") vs \(b ?? "unset")")
                    } else {
                        // Said differently by each target (a protocol number and its name): both
                        // or neither set.
                        #expect((cfnValue == nil) == (twin[argument] == nil), "\(path) \(id): \(row) is set in one target only")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared >= 5, "\(path): only \(compared) values compared")
    }

    @Test(arguments: GoldenTests.specs)
    func bothTargetsMakeTheSameResources(_ path: String) throws {
        let rows = ResourceKinds.counted
        let source = SourceText(name: path, bytes: try Repo.read(path))
        var cfnTypes: [String: Int] = [:]
        var policyRoles: [String: Set<String>] = [:]
        for output in Compiler().compile(source, target: .cloudformation).outputs {
            let template = try #require(try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
            for case let (id, resource as [String: Any]) in template["Resources"] as? [String: Any] ?? [:] {
                let type = resource["Type"] as? String ?? ""
                cfnTypes[type, default: 0] += 1
                if type == "AWS::IAM::ManagedPolicy" {
                    policyRoles[id.lowercased()] = Set((resource["Properties"] as? [String: Any])?["Roles"] as? [String] ?? [])
                }
            }
        }
        let tfBytes = try #require(Compiler().compile(source, target: .terraform).outputs.first?.bytes)
        let tf = try #require(try JSONSerialization.jsonObject(with: Data(tfBytes)) as? [String: Any])
        let resources = tf["resource"] as? [String: [String: Any]] ?? [:]
        for row in rows {
            // Terraform writes a generated secret's first version (`NAME_initial`, the password)
            // apart from the version that adds the host and port, CloudFormation's attachment.
            let named = resources[row.terraform] ?? [:]
            let a = cfnTypes[row.cloudFormation] ?? 0, b = named.keys.filter { !$0.hasSuffix("_initial") }.count
            #expect(a == b, "\(path): \(a) \(row.cloudFormation) but \(b) \(row.terraform)")
        }
        let initial = (resources["aws_secretsmanager_secret_version"] ?? [:]).keys.filter { $0.hasSuffix("_initial") }.count
        #expect(initial == cfnTypes["AWS::SecretsManager::Secret"] ?? 0, "\(path): one first version per generated secret")
        // Connect policies: the same roles, attached in Terraform by attachment resources.
        var tfPolicyRoles: [String: Set<String>] = [:]
        for case let attachment as [String: Any] in (resources["aws_iam_role_policy_attachment"] ?? [:]).values {
            guard let arn = attachment["policy_arn"] as? String, arn.hasPrefix("${aws_iam_policy."), let role = attachment["role"] as? String else { continue }
            let policy = arn.dropFirst("${aws_iam_policy.".count).prefix { $0 != "." }.replacingOccurrences(of: "_", with: "")
            tfPolicyRoles[policy, default: []].insert(role)
        }
        #expect(policyRoles == tfPolicyRoles, "\(path): connect policies are attached to different roles")
    }

    private func lookup(_ root: Node?, _ path: String) -> String? {
        var node = root
        for key in path.split(separator: ".") { node = node?[String(key)] }
        return node?.scalar?.text
    }
}
