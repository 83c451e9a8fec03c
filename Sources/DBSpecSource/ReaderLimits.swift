/// Bounds the reader enforces while events arrive, so that hostile input is refused
/// in microseconds instead of exhausting time, memory or the stack.
public struct ReaderLimits: Sendable {
    /// Largest input accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and sequences. Specs need fewer than ten levels;
    /// libyaml's scanner is quadratic on deep flow nesting and a deep tree overflows the
    /// stack when it is destroyed, so the bound is low.
    public var maxDepth: Int
    /// Most nodes that aliases may add to a document once expanded (billion laughs).
    public var maxAliasExpansion: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxAliasExpansion: Int = 10_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    /// The bounds for spec files.
    public static let spec = ReaderLimits()
}
