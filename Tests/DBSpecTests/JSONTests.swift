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

    @Test func membersWithElementBoundsAgreeWithTwoPasses() throws {
        let bytes = Array(#"{"a": 1, "sets": [["x", "]"], [], {"k": [2]}, "q\"r"], "z": [3]}"#.utf8)
        let (members, bounds) = try JSONParser.members(bytes, elementBoundsOf: "sets")
        let plain = try JSONParser.members(bytes)
        #expect(members.map(\.key) == plain.map(\.key) && members.map(\.range) == plain.map(\.range))
        #expect(bounds == (try JSONParser.elementBounds(bytes, range: plain[1].range)))
        #expect(bounds.count == 8)
        // No such member, or not an array: no bounds, and the members are still all there.
        #expect(try JSONParser.members(bytes, elementBoundsOf: "missing").bounds.isEmpty)
        #expect(try JSONParser.members(bytes, elementBoundsOf: "a").bounds.isEmpty)
        #expect(throws: JSONParser.Error.self) { try JSONParser.members(Array(#"{"sets": ["x", }"#.utf8), elementBoundsOf: "sets") }
    }

    @Test func stringArraysDecodeStraightIntoStrings() throws {
        let bytes = Array(#"{"l": ["a", "b\"c", "\u00e9"], "m": ["a", 1], "n": "x", "o": []}"#.utf8)
        let members = try JSONParser.members(bytes)
        #expect(JSONParser.strings(bytes, range: members[0].range) == ["a", "b\"c", "é"])
        #expect(JSONParser.strings(bytes, range: members[1].range) == nil)
        #expect(JSONParser.strings(bytes, range: members[2].range) == nil)
        #expect(JSONParser.strings(bytes, range: members[3].range) == [])
    }
}
