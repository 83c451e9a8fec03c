import ArgumentParser
import DBSpecKit
#if canImport(Glibc)
import Glibc
#endif

/// What `dbspec --version` prints: the tool and its version, then the catalogue's date, the
/// pinned inputs it was built from and the source of each of its tables. Output files do not
/// include it, so templates stay byte-identical across releases.
var dbspecVersion: String { "dbspec \(DBSpec.version)\n" + Catalog.builtIn.provenance() }

@main
struct DBSpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dbspec",
        abstract: "Compile database specs into CloudFormation or Terraform JSON, refusing what RDS would refuse.",
        discussion: """
            Exit status: 0 when no spec has errors (warnings allowed), 1 when a spec has errors, \
            2 for usage and I/O problems.

            Examples:
              dbspec check specs/orders.yaml
              dbspec compile specs/orders.yaml -o out/
              dbspec diff --base origin/main
              dbspec graph specs/orders.yaml --format mermaid
              dbspec explain DB104
            """,
        version: dbspecVersion,
        subcommands: [Check.self, Compile.self, Diff.self, Graph.self, Explain.self, ListRules.self, Schema.self, CatalogCommand.self, LSP.self]
    )

    /// Parses and runs, mapping every failure to the documented exit codes. The only place
    /// that ends the process: commands and helpers return a status or throw.
    static func main() {
        // A reader that goes away (`dbspec compile s.yaml | head -c 10`) is EPIPE on the next
        // write, reported with status 2, never a silent death by SIGPIPE (141).
        signal(SIGPIPE, SIG_IGN)
        Streams.exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs one command line and returns its exit status.
    static func run(_ arguments: [String]) -> Int32 {
        do {
            try checkArgumentsAreUTF8()
            // The common check and compile command lines skip swift-argument-parser's start-up.
            if let invocation = FastPath.parse(arguments) {
                return try invocation.execute()
            }
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as CommandFailure {
            // Whatever the message quotes (an argument, a file name, another program's output)
            // reaches the terminal with its control characters escaped, line by line.
            let lines = failure.description.split(separator: "\n", omittingEmptySubsequences: false)
            Streams.standardError("dbspec: error: " + lines.map { TerminalText.escaped(String($0)) }.joined(separator: "\n") + "\n")
            return 2
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code.isSuccess {
                do {
                    try Streams.standardOutput(message + "\n")
                } catch {
                    Streams.standardError("dbspec: error: \(error)\n")
                    return 2
                }
                return 0
            }
            Streams.standardError(message + "\n")
            return 2
        }
    }

    /// Swift repairs an argument that is not UTF-8 (a file name in Latin-1, say) into another
    /// name, which would then be "not found": say what is wrong instead.
    static func checkArgumentsAreUTF8() throws(CommandFailure) {
        for i in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[i] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
            if String(validating: bytes, as: UTF8.self) == nil {
                throw CommandFailure(
                    "argument \(i) (`\(TerminalText.escaped(String(decoding: bytes, as: UTF8.self)))`) is not valid UTF-8; "
                        + "dbspec takes UTF-8 paths: rename the file")
            }
        }
    }
}
