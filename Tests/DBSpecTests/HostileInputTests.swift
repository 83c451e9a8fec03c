import DBSpecKit
import DBSpecSource
import Foundation
import Testing

/// The checked-in hostile corpus (Tests/DBSpecTests/Hostile) and what each file must give.
@Suite("Hostile inputs", .serialized)
struct HostileInputTests {
    /// File → the first diagnostic's code and 1-based position, or nil when the file is a valid spec.
    static let expectations: [String: (code: String, line: Int, column: Int)?] = [
        "bare-list.yaml": ("DB166", 1, 1),
        "bare-scalar.yaml": ("DB166", 1, 1),
        "billion-laughs.yaml": ("DB155", 5, 8),
        "bom.yaml": nil,
        "comments-only.yaml": ("DB166", 1, 1),
        "complex-key.yaml": ("DB158", 9, 3),
        "control-character.yaml": ("DB150", 2, 10),
        "crlf.yaml": nil,
        "deep-block.yaml": ("DB156", 1, 129),
        "deep-flow.yaml": ("DB156", 1, 65),
        "duplicate-key.yaml": ("DB151", 9, 1),
        "empty.yaml": ("DB166", 1, 1),
        "invalid-utf8.yaml": ("DB154", 2, 10),
        "long-key.yaml": ("DB150", 9, 50001),
        "long-scalar.yaml": ("DB501", 2, 7),
        "multiple-documents.yaml": ("DB152", 9, 1),
        "nul-byte.yaml": ("DB150", 2, 10),
        "overlong-utf8.yaml": ("DB154", 1, 7),
        "python-tag.yaml": ("DB153", 2, 7),
        "recursive-alias.yaml": ("DB150", 1, 11),
        "tab-indentation.yaml": ("DB150", 5, 1),
        "trailing-comma.json": nil,
        "unknown-tag.yaml": ("DB153", 3, 9),
        "unterminated-quote.yaml": ("DB150", 9, 1),
        "utf16.yaml": ("DB154", 1, 1),
        "whitespace-only.yaml": ("DB150", 3, 1),
        "yaml11-exponent.yaml": ("DB162", 9, 20),
        "yaml11-no.yaml": ("DB165", 9, 12),
        "yaml11-octal.yaml": ("DB165", 9, 9),
        "yaml11-on.yaml": ("DB165", 9, 12),
        "yaml11-version-float.yaml": nil,
    ]

    static let files = Repo.files(in: "Tests/DBSpecTests/Hostile", extensions: ["yaml", "json"])

    @Test func everyCorpusFileHasAnExpectation() {
        #expect(Set(Self.files.map { ($0 as NSString).lastPathComponent }) == Set(Self.expectations.keys))
    }

    @Test(arguments: files)
    func eachHostileInputGivesItsPositionedDiagnostic(_ path: String) throws {
        let name = (path as NSString).lastPathComponent
        let expected = try #require(Self.expectations[name], "no expectation for \(name)")
        let source = SourceText(name: name, bytes: try Repo.read(path))
        for target in Target.allCases {
            let result = Compiler().compile(source, target: target)
            if let expected {
                let first = try #require(result.diagnostics.first, "\(name) gave no diagnostic")
                #expect(
                    first.code == expected.code && first.range.start == SourcePosition(line: expected.line, column: expected.column),
                    "\(name): \(first.code) at \(first.range.start)")
                #expect(result.hasErrors && result.outputs.isEmpty)
                // Messages stay short whatever the input.
                #expect(result.diagnostics.allSatisfy { $0.message.count < 300 })
            } else {
                #expect(!result.hasErrors, "\(name): \(result.diagnostics)")
                #expect(result.outputs.count == 1)
            }
        }
    }

    @Test func theCommandLineRefusesEveryHostileInputWithoutWriting() throws {
        for path in Self.files {
            let name = (path as NSString).lastPathComponent
            let dir = try temporaryDirectory()
            let run = try Run(["compile", path, "-o", dir.path], hangGuardSeconds: 60)
            let valid: Bool
            if case .some(.none) = Self.expectations[name] { valid = true } else { valid = false }
            #expect(run.status == (valid ? 0 : 1), "\(name): status \(run.status) \(run.stderr.prefix(300))")
            let written = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(written.count == (valid ? 1 : 0), "\(name) wrote \(written)")
            // The text report windows long lines instead of printing them whole.
            #expect(run.stderr.split(separator: "\n").allSatisfy { $0.count < 400 }, "\(name): a report line is too long")
        }
    }

    @Test func filesOverTheSizeLimitAreRefused() throws {
        let dir = try temporaryDirectory()
        let big = dir.appendingPathComponent("big.yaml")
        var text = "dbspec: 1\nname: orders\n"
        text += String(repeating: "# padding to make the file larger than the limit\n", count: (ReaderLimits.spec.maxBytes / 48) + 10)
        try Data(text.utf8).write(to: big)
        let run = try Run(["check", "--format", "json", big.path])
        #expect(run.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [[String: Any]])
        #expect(items.first?["code"] as? String == "DB157")
        #expect(items.first?["line"] as? Int == 1 && items.first?["column"] as? Int == 1)
    }
}
