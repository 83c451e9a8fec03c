import ArgumentParser
import DBSpecKit

struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check specs and write a template for each.",
        discussion: """
            Writes DIR/NAME.template.json (CloudFormation) or DIR/NAME.tf.json (Terraform) for \
            each spec, NAME being the spec's `name`; with a single spec and no -o, the output \
            goes to stdout. Nothing is written when any spec has errors, and a file is replaced \
            whole or not at all.

            Examples:
              dbspec compile specs/orders.yaml > orders.template.json
              dbspec compile specs/*.yaml -o out/
              dbspec compile specs/*.yaml --target terraform -o infra/
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "What to compile to: cloudformation or terraform.")
    var target: Target = .cloudformation

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Folder to write templates to.", valueName: "dir"))
    var output: String?

    func validate() throws {
        if output == nil && input.files.count > 1 {
            throw ValidationError("give -o DIR when compiling more than one spec")
        }
    }

    func run() throws {
        let compiler = input.compiler()
        let results = input.sources().map { compiler.compile($0, target: target) }
        let failed = results.contains(where: \.hasErrors)
        input.report(results, stdoutTaken: output == nil && !failed)
        if failed { throw ExitCode(1) }

        // Two specs with the same name would write the same file: refuse before writing any.
        var seen: [String: String] = [:]
        for result in results {
            for file in result.outputs {
                if let other = seen[file.name] {
                    Output.fail("\(other) and \(result.source.name) would both write \(file.name); give the specs different names")
                }
                seen[file.name] = result.source.name
            }
        }
        guard let output else {
            for file in results.flatMap(\.outputs) { Output.write(1, file.bytes) }
            return
        }
        do {
            try FileSystem.createDirectories(output)
            for file in results.flatMap(\.outputs) {
                try FileSystem.writeAtomically(file.bytes, to: output + "/" + file.name)
            }
        } catch {
            Output.fail("cannot write \(error)")
        }
    }
}
