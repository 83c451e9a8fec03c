import Foundation
import Testing

/// The stages read only what the stage before them makes.
@Suite struct ArchitectureTests {
    /// Every Swift file under a folder of the repository, recursively, sorted.
    static func swiftFiles(under folder: String) -> [String] {
        let base = Repo.url(folder)
        let found = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        return found.filter { $0.hasSuffix(".swift") }.sorted().map { folder + "/" + $0 }
    }

    /// The code of a Swift file without its comments and string literals (whose prose names
    /// things freely: "Database orders…").
    static func code(_ text: String) -> String {
        var out = text
        for pattern in [#"(?s)""".*?""""#, #""(?:[^"\\\n]|\\.)*""#, #"//[^\n]*"#] {
            out = out.replacingOccurrences(of: pattern, with: "\"\"", options: .regularExpression)
        }
        return out
    }

    /// The decoded model's types that the resolve stage replaces: a rule or lowering that names
    /// one reads a value before its engine-dependent default is applied (a port that is nil, a
    /// master user name that is missing, an Aurora cluster's instance storage).
    static let decodedOnly = ["Spec", "Database", "Credentials", "SpecDecoder"]

    @Test func rulesAndLoweringReadOnlyTheResolvedSpec() throws {
        let files = Self.swiftFiles(under: "Sources/DBSpecRules") + Self.swiftFiles(under: "Sources/DBSpecLowering")
        #expect(files.count > 50, "the sources were not found under \(Repo.root.path)")
        let names = try NSRegularExpression(pattern: #"\b("# + Self.decodedOnly.joined(separator: "|") + #")\b"#)
        for file in files {
            let code = Self.code(String(decoding: try Repo.read(file), as: UTF8.self))
            let range = NSRange(code.startIndex..., in: code)
            let used = Set(names.matches(in: code, range: range).compactMap { Range($0.range, in: code).map { String(code[$0]) } })
            #expect(used.isEmpty, "\(file) names the decoded model's \(used.sorted().joined(separator: ", ")); read the ResolvedSpec")
        }
    }

    /// The check above sees through comments and strings, and still finds a use in code.
    @Test func theScanFindsCodeAndSkipsProse() {
        #expect(Self.code("let a = \"Database orders\" // Spec\n").range(of: "Database") == nil)
        #expect(Self.code("let a = \"\"\"\n    Spec\n    \"\"\"\nlet b: Spec").contains("b: Spec"))
        #expect(!Self.code("let a = \"\"\"\n    Spec\n    \"\"\"\n").contains("Spec"))
    }
}
