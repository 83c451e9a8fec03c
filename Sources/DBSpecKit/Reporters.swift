import DBSpecDiagnostics
import DBSpecJSON
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
    static func property(_ s: String) -> String { percentEscaped(s, "%\r\n:,") }
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

/// SARIF 2.1.0 as GitHub code scanning accepts it: every code with its name, help and a link
/// to its page, security rules tagged with a `security-severity`; results with regions in
/// Unicode code points, URIs relative to the repository (`%SRCROOT%`), `partialFingerprints`
/// (GitHub's line hash, and a key of code, file and data path that survives moved lines), and
/// suppressed findings reported as suppressed, with their justification.
public enum SARIFReporter {
    /// The base of every URI: the enclosing Git working tree's top folder, found by walking up
    /// from the working directory to a `.git`, or the working directory itself.
    public static func sourceRoot() -> String {
        let cwd = Configuration.currentDirectory()
        var folder = cwd
        while true {
            if access((folder == "/" ? "" : folder) + "/.git", F_OK) == 0 { return folder }
            guard let slash = folder.lastIndex(of: "/"), folder != "/" else { return cwd }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }

    /// With `failure`, the log of a run that could not finish (a bad configuration, a missing
    /// file): `executionSuccessful: false` and the reason as a tool notification, so that a CI
    /// step that uploads the log uploads a valid one that says what went wrong. With `root`,
    /// file URIs are made relative to it (from `workingDirectory`, the process's by default)
    /// and carry `uriBaseId` `%SRCROOT%`; files outside it get absolute `file://` URIs.
    public static func render(
        _ results: [FileResult], failure: String? = nil, root: String? = nil, workingDirectory: String? = nil
    ) -> [UInt8] {
        var rules: [JSONValue] = []
        var ruleIndex: [String: Int] = [:]
        for info in DiagnosticCodes.all {
            ruleIndex[info.code] = rules.count
            rules.append(rule(info))
        }
        let cwd = root == nil ? "" : (workingDirectory ?? Configuration.currentDirectory())
        var items: [JSONValue] = []
        for result in results {
            let hashes = LineFingerprint.hashes(String(decoding: result.source.bytes, as: UTF8.self))
            let location = artifactLocation(result.source.name, root: root, cwd: cwd)
            var findings = result.diagnostics.map { ($0, nil as SuppressedDiagnostic?) }
            findings += result.suppressed.map { ($0.diagnostic, $0) }
            for (d, suppression) in findings {
                var fingerprints: [(String, JSONValue)] = []
                if let hash = hashes[d.range.start.line] { fingerprints.append(("primaryLocationLineHash", .string(hash))) }
                fingerprints.append(("dbspec/v1", .string("\(d.code)|\(location.key)|\(d.path ?? "\(d.range.start.line)")")))
                var item: [(String, JSONValue)] = [("ruleId", .string(d.code))]
                if let i = ruleIndex[d.code] { item.append(("ruleIndex", .int(i))) }
                let text = d.help.map { "\(d.message). Help: \($0)" } ?? d.message
                item += [
                    ("level", .string(level(d.severity))),
                    ("message", .object([("text", .string(text))])),
                    (
                        "locations",
                        .array([
                            .object([
                                (
                                    "physicalLocation",
                                    .object([
                                        ("artifactLocation", location.json),
                                        (
                                            "region",
                                            .object([
                                                ("startLine", .int(max(1, d.range.start.line))),
                                                ("startColumn", .int(max(1, d.range.start.column))),
                                                ("endLine", .int(max(1, d.range.end.line))),
                                                ("endColumn", .int(max(1, d.range.end.column))),
                                            ])
                                        ),
                                    ])
                                )
                            ])
                        ])
                    ),
                    ("partialFingerprints", .object(fingerprints)),
                ]
                if let suppression {
                    item.append(
                        (
                            "suppressions",
                            .array([
                                .object([
                                    ("kind", .string(suppression.inSource ? "inSource" : "external")),
                                    ("justification", .string(suppression.justification)),
                                ])
                            ])
                        ))
                }
                items.append(.object(item))
            }
        }
        var run: [(String, JSONValue)] = [
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string("dbspec")),
                            ("semanticVersion", .string(DBSpec.version)),
                            ("informationUri", .string(DBSpec.home)),
                            ("rules", .array(rules)),
                        ])
                    )
                ])
            )
        ]
        if let root {
            run.append(("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string(fileURI(root.hasSuffix("/") ? root : root + "/")))]))])))
        }
        run += [
            ("columnKind", .string("unicodeCodePoints")),
            ("automationDetails", .object([("id", .string("dbspec/"))])),
            ("results", .array(items)),
        ]
        if let failure {
            run.append(
                (
                    "invocations",
                    .array([
                        .object([
                            ("executionSuccessful", .bool(false)),
                            ("exitCode", .int(2)),
                            (
                                "toolExecutionNotifications",
                                .array([.object([("level", .string("error")), ("message", .object([("text", .string(failure))]))])])
                            ),
                        ])
                    ])
                ))
        }
        return JSONWriter.pretty(
            .object([
                ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
                ("version", .string("2.1.0")),
                ("runs", .array([.object(run)])),
            ]))
    }

    /// A code's `reportingDescriptor`: id, name, descriptions, written help (text and Markdown),
    /// its page, default level, and for the security rules (DB2xx) the `security` tag and a
    /// `security-severity` that follows the default severity (GitHub: 7.0 and up is high,
    /// 4.0 to 6.9 medium).
    static func rule(_ info: CodeInfo) -> JSONValue {
        let helpText: String
        let helpMarkdown: String
        if let rule = RuleRegistry.rule(code: info.code) {
            helpMarkdown = RuleDocumentation.markdown(rule)
            helpText = info.explanation
        } else {
            let fix = info.fix ?? ""
            helpText = info.explanation + "\n\nHow to fix: " + fix
            helpMarkdown = DiagnosticCodes.markdown(info.code) ?? ""
        }
        var properties: [(String, JSONValue)] = []
        var tags: [JSONValue] = [.string(info.stage == "rules" ? "rds" : info.stage)]
        if info.isSecurity {
            tags.insert(.string("security"), at: 0)
            properties.append(("security-severity", .string(info.severity == .error ? "7.5" : info.severity == .warning ? "5.0" : "2.0")))
        }
        properties = [("tags", .array(tags)), ("precision", .string("very-high"))] + properties
        return .object([
            ("id", .string(info.code)),
            ("name", .string(info.name)),
            ("shortDescription", .object([("text", .string(info.summary))])),
            ("fullDescription", .object([("text", .string(info.explanation))])),
            ("help", .object([("text", .string(helpText)), ("markdown", .string(helpMarkdown))])),
            ("helpUri", .string(DBSpec.codeDocumentation(info.code))),
            ("defaultConfiguration", .object([("level", .string(level(info.severity)))])),
            ("properties", .object(properties)),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A file's `artifactLocation`, and the key its fingerprint uses.
    static func artifactLocation(_ name: String, root: String?, cwd: String) -> (json: JSONValue, key: String) {
        guard let root, name != "<stdin>" else { return (.object([("uri", .string(uri(name)))]), uri(name)) }
        let absolute = normalized(name.hasPrefix("/") ? name : cwd + "/" + name)
        let base = normalized(root)
        let prefix = base == "/" ? "/" : base + "/"
        if absolute.hasPrefix(prefix) {
            let relative = uri(String(absolute.dropFirst(prefix.count)))
            return (.object([("uri", .string(relative)), ("uriBaseId", .string("%SRCROOT%"))]), relative)
        }
        return (.object([("uri", .string(fileURI(absolute)))]), fileURI(absolute))
    }

    /// `/a/./b/../c` → `/a/c`.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func fileURI(_ absolute: String) -> String { "file://" + uri(absolute) }

    /// A relative URI for a path: `./` dropped, `\\` as `/`, spaces and `%` escaped.
    static func uri(_ path: String) -> String {
        let p = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return percentEscaped(String(p.map { $0 == "\\" ? "/" : $0 }), "% #?")
    }
}

/// Text from a spec on its way to a terminal or a log: control characters (C0 but tab, DEL, C1)
/// and the bidirectional controls that can make a line read differently from what it is
/// (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) and the invisible ones (zero-width
/// spaces and joiners, U+2060-U+2064, U+FEFF, the soft hyphen) are shown as `\u{…}` escapes.
public enum TerminalText {
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        case 0x2028, 0x2029: return true
        // Invisible format characters: a zero-width space or joiner in a name would make two
        // names that print alike.
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x180E: return true
        default: return false
        }
    }

    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if isUnsafe(s) { out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}
