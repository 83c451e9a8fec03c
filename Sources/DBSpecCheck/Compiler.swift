import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecEmitters
import DBSpecFiles
import DBSpecJSON
import DBSpecLowering
import DBSpecDecoder
import DBSpecModel
import DBSpecResolve
import DBSpecRules
import DBSpecSource

/// How a Terraform configuration fits where it goes (`TerraformEmitter.Layout`).
public typealias TerraformLayout = TerraformEmitter.Layout

/// One file written by a compile.
public struct OutputFile: Sendable {
    public var name: String
    public var bytes: [UInt8]
}

/// Everything dbspec found and made for one input.
public struct FileResult: Sendable {
    public var source: SourceText
    /// Sorted by position.
    public var diagnostics: [Diagnostic]
    /// The spec with every default applied (DBSpecResolve), when it decoded; a reference, so a
    /// run over many files moves its results around without copying their specs.
    public var spec: ResolvedSpec?
    /// The files a compile makes; empty for a check, or when there are errors.
    public var outputs: [OutputFile]
    /// What suppressions, the configuration or `--ignore`/`--select` silenced.
    public var suppressed: [SuppressedDiagnostic] = []

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public init(source: SourceText, diagnostics: [Diagnostic], spec: ResolvedSpec?, outputs: [OutputFile]) {
        self.source = source
        self.diagnostics = diagnostics
        self.spec = spec
        self.outputs = outputs
    }
}

/// The pipeline: read, decode, check, and for a compile lower and emit.
public struct Compiler: Sendable {
    public var catalog: Catalog
    /// The rules to run; all of them by default.
    public var rules: [any Rule.Type]

    public init(catalog: Catalog = .builtIn, rules: [any Rule.Type] = RuleRegistry.all) {
        self.catalog = catalog
        self.rules = rules
    }

    /// Every code dbspec reports.
    public static let knownCodes: Set<String> = Set(DiagnosticCodes.all.map(\.code))

    /// Reads, decodes and checks a spec; `configuration` turns rules off or changes their severity.
    public func check(_ source: SourceText, configuration: Configuration? = nil) -> FileResult {
        let read = YAMLReader.read(source)
        var diagnostics = read.diagnostics
        var spec: ResolvedSpec?
        if !read.hasErrors || read.root != nil {
            let decoded = SpecDecoder.decode(read.root)
            diagnostics += decoded.diagnostics
            if let s = decoded.spec, !read.hasErrors {
                let resolved = ResolvedSpec(s, catalog: catalog)
                spec = resolved
                diagnostics += RuleRunner.run(RuleContext(spec: resolved, catalog: catalog, root: read.root, bytes: source.bytes), rules: rules)
            }
        }
        // Ids made from more than the spec's name (replicas, connect users, roles) can collide
        // once each target spells them: checked on the graph itself, so nothing the output holds
        // escapes it, when two of those names could spell alike (lowering a spec costs as much
        // as the rest of a check; compile always checks its graph before writing).
        if let spec, !diagnostics.contains(where: { $0.severity == .error }), IdentifierCollisionCheck.couldCollide(spec) {
            diagnostics += IdentifierCollisionCheck.diagnostics(Lowering.lower(spec, catalog: catalog))
        }
        let suppressions = Suppressions.apply(diagnostics, source: source, root: read.root)
        diagnostics = suppressions.kept
        var suppressed = suppressions.suppressed
        if let configuration {
            let applied = configuration.apply(diagnostics)
            diagnostics = applied.kept
            suppressed += applied.suppressed
        }
        var result = FileResult(source: source, diagnostics: Diagnostic.sortedByPosition(diagnostics), spec: spec, outputs: [])
        result.suppressed = suppressed.sorted { a, b in
            a.diagnostic.range.start != b.diagnostic.range.start ? a.diagnostic.range.start < b.diagnostic.range.start : a.diagnostic.code < b.diagnostic.code
        }
        return result
    }

