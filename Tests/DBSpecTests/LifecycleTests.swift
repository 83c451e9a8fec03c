import DBSpecKit
import Foundation
import Testing

/// What happens to a database's data and settings over its life, in both targets: keys kept,
/// final snapshots that never collide, modifications made when applied, and exported logs that
/// are written at all (issue 14, items 3, 4, 5 and 10).
@Suite("Lifecycles and log switches")
struct LifecycleTests {
    static let specs = Repo.files(in: "specs", extensions: ["yaml", "yml", "json"])

    func compile(_ name: String, _ bytes: [UInt8], _ target: Target) throws -> [[String: Any]] {
        let result = Compiler().compile(SourceText(name: name, bytes: bytes), target: target)
        #expect(!result.outputs.isEmpty, "\(name): \(result.diagnostics.map(\.message))")
        return try result.outputs.map { try #require(try JSONSerialization.jsonObject(with: Data($0.bytes)) as? [String: Any]) }
    }

    func resources(_ json: [String: Any], _ type: String) -> [String: [String: Any]] {
        ((json["resource"] as? [String: Any])?[type] as? [String: [String: Any]]) ?? [:]
    }

    @Test(arguments: specs)
    func terraformKeepsKeysAndNamesEachFinalSnapshotOnce(_ path: String) throws {
        for json in try compile(path, try Repo.read(path), .terraform) {
            for (name, key) in resources(json, "aws_kms_key") {
                let lifecycle = key["lifecycle"] as? [String: Any]
                #expect(lifecycle?["prevent_destroy"] as? Bool == true, "\(path): aws_kms_key.\(name) can be destroyed with its snapshots' only key")
                let policy = try #require(key["policy"] as? String, "\(path): aws_kms_key.\(name) has no key policy")
                let document = try #require(try JSONSerialization.jsonObject(with: Data(policy.utf8)) as? [String: Any])
                let statement = try #require((document["Statement"] as? [[String: Any]])?.first)
                #expect(statement["Action"] as? String == "kms:*" && statement["Effect"] as? String == "Allow")
                #expect(((statement["Principal"] as? [String: Any])?["AWS"] as? String)?.hasSuffix(":root") == true)
            }
            for type in ["aws_db_instance", "aws_rds_cluster"] {
                for (name, body) in resources(json, type) where body["replicate_source_db"] == nil {
                    let identifier = try #require(body["identifier"] as? String ?? body["cluster_identifier"] as? String)
                    #expect(body["apply_immediately"] as? Bool == true, "\(path): \(type).\(name)")
                    #expect(body["skip_final_snapshot"] as? Bool == false)
                    let snapshot = try #require(body["final_snapshot_identifier"] as? String)
                    #expect(snapshot == "\(identifier)-final-${formatdate(\"YYYYMMDDhhmmss\", timestamp())}", "\(path): \(snapshot)")
                    let ignored = (body["lifecycle"] as? [String: Any])?["ignore_changes"] as? [String]
                    #expect(ignored == ["final_snapshot_identifier"], "\(path): \(type).\(name) would re-plan its snapshot name")
                }
            }
            for (name, body) in resources(json, "aws_rds_cluster_instance") {
                #expect(body["apply_immediately"] as? Bool == true, "\(path): aws_rds_cluster_instance.\(name)")
            }
        }
    }

    @Test(arguments: specs)
    func cloudFormationRetainsKeys(_ path: String) throws {
        for json in try compile(path, try Repo.read(path), .cloudformation) {
            for case let (name, resource as [String: Any]) in json["Resources"] as? [String: Any] ?? [:] where resource["Type"] as? String == "AWS::KMS::Key" {
                #expect(resource["DeletionPolicy"] as? String == "Retain" && resource["UpdateReplacePolicy"] as? String == "Retain", "\(path): \(name)")
                #expect((resource["Properties"] as? [String: Any])?["PendingWindowInDays"] as? Int == 30)
            }
        }
    }

    static func spec(engine: String, version: String, logs: String, extra: String = "", storage: String = "  storage: { size: 20 }\n") -> [UInt8] {
        Array(
            """
            dbspec: 1
            name: logs
            region: eu-west-1
            network:
              vpc: { cidr: 10.1.0.0/16, azs: 2 }
            database:
              engine: \(engine)
              version: "\(version)"
              class: db.r6g.large
            \(storage)  encryption: { kmsKey: create }
              monitoring: { logs: [\(logs)] }
            \(extra)
            """.utf8)
    }

    func parameters(_ json: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for type in ["aws_db_parameter_group", "aws_rds_cluster_parameter_group"] {
            for (_, group) in resources(json, type) {
                for p in group["parameter"] as? [[String: Any]] ?? [] { out[p["name"] as! String] = p["value"] as? String }
            }
        }
        return out
    }

    @Test func mysqlLogsGetTheirSwitchesAndTheAuditPlugin() throws {
        let json = try #require(try compile("logs.yaml", Self.spec(engine: "mysql", version: "8.0.42", logs: "audit, general, slowquery"), .terraform).first)
        let set = parameters(json)
        #expect(set["general_log"] == "1" && set["slow_query_log"] == "1" && set["log_output"] == "FILE", "\(set)")
        let groups = resources(json, "aws_db_option_group")
        let group = try #require(groups.values.first, "an audit log needs the MariaDB Audit Plugin")
        #expect(group["major_engine_version"] as? String == "8.0")
        #expect((group["option"] as? [[String: Any]])?.map { $0["option_name"] as? String } == ["MARIADB_AUDIT_PLUGIN"])
    }

    @Test func theSpecsOwnParameterStands() throws {
        let text = Self.spec(engine: "mariadb", version: "11.8.6", logs: "slowquery", extra: "  parameters: { log_output: TABLE }")
        let json = try #require(try compile("logs.yaml", text, .cloudformation).first)
        let groups = (json["Resources"] as? [String: Any] ?? [:]).values.compactMap { $0 as? [String: Any] }
            .filter { $0["Type"] as? String == "AWS::RDS::DBParameterGroup" }
        let set = try #require((groups.first?["Properties"] as? [String: Any])?["Parameters"] as? [String: String])
        #expect(set["log_output"] == "TABLE" && set["slow_query_log"] == "1", "\(set)")
        #expect(!(json["Resources"] as? [String: Any] ?? [:]).values.contains { ($0 as? [String: Any])?["Type"] as? String == "AWS::RDS::OptionGroup" })
    }

    @Test func auroraMySQLAuditTurnsOnAdvancedAuditing() throws {
        let text = Self.spec(engine: "aurora-mysql", version: "8.0.mysql_aurora.3.10.1", logs: "audit", storage: "")
        let json = try #require(try compile("logs.yaml", text, .terraform).first)
        #expect(parameters(json) == ["server_audit_logging": "1", "require_secure_transport": "1"])
        #expect(resources(json, "aws_db_option_group").isEmpty, "Aurora MySQL audits with a parameter, not the plugin")
    }

    @Test func logsWrittenByDefaultNeedNothing() throws {
        let json = try #require(try compile("logs.yaml", Self.spec(engine: "postgres", version: "16.13", logs: "postgresql, upgrade"), .terraform).first)
        #expect(parameters(json) == ["rds.force_ssl": "1"], "only the TLS parameter")
    }
}
