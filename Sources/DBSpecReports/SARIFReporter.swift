import DBSpecCheck
import DBSpecDiagnostics
import DBSpecFiles
import DBSpecJSON
import DBSpecRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SARIF 2.1.0 as GitHub code scanning accepts it: every code with its name, help and a link
/// to its page, security rules tagged with a `security-severity`; results with regions in
/// Unicode code points, URIs relative to the repository (`%SRCROOT%`), `partialFingerprints`
/// (GitHub's line hash, and a key of code, file and data path that survives moved lines), and
/// suppressed findings reported as suppressed, with their justification.
public enum SARIFReporter {
    /// The base of every URI: the enclosing Git working tree's top folder, found by walking up
    /// from the working directory to a `.git`, or the working directory itself.
    public static func sourceRoot() -> String {
        let cwd = FileSystem.currentDirectory()
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
        let cwd = root == nil ? "" : (workingDirectory ?? FileSystem.currentDirectory())
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
