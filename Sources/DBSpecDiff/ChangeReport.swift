import DBSpecCatalog
import DBSpecCheck
import DBSpecDiagnostics
import DBSpecEmitters
import DBSpecGraph
import DBSpecJSON
import DBSpecLowering
import DBSpecModel
import DBSpecReports
import DBSpecResolve
import DBSpecRules
import DBSpecSource

/// Writes what `dbspec diff` found: text for people, JSON for tools, Markdown for a
/// pull-request comment, GitHub workflow commands for annotations on the changed lines.
public enum ChangeReport {
    /// The lowest impact that fails the run (`--fail-on`); nil never fails.
    public enum Threshold: String, CaseIterable, Sendable {
        case replacement, downtime, any, never

        public var impact: ChangeImpact? {
            switch self {
            case .replacement: .replacement
            case .downtime: .downtime
            case .any: .inPlace
            case .never: nil
            }
        }
    }

    /// Whether `diff` fails at `threshold`: an error in a spec, or a change at least that bad
    /// that is not accepted.
    public static func fails(_ diff: SpecDiff, threshold: Threshold) -> Bool {
        if diff.hasErrors { return true }
        guard let floor = threshold.impact else { return false }
        return diff.fields.contains { $0.impact >= floor && $0.acceptance == nil }
    }

    // MARK: - Summaries

    /// One line per target: what happens to its resources, worst first.
    static func lines(_ field: FieldChange) -> [String] {
        var out: [String] = []
        for target in Target.allCases {
            let changes = field.changes.filter { $0.target == target }.sorted { $0.impact > $1.impact }
            guard !changes.isEmpty else { continue }
            for c in changes {
                var line = "\(target.rawValue): \(c.action.rawValue) \(c.address) (\(c.type))"
                let props = c.properties.map { p -> String in
                    var s = p.name
                    var facts: [String] = []
                    if let r = p.replaces { facts.append(r) } else if p.followsReplacement { facts.append("refers to a replaced resource") }
                    if let i = p.interruption, i != "none" { facts.append(i) }
                    if let w = p.when, c.role == .database || c.role == .clusterInstance { facts.append(w) }
                    if !facts.isEmpty { s += " [" + facts.joined(separator: "; ") + "]" }
                    return s
                }
                if !props.isEmpty { line += ": " + props.joined(separator: ", ") }
                out.append(line)
                out += c.properties.compactMap { p in p.note.map { "  \(p.name): \($0)" } }
                out += c.notes.map { "  " + $0 }
            }
        }
        return out
    }

    static func change(_ field: FieldChange) -> String {
        if field.path.steps.isEmpty { return field.new == nil ? "the spec is deleted" : "a new spec" }
        switch (field.old, field.new) {
        case (let o?, let n?): return "\(o) -> \(n)"
        case (nil, let n?): return "added: \(n)"
        case (let o?, nil): return "removed: \(o)"
        default: return ""
        }
    }

    // MARK: - Text

    public static func text(_ diffs: [SpecDiff]) -> String {
        var out = ""
        for diff in diffs {
            for f in diff.diagnostics {
                let d = f.diagnostic
                out += "\(f.file):\(d.range.start.line):\(d.range.start.column): \(d.severity.rawValue)[\(d.code)]: \(TerminalText.escaped(d.message))\n"
                if let help = d.help { out += "  help: \(help)\n" }
            }
            if diff.hasErrors { continue }
            let state =
                diff.created
                ? " (new spec)" : diff.deleted ? " (spec deleted)" : diff.renamedFrom.map { " (renamed from \(TerminalText.escaped($0)))" } ?? ""
            if diff.fields.isEmpty {
                out += "\(diff.name)\(state): no changes\n"
                continue
            }
            out += "\(diff.name)\(state): \(diff.fields.count) change\(diff.fields.count == 1 ? "" : "s"); worst: \(diff.impact.summary)\n"
            for f in diff.fields {
                let place = f.inNewFile ? "\(diff.name):\(f.line)" : "\(diff.name) (removed, was line \(f.line))"
                out += "  \(place): \(f.impact.name): \(f.path): \(TerminalText.escaped(change(f)))\n"
                for line in lines(f) { out += "    " + TerminalText.escaped(line) + "\n" }
                for a in f.advice { out += "    how to avoid: \(a)\n" }
                if let reason = f.acceptance { out += "    accepted: \(TerminalText.escaped(reason))\n" }
            }
        }
        return out
    }

