import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecEmitters
import DBSpecFiles
import DBSpecJSON
import DBSpecLowering
import DBSpecModel
import DBSpecResolve
import DBSpecRules
import DBSpecSource
import Glibc
#if canImport(Glibc)
#endif

/// A project's `.dbspec.yaml`, found by walking up from a spec's folder:
///
/// ```yaml
/// rules:
///   DB319: off        # turn a rule off
///   DB206: error      # or change its severity: error, warning, note
/// catalog: rds-catalog.json   # relative to this file
/// target: terraform
/// output: generated/          # relative to this file
/// ```
public struct Configuration: Equatable, Sendable {
    public static let fileName = ".dbspec.yaml"
    /// The names a configuration file may have, in the order they are looked for in a folder.
    public static let fileNames = [".dbspec.yaml", ".dbspec.yml"]

    /// The keys of the file, with what they mean: the parser's list of known keys and the JSON
    /// Schema of the file (`dbspec schema --configuration`) both come from here.
    /// The keys as prose: "`rules`, `catalog`, `target`, `layout` and `output`".
    public static func keyList(colons: Bool = false) -> String {
        let names = keys.map { "`\($0.name)\(colons ? ":" : "")`" }
        return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }

    public static let keys: [(name: String, summary: String)] = [
        ("rules", "Rule settings by code: `off`, `error`, `warning` or `note`."),
        ("catalog", "A catalogue of RDS facts from `dbspec catalog import`, relative to this file."),
        ("target", "The default target of `compile`: `cloudformation` or `terraform`."),
        ("layout", "The default Terraform layout of `compile`: `standalone`, `root` or `module`."),
        ("output", "The folder `compile` writes to, relative to this file."),
    ]
    /// What a code can be set to (`false` is how YAML 1.1 readers see `off`).
    public static let ruleSettings = ["off", "error", "warning", "note"]

    /// The file it came from.
    public var path: String
    /// Code → severity; nil turns the code off.
    public var rules: [String: Severity?] = [:]
    /// Absolute or relative to the working directory (resolved from the file's folder).
    public var catalog: String?
    public var target: Target?
    public var layout: TerraformLayout?
    public var output: String?
    /// The command line's `--select` and `--ignore`, applied after the rule settings.
    public var filter = CodeFilter()

    public init(path: String) {
        self.path = path
    }

    /// Applies the rule settings and the command line's filter to `diagnostics`: what they
    /// turn off comes back as suppressed, with what turned it off.
    public func apply(_ diagnostics: [Diagnostic]) -> (kept: [Diagnostic], suppressed: [SuppressedDiagnostic]) {
        guard !rules.isEmpty || !filter.isEmpty else { return (diagnostics, []) }
        var kept: [Diagnostic] = []
        var suppressed: [SuppressedDiagnostic] = []
        for original in diagnostics {
            var d = original
            var reason = filter.excludes(d.code)
            if let setting = rules[d.code] {
                if let severity = setting { d.severity = severity } else { reason = "turned off in \(path)" }
            }
            if let reason {
                suppressed.append(SuppressedDiagnostic(diagnostic: d, justification: reason, inSource: false))
            } else {
                kept.append(d)
            }
        }
        return (kept, suppressed)
    }

    /// The nearest `.dbspec.yaml` (or `.dbspec.yml`) above `specPath` (a file), or nil.
    public static func find(for specPath: String) -> String? {
        var directory = specPath.contains("/") ? String(specPath[..<specPath.lastIndex(of: "/")!]) : "."
        if directory.isEmpty { directory = "/" }
        var absolute = directory.hasPrefix("/") ? directory : FileSystem.currentDirectory() + "/" + directory
        while true {
            for name in fileNames {
                let candidate = (absolute == "/" ? "" : absolute) + "/" + name
                // Any entry by that name counts, readable or not (no permission, a dangling link, a
                // link loop): loading it then fails and names it, instead of the walk going on
                // to a parent's configuration and applying its rules silently.
                var info = stat()
                if lstat(candidate, &info) == 0 { return candidate }
            }
            guard let slash = absolute.lastIndex(of: "/"), absolute != "/" else { return nil }
            absolute = slash == absolute.startIndex ? "/" : String(absolute[..<slash])
        }
    }

