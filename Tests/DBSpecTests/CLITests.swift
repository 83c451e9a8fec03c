import DBSpecKit
import Foundation
import Testing

@Suite("Command line", .serialized)
struct CLITests {
    @Test func checkPassesAValidSpec() throws {
        let run = try Run(["check", "specs/multi-az.yaml"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
    }

    @Test func versionNamesTheToolAndTheCatalogueWithItsSources() throws {
        let run = try Run(["--version"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "dbspec \(DBSpec.version)")
        #expect(lines.dropFirst().first?.hasPrefix("catalogue of \(Catalog.builtIn.retrieved), built from ") == true, "\(lines)")
        // The pinned inputs, as scripts/requirements-tools.txt has them.
        let pins = String(decoding: try Repo.read("scripts/requirements-tools.txt"), as: UTF8.self).split(separator: "\n")
        for tool in ["cfn-lint", "botocore"] {
            let line = try #require(pins.first { $0.hasPrefix(tool + "==") })
            let pin = line.dropFirst(tool.count + 2).prefix { $0 != " " }
            #expect(run.stdout.contains("\(tool) \(pin)"), "\(run.stdout)")
        }
        #expect(lines.filter { $0.hasPrefix("  - ") }.count >= 10, "\(lines)")
    }

    @Test func checkFailsWithPositionedErrors() throws {
        let run = try Run(["check", "--format", "text", "specs/invalid/reference-ha.yaml"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "specs/invalid/reference-ha.yaml:10:12: error: version `8.0.23` of MySQL is retired; RDS creates no new databases with it [DB103]"))
        #expect(
            run.stderr.contains(
                "  help: change `version` to one of 8.0.46, 8.0.45, 8.0.44, and `class` too: none of them offers db.t2.micro (try `db.t3.micro` or `db.t4g.micro`)"
            ), "\(run.stderr)")
        // One root cause, one diagnostic: a retired version's class list is not checked.
        #expect(!run.stderr.contains("[DB104]"))
        #expect(!run.stderr.contains("\u{1B}["), "no colour when stderr is not a terminal")
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
        #expect(try Run(["check", "/dev/null"]).status == 2)
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

    @Test func crossRegionReplicasGetATemplatePerRegion() throws {
        let dir = try temporaryDirectory()
        let run = try Run(["compile", "specs/cross-region-replica.yaml", "-o", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["invoices.template.json", "invoices.us-east-1.template.json"])
        // Two templates cannot share stdout: a usage error, and nothing written.
        let toStdout = try Run(["compile", "specs/cross-region-replica.yaml"])
        #expect(toStdout.status == 2 && toStdout.stdoutBytes.isEmpty)
        #expect(toStdout.stderr.contains("invoices.us-east-1.template.json") && toStdout.stderr.contains("-o DIR"))
        // Terraform keeps one configuration, with a provider alias for the other Region.
        let terraform = try Run(["compile", "specs/cross-region-replica.yaml", "--target", "terraform"])
        #expect(terraform.status == 0 && terraform.stdout.contains(#""alias": "us_east_1""#))
    }

    @Test func compileWritesTerraform() throws {
        let dir = try temporaryDirectory()
        let run = try Run(["compile", "specs/read-replica.yaml", "--target", "terraform", "-o", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try Data(contentsOf: dir.appendingPathComponent("catalog.tf.json"))
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

@Suite("Command line: inputs and outputs", .serialized)
struct CLIInputTests {
    @Test func foldersAndGlobsExpandInOrder() throws {
        let folder = try Run(["check", "--format", "gcc", "specs/invalid/rules"])
        #expect(folder.status == 1)
        let files = folder.stderr.split(separator: "\n").map { String($0.prefix { $0 != ":" }) }
        #expect(files == files.sorted() && Set(files).count >= 30, "\(files.prefix(5))")
        let glob = try Run(["check", "specs/*.yaml"])
        #expect(glob.status == 0 && glob.stderr.isEmpty, "\(glob.stderr)")
        #expect(try Run(["check", "specs/*.nothing"]).status == 2)
        #expect(try Run(["check", "/dev/null"]).status == 2)
    }

    @Test func standardInputWithAName() throws {
        let spec = try Data(contentsOf: Repo.url("specs/invalid/duplicate-key.yaml"))
        let run = try Run(["check", "--format", "gcc", "--stdin-filename", "db/orders.yaml", "-"], stdin: spec)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("db/orders.yaml:8:3: error: duplicate key `class`"))
        let compiled = try Run(["compile", "-"], stdin: try Data(contentsOf: Repo.url("specs/multi-az.yaml")))
        let golden = try Data(contentsOf: Repo.url("Tests/DBSpecTests/Golden/cloudformation/orders.template.json"))
        #expect(compiled.status == 0 && compiled.stdoutBytes == golden)
        #expect(try Run(["check", "--stdin-filename", "x.yaml", "specs/multi-az.yaml"]).status == 2)
    }

    @Test func defaultFormatOffATerminalIsGCC() throws {
        let run = try Run(["check", "specs/invalid/duplicate-key.yaml"])
        #expect(run.stderr == "specs/invalid/duplicate-key.yaml:8:3: error: duplicate key `class` (first defined at 7:3) [DB151]\n")
    }

    @Test func strictAndQuiet() throws {
        let warnings = "specs/invalid/rules/DB319.yaml"
        let plain = try Run(["check", "--format", "gcc", warnings])
        #expect(plain.status == 0 && plain.stderr.contains("warning:"))
        #expect(try Run(["check", "--strict", warnings]).status == 1)
        let quiet = try Run(["check", "--quiet", warnings])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    }

    @Test func machineFormatsGoToStdout() throws {
        for format in ["json", "sarif", "github"] {
            let run = try Run(["check", "--format", format, "specs/invalid/rules/DB104.yaml"])
            #expect(run.status == 1 && !run.stdout.isEmpty && run.stderr.isEmpty, "\(format)")
        }
        let github = try Run(["check", "--format", "github", "specs/invalid/rules/DB104.yaml"])
        #expect(
            github.stdout.hasPrefix(
                "::error file=specs/invalid/rules/DB104.yaml,line=8,endLine=8,col=10,endColumn=21,title=DB104%3A The instance class is not offered for the engine%2C version%2C Region and licence::"
            ), "\(github.stdout)")
    }
}
