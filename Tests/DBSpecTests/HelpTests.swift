import DBSpecKit
import DBSpecRules
import Foundation
import Testing

/// A `help:` leads somewhere: every error has one, and a suggested value, applied, clears the
/// finding without a new error taking its place.
@Suite("Help that leads somewhere")
struct HelpTests {
    /// Every spec the tests know to be wrong: each rule's triggering examples and the pinned
    /// invalid specs.
    static var corpus: [(name: String, text: String)] {
        var out: [(String, String)] = []
        for rule in RuleRegistry.all {
            for (i, example) in rule.examples.triggering.enumerated() { out.append(("\(rule.description.code) example \(i + 1)", marked(example).text)) }
        }
        for path in Repo.files(in: "specs/invalid", extensions: ["yaml", "json"]) + Repo.files(in: "specs/invalid/rules", extensions: ["yaml", "json"]) {
            out.append((path, String(decoding: (try? Repo.read(path)) ?? [], as: UTF8.self)))
        }
        return out
    }

    @Test func everyErrorHasAHelpLine() {
        var missing: [String] = []
        for (name, text) in Self.corpus {
            for d in check(text, name: name.hasSuffix(".json") ? "x.json" : "x.yaml").diagnostics where d.severity == .error && (d.help ?? "").isEmpty {
                missing.append("\(name): [\(d.code)] \(d.message)")
            }
        }
        #expect(missing.isEmpty, "errors without help:\n\(Set(missing).sorted().joined(separator: "\n"))")
    }

    /// The values a help line proposes: backticked single tokens after "try", "did you mean",
    /// "use" or "write", and the list after "use a current version:".
    static func suggestions(_ help: String) -> [String] {
        if let r = help.range(of: "use a current version: ") {
            return help[r.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard help.hasPrefix("try ") || help.hasPrefix("did you mean") else { return [] }
        var out: [String] = []
        let parts = help.split(separator: "`", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() where i % 2 == 1 && !part.contains(" ") && !part.isEmpty { out.append(String(part)) }
        return out
    }

    @Test func everySuggestedValueClearsTheFindingWithoutANewError() {
        var failures: [String] = []
        var applied = 0
        for (name, text) in Self.corpus where !name.hasSuffix(".json") {
            let before = check(text)
            let errorsBefore = Set(before.diagnostics.filter { $0.severity == .error }.map(\.code))
            for d in before.diagnostics where d.range.start.line == d.range.end.line {
                guard let help = d.help else { continue }
                // The values the help names are the diagnostic's structured replacements (what
                // editors offer as quick fixes), so the text and the fix cannot disagree.
                let named = Self.suggestions(help)
                if !named.isEmpty && named != d.replacements {
                    failures.append("\(name): [\(d.code)] help names \(named), replacements are \(d.replacements)")
                }
                for value in d.replacements {
                    var lines = text.components(separatedBy: "\n")
                    let index = d.range.start.line - 1
                    guard index < lines.count else { continue }
                    var scalars = Array(lines[index].unicodeScalars)
                    let from = d.range.start.column - 1, to = min(d.range.end.column - 1, scalars.count)
                    guard from >= 0, from < to else { continue }
                    let old = String(String.UnicodeScalarView(scalars[from..<to]))
                    // Keep the quoting the spec used.
                    let replacement = old.hasPrefix("\"") ? "\"\(value)\"" : value
                    scalars.replaceSubrange(from..<to, with: Array(replacement.unicodeScalars))
                    lines[index] = String(String.UnicodeScalarView(scalars))
                    let after = check(lines.joined(separator: "\n"))
                    applied += 1
                    let same = after.diagnostics.filter { $0.code == d.code && $0.path == d.path && $0.range.start.line == d.range.start.line }
                    // When the decoder refused the spec before, the rules did not run, and the
                    // fix lets them find what else is wrong: only new structural errors count.
                    let rulesRanBefore = !errorsBefore.contains { $0.hasPrefix("DB15") || $0.hasPrefix("DB16") }
                    let newErrors = Set(
                        after.diagnostics.filter { $0.severity == .error && (rulesRanBefore || $0.code.hasPrefix("DB15") || $0.code.hasPrefix("DB16")) }
                            .map(\.code)
                    ).subtracting(errorsBefore)
                    if !same.isEmpty || !newErrors.isEmpty {
                        failures.append(
                            "\(name): [\(d.code)] \(old) -> \(value): still \(same.map(\.message)), new \(newErrors.sorted()) \(after.diagnostics.filter { newErrors.contains($0.code) }.map(\.message))"
                        )
                    }
                }
            }
        }
        #expect(applied > 20, "only \(applied) suggestions were tried")
        #expect(failures.isEmpty, "\n\(failures.joined(separator: "\n"))")
    }

    /// One root cause, one diagnostic: nothing is reported twice, and a structural error
    /// (DB15x, DB16x) is not repeated by a rule on the same span.
    @Test func oneRootCauseOneDiagnostic() {
        var problems: [String] = []
        let hostile = Repo.files(in: "Tests/DBSpecTests/Hostile", extensions: ["yaml", "json"]).map { path in
            (name: path, text: String(decoding: (try? Repo.read(path)) ?? [], as: UTF8.self))
        }
        for (name, text) in Self.corpus + hostile {
            let diagnostics = check(text, name: name.hasSuffix(".json") ? "x.json" : "x.yaml").diagnostics
            var seen = Set<String>()
            for d in diagnostics {
                let key = "\(d.code)|\(d.range.start)|\(d.range.end)|\(d.message)"
                if !seen.insert(key).inserted { problems.append("\(name): twice: [\(d.code)] \(d.message)") }
            }
            let structural = diagnostics.filter { ($0.code.hasPrefix("DB15") || $0.code.hasPrefix("DB16")) && $0.severity == .error }
            for d in diagnostics where !(d.code.hasPrefix("DB15") || d.code.hasPrefix("DB16") || d.code.hasPrefix("DB17")) {
                if let s = structural.first(where: { $0.range == d.range }) {
                    problems.append("\(name): [\(d.code)] \(d.message) repeats [\(s.code)] \(s.message)")
                }
            }
        }
        #expect(problems.isEmpty, "\n\(problems.joined(separator: "\n"))")
    }
}
