import Foundation
import Testing

@Suite("Command line", .serialized)
struct CLITests {
    @Test func checkPassesAValidSpec() throws {
        let run = try Run(["check", "specs/multi-az.yaml"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
    }

    @Test func checkFailsWithPositionedErrors() throws {
        let run = try Run(["check", "specs/invalid/reference-ha.yaml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("specs/invalid/reference-ha.yaml:11:10: error: db.t2.micro is not offered for MySQL 8.0.23 [DB104]"))
        #expect(run.stderr.contains("  help: try `db.t3.micro` or `db.t4g.micro`"))
    }

    @Test func jsonFormatIsMachineReadable() throws {
        let run = try Run(["check", "--format", "json", "specs/invalid/duplicate-key.yaml"])
        #expect(run.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [[String: Any]])
        #expect(items.count == 1)
        let d = items[0]
        #expect(d["file"] as? String == "specs/invalid/duplicate-key.yaml")
        #expect(d["line"] as? Int == 8 && d["column"] as? Int == 3)
        #expect(d["endLine"] as? Int == 8 && d["endColumn"] as? Int == 8)
        #expect(d["severity"] as? String == "error" && d["code"] as? String == "DB151")
        #expect(d["help"] is String)
    }

    @Test func usageAndIOProblemsExitWith2() throws {
        #expect(try Run(["check", "no/such/file.yaml"]).status == 2)
        #expect(try Run(["check", "specs"]).status == 2)
        #expect(try Run(["check", "--no-such-flag", "specs/multi-az.yaml"]).status == 2)
        #expect(try Run(["compile", "specs/multi-az.yaml", "--target", "pulumi"]).status == 2)
        #expect(try Run(["compile", "specs/multi-az.yaml", "specs/read-replica.yaml"]).status == 2)
        #expect(try Run(["frobnicate"]).status == 2)
        #expect(try Run(["explain", "DB999"]).status == 2)
        let help = try Run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("compile"))
    }

    @Test func compileWritesToStdoutForOneSpec() throws {
        let run = try Run(["compile", "specs/multi-az.yaml"])
        #expect(run.status == 0)
        #expect(try Data(contentsOf: Repo.url("Tests/DBSpecTests/Golden/cloudformation/orders.template.json")) == run.stdoutBytes)
    }

    @Test func compileWritesEveryTemplateIntoTheFolder() throws {
        let dir = try temporaryDirectory().appendingPathComponent("nested/out")
        let run = try Run(["compile", "specs/multi-az.yaml", "specs/read-replica.yaml", "-o", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["catalog.template.json", "orders.template.json"])
    }

    @Test func compileWritesTerraform() throws {
        let dir = try temporaryDirectory()
        let run = try Run(["compile", "specs/read-replica.yaml", "--target", "terraform", "-o", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("catalog.tf.json"))
                == Data(contentsOf: Repo.url("Tests/DBSpecTests/Golden/terraform/catalog.tf.json")))
    }

    @Test func compileWritesNothingWhenAnySpecHasErrors() throws {
        let dir = try temporaryDirectory()
        let existing = dir.appendingPathComponent("orders.template.json")
        try Data("old".utf8).write(to: existing)
        let run = try Run(["compile", "specs/multi-az.yaml", "specs/invalid/reference-ha.yaml", "-o", dir.path])
        #expect(run.status == 1)
        #expect(try Data(contentsOf: existing) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.template.json"])
    }

    @Test func compileReplacesAnOldTemplateWhole() throws {
        let dir = try temporaryDirectory()
        let target = dir.appendingPathComponent("orders.template.json")
        try Data(repeating: 0x41, count: 1 << 20).write(to: target)
        #expect(try Run(["compile", "specs/multi-az.yaml", "-o", dir.path]).status == 0)
        #expect(try Data(contentsOf: target) == Data(contentsOf: Repo.url("Tests/DBSpecTests/Golden/cloudformation/orders.template.json")))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.template.json"])
    }

    @Test func specsWithTheSameNameAreRefusedBeforeWriting() throws {
        let dir = try temporaryDirectory()
        let copy = dir.appendingPathComponent("copy.yaml")
        try Data(contentsOf: Repo.url("specs/multi-az.yaml")).write(to: copy)
        let run = try Run(["compile", "specs/multi-az.yaml", copy.path, "-o", dir.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("would both write orders.template.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["copy.yaml"])
    }

    @Test func hostileInputsNeverCrash() throws {
        for path in Repo.files(in: "specs/invalid", extensions: ["yaml"]) {
            let dir = try temporaryDirectory()
            let run = try Run(["compile", path, "-o", dir.path])
            #expect(run.status == 1, "\(path): \(run.stderr)")
            #expect(run.stderr.contains("error:"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "\(path) wrote a file")
        }
    }

    @Test func explainAndRules() throws {
        let explain = try Run(["explain", "DB204"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("# DB204: Encryption at rest needs a KMS key"))
        let rules = try Run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("DB104  error    The instance class is not offered"))
    }
}
