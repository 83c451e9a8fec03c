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

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one spec file") }
    }
}
