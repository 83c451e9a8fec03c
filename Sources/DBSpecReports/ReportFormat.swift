import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output formats for diagnostics.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// `FILE:LINE:COL: severity: message [CODE]`, the source line, a caret under the range,
    /// `help:`; on stderr. The default on a terminal.
    case text
    /// One `FILE:LINE:COL: severity: message [CODE]` line each, on stderr. The default elsewhere.
    case gcc
    /// A JSON array of diagnostics, on stdout.
    case json
    /// SARIF 2.1.0 as GitHub code scanning accepts it, on stdout.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…::…`), on stdout.
    case github

    /// Whether the report is for machines, written to stdout.
    public var isMachineReadable: Bool { self == .json || self == .sarif || self == .github }

    /// Renders the diagnostics of `results`.
    public func render(_ results: [FileResult], color: Bool = false) -> [UInt8] {
        switch self {
        case .text: return Array(TextReporter.render(results, color: color).utf8)
        case .gcc: return Array(GCCReporter.render(results).utf8)
        case .json: return JSONReporter.render(results)
        case .sarif: return SARIFReporter.render(results)
        case .github: return Array(GitHubActionsReporter.render(results).utf8)
        }
    }
}
