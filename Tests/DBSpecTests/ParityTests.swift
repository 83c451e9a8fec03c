import DBSpecKit
import DBSpecSource
import Foundation
import Testing

/// One row of docs/parity.md.
struct ParityRow: CustomStringConvertible {
    var specFields: [String]
    var cloudFormation: String
    var terraform: String
    var appliesTo: String
    /// The spec cell has a note in parentheses: the value is derived from the field, not equal to it.
    var derived: Bool
    var description: String { "\(cloudFormation) / \(terraform)" }

    static func load() throws -> [ParityRow] {
        let text = String(decoding: try Repo.read("docs/parity.md"), as: UTF8.self)
        var rows: [ParityRow] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| spec field") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4 else { continue }
            let code = { (s: String) in s.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element) }
            rows.append(ParityRow(specFields: code(cells[0]), cloudFormation: code(cells[1]).first ?? "",
                                  terraform: code(cells[2]).first ?? "", appliesTo: cells[3], derived: cells[0].contains("(")))
        }
        return rows
    }
}

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
            return "[" + tags.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "]"
        }
        return nil
    case let list as [Any]:
        // CloudFormation tags are [{Key, Value}]; Terraform's a map. Other lists keep their order.
        return "[" + list.map { item -> String in
            if let tag = item as? [String: Any], let k = tag["Key"] as? String, let v = tag["Value"] as? String { return "\(k)=\(v)" }
            return normalize(item, terraformData: terraformData) ?? "?"
        }.joined(separator: ",") + "]"
    default: return "\(value!)"
    }
}

private func attribute(_ name: String) -> String {
    switch name.lowercased() {
    case "groupid", "identifier", "name", "id": return "id"
    default: return name.lowercased()
    }
}

@Suite("Parity of CloudFormation and Terraform")
struct ParityTests {
    @Test func tableCoversWhatTheIssueAsksFor() throws {
        let rows = try ParityRow.load()
        let cfn = Set(rows.map(\.cloudFormation))
        for property in ["Engine", "EngineVersion", "DBInstanceClass", "AllocatedStorage", "StorageType", "StorageEncrypted", "KmsKeyId",
                         "MultiAZ", "EnableIAMDatabaseAuthentication", "BackupRetentionPeriod", "PreferredBackupWindow",
                         "PreferredMaintenanceWindow", "DeletionProtection", "SourceDBInstanceIdentifier"] {
            #expect(cfn.contains(property), "docs/parity.md has no row for \(property)")
        }
    }

    @Test(arguments: GoldenTests.specs)
    func bothTargetsAgreeWithTheTableAndTheSpec(_ path: String) throws {
        let rows = try ParityRow.load()
        let source = SourceText(name: path, bytes: try Repo.read(path))
        let compiler = Compiler()
        let cfnBytes = try #require(compiler.compile(source, target: .cloudformation).outputs.first?.bytes)
        let tfBytes = try #require(compiler.compile(source, target: .terraform).outputs.first?.bytes)
        let cfn = try #require(try JSONSerialization.jsonObject(with: Data(cfnBytes)) as? [String: Any])
        let tf = try #require(try JSONSerialization.jsonObject(with: Data(tfBytes)) as? [String: Any])
        let tfData = (tf["data"] as? [String: [String: Any]]) ?? [:]

        // Databases by identifier in both outputs.
        var cfnDatabases: [String: [String: Any]] = [:]
        for case let resource as [String: Any] in (cfn["Resources"] as? [String: Any] ?? [:]).values
        where resource["Type"] as? String == "AWS::RDS::DBInstance" {
            let properties = resource["Properties"] as? [String: Any] ?? [:]
            cfnDatabases[properties["DBInstanceIdentifier"] as? String ?? ""] = properties
        }
        var tfDatabases: [String: [String: Any]] = [:]
        for case let arguments as [String: Any] in ((tf["resource"] as? [String: Any])?["aws_db_instance"] as? [String: Any] ?? [:]).values {
            tfDatabases[arguments["identifier"] as? String ?? ""] = arguments
        }
        #expect(Set(cfnDatabases.keys) == Set(tfDatabases.keys))
        #expect(!cfnDatabases.isEmpty)

        let root = YAMLReader.read(source).root
        let primaryName = root?["name"]?.scalar?.text ?? ""
        for (identifier, cfnProperties) in cfnDatabases {
            let tfArguments = try #require(tfDatabases[identifier])
            let isReplica = identifier != primaryName
            for row in rows {
                if row.appliesTo == "primary" && isReplica || row.appliesTo == "replicas" && !isReplica { continue }
                var cfnValue: Any? = cfnProperties
                for key in row.cloudFormation.split(separator: ".") { cfnValue = (cfnValue as? [String: Any])?[String(key)] }
                let a = normalize(cfnValue), b = normalize(tfArguments[row.terraform], terraformData: tfData)
                #expect(a == b, "\(path) \(identifier): \(row) differ: \(a ?? "unset") vs \(b ?? "unset")")
                // Where the spec writes the field as a plain value, both outputs carry it.
                guard !isReplica, !row.derived, let field = row.specFields.first, !field.hasSuffix("]"), !row.cloudFormation.contains("."),
                      !["database.encryption.kmsKey", "database.credentials.password", "tags"].contains(field),
                      let written = lookup(root, field)
                else { continue }
                #expect(a == written, "\(path): `\(field)` is \(written) in the spec but \(a ?? "unset") in \(row.cloudFormation)")
            }
        }
    }

    private func lookup(_ root: Node?, _ path: String) -> String? {
        var node = root
        for key in path.split(separator: ".") { node = node?[String(key)] }
        return node?.scalar?.text
    }
}
