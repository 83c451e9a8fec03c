import DBSpecKit
import Foundation
import Testing

@testable import dbspec

/// The options users of ruff, cfn-lint and tflint reach for: `--select`, `--ignore`,
/// `--exclude`, `**` globs, `--output-file`, `--color`, and `.dbspec.yml`.
@Suite("Command-line options", .serialized)
struct CLIOptionsTests {
    /// A folder with a spec that has one error (DB203's opt-out is a warning; DB103 an error).
    func project() throws -> URL {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("specs/old"), withIntermediateDirectories: true)
        try Data(try Repo.read("specs/invalid/reference-ha.yaml")).write(to: dir.appendingPathComponent("specs/old/ha.yaml"))
        try Data(try Repo.read("specs/multi-az.yaml")).write(to: dir.appendingPathComponent("specs/multi-az.yaml"))
        try Data(
            """
            dbspec: 1
            name: staging
            region: us-west-2
            database:
              engine: mysql
              version: "8.4.8"
              class: db.t3.micro
              # dbspec:disable-next-line DB203 -- staging holds no customer data
              encryption: { atRest: false }

            """.utf8
        ).write(to: dir.appendingPathComponent("specs/staging.yaml"))
        return dir
    }

    func codes(_ run: Run) throws -> [String] {
        let items = try #require(try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [[String: Any]], "\(run.stderr)")
        return items.compactMap { $0["code"] as? String }
    }

    @Test func selectAndIgnoreTakeCodesAndPrefixes() throws {
        let dir = try project()
        let all = try codes(try Run(["check", "--format", "json", "specs/old/ha.yaml"], in: dir))
        #expect(Set(all) == ["DB103", "DB204"], "\(all)")
        let selected = try Run(["check", "--format", "json", "--select", "DB2", "specs/old/ha.yaml"], in: dir)
        #expect(try codes(selected) == ["DB204"])
        let ignored = try Run(["check", "--format", "json", "--ignore", "DB103", "--ignore", "DB2", "specs/old/ha.yaml"], in: dir)
        #expect(try codes(ignored).isEmpty && ignored.status == 0)
        // Ignoring every error lets a compile proceed, like turning the codes off in .dbspec.yaml.
        let errors = try codes(try Run(["check", "--format", "json", "--quiet", "specs/old/ha.yaml"], in: dir))
        let compiled = try Run(["compile", "--ignore", Set(errors).sorted().joined(separator: ","), "specs/old/ha.yaml"], in: dir)
        #expect(compiled.status == 0 && compiled.stdout.contains("AWS::RDS::DBInstance"), "\(compiled.stderr)")
        // A selector that matches nothing is a typo: status 2, and a valid document for machines.
        let typo = try Run(["check", "--format", "sarif", "--select", "DB9", "specs"], in: dir)
        #expect(typo.status == 2 && typo.stderr.contains("`DB9` matches no dbspec code"))
        #expect(typo.stdout.contains("\"executionSuccessful\": false"))
    }

    @Test func excludePrunesFoldersAndGlobsButNotNamedFiles() throws {
        let dir = try project()
        let everything = try Run(["check", "--format", "gcc", "specs"], in: dir)
        #expect(everything.status == 1 && everything.stderr.contains("specs/old/ha.yaml"))
        let pruned = try Run(["check", "--format", "gcc", "--exclude", "specs/old", "specs"], in: dir)
        #expect(pruned.status == 0 && !pruned.stderr.contains("ha.yaml"), "\(pruned.stderr)")
        let byName = try Run(["check", "--format", "gcc", "--exclude", "old", "specs"], in: dir)
        #expect(byName.status == 0, "a pattern without a slash matches a folder name at any depth")
        let named = try Run(["check", "--format", "gcc", "--exclude", "specs/old", "specs/old/ha.yaml"], in: dir)
        #expect(named.status == 1, "a file named on the command line is checked")
    }

    @Test func doubleStarGlobsMatchAnyDepth() throws {
        let dir = try project()
        let run = try Run(["check", "--format", "json", "specs/**/*.yaml"], in: dir)
        #expect(run.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [[String: Any]])
        #expect(Set(items.compactMap { $0["file"] as? String }) == ["specs/old/ha.yaml"])
        #expect(PathPattern.matches("specs/**/*.yaml", "specs/a.yaml"))
        #expect(PathPattern.matches("specs/**/*.yaml", "specs/x/y/a.yaml"))
        #expect(!PathPattern.matches("specs/**/*.yaml", "other/a.yaml"))
        #expect(!PathPattern.matches("specs/**/*.yaml", "specs/a.json"))
        #expect(PathPattern.matches("**/prod-*.yaml", "a/b/prod-1.yaml"))
        let none = try Run(["check", "specs/**/*.toml"], in: dir)
        #expect(none.status == 2 && none.stderr.contains("no spec files"))
    }

    @Test func outputFileTakesTheReportWholeEvenOnFailure() throws {
        let dir = try project()
        let report = dir.appendingPathComponent("out/report.sarif")
        try FileManager.default.createDirectory(at: report.deletingLastPathComponent(), withIntermediateDirectories: true)
        let run = try Run(["check", "--format", "sarif", "--output-file", report.path, "specs"], in: dir)
        #expect(run.status == 1 && run.stdout.isEmpty)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let text = dir.appendingPathComponent("report.txt")
        let textRun = try Run(["check", "--format", "gcc", "--output-file", text.path, "specs"], in: dir)
        #expect(textRun.status == 1 && textRun.stderr.isEmpty)
        #expect(try String(contentsOf: text, encoding: .utf8).contains("specs/old/ha.yaml:"))
        // Status 2 still leaves a valid log in the file.
        let missing = try Run(["check", "--format", "sarif", "--output-file", report.path, "no/such.yaml"], in: dir)
        #expect(missing.status == 2)
        #expect(try String(contentsOf: report, encoding: .utf8).contains("\"executionSuccessful\": false"))
        // The report never replaces an input.
        let spec = dir.appendingPathComponent("specs/multi-az.yaml")
        let before = try Data(contentsOf: spec)
        let overwrite = try Run(["check", "--format", "sarif", "--output-file", "specs/multi-az.yaml", "specs"], in: dir)
        #expect(overwrite.status == 2 && overwrite.stderr.contains("an input"), "\(overwrite.stderr)")
        #expect(try Data(contentsOf: spec) == before)
        // A file that cannot be written is an I/O problem.
        let unwritable = try Run(["check", "--output-file", "/proc/dbspec-report", "specs"], in: dir)
        #expect(unwritable.status == 2 && unwritable.stderr.contains("cannot write"))
    }

    @Test func colorFollowsTheFlagAndTheEnvironment() throws {
        func color(_ choice: Invocation.ColorChoice, terminal: Bool, _ env: [String: String] = [:]) -> Bool {
            Invocation.useColor(choice, terminal: terminal) { env[$0] }
        }
        #expect(color(.auto, terminal: true))
        #expect(!color(.auto, terminal: false))
        #expect(!color(.auto, terminal: true, ["NO_COLOR": "1"]))
        #expect(color(.auto, terminal: true, ["NO_COLOR": ""]), "an empty NO_COLOR does not count (no-color.org)")
        #expect(!color(.auto, terminal: true, ["TERM": "dumb"]))
        #expect(color(.auto, terminal: false, ["FORCE_COLOR": "1"]))
        #expect(!color(.auto, terminal: false, ["FORCE_COLOR": "0"]))
        #expect(color(.always, terminal: false, ["NO_COLOR": "1"]))
        #expect(!color(.never, terminal: true, ["FORCE_COLOR": "1"]))
        let dir = try project()
        let always = try Run(["check", "--format", "text", "--color", "always", "specs/old/ha.yaml"], in: dir)
        #expect(always.stderr.contains("\u{1B}[1;31merror:"))
        let never = try Run(["check", "--format", "text", "--color", "never", "specs/old/ha.yaml"], in: dir)
        #expect(!never.stderr.contains("\u{1B}["))
        let bad = try Run(["check", "--color", "sometimes", "specs"], in: dir)
        #expect(bad.status == 2)
    }

    @Test func aDotDbspecYmlIsAConfigurationToo() throws {
        let dir = try project()
        try Data("rules:\n  DB103: off\n".utf8).write(to: dir.appendingPathComponent(".dbspec.yml"))
        let items = try codes(try Run(["check", "--format", "json", "specs/old/ha.yaml"], in: dir))
        #expect(!items.contains("DB103"), "\(items)")
    }

    /// Code scanning matches results to files by repository-relative URIs; a suppressed finding
    /// is reported as suppressed, with its reason.
    @Test func sarifURIsAreRelativeToTheRepositoryAndSuppressionsAreKept() throws {
        let dir = try project()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let sub = dir.appendingPathComponent("specs/old")
        let run = try Run(
            ["check", "--format", "sarif", "--ignore", "DB2", "../staging.yaml", "ha.yaml", dir.appendingPathComponent("specs/multi-az.yaml").path], in: sub)
        #expect(run.status == 1, "\(run.stderr)")
        let log = try #require(try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [String: Any])
        let sarifRun = try #require((log["runs"] as? [[String: Any]])?.first)
        let base = try #require((sarifRun["originalUriBaseIds"] as? [String: [String: String]])?["%SRCROOT%"]?["uri"])
        #expect(base == "file://" + dir.resolvingSymlinksInPath().path + "/" || base == "file://" + dir.path + "/", "\(base)")
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        var uris = Set<String>()
        for result in results {
            let location = try #require(
                ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String])
            #expect(location["uriBaseId"] == "%SRCROOT%")
            uris.insert(location["uri"] ?? "")
        }
        #expect(uris.isSubset(of: ["specs/staging.yaml", "specs/old/ha.yaml"]) && uris.contains("specs/old/ha.yaml"), "\(uris)")
        let suppressed = results.filter { $0["suppressions"] != nil }
        let kinds = suppressed.compactMap { (($0["suppressions"] as? [[String: String]])?.first).map { ($0["kind"] ?? "", $0["justification"] ?? "") } }
        #expect(kinds.contains { $0 == ("inSource", "staging holds no customer data") }, "\(kinds)")
        #expect(kinds.contains { $0.0 == "external" && $0.1 == "ignored by --ignore DB2" }, "\(kinds)")
        // The file outside the root keeps an absolute file URI: none here, all three are inside.
        #expect(!uris.contains { $0.hasPrefix("file:") })
    }

    /// An invalid configuration is reported in the run's format, then the run stops with 2.
    @Test func configurationErrorsFollowTheFormat() throws {
        let dir = try project()
        try Data("rules:\n  DB999: loud\n".utf8).write(to: dir.appendingPathComponent(".dbspec.yaml"))
        let json = try Run(["check", "--format", "json", "specs/multi-az.yaml"], in: dir)
        #expect(json.status == 2)
        let items = try #require(try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [[String: Any]])
        #expect(items.count == 1 && items[0]["code"] as? String == "DB180" && items[0]["line"] as? Int == 2)
        let sarif = try Run(["check", "--format", "sarif", "specs/multi-az.yaml"], in: dir)
        #expect(sarif.status == 2 && sarif.stdout.contains("\"ruleId\": \"DB180\"") && sarif.stdout.contains("\"executionSuccessful\": false"))
        let gcc = try Run(["check", "--format", "gcc", "specs/multi-az.yaml"], in: dir)
        #expect(gcc.status == 2 && gcc.stderr.contains(".dbspec.yaml:2:3: error: `DB999` is not a dbspec code [DB180]"), "\(gcc.stderr)")
        #expect(!gcc.stderr.contains(" | "), "gcc has no source excerpt")
        let github = try Run(["check", "--format", "github", "specs/multi-az.yaml"], in: dir)
        #expect(github.status == 2 && github.stdout.contains("::error file=") && github.stdout.contains("title=DB180"))
    }

    /// Shell completions come from the same definitions as the parser (swift-argument-parser).
    @Test func completionScriptsKnowTheOptions() throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try Run(["--generate-completion-script", shell])
            #expect(run.status == 0)
            // fish names long options without their dashes (`-l select`).
            for word in ["check", "compile", "select", "exclude", "output-file", "color"] {
                #expect(
                    run.stdout.contains(shell == "fish" ? "'\(word)" : "--\(word)") || ["check", "compile"].contains(word) && run.stdout.contains(word),
                    "\(shell) completion lacks \(word)")
            }
        }
    }
}
