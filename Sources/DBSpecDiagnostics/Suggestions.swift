/// "Did you mean" candidates by edit distance (Elm's "these names seem close").
public enum Suggestions {
    /// The candidates closest to `word`, best first, within a distance that scales with
    /// the word's length. Comparison ignores ASCII case.
    public static func closest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let w = Array(word.lowercased().unicodeScalars)
        let maxDistance = max(1, min(3, w.count / 3))
        var scored: [(Int, String)] = []
        for candidate in candidates {
            let c = Array(candidate.lowercased().unicodeScalars)
            let d = distance(w, c)
            if d <= maxDistance || (c.count > 3 && w.count > 3 && (c.starts(with: w) || w.starts(with: c))) {
                scored.append((d, candidate))
            }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return Array(scored.prefix(limit).map(\.1))
    }

    /// "did you mean `a`?", or "did you mean one of `a`, `b`?"; nil when there is nothing close.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String? {
        didYouMean(closest(to: word, in: candidates))
    }

    /// "did you mean `a`?" for values already chosen; nil for none.
    public static func didYouMean(_ found: [String]) -> String? {
        switch found.count {
        case 0: return nil
        case 1: return "did you mean `\(found[0])`?"
        default: return "did you mean one of " + found.map { "`\($0)`" }.joined(separator: ", ") + "?"
        }
    }

    /// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prevPrev = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, prevPrev[j - 2] + 1)
                }
                current[j] = value
            }
            (prevPrev, prev, current) = (prev, current, prevPrev)
        }
        return prev[b.count]
    }
}

extension String {
    /// The string for quoting in a message: at most `limit` characters, cut with "…".
    public func shortened(to limit: Int = 64) -> String {
        let scalars = unicodeScalars
        guard scalars.count > limit else { return self }
        return String(String.UnicodeScalarView(scalars.prefix(limit - 1))) + "…"
    }
}
