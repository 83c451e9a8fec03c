import DBSpecJSON
import Foundation
import Testing

@Suite("JSON")
struct JSONTests {
    @Test func writerEscapesOnlyWhatJSONRequires() {
        let value = JSONValue.object([("a/b", .string("q\"\\\n\t\u{1}é/")), ("n", .array([.int(-3), .number("0.5"), .bool(true), .null]))])
        let text = String(decoding: JSONWriter.compact(value), as: UTF8.self)
        #expect(text == #"{"a/b":"q\"\\\n\t\u0001é/","n":[-3,0.5,true,null]}"#)
    }

    @Test func writerOutputParsesBack() throws {
        let value = JSONValue.object([("x", .object([("y", .array([.string("z"), .object([])]))])), ("e", .array([]))])
        let bytes = JSONWriter.pretty(value)
        #expect(try JSONParser.parse(bytes) == value)
        #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is [String: Any])
    }

    @Test func sortedObjectsUseCodePointOrder() {
        let value = JSONValue.sortedObject([("b", .null), ("B", .null), ("a10", .null), ("a2", .null), ("_x", .null)])
        #expect(String(decoding: JSONWriter.compact(value), as: UTF8.self) == #"{"B":null,"_x":null,"a10":null,"a2":null,"b":null}"#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "tru", "[1] 2", "\"\u{1}\""])
    func parserRejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func parserHandlesEscapesAndSurrogates() throws {
        #expect(try JSONParser.parse(Array(#""a\u00e9\ud83d\ude00\/""#.utf8)) == .string("aé😀/"))
    }

    @Test func skippingHandlesEscapedQuotesAndBackslashRuns() throws {
        let bytes = Array(#"{"a": ["x\"y", "z\\", "\\\"q"], "b": "w"}"#.utf8)
        let members = try JSONParser.members(bytes)
        #expect(members.map(\.key) == ["a", "b"])
        #expect(try JSONParser.parse(bytes, range: members[1].range) == .string("w"))
        #expect(throws: JSONParser.Error.self) { try JSONParser.members(Array(#"{"a": "unterminated\"}"#.utf8)) }
    }

    @Test func lazyMembersSkipValues() throws {
        let bytes = Array(#"{"a": [1, {"b": "]"}], "c": "x"}"#.utf8)
        let members = try JSONParser.members(bytes)
        #expect(members.map(\.key) == ["a", "c"])
        #expect(try JSONParser.parse(bytes, range: members[1].range) == .string("x"))
    }
}
