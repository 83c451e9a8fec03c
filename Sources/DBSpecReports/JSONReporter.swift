import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders diagnostics as a JSON array of
/// `{"file","line","column","endLine","endColumn","severity","code","message","help"}`.
public enum JSONReporter {
    public static func render(_ results: [FileResult]) -> [UInt8] {
        var items: [JSONValue] = []
        for result in results {
            for d in result.diagnostics {
                items.append(
                    .object([
                        ("file", .string(result.source.name)),
                        ("line", .int(d.range.start.line)),
                        ("column", .int(d.range.start.column)),
                        ("endLine", .int(d.range.end.line)),
                        ("endColumn", .int(d.range.end.column)),
                        ("severity", .string(d.severity.rawValue)),
                        ("code", .string(d.code)),
                        ("message", .string(d.message)),
                        ("help", d.help.map { .string($0) } ?? .null),
                    ]))
            }
        }
        return JSONWriter.pretty(.array(items))
    }
}
