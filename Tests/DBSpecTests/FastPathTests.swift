import ArgumentParser
@testable import dbspec
import Testing

/// The fast path must read a command line exactly as swift-argument-parser does, or leave it
/// to swift-argument-parser.
@Suite("Fast command-line path")
struct FastPathTests {
    /// What swift-argument-parser makes of `arguments`, or nil when it refuses them.
    func parsed(_ arguments: [String]) -> Invocation? {
        guard let command = try? DBSpecCommand.parseAsRoot(arguments) else { return nil }
        if let check = command as? Check { return check.invocation }
        if let compile = command as? Compile { return compile.invocation }
        return nil
    }

    static let accepted: [[String]] = [
        ["check", "a.yaml"],
        ["check", "a.yaml", "b.json", "--format", "json"],
        ["check", "--format=json", "a.yaml"],
        ["check", "--catalog", "c.json", "a.yaml"],
        ["check", "a.yaml", "--catalog=c.json", "--format", "text"],
        ["compile", "a.yaml"],
        ["compile", "a.yaml", "-o", "out"],
        ["compile", "a.yaml", "b.yaml", "--output", "out", "--target", "terraform"],
        ["compile", "--target=cloudformation", "a.yaml", "--output=out/x", "--format", "json"],
        ["compile", "a.yaml", "--catalog", "c.json", "-o", "o"],
        ["check", "--strict", "a.yaml", "--quiet"],
        ["check", "-", "--stdin-filename", "specs/x.yaml", "--format", "gcc"],
        ["check", "--stdin-filename=x.yaml", "-"],
        ["check", "specs", "--format", "sarif"],
        ["compile", "-", "--target", "terraform", "--format", "github", "--strict"],
        ["compile", "a.yaml", "b.yaml"],
        ["check", "--config", "ci/.dbspec.yaml", "specs"],
        ["compile", "--config=x.yaml", "a.yaml", "-o", "out"],
        ["check", "specs", "--select", "DB2,DB103", "--ignore=DB206", "--exclude", "specs/old"],
        ["check", "--output-file", "r.sarif", "--format", "sarif", "--color", "never", "a.yaml"],
        ["compile", "a.yaml", "--color=always", "--ignore", "DB3", "-o", "out"],
        ["compile", "a.yaml", "--target", "terraform", "--layout", "module", "-o", "out"],
        // Repeated list options, read in one pass (issue 26: thousands of them were quadratic).
        ["check", "a.yaml", "--select", "DB1", "--select", "DB2"],
        ["check", "specs", "--exclude", "a/*", "--exclude=b/**", "--ignore", "DB1", "--ignore", "DB3"],
    ]

    static let leftToArgumentParser: [[String]] = [
        [], ["check"], ["check", "--help"], ["check", "-h", "a.yaml"],
        ["check", "a.yaml", "--format", "xml"], ["check", "a.yaml", "--format"], ["check", "a.yaml", "--format", "json", "--format", "text"],
        ["check", "a.yaml", "--target", "terraform"], ["check", "a.yaml", "-o", "out"], ["compile", "a.yaml", "--target", "pulumi"],
        ["explain", "DB104"], ["rules"], ["--version"],
        ["compile", "a.yaml", "-o"], ["check", "--catalog=", "a.yaml"], ["compile", "a.yaml", "-o", "--format"],
        ["check", "--strict", "--strict", "a.yaml"], ["check", "a.yaml", "--stdin-filename", "x.yaml"],
        ["check", "-", "-"], ["check", "--strict=yes", "a.yaml"],
        ["check", "a.yaml", "--color", "sometimes"], ["check", "a.yaml", "--layout", "root"], ["compile", "a.yaml", "--layout", "flat"],
    ]

    @Test(arguments: accepted)
    func readsCommandLinesAsArgumentParserDoes(_ arguments: [String]) throws {
        let fast = try #require(FastPath.parse(arguments), "the fast path should take \(arguments)")
        #expect(fast == parsed(arguments), "\(arguments)")
    }

    @Test(arguments: leftToArgumentParser)
    func leavesEverythingElseToArgumentParser(_ arguments: [String]) {
        #expect(FastPath.parse(arguments) == nil, "\(arguments)")
    }

    /// Every command line of up to three tokens from an alphabet of options, values, files and
    /// mistakes (about 9,000 of them; `--select` stands for the repeatable options): wherever the fast path answers, swift-argument-parser
    /// answers the same, so the one grammar is swift-argument-parser's and the fast path only
    /// skips its start-up.
    @Test func agreesWithArgumentParserOnEveryShortCommandLine() {
        let alphabet = [
            "a.yaml", "-", "--format", "json", "--strict", "--catalog", "--target", "terraform", "-o",
            "--output=o", "--stdin-filename", "--config", "--help", "", "--select", "DB2",
        ]
        var disagreements: [[String]] = []
        var answered = 0
        for command in ["check", "compile"] {
            var lines: [[String]] = [[command]]
            for _ in 0..<3 {
                lines = lines.flatMap { line in alphabet.map { line + [$0] } }
                for line in lines {
                    guard let fast = FastPath.parse(line) else { continue }
                    answered += 1
                    if fast != parsed(line) { disagreements.append(line) }
                }
            }
        }
        #expect(answered > 100, "the fast path answered only \(answered) command lines")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    /// Nothing below `main` ends the process, so a command runs inside a test and returns its
    /// status.
    @Test func commandsRunInProcessAndReturnTheirStatus() {
        #expect(DBSpecCommand.run(["check", Repo.url("specs/multi-az.yaml").path]) == 0)
        #expect(DBSpecCommand.run(["check", Repo.url("specs/invalid/rules/DB104.yaml").path, "--format", "json", "--quiet"]) == 1)
        #expect(DBSpecCommand.run(["explain", "DB999"]) == 2)
        #expect(DBSpecCommand.run(["check", "/nonexistent/spec.yaml"]) == 2)
        #expect(DBSpecCommand.run(["check", "--format", "xml", "a.yaml"]) == 2)
    }
}
