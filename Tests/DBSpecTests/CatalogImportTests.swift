import DBSpecKit
import Foundation
import Testing

@Suite("Catalogue import", .serialized)
struct CatalogImportTests {
    static let versions = "Tests/DBSpecTests/Fixtures/describe-db-engine-versions.json"
    static let orderable = "Tests/DBSpecTests/Fixtures/describe-orderable-db-instance-options.json"

    func spec(version: String, instanceClass: String) -> String {
        "dbspec: 1\nname: orders\nregion: us-west-2\ndatabase:\n  engine: mysql\n  version: \"\(version)\"\n  class: \(instanceClass)\n  encryption: { kmsKey: create }\n"
    }

    @Test func importReplacesVersionsAndClasses() throws {
        let documents = try [Self.versions, Self.orderable].map { try JSONParser.parse(Repo.read($0)) }
        let (merged, summary) = try CatalogImport.merge(base: CatalogImport.builtInJSON(), documents: documents, retrieved: "2026-11-26")
        #expect(summary.engines == ["mysql"])
        #expect(summary.versions == 2 && summary.classRows == 2)
        #expect(summary.skippedEngines == ["db2-se"])
        let catalog = try Catalog(bytes: JSONWriter.compact(merged))
        #expect(catalog.retrieved == "2026-11-26")
        let mysql = try #require(catalog.engine("mysql"))
        #expect(catalog.versionStatus(engine: mysql, version: "8.0.52") == .available)
        #expect(catalog.versionStatus(engine: mysql, version: "8.0.40") == .deprecated)
        #expect(catalog.classes(engine: mysql, version: "8.0.52") == ["db.m7g.large", "db.t4g.micro"])
        // Facts the API does not give are kept.
        #expect(mysql.defaultPort == 3306)
        #expect(catalog.engine("postgres")?.versions == Catalog.builtIn.engine("postgres")?.versions)
        // Checks follow the imported facts.
        let compiler = Compiler(catalog: catalog)
        #expect(compiler.check(SourceText(name: "a", text: spec(version: "8.0.52", instanceClass: "db.t4g.micro"))).diagnostics.isEmpty)
        #expect(compiler.check(SourceText(name: "b", text: spec(version: "8.0.40", instanceClass: "db.t4g.micro"))).diagnostics.map(\.code) == ["DB103"])
        #expect(compiler.check(SourceText(name: "c", text: spec(version: "8.0.52", instanceClass: "db.t4g.micro"))).diagnostics.isEmpty)
        #expect(compiler.check(SourceText(name: "c", text: spec(version: "8.0.52", instanceClass: "db.t3.micro"))).diagnostics.map(\.code) == ["DB104"])
        // Per-class features come from the import: the fixture's db.t4g.micro row claims neither
        // IAM authentication nor Performance Insights, its db.m7g.large row both.
        let withFeatures = { (c: String) in spec(version: "8.0.52", instanceClass: c) + "  iamAuth: true\n  monitoring: { performanceInsights: {} }\n" }
        #expect(compiler.check(SourceText(name: "d", text: withFeatures("db.t4g.micro"))).diagnostics.map(\.code).sorted() == ["DB208", "DB215"])
        #expect(compiler.check(SourceText(name: "e", text: withFeatures("db.m7g.large"))).diagnostics.isEmpty)
        // So are Multi-AZ and read replicas: the fixture's db.t4g.micro row says
        // MultiAZCapable and ReadReplicaCapable are false.
        let topology = { (c: String) in
            spec(version: "8.0.52", instanceClass: c) + "  multiAz: true\n  credentials: { password: generated }\nreplicas:\n  - name: orders-ro\n"
        }
        let refused = compiler.check(SourceText(name: "f", text: topology("db.t4g.micro"))).diagnostics
        #expect(refused.map(\.code).sorted() == ["DB119", "DB305"])
        #expect(refused.first { $0.code == "DB119" }?.range.start.line == 9)
        #expect(compiler.check(SourceText(name: "g", text: topology("db.m7g.large"))).diagnostics.isEmpty)
        // The built-in catalogue has no per-class Multi-AZ facts, so it accepts both.
        #expect(Compiler().check(SourceText(name: "h", text: topology("db.t4g.micro").replacingOccurrences(of: "8.0.52", with: "8.4.8"))).diagnostics.isEmpty)
    }

    @Test func importRefusesOtherJSON() throws {
        #expect(throws: CatalogError.self) {
            try CatalogImport.merge(base: CatalogImport.builtInJSON(), documents: [.object([("Foo", .array([]))])], retrieved: "x")
        }
    }

    @Test func commandLineImportAndUse() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("rds-catalog.json").path
        let imported = try Run(["catalog", "import", Self.versions, Self.orderable, "-o", out])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("imported 2 versions and 2 class rows for mysql"))
        let specPath = dir.appendingPathComponent("s.yaml")
        try Data(spec(version: "8.0.52", instanceClass: "db.t4g.micro").utf8).write(to: specPath)
        #expect(try Run(["check", specPath.path]).stderr.contains("[DB102]"))  // unknown to the built-in data
        let withCatalog = try Run(["check", "--catalog", out, specPath.path])
        #expect(withCatalog.status == 0 && withCatalog.stderr.isEmpty, "\(withCatalog.stderr)")
        #expect(try Run(["check", "--catalog", specPath.path, specPath.path]).status == 2)
        #expect(try Run(["catalog", "import", "specs/multi-az.yaml", "-o", out]).status == 2)
    }
}
