import ArgumentParser
import DBSpecKit
#if canImport(Glibc)
import Glibc
#endif

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Work with the catalogue of RDS facts that dbspec checks against.",
        subcommands: [Import.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Refresh the catalogue from AWS CLI output.",
            discussion: """
                Reads the JSON that the AWS CLI prints and writes a catalogue with those engines' \
                versions and instance classes replaced. Point check and compile at it with --catalog.

                Examples:
                  aws rds describe-db-engine-versions --engine mysql > versions.json
                  aws rds describe-orderable-db-instance-options --engine mysql > classes.json
                  dbspec catalog import versions.json classes.json -o rds-catalog.json
                  dbspec check --catalog rds-catalog.json specs/orders.yaml
                """
        )

        @Argument(help: ArgumentHelp("AWS CLI output files (JSON).", valueName: "file"))
        var files: [String]

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Catalogue file to write.", valueName: "file"))
        var output: String

        @Option(help: ArgumentHelp("Catalogue to start from (default: the built-in one).", valueName: "file"))
        var catalog: String?

        func run() throws {
            try Streams.refuseInput(output, inputs: files + (catalog.map { [$0] } ?? []))
            let base: JSONValue
            do {
                base = try catalog.map { path in try JSONParser.parse(FileSystem.read(path)) } ?? CatalogImport.builtInJSON()
            } catch {
                throw CommandFailure("cannot read the base catalogue: \(error)")
            }
            var documents: [JSONValue] = []
            for path in files {
                do {
                    documents.append(try JSONParser.parse(FileSystem.read(path)))
                } catch let error as FileError {
                    throw CommandFailure("cannot read \(error)")
                } catch {
                    throw CommandFailure("\(path) is not JSON: \(error)")
                }
            }
            do {
                let (merged, summary) = try CatalogImport.merge(base: base, documents: documents, retrieved: today())
                let bytes = JSONWriter.compact(merged) + [0x0A]
                _ = try Catalog(bytes: bytes).allEngines()  // what we write must load
                FileSystem.removeTemporaryFilesOnSignals()
                try FileSystem.writeAtomically(bytes, to: output)
                var note = "imported \(summary.versions) versions and \(summary.classRows) class rows for \(summary.engines.joined(separator: ", "))"
                if !summary.skippedEngines.isEmpty {
                    note += "; skipped engines the catalogue has no facts for: \(summary.skippedEngines.joined(separator: ", "))"
                }
                Streams.standardError("dbspec: \(note)\n")
            } catch let error as CatalogError {
                throw CommandFailure(error.description)
            } catch {
                throw CommandFailure("cannot write \(error)")
            }
        }

        /// Today's date in UTC, YYYY-MM-DD.
        private func today() -> String {
            var now = time(nil)
            var parts = tm()
            gmtime_r(&now, &parts)
            func pad(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))"
        }
    }
}
