/// Names and a position for each, looked up by name: a spec's replicas, a YAML document's
/// anchors. Up to `linearLimit` names are searched in order; past that a dictionary is built,
/// so a large input still costs linear time.
///
/// Why not always a dictionary: the first dictionary or set keyed by strings that a process
/// makes has the Swift runtime check that `String` is `Hashable`, which in a static binary
/// scans every protocol conformance of the binary (a tenth of the instructions of a whole
/// `dbspec check`). Nearly every spec has a few replicas and no anchors, and pays nothing.
public struct NameIndex: Sendable {
    private var names: [String] = []
    private var positions: [Int] = []
    /// Name → slot in `names`, once there are more than `linearLimit` names.
    private var slots: [String: Int]?
    static let linearLimit = 16

    public init() {}

    /// Indexes `names` by their positions in the list; a repeated name keeps its first one.
    public init(_ names: [String]) {
        for (i, name) in names.enumerated() { insert(name, at: i) }
    }

    public var count: Int { names.count }
    public var isEmpty: Bool { names.isEmpty }

    private func slot(of name: String) -> Int? {
        if let slots { return slots[name] }
        return names.firstIndex(of: name)
    }

    /// The position of `name`, nil when it is not indexed.
    public subscript(name: String) -> Int? { slot(of: name).map { positions[$0] } }

    public func contains(_ name: String) -> Bool { slot(of: name) != nil }

    /// Adds `name` at `position` unless it is already indexed (the first one stays); whether it
    /// was added.
    @discardableResult
    public mutating func insert(_ name: String, at position: Int) -> Bool {
        guard slot(of: name) == nil else { return false }
        append(name, position)
        return true
    }

    private mutating func append(_ name: String, _ position: Int) {
        names.append(name)
        positions.append(position)
        if slots != nil {
            slots![name] = names.count - 1
        } else if names.count > Self.linearLimit {
            var built: [String: Int] = [:]
            for (i, n) in names.enumerated() where built[n] == nil { built[n] = i }
            slots = built
        }
    }
}
