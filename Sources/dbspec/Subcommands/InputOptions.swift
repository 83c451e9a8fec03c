import ArgumentParser
import DBSpecKit

extension ReportFormat: ExpressibleByArgument {}
extension Target: ExpressibleByArgument {}

/// The spec files to read and how to report on them.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Spec files (YAML or JSON).", valueName: "file"))
    var files: [String]

    @Option(help: "How to print diagnostics: text (on stderr) or json (on stdout).")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Catalogue of RDS facts to check against (from `dbspec catalog import`).", valueName: "file"))
    var catalog: String?

    /// The compiler, with the chosen catalogue; a catalogue that cannot be read stops the run.
    func compiler() -> Compiler {
        guard let catalog else { return Compiler() }
        do {
            let loaded = try Catalog(bytes: FileSystem.read(catalog))
            _ = try loaded.allEngines()
            return Compiler(catalog: loaded)
        } catch {
            Output.fail("cannot use the catalogue \(catalog): \(error)")
        }
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one spec file") }
    }

    /// Reads every file; a file that cannot be read stops the run with status 2.
    func sources() -> [SourceText] {
        files.map { path in
            do {
                return SourceText(name: path, bytes: try FileSystem.read(path))
            } catch {
                Output.fail("cannot read \(error)")
            }
        }
    }

    /// Prints the diagnostics of every file. JSON goes to stdout unless stdout carries a template.
    func report(_ results: [FileResult], stdoutTaken: Bool = false) {
        switch format {
        case .text:
            Output.standardError(TextReporter.render(results))
        case .json:
            Output.write(stdoutTaken ? 2 : 1, JSONReporter.render(results))
        }
    }
}
