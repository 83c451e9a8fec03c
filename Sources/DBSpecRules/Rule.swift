import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel
import DBSpecResolve
import DBSpecSource

/// What a rule is, for `dbspec explain`, `dbspec rules`, the docs and the tests.
public struct RuleDescription: Sendable {
    /// Stable code, `DB` and three digits; never reused.
    public var code: String
    public var severity: Severity
    /// One line: what the rule refuses.
    public var summary: String
    /// Why, with the AWS facts behind it (Markdown).
    public var explanation: String

    public init(code: String, severity: Severity, summary: String, explanation: String) {
        self.code = code
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
    }
}

/// Specs that show a rule at work; the test suite runs them all. Kept apart from
/// `RuleDescription` so that checking a spec never builds them.
public struct RuleExamples: Sendable {
    /// Specs the rule must flag; `↓` marks where its diagnostic starts.
    public var triggering: [String]
    /// Specs the rule must accept.
    public var nonTriggering: [String]

    public init(triggering: [String], nonTriggering: [String]) {
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}

/// What a rule looks at: the resolved spec (every default applied, DBSpecResolve: the one place
/// they are decided, shared with lowering), the catalogue of RDS facts, and the node tree (for
/// the few rules that look at every value, like the plaintext password rule).
public struct RuleContext: Sendable {
    public let spec: ResolvedSpec
    public let catalog: Catalog
    public let root: Node?

    /// The primary's engine facts, when the catalogue knows the engine: the resolved database's,
    /// held here too so that the rules' many reads of it do not each copy it out of the spec.
    public let engine: EngineFacts?

    /// The spec's bytes, when the caller has them: a rule that looks for text anywhere in the
    /// spec (DB226) first asks whether the bytes hold it at all, which costs far less than a walk
    /// over every node.
    public let bytes: [UInt8]?

    public init(spec: ResolvedSpec, catalog: Catalog, root: Node?, bytes: [UInt8]? = nil) {
        self.spec = spec
        self.catalog = catalog
        self.root = root
        self.bytes = bytes
        engine = spec.database.facts
    }

    /// The instance classes the spec writes: the primary's, then each replica's own.
    public var writtenClasses: [WrittenClass] {
        var out = [WrittenClass(value: spec.database.instanceClass, path: .database.class)]
        for (i, r) in spec.replicas.enumerated() where r.instanceClass.isExplicit {
            out.append(WrittenClass(value: r.instanceClass, path: .replicas[i].class))
        }
        return out
    }
}

/// An instance class as the spec writes it, with the path to report it at.
public struct WrittenClass: Sendable {
    public var value: Located<String>
    public var path: FieldPath
}

/// A check over a resolved spec. One rule is one type in its own file.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    static var examples: RuleExamples { get }
    /// Where the facts behind the rule come from (documentation URLs, API members, data
    /// files); never read while checking a spec.
    static var sources: [String] { get }
    /// The catalogue's facts the rule checks, as Markdown for its page (`dbspec explain`,
    /// docs/rules.md), so that the page shows the data instead of restating numbers that can
    /// drift from it; nil when the rule reads none worth listing.
    static func facts(_ catalog: Catalog) -> String?
    init()
    func check(_ context: RuleContext, into sink: inout RuleSink)
}

extension Rule {
    public static func facts(_ catalog: Catalog) -> String? { nil }
}

/// Collects a rule's findings, stamping them with the rule's code and severity.
public struct RuleSink {
    let description: RuleDescription
    public private(set) var diagnostics: [Diagnostic] = []

    init(_ description: RuleDescription) { self.description = description }

    public mutating func report(
        _ message: String, at range: SourceRange, help: String? = nil, path: FieldPath? = nil,
        severity: Severity? = nil, replacements: [String] = []
    ) {
        diagnostics.append(
            Diagnostic(
                code: description.code, severity: severity ?? description.severity,
                message: message, range: range, help: help, path: path?.description, replacements: replacements))
    }
}

/// Runs rules over a spec.
public enum RuleRunner {
    public static func run(_ context: RuleContext, rules: [any Rule.Type] = RuleRegistry.all) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for rule in rules {
            var sink = RuleSink(rule.description)
            rule.init().check(context, into: &sink)
            out.append(contentsOf: sink.diagnostics)
        }
        return out
    }
}
