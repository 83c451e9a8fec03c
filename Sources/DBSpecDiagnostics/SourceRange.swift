/// A position in a source file.
///
/// Both numbers are 1-based. `column` counts Unicode scalars from the start of the line
/// (a tab is one column, a multi-byte character is one column), which is what libyaml
/// reports and what `file:line:col` consumers expect.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.line != rhs.line ? lhs.line < rhs.line : lhs.column < rhs.column
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range in a source file: `start` is the first character, `end` the
/// position just after the last one (as in SARIF and LSP regions).
public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = max(start, end)
    }

    /// A range that covers a single position; used when no better span is known.
    public init(at position: SourcePosition) {
        self.start = position
        self.end = SourcePosition(line: position.line, column: position.column + 1)
    }

    /// The start of a file.
    public static let fileStart = SourceRange(at: SourcePosition(line: 1, column: 1))
}