    /// Checks a spec and, when it has no errors, compiles it for `target`.
    public func compile(
        _ source: SourceText, target: Target, configuration: Configuration? = nil, terraformLayout: TerraformLayout = .standalone
    ) -> FileResult {
        var result = check(source, configuration: configuration)
        guard !result.hasErrors, let spec = result.spec else { return result }
        let graph = Lowering.lower(spec, catalog: catalog)
        // Never write a merged resource: the check above refuses these, and this is its backstop
        // (a collision in the output is an error here even where a configuration turned it off).
        let collisions = IdentifierCollisionCheck.diagnostics(graph)
        if !collisions.isEmpty {
            // Errors as made, whatever a configuration says of DB510: nothing merged is written.
            result.diagnostics = Diagnostic.sortedByPosition(result.diagnostics + collisions)
            return result
        }
        switch target {
        case .cloudformation:
            // One stack per Region: `NAME.template.json`, then `NAME.REGION.template.json` for
            // the Regions of cross-Region replicas.
            result.outputs = CloudFormationEmitter.templates(graph).map { region, template in
                OutputFile(
                    name: target.fileName(for: region == graph.region ? spec.name.value : spec.name.value + "." + region),
                    bytes: JSONWriter.pretty(template))
            }
        case .terraform:
            result.outputs = [
                OutputFile(
                    name: target.fileName(for: spec.name.value, layout: terraformLayout),
                    bytes: TerraformEmitter.render(graph, layout: terraformLayout, name: spec.name.value))
            ]
        }
        return result
    }
}

/// DB510: two ids of the graph that a target spells alike (`Identifiers.collisions`), reported at
/// the later one's spec text, naming the earlier's.
public enum IdentifierCollisionCheck {
    public static let code = "DB510"

    /// Whether two names of one kind could be spelled alike: replicas, connect users, or the
    /// roles of one grant, whose letters and digits in lowercase are equal (`ro-1` and `ro1`,
    /// `app-x` and `app.x`, or one name twice). Names of one kind make ids with the same words around them, so
    /// only such names can collide; check then lowers the spec and finds where. Ids that names
    /// of different kinds compose alike (a replica `orders-connect-x` and a user `x-replica`)
    /// are found by compile, which checks its whole graph before writing anything.
    public static func couldCollide(_ spec: ResolvedSpec) -> Bool {
        /// Letters and digits in lowercase.
        func key(_ name: String) -> [UInt8] {
            name.utf8.compactMap { b -> UInt8? in
                switch b {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): b + 32
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): b
                default: nil
                }
            }
        }
        /// Two names with one key (the same name twice makes one id twice, too). Sorted, not
        /// hashed: no dictionary keyed by strings on the check path (docs/performance.md).
        func alike(_ names: [String]) -> Bool {
            guard names.count > 1 else { return false }
            let keys = names.map(key).sorted { $0.lexicographicallyPrecedes($1) }
            for (a, b) in zip(keys, keys.dropFirst()) where a == b { return true }
            return false
        }
        if alike(spec.replicas.map(\.name.value)) || alike(spec.connectGrants.map(\.user.value)) { return true }
        return spec.connectGrants.contains { grant in alike(grant.roles.map { String($0.value.split(separator: "/").last ?? "") }) }
    }

    public static func diagnostics(_ graph: ResourceGraph) -> [Diagnostic] {
        // One diagnostic per pair of spec names, however many names of theirs collide.
        var pairs = Set<[SourceRange?]>()
        return Identifiers.collisions(in: graph).filter { pairs.insert([$0.firstOrigin?.range, $0.secondOrigin?.range]).inserted }.map { c in
            let here = c.secondOrigin ?? c.firstOrigin
            let range = here?.range ?? SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
            let first = c.firstOrigin.map { "\($0.what) (line \($0.range.start.line), column \($0.range.start.column))" } ?? "`\(c.first)`"
            let second = c.secondOrigin?.what ?? "`\(c.second)`"
            return Diagnostic(
                code: code, severity: .error,
                message: "\(second) and \(first) would both be written as `\(c.spelled)` in \(c.target); one resource would be lost",
                range: range,
                help: "rename one of the two so that they differ in more than punctuation or case")
        }
    }
}