    /// Reads a configuration file; problems are positioned diagnostics in it.
    public static func load(_ path: String) -> (Configuration?, [Diagnostic]) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, limit: 1 << 20)
        } catch {
            return (nil, [Diagnostic(code: "DB180", severity: .error, message: "cannot read the configuration: \(error.reason)", range: .fileStart)])
        }
        return parse(SourceText(name: path, bytes: bytes))
    }

    public static func parse(_ source: SourceText) -> (Configuration?, [Diagnostic]) {
        let read = YAMLReader.read(source)
        var sink = DiagnosticSink()
        sink.append(contentsOf: read.diagnostics)
        var config = Configuration(path: source.name)
        let base = source.name.contains("/") ? String(source.name[..<source.name.lastIndex(of: "/")!]) : "."
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : (base.isEmpty ? "/" : base) + "/" + p }
        guard let root = read.root, !read.hasErrors else { return (read.hasErrors ? nil : config, sink.diagnostics) }
        guard let entries = root.entries else {
            if !root.isNull {
                sink.error(
                    "DB180", "the configuration must be a mapping", at: root.range,
                    help: "write keys such as " + Self.keyList(colons: true))
            }
            return (root.isNull ? config : nil, sink.diagnostics)
        }
        let keys = Self.keys.map(\.name)
        for entry in entries {
            let key = entry.keyText
            let value = entry.value
            switch key {
            case "rules":
                guard let rules = value.entries else {
                    sink.error(
                        "DB180", "`rules` must map codes to off, error, warning or note", at: value.range,
                        help: "for example `rules: { DB319: off, DB206: error }`")
                    continue
                }
                for rule in rules {
                    let code = rule.keyText.uppercased()
                    guard Compiler.knownCodes.contains(code) else {
                        sink.error("DB180", "`\(rule.keyText.shortened())` is not a dbspec code", at: rule.key.range, help: "`dbspec rules` lists the codes")
                        continue
                    }
                    switch rule.value.scalar?.text {
                    case "off", "false": config.rules[code] = .some(nil)
                    case "error": config.rules[code] = .error
                    case "warning": config.rules[code] = .warning
                    case "note": config.rules[code] = .note
                    default:
                        sink.error(
                            "DB180", "set \(code) to off, error, warning or note", at: rule.value.range,
                            help: "for example `\(code): warning`")
                    }
                }
            case "catalog", "output":
                guard let text = value.scalar?.text, !value.isNull else {
                    sink.error(
                        "DB180", "`\(key)` must be a path", at: value.range,
                        help: "write a path relative to this file, like `\(key == "catalog" ? "rds-catalog.json" : "generated/")`")
                    continue
                }
                if key == "catalog" { config.catalog = resolve(text) } else { config.output = resolve(text) }
            case "target":
                guard let t = value.scalar.flatMap({ Target(rawValue: $0.text) }) else {
                    sink.error(
                        "DB180", "`target` must be cloudformation or terraform", at: value.range,
                        help: "write `target: cloudformation` or `target: terraform`")
                    continue
                }
                config.target = t
            case "layout":
                guard let l = value.scalar.flatMap({ TerraformLayout(rawValue: $0.text) }) else {
                    sink.error(
                        "DB180", "`layout` must be standalone, root or module", at: value.range,
                        help: "write `layout: root` for many specs in one root module")
                    continue
                }
                config.layout = l
            default:
                sink.error(
                    "DB180", "unknown key `\(key.shortened())` in the configuration", at: entry.key.range,
                    help: Suggestions.didYouMean(Suggestions.closest(to: key, in: keys)) ?? "known keys: " + keys.joined(separator: ", "),
                    replacements: Suggestions.closest(to: key, in: keys))
            }
        }
        return (sink.hasErrors ? nil : config, sink.diagnostics)
    }
}

/// `--select` and `--ignore`: codes or code prefixes (`DB2` is every DB2xx code). A code is
/// reported when it matches a selector (or none is given) and no ignore pattern.
public struct CodeFilter: Equatable, Sendable {
    public var select: [String] = []
    public var ignore: [String] = []

    public init(select: [String] = [], ignore: [String] = []) {
        self.select = select.map { $0.uppercased() }
        self.ignore = ignore.map { $0.uppercased() }
    }

    public var isEmpty: Bool { select.isEmpty && ignore.isEmpty }

    /// Why `code` is not reported, or nil when it is.
    public func excludes(_ code: String) -> String? {
        if !select.isEmpty && !select.contains(where: { code.hasPrefix($0) }) { return "not selected by --select" }
        if let pattern = ignore.first(where: { code.hasPrefix($0) }) { return "ignored by --ignore \(pattern)" }
        return nil
    }

    /// The first selector that matches no code dbspec reports (a typo), or nil.
    public func unknownSelector() -> String? {
        (select + ignore).first { pattern in !Compiler.knownCodes.contains { $0.hasPrefix(pattern) } || !pattern.hasPrefix("DB") }
    }
}
