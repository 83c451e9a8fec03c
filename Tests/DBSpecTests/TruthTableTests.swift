import DBSpecKit
import DBSpecRules
import Foundation
import Testing

/// The truth table: specs that RDS accepts and specs it refuses, each with where that is
/// written (`# source:` lines: documentation, API members, cfn-lint data paths). A case's
/// `# truth: refuse CODE` says the check must report CODE as an error; `# truth: accept CODE`
/// says RDS takes the spec, so CODE must not fire and nothing may be an error; `# truth: warn
/// CODE` says RDS takes it and dbspec warns (policy and house style), so CODE fires as a
/// warning and nothing is an error.
@Suite("Truth table")
struct TruthTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        enum Verdict: String, Sendable { case accept, refuse, warn }
        var verdict: Verdict
        var code: String
        var sources: [String]
        var text: String
        var testDescription: String { file }
    }

    static let cases: [Case] = Repo.files(in: "Tests/DBSpecTests/TruthTable", extensions: ["yaml"]).map { path in
        let text = String(decoding: (try? Repo.read(path)) ?? [], as: UTF8.self)
        var verdict = Case.Verdict.accept, code = "", sources: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("# ") {
            if line.hasPrefix("# truth: ") {
                let parts = line.dropFirst(9).split(separator: " ")
                verdict = parts.first.flatMap { Case.Verdict(rawValue: String($0)) } ?? .accept
                code = parts.count > 1 ? String(parts[1]) : ""
            } else if line.hasPrefix("# source: ") {
                sources.append(String(line.dropFirst(10)))
            }
        }
        return Case(file: (path as NSString).lastPathComponent, verdict: verdict, code: code, sources: sources, text: text)
    }

    @Test(arguments: cases)
    func everyCaseGetsItsVerdict(_ c: Case) {
        #expect(!c.code.isEmpty, "\(c.file) has no `# truth: accept|refuse CODE` line")
        #expect(!c.sources.isEmpty, "\(c.file) names no source")
        let result = check(c.text, name: c.file)
        switch c.verdict {
        case .refuse:
            #expect(
                result.diagnostics.contains { $0.code == c.code && $0.severity == .error },
                "RDS refuses \(c.file), but dbspec does not report \(c.code) as an error: \(result.diagnostics.map { "\($0.code) \($0.message)" })")
        case .warn:
            #expect(result.diagnostics.contains { $0.code == c.code && $0.severity == .warning }, "\(c.file): no \(c.code) warning")
            #expect(
                !result.hasErrors,
                "RDS accepts \(c.file), but dbspec refuses it: \(result.diagnostics.filter { $0.severity == .error }.map { "\($0.code) \($0.message)" })")
        case .accept:
            #expect(!result.diagnostics.contains { $0.code == c.code && $0.severity == .error }, "\(c.file): \(c.code) fired")
            #expect(
                !result.hasErrors,
                "RDS accepts \(c.file), but dbspec refuses it: \(result.diagnostics.filter { $0.severity == .error }.map { "\($0.code) \($0.message)" })")
        }
    }

    @Test func everyRuleHasAnAcceptedAndARefusedCase() {
        for rule in RuleRegistry.all {
            let code = rule.description.code
            let flagged: Case.Verdict = rule.description.severity == .error ? .refuse : .warn
            #expect(Self.cases.contains { $0.code == code && $0.verdict == flagged }, "no \(flagged) case for \(code)")
            #expect(Self.cases.contains { $0.code == code && $0.verdict == .accept }, "no accepted case for \(code)")
            #expect(!rule.sources.isEmpty, "\(code) names no source")
        }
    }
}
