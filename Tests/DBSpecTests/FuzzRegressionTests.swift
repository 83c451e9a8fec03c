import DBSpecKit
import Foundation
import Testing

/// Replays the inputs scripts/fuzz.sh keeps (Tests/DBSpecTests/FuzzRegressions): each must go
/// through both targets and both reporters, with every diagnostic inside the file.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let inputs: [String] = {
        let folder = "Tests/DBSpecTests/FuzzRegressions"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Repo.url(folder).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }()

    @Test func theCorpusIsNotEmpty() {
        #expect(Self.inputs.count >= 20)
    }

    @Test func everyInputCompilesOrIsRefusedWithPositionsInsideTheFile() throws {
        for path in Self.inputs {
            let source = SourceText(name: path, bytes: try Repo.read(path))
            for target in Target.allCases {
                let result = Compiler().compile(source, target: target)
                #expect(result.hasErrors == result.outputs.isEmpty, "\(path)")
                for d in result.diagnostics {
                    #expect(d.range.start.line >= 1 && d.range.start.line <= source.lineCount + 1, "\(path): \(d)")
                    #expect(d.range.start.column >= 1 && d.range.start <= d.range.end, "\(path): \(d)")
                }
                #expect(!TextReporter.render([result]).isEmpty == !result.diagnostics.isEmpty)
                _ = JSONReporter.render([result])
            }
        }
    }

    /// The language server's inputs that `DBSPEC_FUZZ_TARGET=lsp scripts/fuzz.sh` kept, fed as
    /// the fuzzer feeds them (`LanguageServer.replay`: uneven chunks to the frame reader, each
    /// message or framing error to one server). Nothing traps, and no reply is empty JSON.
    @Test func everyLanguageServerInputIsAnswered() throws {
        let folder = "Tests/DBSpecTests/FuzzRegressionsLSP"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Repo.url(folder).path)) ?? []
        #expect(names.count >= 20)
        for name in names.sorted() where !name.hasPrefix(".") {
            let bytes = try Repo.read(folder + "/" + name)
            for reply in LanguageServer().replay(bytes) where reply.messages.isEmpty == false {
                #expect(reply.messages.allSatisfy { $0 != .null }, "\(name)")
            }
        }
    }
}
