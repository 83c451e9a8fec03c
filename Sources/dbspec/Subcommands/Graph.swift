import ArgumentParser
import DBSpecKit
#if canImport(Glibc)
import Glibc
#endif

struct Graph: ParsableCommand {
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case dot, mermaid, svg
    }

    static let configuration = CommandConfiguration(
        abstract: "Draw a spec's topology: Regions, network, who may connect, databases and replicas, keys, secrets, grants.",
        discussion: """
            mermaid renders in GitHub Markdown as is; dot is Graphviz's language; svg runs \
            Graphviz's `dot` (it must be installed: apt-get install graphviz, brew install graphviz).

            Examples:
              dbspec graph specs/orders.yaml --format mermaid
              dbspec graph specs/orders.yaml --format svg -o orders.svg
            """
    )

    @Argument(help: ArgumentHelp("A spec file (YAML or JSON).", valueName: "file"))
    var file: String

    @Option(help: "dot, mermaid or svg.")
    var format: Format = .dot

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the picture to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    func run() throws {
        if let output { try Streams.refuseInput(output, inputs: [file]) }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readSpec(file) } catch { throw CommandFailure("\(file): \(error)") }
        let source = SourceText(name: file, bytes: bytes)
        let analysis = ChangeAnalysis()
        guard let topology = analysis.topology(source) else {
            let result = analysis.compiler.check(source)
            Streams.standardError(TextReporter.render([result]))
            throw ExitCode(1)
        }
        var out: [UInt8]
        switch format {
        case .dot: out = Array(topology.dot().utf8)
        case .mermaid: out = Array(topology.mermaid().utf8)
        case .svg: out = try svg(topology.dot())
        }
        if let output {
            try Streams.writeFile(out, to: output, inputs: [file])
        } else {
            try Streams.write(1, out)
        }
    }

    /// The picture drawn by Graphviz.
    private func svg(_ dot: String) throws(CommandFailure) -> [UInt8] {
        var template = Array("/tmp/dbspec-graph-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw CommandFailure("cannot create a temporary file") }
        let path = String(cString: template)
        close(fd)
        defer { unlink(path) }
        do { try FileSystem.writeAtomically(Array(dot.utf8), to: path) } catch { throw CommandFailure("\(path): \(error)") }
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(["dot", "-Tsvg", path])
        } catch .notFound {
            throw CommandFailure(
                "--format svg needs Graphviz's `dot`, which is not installed (apt-get install graphviz); --format dot or mermaid work without it")
        } catch {
            throw CommandFailure("dot: \(error)")
        }
        guard result.status == 0 else { throw CommandFailure("Graphviz's dot failed: \(TerminalText.escaped(result.error))") }
        return result.output
    }
}
