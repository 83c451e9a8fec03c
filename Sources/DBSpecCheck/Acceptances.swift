import DBSpecDiagnostics
import DBSpecSource

/// `# dbspec:accept-next-line -- reason` comments and `x-dbspec-accept: [{field, reason}]`: a
/// change the author means to make, which `--fail-on` then lets through.
public struct Acceptances: Sendable {
    public struct Entry: Sendable {
        public var line: Int?
        public var field: String?
        public var reason: String
        public var range: SourceRange
    }

    public var entries: [Entry] = []
    public var problems: [Diagnostic] = []

    static let directive = "accept-next-line"

    public init() {}

    public static func read(_ source: SourceText, root: Node?) -> Acceptances {
        var out = Acceptances()
        var pending: [Entry] = []
        for number in 1...max(1, source.lineCount) {
            guard let line = source.line(number) else { continue }
            let text = line.drop { $0 == " " || $0 == "\t" }
            if text.isEmpty { continue }
            guard text.hasPrefix("#") else {
                for var e in pending {
                    e.line = number
                    out.entries.append(e)
                }
                pending.removeAll()
                continue
            }
            let body = text.dropFirst().drop { $0 == " " || $0 == "\t" }
            guard body.hasPrefix("dbspec:" + directive) else { continue }
            let column = line.unicodeScalars.count - text.unicodeScalars.count + 1
            let range = SourceRange(
                start: SourcePosition(line: number, column: column), end: SourcePosition(line: number, column: line.unicodeScalars.count + 1))
            guard let reason = Self.reason(body.dropFirst(("dbspec:" + directive).count)) else {
                out.problems.append(Self.missingReason(range))
                continue
            }
            pending.append(Entry(line: nil, field: nil, reason: reason, range: range))
        }
        for item in root?["x-dbspec-accept"]?.items ?? [] {
            guard let field = item["field"]?.scalar?.text, let reason = item["reason"]?.scalar?.text, !reason.isEmpty else {
                out.problems.append(Self.missingReason(item.range))
                continue
            }
            out.entries.append(Entry(line: nil, field: field, reason: reason, range: item.range))
        }
        return out
    }

    /// The reason after ` -- `, or nil when there is none.
    public static func reason(_ rest: Substring) -> String? {
        let parts = rest.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].trimmingSpaces().isEmpty else { return nil }
        let reason = parts[1].trimmingSpaces()
        return reason.isEmpty ? nil : String(reason)
    }

    public static func missingReason(_ range: SourceRange) -> Diagnostic {
        Diagnostic(
            code: "DB170", severity: .error, message: "an acceptance needs a reason", range: range,
            help: "write `# dbspec:accept-next-line -- why this replacement is wanted` on the line above the change")
    }
}
