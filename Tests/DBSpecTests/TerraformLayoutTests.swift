import DBSpecKit
import Foundation
import Testing

/// The three Terraform layouts, on every shipped spec (scripts/test-terraform.sh runs
/// `terraform validate` on each, offline).
@Suite("Terraform layouts")
struct TerraformLayoutTests {
    static let specs = Repo.files(in: "specs", extensions: ["yaml", "yml", "json"])

    func compile(_ path: String, _ layout: TerraformLayout) throws -> (name: String, json: [String: Any]) {
        let result = Compiler().compile(SourceText(name: path, bytes: try Repo.read(path)), target: .terraform, terraformLayout: layout)
        let file = try #require(result.outputs.first, "\(path): \(result.diagnostics.map(\.message))")
        return (file.name, try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any]))
    }

    func blocks(_ json: [String: Any]) -> [(section: String, type: String, name: String, body: [String: Any])] {
        var out: [(String, String, String, [String: Any])] = []
        for section in ["resource", "data", "ephemeral"] {
            for (type, named) in json[section] as? [String: [String: [String: Any]]] ?? [:] {
                for (name, body) in named { out.append((section, type, name, body)) }
            }
        }
        return out
    }

    @Test(arguments: specs)
    func rootLayoutNamesEverythingAfterTheSpec(_ path: String) throws {
        let (file, json) = try compile(path, .root)
        let prefix = String(file.dropLast(".tf.json".count)).replacingOccurrences(of: "-", with: "_")
        #expect(json["terraform"] == nil, "the root module's own terraform block declares the provider")
        let providers = try #require((json["provider"] as? [String: Any])?["aws"] as? [[String: String]])
        #expect(providers.allSatisfy { $0["alias"]?.hasPrefix(prefix) == true }, "no default provider configuration: \(providers)")
        for block in blocks(json) {
            #expect(
                (block.body["provider"] as? String)?.hasPrefix("aws." + prefix) == true,
                "\(block.section).\(block.type).\(block.name) has no provider of its own")
            if block.section == "data" { #expect(block.name.hasPrefix(prefix + "_"), "data.\(block.type).\(block.name)") }
        }
        let outputs = (json["output"] as? [String: Any])?.keys.map { $0 } ?? []
        #expect(!outputs.isEmpty && outputs.allSatisfy { $0.hasPrefix(prefix + "_") }, "\(outputs)")
    }

    @Test(arguments: specs)
    func moduleLayoutTakesItsProvidersFromTheCaller(_ path: String) throws {
        let (file, json) = try compile(path, .module)
        #expect(file.hasSuffix("/main.tf.json"))
        #expect(json["provider"] == nil, "a module with a provider block refuses for_each and providers = {...}")
        let aws = try #require(((json["terraform"] as? [String: Any])?["required_providers"] as? [String: Any])?["aws"] as? [String: Any])
        #expect(aws["version"] as? String == TerraformEmitter.providerConstraint)
        let usedAliases = Set(blocks(json).compactMap { $0.body["provider"] as? String })
        #expect(Set(aws["configuration_aliases"] as? [String] ?? []) == usedAliases, "every Region alias used is declared")
        let text = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
        #expect(text.contains("data.aws_region.current.id"), "the caller's Region is checked at plan time")
    }

    @Test func standaloneIsTheDefaultAndDeclaresEverything() throws {
        let (file, json) = try compile("specs/cross-region-replica.yaml", .standalone)
        #expect(!file.contains("/"))
        let aws = try #require(((json["terraform"] as? [String: Any])?["required_providers"] as? [String: Any])?["aws"] as? [String: Any])
        #expect(aws["version"] as? String == ">= 5.88.0, < 7.0.0")
        #expect(json["provider"] != nil)
    }

    @Test func layoutIsRefusedForCloudFormation() throws {
        let run = try Run(["compile", "specs/multi-az.yaml", "--target", "cloudformation", "--layout", "module"])
        #expect(run.status == 2 && run.stderr.contains("--layout is for --target terraform"))
    }

    @Test func modulesAreWrittenToAFolderEach() throws {
        let dir = try temporaryDirectory()
        let run = try Run(["compile", "specs/multi-az.yaml", "specs/read-replica.yaml", "--target", "terraform", "--layout", "module", "-o", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names.count == 2)
        for name in names { #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name + "/main.tf.json").path)) }
    }

    /// Two specs in one folder need a layout that composes: standalone files are refused
    /// before anything is written; `.dbspec.yaml` can set the layout.
    @Test func standaloneFilesDoNotShareAFolder() throws {
        let dir = try temporaryDirectory()
        let refused = try Run(["compile", "specs/multi-az.yaml", "specs/read-replica.yaml", "--target", "terraform", "-o", dir.path])
        #expect(refused.status == 2 && refused.stderr.contains("use --layout root"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing is written")
        let project = try temporaryDirectory()
        try FileManager.default.createDirectory(at: project.appendingPathComponent("specs"), withIntermediateDirectories: true)
        for spec in ["multi-az.yaml", "read-replica.yaml"] {
            try Data(try Repo.read("specs/" + spec)).write(to: project.appendingPathComponent("specs/" + spec))
        }
        try Data("target: terraform\nlayout: root\noutput: infra/\n".utf8).write(to: project.appendingPathComponent(".dbspec.yaml"))
        let configured = try Run(["compile", "specs"], in: project)
        #expect(configured.status == 0, "\(configured.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("infra").path).sorted()
        #expect(files == ["catalog.tf.json", "orders.tf.json"], "\(files)")
        let text = try String(contentsOf: project.appendingPathComponent("infra/orders.tf.json"), encoding: .utf8)
        #expect(!text.contains("\"required_providers\""))
    }

    /// Text from the spec reaches Terraform as text: `${` (which a security group rule's
    /// description may hold) and `%{` (a parameter value) are doubled, so Terraform never
    /// evaluates them; CloudFormation's plain strings need nothing, and its `Fn::Sub` strings
    /// use `${!`. (EC2 takes `$`, `{` and `}` in a description, not `%`: DB225.)
    @Test func specTextIsNeverATerraformTemplate() throws {
        let text = """
            dbspec: 1
            name: orders
            region: us-west-2
            network:
              allow:
                - cidr: 10.0.0.0/16
                  description: "apps ${path.module}"
            database:
              engine: postgres
              version: "16.13"
              class: db.m6g.large
              encryption: { kmsKey: create }
              iamAuth: true
              parameters:
                application_name: "${var.x} %{ if true }x%{ endif }"
            iam:
              connect:
                - user: "report${x}"
                  roles: [arn:aws:iam::123456789012:role/reporting]
            """
        let compiler = Compiler()
        let tf = compiler.compile(SourceText(name: "t.yaml", text: text), target: .terraform)
        #expect(!tf.hasErrors, "\(tf.diagnostics)")
        let output = String(decoding: try #require(tf.outputs.first).bytes, as: UTF8.self)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let resources = try #require(json["resource"] as? [String: [String: [String: Any]]])
        #expect(resources["aws_vpc_security_group_ingress_rule"]?.values.first?["description"] as? String == "apps $${path.module}")
        let parameter = (resources["aws_db_parameter_group"]?.values.first?["parameter"] as? [[String: Any]])?.first
        #expect(parameter?["value"] as? String == "$${var.x} %%{ if true }x%%{ endif }")
        let policy = try #require(resources["aws_iam_policy"]?.values.first?["policy"] as? String)
        #expect(policy.contains(#"/report$${x}"]"#), "\(policy)")
        let cfn = compiler.compile(SourceText(name: "t.yaml", text: text), target: .cloudformation)
        let template = String(decoding: try #require(cfn.outputs.first).bytes, as: UTF8.self)
        #expect(template.contains(#""Description": "apps ${path.module}""#))
        #expect(template.contains("/report${!x}"))
    }
}
