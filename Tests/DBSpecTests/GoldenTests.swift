import DBSpecCatalog
import DBSpecKit
import Foundation
import Testing

/// Compares `actual` with the file at `relative`; with UPDATE_GOLDEN=1 rewrites the file instead.
func assertGolden(_ actual: [UInt8], _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Repo.url(relative)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual).write(to: url)
        return
    }
    let expected = try #require(
        try? Data(contentsOf: url), "missing golden file \(relative); run UPDATE_GOLDEN=1 swift test",
        sourceLocation: sourceLocation)
    guard Array(expected) != actual else { return }
    let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let got = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
    let expectedLine = line < want.count ? String(want[line]) : "<end of file>"
    let actualLine = line < got.count ? String(got[line]) : "<end of file>"
    Issue.record(
        """
        \(relative) differs at line \(line + 1); run UPDATE_GOLDEN=1 swift test and review the diff
          expected: \(expectedLine)
          actual:   \(actualLine)
        """, sourceLocation: sourceLocation)
}

@Suite("Golden output")
struct GoldenTests {
    static let specs = Repo.files(in: "specs", extensions: ["yaml", "yml", "json"])
    static let invalid =
        Repo.files(in: "specs/invalid", extensions: ["yaml", "yml", "json"])
        + Repo.files(in: "specs/invalid/rules", extensions: ["yaml", "yml", "json"])

    /// The shipped specs (which the golden, parity, graph and deployment tests all run) cover
    /// every engine family, and YAML and JSON both.
    @Test func everyShippedSpecIsCovered() throws {
        var families: Set<EngineFamily> = []
        for path in Self.specs {
            let spec = try #require(check(String(decoding: try Repo.read(path), as: UTF8.self), name: path).spec, "\(path)")
            if let engine = Catalog.builtIn.engine(spec.database.engine.value) { families.insert(engine.family) }
        }
        #expect(families == Set(EngineFamily.allCases), "no shipped spec of \(Set(EngineFamily.allCases).subtracting(families))")
        #expect(Self.specs.contains { $0.hasSuffix(".json") } && Self.specs.contains { $0.hasSuffix(".yaml") })
        #expect(Self.invalid.count >= 10)
    }

