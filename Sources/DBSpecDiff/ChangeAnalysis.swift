import DBSpecCatalog
import DBSpecCheck
import DBSpecDiagnostics
import DBSpecEmitters
import DBSpecGraph
import DBSpecJSON
import DBSpecLowering
import DBSpecDecoder
import DBSpecModel
import DBSpecReports
import DBSpecResolve
import DBSpecRules
import DBSpecSource

/// One edited field of a spec and everything it does to the deployed resources.
public struct FieldChange: Sendable {
    public var path: SpecPath
    /// The values before and after, on one line; nil when the key was added or removed.
    public var old: String?
    public var new: String?
    /// Where the edit is: in the new file, or in the old one when the key was removed.
    public var range: SourceRange
    public var inNewFile: Bool
    /// The line of the field's key.
    public var line: Int
    /// What it does, per target and resource.
    public var changes: [ResourceChange]
    /// The worst of `changes`.
    public var impact: ChangeImpact
    /// How to avoid a replacement, where there is a way.
    public var advice: [String]
    /// Why the change is accepted (`# dbspec:accept-next-line -- reason`), when it is.
    public var acceptance: String?
}

/// What changing one spec into another does, worst first.
public struct SpecDiff: Sendable {
    /// The name shown for the spec (its path).
    public var name: String
    public var fields: [FieldChange]
    /// A finding in one of the two versions.
    public struct Finding: Sendable {
        /// The version's name: the new file, the old one, or `REV:path` for a version from git.
        public var file: String
        public var diagnostic: Diagnostic
    }

    /// Why the comparison could not be made (errors in either version), and acceptances that
    /// match no change.
    public var diagnostics: [Finding]
    /// True when the spec is new (nothing to compare with) or deleted.
    public var created = false
    public var deleted = false
    /// The spec's path before, when git saw the file renamed (`git mv`).
    public var renamedFrom: String?

    public var impact: ChangeImpact { fields.map(\.impact).max() ?? .none }
    public var hasErrors: Bool { diagnostics.contains { $0.diagnostic.severity == .error } }
}

/// Compares two versions of a spec through everything dbspec would emit for them.
///
/// Both versions are compiled for both targets and the outputs compared resource by resource,
/// the way CloudFormation and Terraform decide (`TargetChanges`). Each change is then traced to
/// the spec field that causes it: the old spec with only that field edited is compiled, and what
/// it changes is that field's share. Changes that no single field causes alone (two fields that
/// are only valid together) are given to all of them.
public struct ChangeAnalysis: Sendable {
    public var compiler: Compiler
    public var facts: ChangeFacts

    public init(compiler: Compiler = Compiler(), facts: ChangeFacts = .builtIn) {
        self.compiler = compiler
        self.facts = facts
    }

    struct Outputs {
        var cloudFormation: [(region: String, template: JSONValue)]
        var terraform: JSONValue
    }

    /// What `old` (nil: the spec is new) changed into `new` (nil: the spec was deleted) does.
    public func diff(old: SourceText?, new: SourceText?, name: String) -> SpecDiff {
        var result = SpecDiff(name: name, fields: [], diagnostics: [])
        let oldCheck = old.map { compiler.check($0) }
        let newCheck = new.map { compiler.check($0) }
        for check in [oldCheck, newCheck].compactMap({ $0 }) where check.hasErrors {
            result.diagnostics += check.diagnostics.filter { $0.severity == .error }.map { SpecDiff.Finding(file: check.source.name, diagnostic: $0) }
        }
        if result.hasErrors { return result }
        let oldRoot = old.flatMap { YAMLReader.read($0).root }
        let newRoot = new.flatMap { YAMLReader.read($0).root }
        let suppressed = Set((oldCheck?.suppressed ?? []).map(\.diagnostic.code) + (newCheck?.suppressed ?? []).map(\.diagnostic.code))
        let before = oldRoot.flatMap { outputs($0, ignoring: suppressed) }
        let after = newRoot.flatMap { outputs($0, ignoring: suppressed) }
        result.created = old == nil
        result.deleted = new == nil
        let all = changes(before, after)
        let edits = SpecEdits.grouped(SpecEdits.between(oldRoot, newRoot), old: oldRoot, new: newRoot)
        var attributed: Set<String> = []
        var fields: [FieldChange] = []
        var unexplained: [Int] = []
        for edit in edits {
            var own: [ResourceChange]?
            if let oldRoot, new != nil, let alone = outputs(SpecEdits.applying(edit, to: oldRoot), ignoring: suppressed) {
                own = intersect(all, changes(before, alone))
            }
            own?.removeAll { $0.properties.isEmpty && $0.action != .create && $0.action != .delete }
            for c in own ?? [] { attributed.formUnion(keys(c)) }
            if own == nil { unexplained.append(fields.count) }
            fields.append(
                FieldChange(
                    path: edit.path, old: edit.old.map { SpecEdits.render($0) }, new: edit.new.map { SpecEdits.render($0) }, range: edit.range,
                    inNewFile: edit.inNewFile, line: edit.line, changes: own ?? [], impact: .none, advice: [], acceptance: nil))
        }
        // What no field causes alone belongs to the fields that could not be compiled alone,
        // or, when every field could, to all of them (they act only together).
        let rest = all.compactMap { c -> ResourceChange? in
            var c = c
            let keyOf = c.key
            c.properties.removeAll { attributed.contains(keyOf($0.name)) }
            let whole = attributed.contains(c.key())
            return (c.properties.isEmpty && (whole || c.action == .update || c.action == .replace)) ? nil : c
        }
        if !rest.isEmpty {
            let owners = unexplained.isEmpty ? Array(fields.indices) : unexplained
            for i in owners { fields[i].changes += rest }
        }
        let acceptances = new.map { Acceptances.read($0, root: newRoot) } ?? Acceptances()
        var used: Set<Int> = []
        for i in fields.indices {
            fields[i].impact = fields[i].changes.map(\.impact).max() ?? .none
            var advice: [String] = []
            for c in fields[i].changes where c.action == .replace {
                for p in c.properties where p.replaces != nil {
                    if let a = facts.advice[p.name], !advice.contains(a) { advice.append(a) }
                }
            }
            if fields[i].path.steps == [.key("name")] {
                advice.insert(
                    "every resource is named after the spec's `name`: renaming deletes them all and creates them anew; keep `name` and change `identifier` only if you mean a new database",
                    at: 0)
            }
            fields[i].advice = advice
            if let (index, reason) = acceptances.match(fields[i]) {
                fields[i].acceptance = reason
                used.insert(index)
            }
        }
        result.diagnostics += acceptances.problems.map { SpecDiff.Finding(file: new?.name ?? name, diagnostic: $0) }
        for (index, entry) in acceptances.entries.enumerated() where !used.contains(index) {
            result.diagnostics.append(
                SpecDiff.Finding(
                    file: new?.name ?? name,
                    diagnostic: Diagnostic(
                        code: "DB171", severity: .warning, message: "this acceptance matches no change", range: entry.range,
                        help: "remove it once the change it accepted is deployed")))
        }
        result.fields = fields.enumerated().sorted { a, b in
            if a.element.impact != b.element.impact { return a.element.impact > b.element.impact }
            return a.offset < b.offset
        }.map(\.element)
        return result
    }

