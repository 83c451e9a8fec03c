import DBSpecKit
import Foundation
import Testing

/// `dbspec diff` over before-and-after pairs: one shipped spec, edited at one field (or the
/// fields that only change together). Each case pins the verdict of the field it edits; the
/// golden `Golden/diff/verdicts.txt` pins what every case does to every resource of both targets.
@Suite("Change analysis")
struct DiffTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var spec: String
        /// Text replacements made in order, each on the first occurrence.
        var edits: [(String, String)]
        /// The field whose verdict is pinned; empty when nothing deployed changes.
        var field: String
        var impact: ChangeImpact
        /// The targets whose output changes; both unless the case says.
        var targets: Set<Target> = Set(Target.allCases)
        var description: String { name }
    }

    /// `Tests/DiffCorpus/cases.json`, which scripts/moto/diff_verdicts.py also reads.
    static let cases: [Case] = {
        guard let data = try? Repo.read("Tests/DiffCorpus/cases.json"),
            let document = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
            let list = document["cases"] as? [[String: Any]]
        else { return [] }
        return list.map { c in
            Case(
                name: c["name"] as? String ?? "", spec: c["spec"] as? String ?? "",
                edits: (c["edits"] as? [[String]] ?? []).map { ($0.first ?? "", $0.last ?? "") },
                field: c["field"] as? String ?? "",
                impact: ChangeImpact.allCases.first { $0.name == c["impact"] as? String } ?? .none,
                targets: Set((c["targets"] as? [String])?.compactMap(Target.init(rawValue:)) ?? Target.allCases))
        }
    }()

    @Test func theCorpusIsReadAndCoversEveryTopLevelPartOfASpec() {
        #expect(Self.cases.count >= 80)
        let fields = Set(Self.cases.map { $0.field.split(separator: ".").first.map(String.init) ?? "" })
        for part in ["name", "region", "tags", "network", "database", "replicas", "iam"] {
            #expect(fields.contains { $0 == part || $0.hasPrefix(part + "[") }, "no case edits \(part)")
        }
    }

    static func edited(_ c: Case) throws -> (SourceText, SourceText) {
        let text = String(decoding: try Repo.read(c.spec), as: UTF8.self)
        var new = text
        for (from, to) in c.edits {
            let range = try #require(new.range(of: from), "\(c.name): `\(from)` is not in \(c.spec)")
            new.replaceSubrange(range, with: to)
        }
        return (SourceText(name: c.spec, text: text), SourceText(name: c.spec, text: new))
    }

    @Test(arguments: cases) func verdict(_ c: Case) throws {
        let (old, new) = try Self.edited(c)
        let diff = ChangeAnalysis().diff(old: old, new: new, name: c.spec)
        #expect(!diff.hasErrors, "\(c.name): \(diff.diagnostics.map(\.diagnostic.message))")
        if c.field.isEmpty {
            #expect(diff.fields.isEmpty, "\(c.name): \(diff.fields.map(\.path.description))")
            return
        }
        let field = try #require(diff.fields.first { $0.path.description == c.field }, "\(c.name): fields \(diff.fields.map(\.path.description))")
        #expect(field.impact == c.impact, "\(c.name): \(field.impact) for \(c.field)\n\(ChangeReport.text([diff]))")
        // Every change is shown for both targets, and nothing is left unexplained.
        if c.impact > .none {
            #expect(Set(field.changes.map(\.target)) == c.targets, "\(c.name): \(field.changes.map(\.address))")
        }
    }

    @Test func aDeletedSpecDeletesItsDatabaseAndANewOneCreatesIt() throws {
        let text = SourceText(name: "specs/read-replica.yaml", bytes: try Repo.read("specs/read-replica.yaml"))
        let deleted = ChangeAnalysis().diff(old: text, new: nil, name: "specs/read-replica.yaml")
        #expect(deleted.deleted && deleted.impact == .replacement)
        #expect(deleted.fields.first?.changes.contains { $0.action == .delete && $0.role == .database && $0.target == .terraform } == true)
        #expect(ChangeReport.text([deleted]).contains("(the whole spec): the spec is deleted"))
        let created = ChangeAnalysis().diff(old: nil, new: text, name: "specs/read-replica.yaml")
        #expect(created.created && created.impact == .inPlace)
        #expect(created.fields.allSatisfy { $0.changes.allSatisfy { $0.action == .create } })
    }

    @Test func anErrorInTheOldVersionIsReportedThereAndStopsTheComparison() throws {
        let new = SourceText(name: "new.yaml", bytes: try Repo.read("specs/read-replica.yaml"))
        let old = SourceText(name: "HEAD:new.yaml", text: "dbspec: 1\nname: [")
        let diff = ChangeAnalysis().diff(old: old, new: new, name: "new.yaml")
        #expect(diff.hasErrors && diff.fields.isEmpty)
        #expect(diff.diagnostics.allSatisfy { $0.file == "HEAD:new.yaml" })
        #expect(ChangeReport.fails(diff, threshold: .never))
        #expect(ChangeReport.github([diff], threshold: .never).hasPrefix("::error file=new.yaml,title="))
    }

    @Test func acceptancesNeedAReasonAndAreReportedWhenTheyMatchNothing() throws {
        let text = String(decoding: try Repo.read("specs/encrypted-iam.yaml"), as: UTF8.self)
        let accepted = text.replacingOccurrences(of: "  encryption:", with: "  # dbspec:accept-next-line -- re-keyed from a snapshot\n  encryption:")
        let old = SourceText(name: "a.yaml", text: text)
        let stale = ChangeAnalysis().diff(old: old, new: SourceText(name: "a.yaml", text: accepted), name: "a.yaml")
        #expect(stale.fields.isEmpty)
        #expect(stale.diagnostics.map(\.diagnostic.code) == ["DB171"])
        let rekeyed = accepted.replacingOccurrences(of: "kmsKey: create", with: "kmsKey: alias/ledger")
        let diff = ChangeAnalysis().diff(old: old, new: SourceText(name: "a.yaml", text: rekeyed), name: "a.yaml")
        #expect(diff.fields.first?.acceptance == "re-keyed from a snapshot")
        #expect(!ChangeReport.fails(diff, threshold: .replacement) && !ChangeReport.fails(diff, threshold: .any))
        let unaccepted = ChangeAnalysis().diff(
            old: old, new: SourceText(name: "a.yaml", text: text.replacingOccurrences(of: "kmsKey: create", with: "kmsKey: alias/ledger")), name: "a.yaml")
        #expect(ChangeReport.fails(unaccepted, threshold: .replacement) && !ChangeReport.fails(unaccepted, threshold: .never))
        let noReason = text.replacingOccurrences(of: "  encryption:", with: "  # dbspec:accept-next-line\n  encryption:")
        #expect(Compiler().check(SourceText(name: "a.yaml", text: noReason)).diagnostics.contains { $0.code == "DB170" })
    }

    @Test func theFactsAreBuiltInAndCoverEveryTypeDbspecWrites() throws {
        let facts = ChangeFacts.builtIn
        for path in Repo.files(in: "Tests/DBSpecTests/Golden/cloudformation", extensions: ["json"]) {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try Repo.read(path))) as? [String: Any])
            for case let resource as [String: Any] in (json["Resources"] as? [String: Any] ?? [:]).values {
                let type = resource["Type"] as? String ?? ""
                #expect(facts.cloudFormation[type] != nil, "\(path): no change facts for \(type)")
            }
        }
        for path in Repo.files(in: "Tests/DBSpecTests/Golden/terraform", extensions: ["json"]) {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try Repo.read(path))) as? [String: Any])
            for type in (json["resource"] as? [String: Any] ?? [:]).keys {
                #expect(facts.terraform[type] != nil, "\(path): no change facts for \(type)")
            }
        }
        #expect(facts.instanceModify["DBInstanceClass"]?.interruption == "outage")
        #expect(facts.cloudFormation["AWS::RDS::DBInstance"]?.createOnly.contains("KmsKeyId") == true)
        #expect(facts.terraform["aws_db_instance"]?.forceNew.contains("username") == true)
    }

    /// Both targets agree on the database's fate for every case but the documented differences.
    @Test func everyVerdictIsPinned() throws {
        var out = ""
        for c in Self.cases {
            let (old, new) = try Self.edited(c)
            let diff = ChangeAnalysis().diff(old: old, new: new, name: c.spec)
            out += "## \(c.name) (\(c.spec))\n" + ChangeReport.text([diff]) + "\n"
        }
        try assertGolden(Array(out.utf8), "Tests/DBSpecTests/Golden/diff/verdicts.txt")
    }
}

