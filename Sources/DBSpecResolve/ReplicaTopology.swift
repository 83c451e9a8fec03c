import DBSpecDiagnostics
import DBSpecDecoder
import DBSpecModel

// How the replicas hang together: which Region each lives in, which one each replicates.
extension ResolvedSpec {
    /// The identifier of an Aurora cluster's writer instance (the cluster takes `name`).
    public var writerIdentifier: String { name.value + "-writer" }

    /// The Region a replica lives in: its own `region`, or the spec's.
    public func region(of replica: Replica) -> String { replica.region?.value ?? region.value }

    /// The replica a cascading replica replicates, when the spec has it.
    public func source(of replica: Replica) -> Replica? {
        guard let name = replica.source?.value, let i = replicaIndex[name] else { return nil }
        return replicas[i]
    }

    /// The Region of a replica's source: its source replica's, or the primary's.
    public func sourceRegion(of replica: Replica) -> String { source(of: replica).map { region(of: $0) } ?? region.value }

    /// Whether a replica lives in another Region than its source.
    public func isCrossRegion(_ replica: Replica) -> Bool { region(of: replica) != sourceRegion(of: replica) }

    /// For each replica, the index of the replica it replicates (nil: the primary, or a
    /// source that no replica has). One pass, so chains of any length cost linear time.
    public var sourceIndices: [Int?] {
        replicas.map { r in r.source.flatMap { replicaIndex[$0.value] } }
    }

    /// For each replica, how many levels below the primary it is (1: it replicates the
    /// primary); a replica in a cycle of sources counts the replicas of the cycle.
    public var levels: [Int] {
        let sources = sourceIndices
        var level = [Int](repeating: 0, count: replicas.count)
        for start in replicas.indices where level[start] == 0 {
            // Walk up to a replica whose level is known (or the primary), then down again.
            var path: [Int] = []
            var onPath = Set<Int>()
            var current: Int? = start
            while let c = current, level[c] == 0, !onPath.contains(c) {
                path.append(c)
                onPath.insert(c)
                current = sources[c]
            }
            var base = current.map { level[$0] } ?? 0
            if let c = current, level[c] == 0 { base = path.count - 1 }  // a cycle: bounded, not infinite
            for c in path.reversed() {
                base += 1
                level[c] = base
            }
        }
        return level
    }

    /// Replicas in an order where each comes after its source (spec order otherwise); a
    /// replica whose source is missing or in a cycle comes last, after the others.
    public var replicasInSourceOrder: [Replica] {
        let sources = sourceIndices
        var children = [[Int]](repeating: [], count: replicas.count)
        for (i, s) in sources.enumerated() {
            if let s, s != i { children[s].append(i) }
        }
        // Breadth first from the replicas of the primary, each level in spec order.
        var placed: [Int] = []
        var done = [Bool](repeating: false, count: replicas.count)
        var queue = replicas.indices.filter { sources[$0] == nil && replicas[$0].source == nil }
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            guard !done[i] else { continue }
            done[i] = true
            placed.append(i)
            queue.append(contentsOf: children[i])
        }
        let stragglers = replicas.indices.filter { !done[$0] }
        return (placed + stragglers).map { replicas[$0] }
    }
}