    // MARK: - JSON

    public static func json(_ diffs: [SpecDiff], threshold: Threshold) -> [UInt8] {
        func value(_ v: JSONValue?) -> JSONValue { v ?? .null }
        let files: [JSONValue] = diffs.map { diff in
            var file = fileObject(diff)
            // Only a renamed spec has the member: the others' documents stay as they were.
            if let from = diff.renamedFrom, case .object(var members) = file {
                members.insert(("renamedFrom", .string(from)), at: 3)
                file = .object(members)
            }
            return file
        }
        func fileObject(_ diff: SpecDiff) -> JSONValue {
            .object([
                ("file", .string(diff.name)),
                ("created", .bool(diff.created)),
                ("deleted", .bool(diff.deleted)),
                ("impact", .string(diff.impact.name)),
                ("fails", .bool(fails(diff, threshold: threshold))),
                (
                    "diagnostics",
                    .array(
                        diff.diagnostics.map { f in
                            let d = f.diagnostic
                            return .object([
                                ("file", .string(f.file)), ("code", .string(d.code)), ("severity", .string(d.severity.rawValue)),
                                ("message", .string(d.message)), ("line", .int(d.range.start.line)), ("column", .int(d.range.start.column)),
                            ])
                        })
                ),
                (
                    "changes",
                    .array(
                        diff.fields.map { f in
                            .object([
                                ("field", .string(f.path.description)),
                                ("old", f.old.map(JSONValue.string) ?? .null),
                                ("new", f.new.map(JSONValue.string) ?? .null),
                                ("line", .int(f.line)),
                                ("inNewFile", .bool(f.inNewFile)),
                                ("impact", .string(f.impact.name)),
                                ("accepted", f.acceptance.map(JSONValue.string) ?? .null),
                                ("advice", .array(f.advice.map(JSONValue.string))),
                                (
                                    "resources",
                                    .array(
                                        f.changes.map { c in
                                            .object([
                                                ("target", .string(c.target.rawValue)),
                                                ("region", c.region.map(JSONValue.string) ?? .null),
                                                ("address", .string(c.address)),
                                                ("type", .string(c.type)),
                                                ("action", .string(c.action.rawValue)),
                                                ("role", .string(c.role.rawValue)),
                                                ("impact", .string(c.impact.name)),
                                                (
                                                    "properties",
                                                    .array(
                                                        c.properties.map { p in
                                                            .object([
                                                                ("name", .string(p.name)), ("old", value(p.old)), ("new", value(p.new)),
                                                                ("replaces", p.replaces.map(JSONValue.string) ?? .null),
                                                                ("followsReplacement", .bool(p.followsReplacement)),
                                                                ("interruption", p.interruption.map(JSONValue.string) ?? .null),
                                                                ("when", p.when.map(JSONValue.string) ?? .null),
                                                                ("note", p.note.map(JSONValue.string) ?? .null),
                                                            ])
                                                        })
                                                ),
                                                ("notes", .array(c.notes.map(JSONValue.string))),
                                            ])
                                        })
                                ),
                            ])
                        })
                ),
            ])
        }
        return JSONWriter.pretty(.object([("failOn", .string(threshold.rawValue)), ("files", .array(files))]))
    }

    // MARK: - Markdown

    static let marks: [ChangeImpact: String] = [
        .replacement: "🔴", .dependency: "🟠", .downtime: "🟡", .inPlace: "🟢", .none: "⚪",
    ]

