import DBSpecKit
import Foundation
import Testing

/// Lines and columns are the editor's (only LF, CR LF and CR end a line), and text from a
/// spec cannot drive the terminal.
@Suite("Unicode line breaks and control characters")
struct UnicodeTextTests {
    static func spec(comment: String, tag: String, instanceClass: String = "db.t3.micr") -> String {
        "dbspec: 1\n# a comment with \(comment) in it\nname: orders\nregion: us-west-2\ntags: { note: \"a\(tag)b\" }\n"
            + "database:\n  engine: mysql\n  version: \"8.4.8\"\n  class: \(instanceClass)\n  encryption: { kmsKey: create }\n"
    }

    @Test(arguments: ["\u{0085}", "\u{2028}", "\u{2029}"])
    func aUnicodeLineBreakIsTextNotALineBreak(_ character: String) throws {
        // In a comment it stays in the comment; later lines keep their numbers.
        // NEL is a control character, which RDS does not take in a tag (DB509); the line and
        // paragraph separators are white space, which it does.
        let refusedInTags = character == "\u{0085}"
        let result = check(Self.spec(comment: character, tag: character))
        let d = try #require(result.diagnostics.first { $0.code == "DB104" }, "\(result.diagnostics)")
        #expect(result.diagnostics.map(\.code).sorted() == (refusedInTags ? ["DB104", "DB509"] : ["DB104"]))
        #expect(d.range.start == SourcePosition(line: 9, column: 10))
        // In a scalar it is kept as written, and positions after it stay exact.
        let valid = check(Self.spec(comment: character, tag: character, instanceClass: "db.t3.micro"))
        #expect(valid.diagnostics.map(\.code) == (refusedInTags ? ["DB509"] : []), "\(valid.diagnostics)")
        #expect(valid.diagnostics.first.map { $0.range.start == SourcePosition(line: 5, column: 15) } ?? true)
        #expect(valid.spec?.tags.first?.value.value == "a\(character)b")
    }

    @Test func theLanguageServerPublishesTheEditorsLine() throws {
        let server = LanguageServer()
        _ = server.handle(body: Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#.utf8))
        let text = Self.spec(comment: "\u{2028}", tag: "\u{2029}")
        let message: JSONValue = .object([
            ("jsonrpc", .string("2.0")), ("method", .string("textDocument/didOpen")),
            ("params", .object([("textDocument", .object([("uri", .string("file:///tmp/x.yaml")), ("version", .int(1)), ("text", .string(text))]))])),
        ])
        let reply = server.handle(message)
        guard case .array(let diagnostics)? = reply.messages.first?["params"]?["diagnostics"] else { Issue.record("no diagnostics"); return }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["range"]?["start"]?["line"] == .int(8))
        #expect(diagnostics.first?["range"]?["start"]?["character"] == .int(9))
    }

    @Test func controlAndBidiCharactersAreEscapedForTerminals() throws {
        let text =
            "dbspec: 1\nname: orders\nregion: us-west-2\ndatabase:\n  engine: \"my\u{202E}sql\\e[2J\\0\"\n  version: \"8.4.8\"\n  class: db.t3.micro\n  encryption: { kmsKey: create }\n"
        let result = check(text)
        for rendered in [TextReporter.render([result]), GCCReporter.render([result])] {
            #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0 == "\u{202E}" }, "\(rendered.debugDescription)")
            #expect(rendered.contains(#"`my\u{202E}sql\u{1B}[2J\u{0}`"#), "\(rendered)")
        }
    }

    @Test func jsonSurrogatePairsAreCharactersAndLaterColumnsStayExact() throws {
        let json =
            #"{"dbspec": 1, "name": "orders", "region": "us-west-2", "tags": {"bold": "\ud835\udc00", "e": "\u00e9"}, "database": {"engine": "mysql", "version": "8.4.8", "class": "db.t3.micr", "encryption": {"kmsKey": "create"}}}"#
        let result = check(json, name: "spec.json")
        #expect(result.diagnostics.map(\.code) == ["DB104"], "\(result.diagnostics)")
        let column = json.distance(from: json.startIndex, to: json.range(of: "\"db.t3.micr")!.lowerBound) + 1
        #expect(result.diagnostics.first?.range.start == SourcePosition(line: 1, column: column))
        let fixed = check(json.replacingOccurrences(of: "db.t3.micr\"", with: "db.t3.micro\""), name: "spec.json")
        #expect(fixed.diagnostics.isEmpty)
        #expect(fixed.spec?.tags.first { $0.key.value == "bold" }?.value.value == "\u{1D400}")
        // A lone surrogate is still refused, at its place.
        let lone = check(json.replacingOccurrences(of: #"\udc00"#, with: ""), name: "spec.json")
        #expect(lone.diagnostics.first?.code == "DB150")
    }

    @Test func fileNamesThatAreNotUTF8AreNamedAsSuch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var path = Array(dir.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".yaml".utf8)
        path.append(0)
        let fd = open(path.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self) }, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        close(fd)
        let run = try Run(["check", dir.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the file name is not valid UTF-8"), "\(run.stderr)")
    }
}