    /// The topology of a spec, or nil when it has errors.
    public func topology(_ source: SourceText) -> Topology? {
        let checked = compiler.check(source)
        guard !checked.hasErrors, let spec = checked.spec else { return nil }
        return Topology(Lowering.lower(spec, catalog: compiler.catalog), title: spec.name.value)
    }

    /// The resources of `topology` that `diff` changes, with the worst impact on each (read from
    /// the CloudFormation changes, whose logical IDs come from the same resource IDs).
    public func marks(_ diff: SpecDiff, topology: Topology) -> [String: Topology.Mark] {
        var byLogicalID: [String: String] = [:]
        for node in topology.nodes { if let r = node.resource { byLogicalID[CloudFormationEmitter.logicalID(r)] = r } }
        var worst: [String: ChangeImpact] = [:]
        for field in diff.fields {
            for c in field.changes where c.target == .cloudformation {
                guard let r = byLogicalID[c.address] else { continue }
                worst[r] = max(worst[r] ?? .none, c.impact)
            }
        }
        return worst.mapValues { impact in impact >= .dependency ? .replaced : impact == .downtime ? .downtime : .changed }
    }

    /// What a spec tree compiles to for both targets, or nil when it has errors.
    func outputs(_ root: Node, ignoring suppressed: Set<String>) -> Outputs? {
        let decoded = SpecDecoder.decode(root)
        guard let decodedSpec = decoded.spec, !decoded.diagnostics.contains(where: { $0.severity == .error && !suppressed.contains($0.code) })
        else { return nil }
        let spec = ResolvedSpec(decodedSpec, catalog: compiler.catalog)
        let found = RuleRunner.run(RuleContext(spec: spec, catalog: compiler.catalog, root: root), rules: compiler.rules)
        guard !found.contains(where: { $0.severity == .error && !suppressed.contains($0.code) }) else { return nil }
        let graph = Lowering.lower(spec, catalog: compiler.catalog)
        return Outputs(
            cloudFormation: CloudFormationEmitter.templates(graph),
            terraform: TerraformEmitter.configuration(graph, layout: .standalone, name: spec.name.value))
    }

    func changes(_ a: Outputs?, _ b: Outputs?) -> [ResourceChange] {
        let empty = Outputs(cloudFormation: [], terraform: .object([]))
        let a = a ?? empty
        let b = b ?? empty
        return TargetChanges.cloudFormation(old: a.cloudFormation, new: b.cloudFormation, facts: facts)
            + TargetChanges.terraform(old: a.terraform, new: b.terraform, facts: facts)
    }

    private func keys(_ c: ResourceChange) -> [String] {
        c.properties.isEmpty ? [c.key()] : c.properties.map { c.key($0.name) } + (c.action == .update ? [] : [c.key()])
    }

    /// The changes of `all` that also happen in `alone`, with the properties they share.
    private func intersect(_ all: [ResourceChange], _ alone: [ResourceChange]) -> [ResourceChange] {
        var out: [ResourceChange] = []
        // By key: a search of `alone` per change made a diff that adds thousands of resources
        // quadratic.
        var byKey: [String: ResourceChange] = [:]
        for a in alone where byKey[a.key()] == nil { byKey[a.key()] = a }
        for c in all {
            // The field's own effect: what it does alone, limited to what really changes.
            guard var same = byKey[c.key()] else { continue }
            if same.action == .create || same.action == .delete {
                out.append(same)
                continue
            }
            let names = Set(c.properties.map(\.name))
            same.properties.removeAll { !names.contains($0.name) }
            if !same.properties.isEmpty { out.append(same) }
        }
        return out
    }
}

extension Acceptances {
    /// The acceptance of `field`, by its line or its path.
    func match(_ field: FieldChange) -> (Int, String)? {
        for (i, e) in entries.enumerated() {
            if let f = e.field, f == field.path.description || field.path.description.hasPrefix(f + ".") { return (i, e.reason) }
            if let line = e.line, field.inNewFile, line == field.line || line == field.range.start.line { return (i, e.reason) }
        }
        return nil
    }
}
