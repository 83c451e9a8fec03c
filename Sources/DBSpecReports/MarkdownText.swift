import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecRules
/// Spec text (names, values, tags, reasons, file names) written into Markdown that GitHub or an
/// editor renders: always text, never markup. `docs/security.md` lists the rules.
///
/// - Prose and table cells (`text`): `<`, `>` and `&` become entities (no HTML, no entity of
///   the author's), the punctuation of inline markup is backslash-escaped (no code, emphasis,
///   links, images, strikethrough, cells or math), line breaks become spaces (one cell or line
///   stays one, so no block can start), and `@`, `#1`, `://` and `www.` get a zero-width space
///   (no live mention, issue reference or autolink).
/// - Code spans (`code`): fenced with more backticks than the text holds in a row, so no
///   backtick closes them; `|` escaped (GFM splits table cells inside code spans too).
public enum MarkdownText {
    /// The punctuation that makes inline markup in GitHub's Markdown (code, emphasis, links and
    /// images, strikethrough, table cells, math), escaped with a backslash. Block markup (`#`,
    /// `-`, `>` at a line's start) cannot form: a text never starts a line.
    private static let punctuation = Set("\\`*_[]!~|$".unicodeScalars)

    public static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\u{2028}", "\u{2029}", "\u{85}": out += " "
            case "@": out += "@&#8203;"
            case "#" where i + 1 < scalars.count && scalars[i + 1].properties.numericType != nil: out += "#&#8203;"
            case ":" where i + 2 < scalars.count && scalars[i + 1] == "/" && scalars[i + 2] == "/": out += "\\:&#8203;"
            case "." where i >= 3 && String(String.UnicodeScalarView(scalars[(i - 3)..<i])).lowercased() == "www": out += "&#8203;\\."
            default:
                if c.value < 0x20 || c.value == 0x7f {
                    out += " "
                } else if punctuation.contains(c) {
                    out += "\\"
                    out.unicodeScalars.append(c)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        return out
    }

    /// `s` as one code span, in a table cell or in prose.
    public static func code(_ s: String) -> String {
        var body = ""
        var longest = 0
        var run = 0
        for c in s.unicodeScalars {
            if c == "`" {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
            switch c {
            case "\n", "\r", "\u{2028}", "\u{2029}", "\u{85}": body += " "
            case "|": body += "\\|"
            default: body.unicodeScalars.append(c.value < 0x20 || c.value == 0x7f ? " " : c)
            }
        }
        let fence = String(repeating: "`", count: longest + 1)
        // A span that starts or ends with a backtick needs a space inside its fence.
        let pad = body.hasPrefix("`") || body.hasSuffix("`") || (body.hasPrefix(" ") && body.hasSuffix(" ")) ? " " : ""
        return fence + pad + body + pad + fence
    }

    /// A fence for a block (```` ```mermaid ````) that nothing in `content` can close: one
    /// backtick longer than its longest run, three at least.
    public static func fence(for content: String) -> String {
        var longest = 0
        var run = 0
        for c in content.unicodeScalars {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
