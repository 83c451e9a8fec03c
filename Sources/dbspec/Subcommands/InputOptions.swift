import ArgumentParser
import DBSpecKit

extension ReportFormat: ExpressibleByArgument {}
extension Target: ExpressibleByArgument {}
extension TerraformLayout: ExpressibleByArgument {}
extension Invocation.ColorChoice: ExpressibleByArgument {}

/// The spec files to read and how to report on them.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Spec files (YAML or JSON), folders of them, or globs; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(help: "How to print diagnostics: text, gcc (on stderr), json, sarif, github (on stdout). Default: text on a terminal, gcc elsewhere.")
    var format: ReportFormat?

    @Option(help: ArgumentHelp("Configuration file to use instead of the nearest .dbspec.yaml.", valueName: "file"))
    var config: String?

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Report errors only.")
    var quiet = false

    @Option(help: ArgumentHelp("The file name standard input has in diagnostics.", valueName: "name"))
    var stdinFilename: String?

    @Option(help: ArgumentHelp("Catalogue of RDS facts to check against (from `dbspec catalog import`).", valueName: "file"))
    var catalog: String?

    @Option(help: ArgumentHelp("Write the report to this file (whole, atomically) instead of stdout or stderr.", valueName: "file"))
    var outputFile: String?

    @Option(help: ArgumentHelp("Colour text diagnostics: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always, never.", valueName: "when"))
    var color: Invocation.ColorChoice?

    @Option(help: ArgumentHelp("Report only these codes or prefixes (DB2 is every DB2xx code); comma-separated, repeatable.", valueName: "code"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Leave out these codes or prefixes; comma-separated, repeatable.", valueName: "code"))
    var ignore: [String] = []

    @Option(
        help: ArgumentHelp(
            "Leave out files and folders that match this glob (** for any folders) when expanding folders and globs; repeatable.", valueName: "glob"))
    var exclude: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one spec file") }
        if stdinFilename != nil && !files.contains("-") {
            throw ValidationError("'--stdin-filename' is only valid when reading from standard input (-)")
        }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read once") }
    }

    /// The invocation these options describe, for `command`.
    func invocation(_ command: Invocation.Command) -> Invocation {
        Invocation(
            command: command, files: files, format: format, catalog: catalog, config: config, strict: strict, quiet: quiet,
            stdinFilename: stdinFilename, outputFile: outputFile, color: color, select: select, ignore: ignore, exclude: exclude)
    }
}
