import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endLine=…,endColumn=…,title=CODE: summary::message`.
/// Values are escaped as actions/toolkit does (`%`, CR, LF, and in properties `:` and `,`).
/// Errors come first, since a step shows at most ten annotations of each kind; past that, a
/// notice with the totals says how many there are and where to see them all.
public enum GitHubActionsReporter {
    /// GitHub shows at most this many annotations of one kind (error, warning, notice) per step.
    public static let shownPerKind = 10

    public static func render(_ results: [FileResult]) -> String {
        var lines: [(Severity, String)] = []
        for result in results {
            for d in result.diagnostics {
                let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
                var properties = "file=\(property(result.source.name)),line=\(d.range.start.line),endLine=\(d.range.end.line)"
                if d.range.start.line == d.range.end.line {
                    properties += ",col=\(d.range.start.column),endColumn=\(d.range.end.column)"
                }
                let summary = DiagnosticCodes.info(d.code)?.summary
                properties += ",title=\(property(summary.map { "\(d.code): \($0)" } ?? d.code))"
                let message = d.help.map { "\(d.message)\nhelp: \($0)" } ?? d.message
                lines.append((d.severity, "::\(command) \(properties)::\(data(message))"))
            }
        }
        var out = lines.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
            .map { $0.element.1 + "\n" }.joined()
        let counts = [Severity.error, .warning, .note].map { s in (s, lines.filter { $0.0 == s }.count) }
        if counts.contains(where: { $0.1 > shownPerKind }) {
            let totals = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0 == .note ? "note" : $0.0.rawValue)\($0.1 == 1 ? "" : "s")" }
            out +=
                "::notice title=\(property("dbspec totals"))::\(data("dbspec found " + totals.joined(separator: ", ") + "; GitHub shows \(shownPerKind) annotations of each kind per step, so the log above lists them all"))\n"
        }
        return out
    }

    /// Workflow-command data: `%`, CR and LF escaped.
    public static func data(_ s: String) -> String { percentEscaped(s, "%\r\n") }

    /// Workflow-command property values: data escaping plus `:` and `,`.
    public static func property(_ s: String) -> String { percentEscaped(s, "%\r\n:,") }
}

/// `s` with every scalar in `set` written as `%XX` (uppercase hex; the sets are ASCII).
func percentEscaped(_ s: String, _ set: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
        if set.unicodeScalars.contains(c) {
            let hex = String(c.value, radix: 16, uppercase: true)
            out += hex.count == 1 ? "%0\(hex)" : "%\(hex)"
        } else {
            out.unicodeScalars.append(c)
        }
    }
    return out
}
