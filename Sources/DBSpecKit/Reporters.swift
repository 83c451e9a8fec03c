import DBSpecDiagnostics
import DBSpecJSON

/// Output formats for diagnostics.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// `FILE:LINE:COL: severity: message [CODE]`, the source line, a caret under the range, `help:`.
    case text
    /// A JSON array of diagnostics on stdout.
    case json
}

/// Renders diagnostics as text: a `file:line:col` headline, then the source line with a
/// caret under the range, then `help:`.
public enum TextReporter {
    public static func render(_ results: [FileResult]) -> String {
        var out = ""
        for result in results {
            for d in result.diagnostics { out += render(d, source: result.source) }
        }
        return out
    }

    public static func render(_ d: Diagnostic, source: SourceText) -> String {
        var out = "\(source.name):\(d.range.start.line):\(d.range.start.column): \(d.severity.rawValue): \(d.message) [\(d.code)]\n"
        if let line = source.line(d.range.start.line) {
            let number = String(d.range.start.line)
            let gutter = String(repeating: " ", count: number.count)
            var scalars = Array(line.unicodeScalars)
            var start = min(max(d.range.start.column - 1, 0), scalars.count)
            let endColumn = d.range.end.line == d.range.start.line ? d.range.end.column : scalars.count + 1
            var width = max(1, min(endColumn, scalars.count + 1) - d.range.start.column)
            // A long line shows a window around the range, cut with "…".
            let window = 120
            if scalars.count > window {
                let from = max(0, min(start - 40, scalars.count - window))
                let to = min(scalars.count, from + window)
                var shown = Array(scalars[from..<to])
                start -= from
                if from > 0 { shown.insert("…", at: 0); start += 1 }
                if to < scalars.count { shown.append("…") }
                width = min(width, max(1, shown.count - start - (to < scalars.count ? 1 : 0)))
                scalars = shown
            }
            // Keep tabs in the padding so the caret lines up under the text.
            let padding = String(String.UnicodeScalarView(scalars[..<start].map { $0 == "\t" ? "\t" : " " }))
            out += " \(number) | \(String(String.UnicodeScalarView(scalars)))\n"
            out += " \(gutter) | \(padding)\(String(repeating: "^", count: width))\n"
        }
        if let help = d.help { out += "  help: \(help)\n" }
        return out
    }
}

/// Renders diagnostics as a JSON array of
/// `{"file","line","column","endLine","endColumn","severity","code","message","help"}`.
public enum JSONReporter {
    public static func render(_ results: [FileResult]) -> [UInt8] {
        var items: [JSONValue] = []
        for result in results {
            for d in result.diagnostics {
                items.append(.object([
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