    /// A pull-request comment: a table of changes, worst first, then the details, then the
    /// topology of each spec with the resources that change marked (`pictures`, Mermaid).
    /// Every string from a spec or a file name goes through `MarkdownText`: it is shown, never
    /// rendered as markup.
    public static func markdown(_ diffs: [SpecDiff], threshold: Threshold, pictures: [String: String] = [:]) -> String {
        let text = MarkdownText.text
        let code = MarkdownText.code
        func perTarget(_ f: FieldChange, _ t: Target) -> String {
            let cs = f.changes.filter { $0.target == t }.sorted { $0.impact > $1.impact }
            guard let worst = cs.first else { return "no change" }
            let names = cs.filter { $0.impact == worst.impact }.map { "\(text($0.action.rawValue)) \(code($0.address))" }
            return names.joined(separator: ", ")
        }
        var out = "## dbspec diff\n\n"
        let failing = diffs.filter { fails($0, threshold: threshold) }.count
        out += failing == 0 ? "No change fails `--fail-on \(threshold.rawValue)`.\n\n" : "**\(failing) spec(s) fail `--fail-on \(threshold.rawValue)`.**\n\n"
        for diff in diffs {
            out +=
                "### \(code(diff.name))\(diff.created ? " (new)" : diff.deleted ? " (deleted)" : diff.renamedFrom.map { " (renamed from \(code($0)))" } ?? "")\n\n"
            for f in diff.diagnostics {
                let d = f.diagnostic
                out += "- **\(d.severity.rawValue) \(d.code)** \(code(f.file)) line \(d.range.start.line): \(text(d.message))\n"
            }
            if !diff.diagnostics.isEmpty { out += "\n" }
            if diff.hasErrors { continue }
            if diff.fields.isEmpty {
                out += "No changes to deployed resources.\n\n"
                continue
            }
            out += "| | Field | Change | Impact | CloudFormation | Terraform |\n|---|---|---|---|---|---|\n"
            for f in diff.fields {
                let impact = text(f.impact.summary) + (f.acceptance.map { " (accepted: \(text($0)))" } ?? "")
                out +=
                    "| \(marks[f.impact]!) | \(code(f.path.description)) | \(text(change(f))) | \(impact) | \(perTarget(f, .cloudformation)) | \(perTarget(f, .terraform)) |\n"
            }
            out += "\n<details><summary>Details</summary>\n\n"
            for f in diff.fields {
                out += "- \(code(f.path.description)) (line \(f.line)): \(text(f.impact.summary))\n"
                for line in lines(f) { out += "  - \(text(line))\n" }
                for a in f.advice { out += "  - how to avoid: \(text(a))\n" }
            }
            out += "\n</details>\n\n"
            if let picture = pictures[diff.name] {
                let fence = MarkdownText.fence(for: picture)
                out += fence + "mermaid\n" + picture + fence + "\n\n"
            }
        }
        return out
    }

    // MARK: - GitHub

    /// Workflow commands: an error for each change that fails the run, a warning for other
    /// downtime or replacements, a notice for the rest.
    public static func github(_ diffs: [SpecDiff], threshold: Threshold) -> String {
        var out = ""
        for diff in diffs {
            for f in diff.diagnostics {
                let d = f.diagnostic
                // A finding in the old version (from git) has no line in the work tree: it goes
                // on the file, its place in the message.
                let place =
                    f.file == diff.name
                    ? "file=\(GitHubActionsReporter.property(diff.name)),line=\(d.range.start.line),col=\(d.range.start.column)"
                    : "file=\(GitHubActionsReporter.property(diff.name))"
                let message = f.file == diff.name ? d.message : "\(f.file):\(d.range.start.line):\(d.range.start.column): \(d.message)"
                out +=
                    "::\(d.severity == .error ? "error" : "warning") \(place),title=\(GitHubActionsReporter.property("dbspec \(d.code)"))::\(GitHubActionsReporter.data(message))\n"
            }
            for f in diff.fields where f.impact > .none {
                let failing = threshold.impact.map { f.impact >= $0 } == true && f.acceptance == nil
                let level = failing ? "error" : f.impact >= .downtime ? "warning" : "notice"
                var message = "\(f.path): \(change(f)): \(f.impact.summary)"
                for line in lines(f) { message += "\n" + line }
                for a in f.advice { message += "\nhow to avoid: " + a }
                if let reason = f.acceptance { message += "\naccepted: " + reason }
                let line = f.inNewFile ? ",line=\(f.line)" : ""
                out +=
                    "::\(level) file=\(GitHubActionsReporter.property(diff.name))\(line),title=\(GitHubActionsReporter.property("dbspec diff: \(f.impact.name)"))::\(GitHubActionsReporter.data(message))\n"
            }
        }
        return out
    }
}
