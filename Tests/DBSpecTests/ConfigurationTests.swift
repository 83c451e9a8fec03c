import DBSpecKit
import Foundation
import Testing

@Suite("Configuration", .serialized)
struct ConfigurationTests {
    static let spec = """
        dbspec: 1
        name: orders
        region: us-west-2
        database:
          engine: mysql
          version: "8.4.8"
          class: db.t3.micro
          deletionProtection: false

        """

    /// A project folder with a configuration and a spec in a subfolder.
    func project(_ config: String) throws -> (root: URL, spec: URL) {
        let root = try temporaryDirectory()
        try Data(config.utf8).write(to: root.appendingPathComponent(".dbspec.yaml"))
        let folder = root.appendingPathComponent("db/prod")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let spec = folder.appendingPathComponent("orders.yaml")
        try Data(Self.spec.utf8).write(to: spec)
        return (root, spec)
    }

    @Test func parsesEveryKey() throws {
        let (config, diagnostics) = Configuration.parse(
            SourceText(
                name: "p/.dbspec.yaml",
                text: """
                    rules: { DB319: off, db206: error, DB102: note }
                    catalog: rds.json
                    target: terraform
                    output: generated
                    """))
        #expect(diagnostics.isEmpty)
        let c = try #require(config)
        #expect(c.rules["DB319"] == .some(nil) && c.rules["DB206"] == .error && c.rules["DB102"] == .note)
        #expect(c.catalog == "p/rds.json" && c.output == "p/generated" && c.target == .terraform)
    }

    @Test func invalidConfigurationsArePositioned() {
        let (config, diagnostics) = Configuration.parse(SourceText(name: ".dbspec.yaml", text: "rules:\n  DB999: off\n  DB319: maybe\ntargt: terraform\n"))
        #expect(config == nil)
        #expect(diagnostics.map(\.code) == ["DB180", "DB180", "DB180"])
        #expect(diagnostics.map(\.range.start.line) == [2, 3, 4])
        #expect(diagnostics.last?.help == "did you mean `target`?")
    }

    @Test func theNearestConfigurationAppliesToChecks() throws {
        let (_, spec) = try project("rules:\n  DB319: off\n")
        // DB204 (no KMS key) is an error by default; DB319 is turned off.
        let run = try Run(["check", "--format", "gcc", spec.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("[DB204]") && !run.stderr.contains("[DB319]"), "\(run.stderr)")
    }

    /// One invocation over specs in several folders: each gets its own folder's configuration
    /// (the search is shared by the specs of one folder, never across folders).
    @Test func eachFolderGetsItsOwnConfigurationInOneRun() throws {
        let (root, spec) = try project("rules:\n  DB204: off\n")
        let other = root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("rules:\n  DB319: off\n".utf8).write(to: other.appendingPathComponent(".dbspec.yaml"))
        let second = other.appendingPathComponent("orders.yaml")
        try Data(Self.spec.utf8).write(to: second)
        let sibling = spec.deletingLastPathComponent().appendingPathComponent("twin.yaml")
        try Data(Self.spec.utf8).write(to: sibling)
        let run = try Run(["check", "--format", "gcc", spec.path, second.path, sibling.path])
        let lines = run.stderr.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix(spec.path) && $0.contains("[DB204]") }, "\(run.stderr)")
        #expect(!lines.contains { $0.hasPrefix(sibling.path) && $0.contains("[DB204]") }, "\(run.stderr)")
        #expect(lines.contains { $0.hasPrefix(second.path) && $0.contains("[DB204]") }, "\(run.stderr)")
        #expect(lines.contains { $0.hasPrefix(spec.path) && $0.contains("[DB319]") }, "\(run.stderr)")
        #expect(!lines.contains { $0.hasPrefix(second.path) && $0.contains("[DB319]") }, "\(run.stderr)")
    }

    @Test func regradedErrorsNoLongerBlockACompileAndTargetAndOutputComeFromTheConfiguration() throws {
        let (root, spec) = try project("rules: { DB204: warning }\ntarget: terraform\noutput: generated\n")
        let run = try Run(["compile", "--format", "gcc", spec.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning:") && run.stderr.contains("[DB204]"))
        let written = root.appendingPathComponent("generated/orders.tf.json")
        #expect(FileManager.default.fileExists(atPath: written.path))
        // The command line wins over the configuration.
        let out = try temporaryDirectory()
        #expect(try Run(["compile", spec.path, "--target", "cloudformation", "-o", out.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("orders.template.json").path))
    }

    @Test func anInvalidConfigurationStopsTheRunWithStatus2() throws {
        let (root, spec) = try project("rules:\n  DB319: sometimes\n")
        let run = try Run(["check", spec.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(root.appendingPathComponent(".dbspec.yaml").path + ":2:10: error: set DB319 to off, error, warning or note [DB180]"))
    }

    @Test func anExplicitConfigurationIsUsedInstead() throws {
        let (root, spec) = try project("rules:\n  DB319: off\n")
        let other = root.appendingPathComponent("strict.yaml")
        try Data("rules:\n  DB319: error\n".utf8).write(to: other)
        let run = try Run(["check", "--format", "gcc", "--config", other.path, spec.path])
        #expect(run.stderr.contains("error: deletion protection is turned off [DB319]"))
    }
}
