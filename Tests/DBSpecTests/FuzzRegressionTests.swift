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
    /// the fuzzer feeds them: in uneven chunks to the frame reader, each message or framing
    /// error to one server. Every request gets one answer, and nothing traps.
    @Test func everyLanguageServerInputIsAnswered() throws {
        let folder = "Tests/DBSpecTests/FuzzRegressionsLSP"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Repo.url(folder).path)) ?? []
        #expect(names.count >= 20)
        for name in names.sorted() where !name.hasPrefix(".") {
            let bytes = try Repo.read(folder + "/" + name)
            var reader = LSPFrameReader(maxHeader: 512, maxBody: 1 << 16)
            let server = LanguageServer()
            var i = 0
            var step = 1
            while i < bytes.count {
                reader.feed(bytes[i..<min(bytes.count, i + step)])
                i += step
                step = step % 13 + 1
                while let event = reader.next() {
                    switch event {
                    case .message(let body):
                        let reply = server.handle(body: body)
                        if reply.exitStatus != nil { break }
                    case .error(let problem):
                        #expect(server.framingError(problem).messages.count == 1, "\(name)")
                    }
                }
            }
        }
    }
}
