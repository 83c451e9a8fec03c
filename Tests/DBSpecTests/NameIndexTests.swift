import DBSpecDiagnostics
import DBSpecKit
import Testing

@Suite("Name index")
struct NameIndexTests {
    /// Below and past the point where a dictionary is built, the index answers the same as a
    /// dictionary would.
    @Test(arguments: [0, 1, 5, 16, 17, 40, 200])
    func answersLikeADictionary(_ count: Int) {
        let names = (0..<count).map { "name-\($0 % max(1, count / 2 + 1))" }  // with repeats
        var index = NameIndex()
        var reference: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            let added = index.insert(name, at: i)
            #expect(added == (reference[name] == nil))
            if reference[name] == nil { reference[name] = i }
        }
        #expect(index.count == reference.count)
        for (name, position) in reference { #expect(index[name] == position && index.contains(name)) }
        #expect(index["missing"] == nil && !index.contains("missing"))
        // Built from the list at once: the same answers.
        let built = NameIndex(names)
        #expect(built.count == reference.count)
        for (name, position) in reference { #expect(built[name] == position) }
        // One more name after the switch to a dictionary (or before it) is found too.
        #expect(index.insert("new", at: 7) && index["new"] == 7 && index.count == reference.count + 1)
    }

    /// YAML anchors go through the index: a redefined anchor takes its new value, before and
    /// after the index switches to a dictionary.
    @Test(arguments: [3, 30])
    func redefinedAnchorsTakeTheirNewValue(_ anchors: Int) throws {
        var lines = ["dbspec: 1", "name: orders", "region: us-west-2", "tags:"]
        for i in 0..<anchors { lines.append("  k\(i): &a\(i) v\(i)") }
        lines.append("  again: &a0 redefined")
        lines.append("  first: *a0")
        lines.append("  last: *a\(anchors - 1)")
        lines += ["database:", "  engine: mysql", "  version: 8.4.8", "  class: db.t3.micro"]
        let result = Compiler().check(SourceText(name: "anchors.yaml", text: lines.joined(separator: "\n") + "\n"))
        let tags = try #require(result.spec?.tags)
        #expect(tags.first { $0.key.value == "first" }?.value.value == "redefined")
        #expect(tags.first { $0.key.value == "last" }?.value.value == "v\(anchors - 1)")
    }
}
