import DBSpecGenerate
import DBSpecKit
import Foundation
import Testing

/// Every file derived from code is what the generator makes of today's code
/// (`swift run dbspec-dev generate` writes them; `--check` in the test command runs this too,
/// with the man page and the catalogue).
@Suite("Generated files")
struct GeneratedFilesTests {
    static func inputs() throws -> Generated.Inputs {
        let base = Repo.url("Sources/DBSpecRules/Rules")
        let found = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        let rules = try found.filter { $0.hasSuffix(".swift") }.sorted().map { relative in
            ("Sources/DBSpecRules/Rules/" + relative, String(decoding: try Repo.read("Sources/DBSpecRules/Rules/" + relative), as: UTF8.self))
        }
        return Generated.Inputs(ruleFiles: rules, parity: String(decoding: try Repo.read("docs/parity.md"), as: UTF8.self))
    }

    @Test func everyDerivedFileIsCurrent() throws {
        let files = Generated.files(try Self.inputs())
        #expect(files.count >= 6)
        for file in files {
            let current = try? Repo.read(file.path)
            #expect(current == file.bytes, "\(file.path) is stale: run `swift run dbspec-dev generate` and commit the result")
        }
    }

    /// The registry lists every rule file, in code order, and the binary's rules are those.
    @Test func theRegistryIsTheRuleFiles() throws {
        let declared = RegistryGenerator.rules(try Self.inputs().ruleFiles)
        #expect(declared.map(\.code) == RuleRegistry.all.map { $0.description.code })
        #expect(declared.count == Set(declared.map(\.code)).count, "two rule files declare one code")
    }

    /// A stale file is seen: a parity document that lost a section, a rule file the registry
    /// does not name.
    @Test func aStaleFileIsSeen() throws {
        let inputs = try Self.inputs()
        let parity = String(decoding: try Repo.read("docs/parity.md"), as: UTF8.self)
        #expect(ParityDocument.render(parity) == parity)
        let cut = parity.replacingOccurrences(of: "<!-- end generated -->", with: "")
        #expect(ParityDocument.render(cut) != cut)
        var more = inputs
        more.ruleFiles.append(("x.swift", "struct ZRule: Rule {\n    static let description = RuleDescription(code: \"DB599\""))
        #expect(RegistryGenerator.source(more.ruleFiles).contains("ZRule.self"))
        #expect(RegistryGenerator.source(more.ruleFiles) != RegistryGenerator.source(inputs.ruleFiles))
    }
}