    @Test(arguments: specs)
    func shippedSpecsCompileToTheirGoldenTemplates(_ path: String) throws {
        let result = Compiler().compile(SourceText(name: path, bytes: try Repo.read(path)), target: .cloudformation)
        #expect(result.diagnostics.isEmpty, "\(path): \(result.diagnostics)")
        let output = try #require(result.outputs.first)
        #expect(output.name == "\(result.spec?.name.value ?? "").template.json")
        // Every template: the spec's Region's first, then one per Region of cross-Region replicas.
        for template in result.outputs {
            try assertGolden(template.bytes, "Tests/DBSpecTests/Golden/cloudformation/\(template.name)")
        }
        let terraform = try #require(Compiler().compile(SourceText(name: path, bytes: try Repo.read(path)), target: .terraform).outputs.first)
        try assertGolden(terraform.bytes, "Tests/DBSpecTests/Golden/terraform/\(terraform.name)")
        #expect(try JSONSerialization.jsonObject(with: Data(terraform.bytes)) is [String: Any])
        // The template is valid JSON with the sections in the documented order.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
        #expect(json["Resources"] != nil && json["Outputs"] != nil)
        let text = String(decoding: output.bytes, as: UTF8.self)
        let order = ["\"AWSTemplateFormatVersion\"", "\"Description\"", "\"Resources\"", "\"Outputs\""].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test(arguments: invalid)
    func invalidSpecsGiveTheirPinnedDiagnostics(_ path: String) throws {
        let result = Compiler().compile(SourceText(name: path, bytes: try Repo.read(path)), target: .cloudformation)
        #expect(!result.diagnostics.isEmpty, "\(path) should have diagnostics")
        #expect(result.hasErrors == result.outputs.isEmpty, "\(path): output must be written exactly when there are no errors")
        let expectedPath = String(path.dropLast((path as NSString).pathExtension.count)) + "expected"
        try assertGolden(Array(TextReporter.render([result]).utf8), expectedPath)
    }

    @Test(arguments: Target.allCases)
    func compilingIsDeterministic(_ target: Target) throws {
        for path in Self.specs {
            let source = SourceText(name: path, bytes: try Repo.read(path))
            let a = Compiler().compile(source, target: target).outputs.first?.bytes
            let b = Compiler().compile(source, target: target).outputs.first?.bytes
            #expect(a != nil && a == b)
        }
    }

    @Test func keyOrderInTheSpecDoesNotChangeTheOutput() throws {
        let a = """
            dbspec: 1
            name: orders
            region: us-west-2
            database: { engine: mysql, version: "8.4.8", class: db.t3.micro, encryption: { kmsKey: create }, multiAz: true }
            """
        let b = """
            database: { multiAz: true, encryption: { kmsKey: create }, class: db.t3.micro, version: "8.4.8", engine: mysql }
            region: us-west-2
            name: orders
            dbspec: 1
            """
        let ta = Compiler().compile(SourceText(name: "a", text: a), target: .cloudformation).outputs.first?.bytes
        let tb = Compiler().compile(SourceText(name: "b", text: b), target: .cloudformation).outputs.first?.bytes
        #expect(ta != nil && ta == tb)
    }

    @Test func keyAliasesGivenByARNBecomeALookupOfTheAliasName() throws {
        let spec =
            "dbspec: 1\nname: orders\nregion: us-west-2\ndatabase:\n  engine: mysql\n  version: \"8.4.8\"\n  class: db.t3.micro\n"
            + "  encryption: { kmsKey: \"arn:aws:kms:us-west-2:123456789012:alias/orders-key\" }\n"
        let source = SourceText(name: "a.yaml", text: spec)
        let cfn = String(decoding: try #require(Compiler().compile(source, target: .cloudformation).outputs.first).bytes, as: UTF8.self)
        #expect(cfn.contains(#""KmsKeyId": "alias/orders-key""#))
        let tf = String(decoding: try #require(Compiler().compile(source, target: .terraform).outputs.first).bytes, as: UTF8.self)
        #expect(tf.contains(#""kms_key_id": "${data.aws_kms_alias.key_orders_key.target_key_arn}""#))
        #expect(tf.contains(#""name": "alias/orders-key""#))
        #expect(!tf.contains("arn:aws:kms:us-west-2:123456789012:alias"))
    }

    @Test func yamlAndJSONSpellingsCompileAlike() throws {
        let yaml =
            "dbspec: 1\nname: orders\nregion: us-west-2\ndatabase:\n  engine: mysql\n  version: \"8.4.8\"\n  class: db.t3.micro\n  encryption: { kmsKey: create }\n"
        let json =
            #"{"dbspec": 1, "name": "orders", "region": "us-west-2", "database": {"engine": "mysql", "version": "8.4.8", "class": "db.t3.micro", "encryption": {"kmsKey": "create"}}}"#
        let a = Compiler().compile(SourceText(name: "a.yaml", text: yaml), target: .cloudformation).outputs.first?.bytes
        let b = Compiler().compile(SourceText(name: "a.json", text: json), target: .cloudformation).outputs.first?.bytes
        #expect(a != nil && a == b)
    }
}

@Suite("JSON Schema")
struct SchemaTests {
    @Test func schemaDescribesEveryField() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONSchemaGenerator.render())) as? [String: Any])
        #expect(json["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        #expect(json["required"] as? [String] == ["dbspec", "name", "region", "database"])
        let database = try #require((json["properties"] as? [String: Any])?["database"] as? [String: Any])
        let fields = try #require(database["properties"] as? [String: [String: Any]])
        #expect(Set(fields.keys) == Set(SpecSchema.database.fieldNames))
        #expect(fields.values.allSatisfy { ($0["description"] as? String)?.isEmpty == false })
        #expect((fields["engine"]?["enum"] as? [String])?.contains("postgres") == true)
        #expect(
            ((fields["storage"]?["properties"] as? [String: [String: Any]])?["type"]?["enum"] as? [String]) == [
                "gp2", "gp3", "io1", "io2", "standard", "aurora", "aurora-iopt1",
            ])
    }

    @Test func schemaCommandPrintsTheCommittedFile() throws {
        let run = try Run(["schema"])
        #expect(run.status == 0)
        #expect(run.stdoutBytes == (try Data(contentsOf: Repo.url("schemas/dbspec-v1.schema.json"))))
    }
}
