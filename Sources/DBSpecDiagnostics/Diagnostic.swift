/// How bad a diagnostic is. Errors stop compilation; warnings do not.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in a spec, at a position in its source.
///
/// `message` is one lowercase line without a trailing period that stands on its own;
/// how to fix the problem goes in `help`, never in the message (rustc's convention).
public struct Diagnostic: Hashable, Sendable {
    /// A stable code: `DB` and three digits (DB1xx structure, engine, version and class;
    /// DB2xx security; DB3xx availability and replicas; DB4xx storage; DB5xx naming).
    public var code: String
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var help: String?
    /// The data path of the value the diagnostic is about, like `database.storage.size`.
    public var path: String?
    /// Values that, written in place of `range`, fix the finding, best first: the values the
    /// help suggests ("did you mean", a current version, an offered class). Editors offer
    /// them as quick fixes.
    public var replacements: [String]

    public init(
        code: String, severity: Severity, message: String, range: SourceRange,
        help: String? = nil, path: String? = nil, replacements: [String] = []
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.help = help
        self.path = path
        self.replacements = replacements
    }

    /// Orders diagnostics by position, then code, then message, so output is stable.
    public static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted { a, b in
            if a.range.start != b.range.start { return a.range.start < b.range.start }
            if a.code != b.code { return a.code < b.code }
            return a.message < b.message
        }
    }
}

/// Collects diagnostics while a stage runs.
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public mutating func error(
        _ code: String, _ message: String, at range: SourceRange, help: String? = nil, path: String? = nil,
        replacements: [String] = []
    ) {
        report(Diagnostic(code: code, severity: .error, message: message, range: range, help: help, path: path, replacements: replacements))
    }

    public mutating func warning(
        _ code: String, _ message: String, at range: SourceRange, help: String? = nil, path: String? = nil
    ) {
        report(Diagnostic(code: code, severity: .warning, message: message, range: range, help: help, path: path))
    }
}
