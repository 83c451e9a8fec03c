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
}
