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
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inline suppressions, each with a reason:
///
/// - `# dbspec:disable-next-line DB319 -- reason` on a line of its own silences those codes on
///   the next line that holds something other than a comment;
/// - `# dbspec:disable-file DB319, DB206 -- reason` silences them in the whole file;
/// - `x-dbspec-ignore: [{code: DB319, reason: …}]` does the same for JSON specs.
///
/// A suppression without a reason, with an unknown code or directive is an error (DB170) and
/// silences nothing; one that silences nothing is a warning (DB171).
public enum Suppressions {
    struct Entry {
        var codes: [String]
        /// Why, as the suppression says.
        var reason: String = ""
        /// The line it applies to; nil for the whole file.
        var line: Int?
        var range: SourceRange
        /// The codes that silenced something.
        var used: Set<String> = []
    }

    /// The diagnostics that stay, and those silenced, each with the reason of the first
    /// suppression that silenced it (SARIF reports them as suppressed, with that justification).
    public static func apply(_ diagnostics: [Diagnostic], source: SourceText, root: Node?) -> (kept: [Diagnostic], suppressed: [SuppressedDiagnostic]) {
        var problems = DiagnosticSink()
        var entries = comments(in: source, problems: &problems)
        entries += ignoreList(root, problems: &problems)
        guard !entries.isEmpty else { return (diagnostics + problems.diagnostics, []) }
        var kept: [Diagnostic] = []
        var suppressed: [SuppressedDiagnostic] = []
        for d in diagnostics {
            var reason: String?
            for i in entries.indices where entries[i].codes.contains(d.code) {
                if entries[i].line == nil || entries[i].line == d.range.start.line {
                    entries[i].used.insert(d.code)
                    if reason == nil { reason = entries[i].reason }
                }
            }
            if let reason { suppressed.append(SuppressedDiagnostic(diagnostic: d, justification: reason, inSource: true)) } else { kept.append(d) }
        }
        for entry in entries {
            let unused = entry.codes.filter { !entry.used.contains($0) }
            guard !unused.isEmpty else { continue }
            problems.warning(
                "DB171", "suppression of " + unused.joined(separator: ", ") + " silences nothing", at: entry.range,
                help: entry.line == nil ? "remove it; the file has no such finding" : "remove it, or move it to the line above the finding")
        }
        return (kept + problems.diagnostics, suppressed)
    }

    /// What follows a directive's `#` and blanks.
    static let directiveWord = Array("dbspec:".utf8)

