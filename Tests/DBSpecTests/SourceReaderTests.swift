import DBSpecKit
import DBSpecSource
import Foundation
import Testing

@Suite("Source reader")
struct SourceReaderTests {
    func read(_ text: String) -> ReadResult { YAMLReader.read(SourceText(name: "t.yaml", text: text)) }
    func read(bytes: [UInt8], limits: ReaderLimits = .spec) -> ReadResult {
        YAMLReader.read(SourceText(name: "t.yaml", bytes: bytes), limits: limits)
    }
    func only(_ result: ReadResult) -> Diagnostic? {
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        return result.diagnostics.first
    }

    @Test func scalarsKeepTheirTextAndRange() throws {
        let result = read("a:\n  version: 8.0\n  flag: no\n")
        #expect(result.diagnostics.isEmpty)
        let version = try #require(result.root?["a"]?["version"])
        #expect(version.scalar == Scalar(text: "8.0", style: .plain))
        #expect(version.range.start == SourcePosition(line: 2, column: 12))
        #expect(version.range.end == SourcePosition(line: 2, column: 15))
        #expect(result.root?["a"]?["flag"]?.scalar?.text == "no")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let result = read("é: 1\nb: 2\nc: { ü: x }\n")
        #expect(result.root?["b"]?.range.start == SourcePosition(line: 2, column: 4))
        #expect(result.root?["c"]?["ü"]?.range.start == SourcePosition(line: 3, column: 9))
    }

    @Test func crlfAndBOMKeepPositions() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: two\r\n".utf8)
        let result = read(bytes: bytes)
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?["b"]?.range.start == SourcePosition(line: 2, column: 4))
        #expect(SourceText(name: "x", bytes: bytes).line(1) == "a: 1")
    }

    @Test func duplicateKeysArePositioned() throws {
        let d = try #require(only(read("name: a\nregion: b\nname: c\n")))
        #expect(d.code == "DB151")
        #expect(d.range.start == SourcePosition(line: 3, column: 1))
        #expect(d.message == "duplicate key `name` (first defined at 1:1)")
    }

    /// Small mappings are searched entry by entry and large ones through an index: both find
    /// every duplicate, at the first definition.
    @Test func duplicateKeysAreFoundInLargeMappingsToo() throws {
        for size in [3, 15, 16, 17, 40] {
            var text = (0..<size).map { "k\($0): \($0)\n" }.joined()
            text += "k1: again\nk\(size - 1): again\n"
            let found = read(text).diagnostics.filter { $0.code == "DB151" }.map(\.message)
            #expect(
                found == ["duplicate key `k1` (first defined at 2:1)", "duplicate key `k\(size - 1)` (first defined at \(size):1)"],
                "\(size) keys: \(found)")
        }
    }

    @Test func moreThanOneDocumentIsRefused() throws {
        let d = try #require(only(read("a: 1\n---\nb: 2\n")))
        #expect(d.code == "DB152")
        #expect(d.range.start.line == 2)
    }

    @Test(arguments: ["!!python/object:os.system x", "!custom x", "!!binary aGVsbG8="])
    func tagsOtherThanCoreAreRefused(_ value: String) throws {
        let d = try #require(only(read("a: \(value)\n")))
        #expect(d.code == "DB153")
        #expect(d.range.start == SourcePosition(line: 1, column: 4))
    }

    @Test func coreTagsAreAccepted() {
        #expect(read("a: !!str 8.0\nb: !!int 3\n").diagnostics.isEmpty)
    }

    @Test func invalidUTF8IsPositioned() throws {
        let d = try #require(only(read(bytes: Array("a: 1\nb: ".utf8) + [0xC3, 0x28] + [0x0A])))
        #expect(d.code == "DB154")
        #expect(d.range.start == SourcePosition(line: 2, column: 4))
    }

    @Test func nulBytesArePositioned() throws {
        let d = try #require(only(read(bytes: Array("a: 1\nb: x".utf8) + [0] + [0x0A])))
        #expect(d.code == "DB150")
        #expect(d.message == "invalid YAML: file contains a NUL byte")
        #expect(d.range.start == SourcePosition(line: 2, column: 5))
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<10 {
            let prev = String(UnicodeScalar(UInt8(96 + i)))
            let next = String(UnicodeScalar(UInt8(97 + i)))
            text += "\(next): &\(next) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]\n"
        }
        let d = try #require(read(text).diagnostics.first)
        #expect(d.code == "DB155")
        #expect(read(text).root == nil)
    }

    @Test func recursiveAliasIsRefused() throws {
        let d = try #require(read("a: &a [1, *a]\n").diagnostics.first)
        #expect(d.code == "DB150")
    }

    @Test func deepFlowNestingIsRefusedBeforeLibyamlGoesQuadratic() throws {
        let depth = 1_000_000
        let bytes = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        let d = try #require(only(read(bytes: bytes)))
        #expect(d.code == "DB156")
        #expect(d.range.start == SourcePosition(line: 1, column: 65))
    }

    @Test func deepBlockNestingIsRefused() throws {
        let text = String(repeating: "- ", count: 100_000) + "x\n"
        let d = try #require(only(read(text)))
        #expect(d.code == "DB156")
    }

    @Test func largeFilesAreRefused() throws {
        let d = try #require(only(read(bytes: Array(repeating: UInt8(ascii: "#"), count: 100), limits: ReaderLimits(maxBytes: 99))))
        #expect(d.code == "DB157")
        let big = Array(repeating: UInt8(ascii: " "), count: ReaderLimits.spec.maxBytes + 1)
        #expect(read(bytes: big).diagnostics.first?.code == "DB157")
    }

    @Test func syntaxErrorsArePositioned() throws {
        let d = try #require(only(read("a: [1, 2\nb: 3\n")))
        #expect(d.code == "DB150")
        #expect(d.range.start.line >= 2)
        #expect(d.help?.contains("1:4") == true)
    }

    @Test func complexKeysAreRefused() throws {
        let d = try #require(only(read("? [a, b]\n: 1\n")))
        #expect(d.code == "DB158")
    }

    @Test func emptyInputHasNoRoot() {
        let result = read("")
        #expect(result.root == nil)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func jsonGoesThroughTheSameReader() throws {
        let result = read("{\"a\": {\"b\": \"8.0\"},\n \"c\": 1}")
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?["a"]?["b"]?.scalar == Scalar(text: "8.0", style: .doubleQuoted))
        #expect(result.root?["c"]?.range.start == SourcePosition(line: 2, column: 7))
    }
}
