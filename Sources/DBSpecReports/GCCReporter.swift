import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `FILE:LINE:COL: severity: message [CODE]` line per diagnostic, the format editors and
/// problem matchers parse.
public enum GCCReporter {
    public static func render(_ results: [FileResult]) -> String {
        var out = ""
        for result in results {
            for d in result.diagnostics {
                out +=
                    "\(TerminalText.escaped(result.source.name)):\(d.range.start.line):\(d.range.start.column): \(d.severity.rawValue): \(TerminalText.escaped(d.message)) [\(d.code)]\n"
            }
        }
        return out
    }
}
