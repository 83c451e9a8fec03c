import PackagePlugin

/// Turns the target's `Data/*.json` files into `EmbeddedData.<name>` string literals,
/// found by file name with `EmbeddedData.named(_:)`.
@main
struct EmbedData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target.sourceModule else { return [] }
        let inputs = module.sourceFiles(withSuffix: "json").map(\.url).sorted { $0.path < $1.path }
        guard !inputs.isEmpty else { return [] }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedData.swift")
        let arguments =
            [output.path]
            + inputs.map { url in
                "\(url.deletingPathExtension().lastPathComponent)=\(url.path)"
            }
        return [
            .buildCommand(
                displayName: "Embedding data files of \(target.name)",
                executable: try context.tool(named: "embed-data").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
