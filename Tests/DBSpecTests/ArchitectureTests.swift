import Foundation
import Testing

/// The module graph (docs/architecture.md): each stage reads only what the stages before it
/// make, and the compiler enforces it, since a module can name only the modules it depends on.
/// These tests keep Package.swift's graph as the documentation draws it.
@Suite struct ArchitectureTests {
    /// Each library target and the targets it depends on, read from Package.swift.
    static func targets() throws -> [String: Set<String>] {
        let manifest = String(decoding: try Repo.read("Package.swift"), as: UTF8.self)
        var out: [String: Set<String>] = [:]
        // `.target(name: "X", dependencies: [...]` with the list over one or more lines.
        let pattern = try NSRegularExpression(pattern: #"\.target\(\s*name:\s*"(\w+)"(?:,\s*dependencies:\s*\[([^\]]*)\])?"#)
        let range = NSRange(manifest.startIndex..., in: manifest)
        for match in pattern.matches(in: manifest, range: range) {
            guard let name = Range(match.range(at: 1), in: manifest).map({ String(manifest[$0]) }) else { continue }
            let list = Range(match.range(at: 2), in: manifest).map { String(manifest[$0]) } ?? ""
            let deps = list.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            out[name] = Set(deps.filter { $0.hasPrefix("DBSpec") || $0 == "CYAML" })
        }
        return out
    }

    /// Everything a target depends on, directly or not.
    static func closure(_ target: String, in graph: [String: Set<String>]) -> Set<String> {
        var seen = Set<String>()
        var stack = Array(graph[target] ?? [])
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            stack += graph[next] ?? []
        }
        return seen
    }

    /// Rules and lowering read the resolved spec only: the decoded model and its decoder live in
    /// DBSpecDecoder, which neither depends on directly (so neither can name `Spec`, `Database`,
    /// `Credentials` or `SpecDecoder`: a module names only its direct dependencies' types, and the
    /// compiler refuses the rest).
    @Test func rulesAndLoweringCannotNameTheDecodedModel() throws {
        let graph = try Self.targets()
        #expect(graph["DBSpecDecoder"] != nil, "\(graph.keys.sorted())")
        for stage in ["DBSpecRules", "DBSpecLowering", "DBSpecEmitters"] {
            #expect(graph[stage] != nil, "\(stage) is not in Package.swift")
            #expect(graph[stage]?.contains("DBSpecDecoder") == false, "\(stage) can name the decoded model")
        }
    }

    /// No stage reaches back: the pipeline's stages depend on no feature after the pipeline, and
    /// the picture does not depend on diff.
    @Test func noStageReachesBack() throws {
        let graph = try Self.targets()
        let features = ["DBSpecCheck", "DBSpecReports", "DBSpecDiff", "DBSpecGraph", "DBSpecLanguageServer", "DBSpecJSONSchema", "DBSpecKit"]
        for stage in ["DBSpecSource", "DBSpecModel", "DBSpecDecoder", "DBSpecResolve", "DBSpecRules", "DBSpecLowering", "DBSpecEmitters", "DBSpecCatalog"] {
            let reached = Self.closure(stage, in: graph)
            #expect(reached.isDisjoint(with: features), "\(stage) depends on \(reached.intersection(features).sorted())")
        }
        #expect(!Self.closure("DBSpecGraph", in: graph).contains("DBSpecDiff"))
        #expect(!Self.closure("DBSpecCheck", in: graph).contains("DBSpecDiff"))
        // The graph has no cycle (SwiftPM refuses one; this says which).
        for target in graph.keys { #expect(!Self.closure(target, in: graph).contains(target), "\(target) depends on itself") }
    }

    /// No library module is a grab-bag: each stays under about 2,000 lines (docs/architecture.md
    /// gives the reason for any that may not).
    @Test func modulesStaySmall() throws {
        // DBSpecRules is one rule per file (60 of them) and their registry: a collection, not a
        // grab-bag (docs/architecture.md).
        let exceptions: Set<String> = ["DBSpecRules"]
        for (target, _) in try Self.targets() where target.hasPrefix("DBSpec") && !exceptions.contains(target) {
            let base = Repo.url("Sources/" + target)
            let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            var lines = 0
            for file in files {
                lines +=
                    String(decoding: try Repo.read("Sources/\(target)/\(file)"), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count
            }
            #expect(lines <= 2_200, "Sources/\(target) has \(lines) lines")
        }
    }
}