    /// Whether the `#` at `hash` is followed, after spaces or tabs, by `dbspec:` before `end`.
    static func startsDirective<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes, hash: Int, end: Int) -> Bool where Bytes.Index == Int {
        var j = hash + 1
        while j < end && (b[j] == UInt8(ascii: " ") || b[j] == UInt8(ascii: "\t")) { j += 1 }
        return end - j >= directiveWord.count && (0..<directiveWord.count).allSatisfy { b[j + $0] == directiveWord[$0] }
    }

    /// Whether `bytes` hold a `#` followed, after spaces or tabs, by `dbspec:`.
    static func mayHoldDirective(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            var i = 0
            // memchr jumps from one `#` to the next: a spec has few comments.
            while i < b.count, let hit = memchr(base + i, Int32(UInt8(ascii: "#")), b.count - i) {
                i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if startsDirective(b, hash: i, end: b.count) { return true }
                i += 1
            }
            return false
        }
    }

    /// Parses the `# dbspec:` comments of a YAML file.
    static func comments(in source: SourceText, problems: inout DiagnosticSink) -> [Entry] {
        var entries: [Entry] = []
        // Every directive is a `#`, blanks, then `dbspec:`; most specs have none, and need no
        // line-by-line read.
        guard Self.mayHoldDirective(source.bytes) else { return entries }
        var pending: [(Entry, Int)] = []  // next-line entries waiting for their line
        let bytes = source.bytes
        for number in 1...max(1, source.lineCount) {
            // Sorted out on the bytes first (blank, a comment, something else); only a line
            // that holds a directive is read as text.
            guard let bounds = source.lineBytes(number) else { continue }
            var i = bounds.lowerBound
            while i < bounds.upperBound, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            if i == bounds.upperBound { continue }
            guard bytes[i] == UInt8(ascii: "#") else {
                for (entry, _) in pending { var e = entry; e.line = number; entries.append(e) }
                pending.removeAll()
                continue
            }
            guard Self.startsDirective(bytes, hash: i, end: bounds.upperBound), let line = source.line(number) else { continue }
            let text = line.drop { $0 == " " || $0 == "\t" }
            let body = text.dropFirst().drop { $0 == " " || $0 == "\t" }
            let column = line.unicodeScalars.count - text.unicodeScalars.count + 1
            let range = SourceRange(
                start: SourcePosition(line: number, column: column),
                end: SourcePosition(line: number, column: line.unicodeScalars.count + 1))
            let directive = body.dropFirst("dbspec:".count)
            let nextLine: Bool
            var rest: Substring
            if directive.hasPrefix("disable-next-line") {
                nextLine = true
                rest = directive.dropFirst("disable-next-line".count)
            } else if directive.hasPrefix("disable-file") {
                nextLine = false
                rest = directive.dropFirst("disable-file".count)
            } else if directive.hasPrefix("accept-next-line") {
                // An acceptance of a change, read by `dbspec diff`; a check only wants its reason.
                if Acceptances.reason(directive.dropFirst("accept-next-line".count)) == nil {
                    problems.report(Acceptances.missingReason(range))
                }
                continue
            } else {
                let word = directive.prefix { $0 != " " }
                problems.error(
                    "DB170", "unknown directive `dbspec:\(word)`", at: range,
                    help: "write `# dbspec:disable-next-line CODE -- reason`, `# dbspec:disable-file CODE -- reason` or `# dbspec:accept-next-line -- reason`")
                continue
            }
            guard let entry = parse(&rest, range: range, problems: &problems) else { continue }
            if nextLine { pending.append((entry, number)) } else { entries.append(entry) }
        }
        for (entry, _) in pending {
            problems.warning(
                "DB171", "suppression of " + entry.codes.joined(separator: ", ") + " has no line after it", at: entry.range,
                help: "remove it")
        }
        return entries
    }

    /// `CODE[, CODE…] -- reason`.
    /// Only a file with suppressions pays for the set of known codes.
    static func parse(_ rest: inout Substring, range: SourceRange, problems: inout DiagnosticSink) -> Entry? {
        let parts = rest.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false)
        let codes = parts[0].split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map { String($0).uppercased() }
        let reason = parts.count > 1 ? parts[1].trimmingSpaces() : ""
        guard !codes.isEmpty else {
            problems.error("DB170", "a suppression names no code", at: range, help: "for example `# dbspec:disable-next-line DB319 -- reason`")
            return nil
        }
        if let unknown = codes.first(where: { !Compiler.knownCodes.contains($0) }) {
            problems.error("DB170", "`\(unknown.shortened())` is not a dbspec code", at: range, help: "`dbspec rules` lists the codes")
            return nil
        }
        guard !reason.isEmpty else {
            problems.error(
                "DB170", "suppression of \(codes.joined(separator: ", ")) gives no reason", at: range,
                help: "say why after ` -- `, for example `-- the staging database may be deleted`")
            return nil
        }
        return Entry(codes: codes, reason: String(reason), line: nil, range: range)
    }

    /// `x-dbspec-ignore: [{code, reason}]` at the top of the spec.
    static func ignoreList(_ root: Node?, problems: inout DiagnosticSink) -> [Entry] {
        guard let list = root?["x-dbspec-ignore"] else { return [] }
        guard let items = list.items else {
            problems.error("DB170", "`x-dbspec-ignore` must be a list of {code, reason}", at: list.range)
            return []
        }
        var entries: [Entry] = []
        for item in items {
            guard let code = item["code"]?.scalar?.text else {
                problems.error("DB170", "an `x-dbspec-ignore` entry needs `code`", at: item.range, help: "for example {\"code\": \"DB319\", \"reason\": \"…\"}")
                continue
            }
            var rest = Substring(code + " -- " + (item["reason"]?.scalar?.text ?? ""))
            if let entry = parse(&rest, range: item.range, problems: &problems) { entries.append(entry) }
        }
        return entries
    }
}

/// A finding that a suppression or the configuration silenced, kept for SARIF.
public struct SuppressedDiagnostic: Sendable, Hashable {
    public var diagnostic: Diagnostic
    /// The suppression's reason, or what in the configuration turned the code off.
    public var justification: String
    /// In the spec itself (a comment or `x-dbspec-ignore`), or outside it (the configuration,
    /// `--ignore`, `--select`).
    public var inSource: Bool
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    public func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
