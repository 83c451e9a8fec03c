import DBSpecKit
import DBSpecRules
import Testing

@Suite("Suppressions")
struct SuppressionTests {
    /// A spec with a DB319 warning (deletion protection off) on line 9.
    let base = """
        dbspec: 1
        name: orders
        region: us-west-2
        database:
          engine: mysql
          version: "8.4.8"
          class: db.t3.micro
          encryption: { kmsKey: create }
          deletionProtection: false

        """

    func codes(_ text: String) -> [String] { check(text).diagnostics.map(\.code) }

    @Test func withoutSuppressionTheWarningShows() {
        #expect(codes(base) == ["DB319"])
    }

    @Test func nextLineSuppressionWithAReason() {
        let text = base.replacingOccurrences(of: "  deletionProtection", with: "  # dbspec:disable-next-line DB319 -- a scratch database\n  deletionProtection")
        #expect(codes(text).isEmpty)
    }

    /// Directives are found however the comment is spaced (the quick test before the
    /// line-by-line read must not miss one), and the `dbspec:` key is not one.
    @Test func directivesAreFoundWhateverTheSpacing() {
        for comment in ["#dbspec:disable-file DB319 -- x", "#\t dbspec:disable-file DB319 -- x", "  #   dbspec:disable-file DB319 -- x"] {
            #expect(codes(comment + "\n" + base).isEmpty, "\(comment)")
        }
        #expect(codes("# a note about dbspec: none here\n" + base) == ["DB319"])
    }

    @Test func fileSuppressionAndCommentsInBetween() {
        #expect(codes("# dbspec:disable-file db319 -- a scratch database\n" + base).isEmpty)
        #expect(codes("# dbspec:disable-file DB319, DB206 -- scratch\n" + base) == ["DB171"])
        let withComment = base.replacingOccurrences(
            of: "  deletionProtection", with: "  # dbspec:disable-next-line DB319 -- scratch\n  # another comment\n\n  deletionProtection")
        #expect(codes(withComment).isEmpty)
    }

    @Test func aSuppressionWithoutAReasonIsAnErrorAndSilencesNothing() throws {
        let text = base.replacingOccurrences(of: "  deletionProtection", with: "  # dbspec:disable-next-line DB319\n  deletionProtection")
        let result = check(text)
        #expect(result.diagnostics.map(\.code) == ["DB170", "DB319"])
        let d = try #require(result.diagnostics.first)
        #expect(d.severity == .error && d.message == "suppression of DB319 gives no reason")
        #expect(d.range.start == SourcePosition(line: 9, column: 3))
    }

    @Test func unusedAndUnknownSuppressions() {
        #expect(codes("# dbspec:disable-file DB206 -- not public anyway\n" + base) == ["DB171", "DB319"])
        #expect(codes("# dbspec:disable-file DB999 -- typo\n" + base) == ["DB170", "DB319"])
        #expect(codes("# dbspec:enable DB319 -- ?\n" + base) == ["DB170", "DB319"])
    }

    @Test func jsonSpecsUseAnIgnoreList() {
        let json =
            #"{"dbspec": 1, "name": "orders", "region": "us-west-2", "database": {"engine": "mysql", "version": "8.4.8", "class": "db.t3.micro", "encryption": {"kmsKey": "create"}, "deletionProtection": false}, "x-dbspec-ignore": [{"code": "DB319", "reason": "scratch"}]}"#
        #expect(codes(json).isEmpty)
        let noReason = json.replacingOccurrences(of: #", "reason": "scratch""#, with: "")
        #expect(codes(noReason).sorted() == ["DB170", "DB319"])
    }

    /// Every rule's triggering example is silenced by a suppression above the marked line.
    @Test(arguments: RuleRegistry.all.map { $0.description.code })
    func everyRuleCanBeSuppressedInline(_ code: String) throws {
        let rule = try #require(RuleRegistry.rule(code: code))
        for example in rule.examples.triggering {
            let (text, marker) = marked(example)
            let line = try #require(marker).line
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let indent = String(lines[line - 1].prefix { $0 == " " || $0 == "-" }.map { $0 == "-" ? " " : $0 })
            lines.insert(indent + "# dbspec:disable-next-line \(code) -- example", at: line - 1)
            let result = check(lines.joined(separator: "\n"))
            #expect(!result.diagnostics.contains { $0.code == code && $0.range.start.line == line + 1 }, "\(code) still fires")
            #expect(!result.diagnostics.contains { $0.code == "DB171" || $0.code == "DB170" }, "\(code): \(result.diagnostics)")
        }
    }
}
