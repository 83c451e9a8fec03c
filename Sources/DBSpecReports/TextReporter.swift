import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders diagnostics as text: a `file:line:col` headline, then the source line with a
/// caret under the range, then `help:`.
public enum TextReporter {
    public static func render(_ results: [FileResult], color: Bool = false) -> String {
        var out = ""
        for result in results {
            for d in result.diagnostics { out += render(d, source: result.source, color: color) }
        }
        return out
    }

    public static func render(_ d: Diagnostic, source: SourceText, color: Bool = false) -> String {
        let paint = { (code: String, text: String) in color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let severityColor = d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36"
        var out =
            paint("1", "\(TerminalText.escaped(source.name)):\(d.range.start.line):\(d.range.start.column):") + " "
            + paint(severityColor, "\(d.severity.rawValue):") + " \(TerminalText.escaped(d.message)) " + paint("2", "[\(d.code)]") + "\n"
        if let line = source.line(d.range.start.line) {
            let number = String(d.range.start.line)
            let gutter = String(repeating: " ", count: number.count)
            // One replacement character for each control character, so the caret still lines up.
            var scalars = line.unicodeScalars.map { TerminalText.isUnsafe($0) ? "\u{FFFD}" : $0 }
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
            out += " \(gutter) | \(padding)\(paint(severityColor, String(repeating: "^", count: width)))\n"
        }
        if let help = d.help { out += "  " + paint("1;36", "help:") + " \(TerminalText.escaped(help))\n" }
        return out
    }
}
