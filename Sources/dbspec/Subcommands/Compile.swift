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

            Terraform layouts: `standalone` (one spec alone in a folder, with its terraform and \
            provider blocks), `root` (any number of specs beside your own root module: no \
            terraform block, providers, data sources and outputs named after each spec), \
            `module` (DIR/NAME/main.tf.json, a module to call with for_each and providers).

            Examples:
              dbspec compile specs/orders.yaml > orders.template.json
              dbspec compile specs/*.yaml -o out/
              dbspec compile specs/*.yaml --target terraform --layout root -o infra/
              dbspec compile specs/*.yaml --target terraform --layout module -o modules/
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "What to compile to: cloudformation or terraform (default: .dbspec.yaml's `target`, or cloudformation).")
    var target: Target?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Folder to write templates to.", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Terraform layout: standalone, root or module (default: standalone).", valueName: "layout"))
    var layout: TerraformLayout?

    var invocation: Invocation {
        var invocation = input.invocation(.compile)
        invocation.target = target
        invocation.output = output
        invocation.layout = layout
        return invocation
    }

    func run() throws {
        let status = try invocation.execute()
        if status != 0 { throw ExitCode(status) }
    }
}