/// `dbspec graph`: the picture of every shipped spec, pinned in both languages.
@Suite("Topology pictures")
struct GraphTests {
    static let specs = Repo.files(in: "specs", extensions: ["yaml", "json"])

    @Test(arguments: specs) func pictureIsPinned(_ path: String) throws {
        let topology = try #require(ChangeAnalysis().topology(SourceText(name: path, bytes: try Repo.read(path))))
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        try assertGolden(Array(topology.dot().utf8), "Tests/DBSpecTests/Golden/graph/\(name).dot")
        try assertGolden(Array(topology.mermaid().utf8), "Tests/DBSpecTests/Golden/graph/\(name).mmd")
        // Every resource that matters to a reader is drawn, and every edge joins drawn nodes.
        let ids = Set(topology.nodes.map(\.id))
        for e in topology.edges { #expect(ids.contains(e.from) && ids.contains(e.to), "\(path): \(e.from) -> \(e.to)") }
        #expect(topology.nodes.contains { $0.shape == .database }, "\(path)")
    }

    @Test func changedResourcesAreMarked() throws {
        let c = try #require(DiffTests.cases.first { $0.name == "key" })
        let (old, new) = try DiffTests.edited(c)
        let analysis = ChangeAnalysis()
        let diff = analysis.diff(old: old, new: new, name: c.spec)
        let topology = try #require(analysis.topology(new))
        let marks = analysis.marks(diff, topology: topology)
        #expect(marks["ledger-database"] == .replaced, "\(marks)")
        #expect(topology.mermaid(marked: marks).contains("class ledger_database replaced"))
        #expect(topology.dot(marked: marks).contains("fillcolor=\"#f8b4b4\""))
    }
}
