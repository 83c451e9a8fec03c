import DBSpecKit
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A `check` or `compile` run as plain values. swift-argument-parser's commands and the fast
/// path both produce one, and `execute()` does the work, so the two cannot behave apart.
struct Invocation: Equatable {
    enum Command: Equatable { case check, compile }

    var command: Command
    var files: [String]
    /// nil: `text` on a terminal, `gcc` elsewhere.
    var format: ReportFormat?
    var catalog: String?
    /// nil: the configuration's, or cloudformation.
    var target: Target?
    /// nil: the configuration's, or stdout for a single spec.
    var output: String?
    /// nil: standalone. Terraform only.
    var layout: TerraformLayout?
    /// A configuration file to use instead of the nearest `.dbspec.yaml`.
    var config: String?
    /// Warnings fail the run too.
    var strict = false
    /// Report errors only.
    var quiet = false
    /// The name standard input (`-`) has in diagnostics.
    var stdinFilename: String?
    /// Where the report goes instead of stdout or stderr (written whole, atomically).
    var outputFile: String?
    /// nil: auto.
    var color: ColorChoice?
    /// Codes or prefixes to report (all when empty), and to leave out; comma-separated lists allowed.
    var select: [String] = []
    var ignore: [String] = []
    /// Globs of files and folders to leave out of folders and globs.
    var exclude: [String] = []

    enum ColorChoice: String, CaseIterable, Equatable { case auto, always, never }

    /// One input: a file named on the command line (or found in a folder), read by the worker
    /// that checks it, or standard input, read first.
    enum Input: Sendable {
        case file(String)
        case standardInput(SourceText)

        var name: String {
            switch self {
            case .file(let path): return path
            case .standardInput(let source): return source.name
            }
        }
    }

    /// Runs the check or compile and returns the exit status: 0, 1, or 2 when an input could
    /// not be read (the others are still checked and reported, and nothing is written).
    func execute() throws(CommandFailure) -> Int32 {
        do {
            return try run()
        } catch {
            // Machine-readable formats still get a document on a failed run: a CI step that
            // uploads it must not upload an empty file.
            // The problems behind it (an invalid configuration's) in the run's format too.
            let results = error.results
            let document: [UInt8]?
            switch format {
            case .sarif?: document = SARIFReporter.render(results, failure: error.description, root: SARIFReporter.sourceRoot())
            case .json?: document = JSONReporter.render(results)
            case .github?:
                document = Array(
                    (GitHubActionsReporter.render(results) + "::error title=dbspec::\(GitHubActionsReporter.data(error.description))\n").utf8)
            case .gcc?: document = results.isEmpty ? nil : Array(GCCReporter.render(results).utf8)
            case .text?, nil:
                let terminal = outputFile == nil && isatty(2) == 1
                let color = Self.useColor(color ?? .auto, terminal: terminal) { getenv($0).map { String(cString: $0) } }
                document =
                    results.isEmpty
                    ? nil : Array(((format == nil && !terminal) ? GCCReporter.render(results) : TextReporter.render(results, color: color)).utf8)
            }
            if let document, error.writesReport {
                if let outputFile {
                    try? FileSystem.writeAtomically(document, to: outputFile)
                } else {
                    try? Streams.write(format?.isMachineReadable == true ? 1 : 2, document)
                }
            }
            throw error
        }
    }

    /// `--select` and `--ignore`, with comma-separated lists split.
    var filter: CodeFilter {
        func split(_ values: [String]) -> [String] {
            values.flatMap { $0.split(separator: ",").map { String($0.filter { $0 != " " }) } }.filter { !$0.isEmpty }
        }
        return CodeFilter(select: split(select), ignore: split(ignore))
    }

    private func run() throws(CommandFailure) -> Int32 {
        let filter = self.filter
        if let unknown = filter.unknownSelector() {
            throw CommandFailure("`\(unknown)` matches no dbspec code (give a code such as DB104, or a prefix such as DB2); `dbspec rules` lists them")
        }
        if layout != nil && target == .cloudformation {
            throw CommandFailure("--layout is for --target terraform (a CloudFormation template is one stack)")
        }
        let inputs = try expandInputs()
        if inputs.isEmpty {
            throw CommandFailure(
                "no spec to \(command == .check ? "check" : "compile"): --exclude left out every file the arguments found"
                    + " (\(files.map { TerminalText.escaped($0) }.joined(separator: ", ")))")
        }
        if let outputFile { try refuseOverwritingAnInput(outputFile, inputs, configurations: []) }
        var configurations = try loadConfigurations(for: inputs.map(\.name))
        if let outputFile { try refuseOverwritingAnInput(outputFile, inputs, configurations: configurations) }
        if !filter.isEmpty {
            for i in configurations.indices {
                var configuration = configurations[i] ?? Configuration(path: "")
                configuration.filter = filter
                configurations[i] = configuration
            }
        }
        var (results, unreadable) = try process(inputs, configurations: configurations)
        let failed = results.contains(where: \.hasErrors)
        // Before --quiet hides them: --strict fails on warnings whether they are shown or not.
        let warned = results.contains { $0.diagnostics.contains { $0.severity == .warning } }
        if quiet {
            for i in results.indices { results[i].diagnostics.removeAll { $0.severity != .error } }
        }
        let outputs = results.indices.map { output ?? configurations[$0]?.output }
        let problems = unreadable.map { "cannot read \($0)" }
        try report(
            results, stdoutTaken: command == .compile && outputs.contains(nil) && !failed && unreadable.isEmpty,
            failure: problems.isEmpty ? nil : problems.joined(separator: "\n"))
        if !problems.isEmpty {
            for problem in problems { Streams.standardError("dbspec: error: \(problem)\n") }
            return 2
        }
        if failed || (strict && warned) { return 1 }
        if command == .compile {
            try write(results, to: outputs, layouts: configurations.map { layout ?? $0?.layout ?? .standalone }, inputs: inputs, configurations: configurations)
        }
        return 0
    }

    /// Reads, then checks or compiles, every input, in parallel when there are several; results
    /// keep the order of the inputs. Each worker reads its own file (at most the reader's limit)
    /// and lets go of the text once the file is checked, unless its diagnostics need it for the
    /// report: memory follows the files with findings and the outputs, not the number of inputs.
    private func process(_ inputs: [Input], configurations: [Configuration?]) throws(CommandFailure) -> ([FileResult], [String]) {
        // One compiler per catalogue.
        var compilers: [String: Compiler] = [:]
        let catalogs = configurations.map { catalog ?? $0?.catalog }
        for path in Set(catalogs.compactMap { $0 }) where compilers[path] == nil { compilers[path] = try makeCompiler(catalog: path) }
        let builtIn = Compiler()
        let run: @Sendable (Int) -> (FileResult, String?) = { [command, target, layout, compilers] i in
            let source: SourceText
            switch inputs[i] {
            case .standardInput(let text): source = text
            case .file(let path):
                do {
                    source = SourceText(name: path, bytes: try FileSystem.readSpec(path))
                } catch {
                    return (FileResult(source: SourceText(name: path, bytes: []), diagnostics: [], spec: nil, outputs: []), "\(error)")
                }
            }
            let compiler = catalogs[i].flatMap { compilers[$0] } ?? builtIn
            let configuration = configurations[i]
            var result =
                command == .check
                ? compiler.check(source, configuration: configuration)
                : compiler.compile(
                    source, target: target ?? configuration?.target ?? .cloudformation, configuration: configuration,
                    terraformLayout: layout ?? configuration?.layout ?? .standalone)
            result.spec = nil
            if result.diagnostics.isEmpty { result.source = SourceText(name: source.name, bytes: []) }
            return (result, nil)
        }
        let all: [(FileResult, String?)]
        if inputs.count > 1 {
            let slots = ResultSlots(count: inputs.count)
            DispatchQueue.concurrentPerform(iterations: inputs.count) { i in slots.set(i, run(i)) }
            all = slots.all()
        } else {
            all = inputs.indices.map(run)
        }
        return (all.map(\.0), all.compactMap(\.1))
    }

    /// The configuration of each source: `--config`, or the nearest `.dbspec.yaml`. An invalid
    /// configuration stops the run with status 2.
    private func loadConfigurations(for names: [String]) throws(CommandFailure) -> [Configuration?] {
        var cache: [String: Configuration] = [:]
        // Consecutive specs of one directory (as a shell glob lists them) share its search, a
        // walk up with a system call per level and file name: a thousand specs in one folder
        // search once. (A dictionary here cost more at start-up than the search it saves.)
        var lastDirectory: Substring?
        var lastFound: String?
        var out: [Configuration?] = []
        for sourceName in names {
            let name = sourceName == "<stdin>" ? "./stdin" : sourceName
            let directory = name.lastIndex(of: "/").map { name[...$0] } ?? ""
            let path: String?
            if let config {
                path = config
            } else if directory == lastDirectory {
                path = lastFound
            } else {
                path = Configuration.find(for: name)
                (lastDirectory, lastFound) = (directory, path)
            }
            guard let path else {
                out.append(nil)
                continue
            }
            if let cached = cache[path] {
                out.append(cached)
                continue
            }
            let (loaded, diagnostics) = Configuration.load(path)
            let problems =
                diagnostics.isEmpty
                ? []
                : [
                    FileResult(
                        source: SourceText(name: path, bytes: (try? FileSystem.read(path, limit: 1 << 20)) ?? []), diagnostics: diagnostics, spec: nil,
                        outputs: [])
                ]
            guard let loaded else { throw CommandFailure("the configuration \(path) is invalid", results: problems) }
            if !problems.isEmpty {
                // Warnings of a configuration that loads: on stderr, as text or gcc.
                Streams.standardError(
                    format == .gcc || (format == nil && isatty(2) != 1) ? GCCReporter.render(problems) : TextReporter.render(problems))
            }
            cache[path] = loaded
            out.append(loaded)
        }
        return out
    }

    /// `--output-file` naming one of the specs (or the configuration) would replace it with the
    /// report: refused before anything is read or written.
    private func refuseOverwritingAnInput(_ outputFile: String, _ inputs: [Input], configurations: [Configuration?]) throws(CommandFailure) {
        if let input = FileSystem.input(among: readPaths(inputs, configurations), sameAs: outputFile) {
            throw CommandFailure(
                "--output-file \(TerminalText.escaped(outputFile)) is \(TerminalText.escaped(input)), an input; the report would replace it",
                writesReport: false)
        }
    }

    /// Every file the run reads: the specs, `--config` and `--catalog`, the configurations the
    /// walk found and the catalogues they name. No output may be one of them.
    private func readPaths(_ inputs: [Input], _ configurations: [Configuration?]) -> [String] {
        var paths = inputs.compactMap { input -> String? in
            if case .file(let path) = input { return path }
            return nil
        }
        paths += [config, catalog].compactMap { $0 }
        for configuration in configurations.compactMap({ $0 }) where !configuration.path.isEmpty {
            paths.append(configuration.path)
            if let catalog = configuration.catalog { paths.append(catalog) }
        }
        return paths
    }

    private func makeCompiler(catalog: String) throws(CommandFailure) -> Compiler {
        do {
            let loaded = try Catalog(bytes: FileSystem.read(catalog))
            _ = try loaded.allEngines()
            return Compiler(catalog: loaded)
        } catch {
            throw CommandFailure("cannot use the catalogue \(catalog): \(error)")
        }
    }

    /// Files, directories (their YAML and JSON files, sorted) and globs; `-` is standard input,
    /// read here. Files are read later, each by the worker that checks it.
    private func expandInputs() throws(CommandFailure) -> [Input] {
        var sources: [Input] = []
        for path in files {
            if path == "-" {
                do {
                    sources.append(.standardInput(SourceText(name: stdinFilename ?? "<stdin>", bytes: try FileSystem.readSpecFromStandardInput())))
                } catch {
                    throw CommandFailure("cannot read \(error)")
                }
                continue
            }
            let expanded: [String]
            do {
                expanded = try FileSystem.specFiles(matching: path)
            } catch {
                throw CommandFailure("cannot read \(error)")
            }
            if expanded.isEmpty { throw CommandFailure("\(path): no spec files (.yaml, .yml, .json) found") }
            // A file named on its own is checked even when it matches --exclude (as in ruff and
            // flake8): exclusions prune what folders and globs find.
            let named = expanded == [path]
            for file in expanded where named || !exclude.contains(where: { PathPattern.excludes($0, file) }) {
                sources.append(.file(file))
            }
        }
        return sources
    }

    /// Prints the diagnostics of every file: human formats on stderr, machine formats on
    /// stdout unless stdout carries the output.
    /// With `failure` (an input could not be read), SARIF says the run did not succeed and
    /// GitHub gets an error annotation for it, besides the findings in the other inputs.
    private func report(_ results: [FileResult], stdoutTaken: Bool, failure: String? = nil) throws(CommandFailure) {
        let terminal = outputFile == nil && isatty(2) == 1
        let format = self.format ?? (terminal ? .text : .gcc)
        if outputFile == nil && !format.isMachineReadable && results.allSatisfy(\.diagnostics.isEmpty) { return }
        let color = format == .text && Self.useColor(color ?? .auto, terminal: terminal, environment: { getenv($0).map { String(cString: $0) } })
        var bytes: [UInt8]
        switch format {
        case .sarif: bytes = SARIFReporter.render(results, failure: failure, root: SARIFReporter.sourceRoot())
        default: bytes = format.render(results, color: color)
        }
        if format == .github, let failure {
            bytes += Array("::error title=dbspec::\(GitHubActionsReporter.data(failure))\n".utf8)
        }
        if let outputFile {
            do {
                try FileSystem.writeAtomically(bytes, to: outputFile)
            } catch {
                throw CommandFailure("cannot write \(error)")
            }
            return
        }
        try Streams.write(format.isMachineReadable && !stdoutTaken ? 1 : 2, bytes)
    }

    /// `--color`: `always` and `never` as they say; `auto` colours a terminal unless `NO_COLOR`
    /// is set (no-color.org) or `TERM` is `dumb`, and `FORCE_COLOR` (set, and not `0`) colours
    /// a pipe too, as in Node, pytest and ruff.
    static func useColor(_ choice: ColorChoice, terminal: Bool, environment: (String) -> String?) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let force = environment("FORCE_COLOR"), force != "0", force != "false" { return true }
            if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return false }
            if environment("TERM") == "dumb" { return false }
            return terminal
        }
    }

    /// Writes each result's outputs to its folder (`-o`, or its configuration's `output`),
    /// or to stdout when it has none.
    private func write(
        _ results: [FileResult], to folders: [String?], layouts: [TerraformLayout], inputs: [Input], configurations: [Configuration?]
    ) throws(CommandFailure) {
        // Two specs writing the same file would overwrite each other, and an output that is an
        // input (a JSON spec named like a template, the configuration) would replace it: refuse
        // before writing any.
        let read = readPaths(inputs, configurations)
        var seen: [String: String] = [:]
        for (result, folder) in zip(results, folders) {
            for file in result.outputs {
                let path = (folder ?? "<stdout>") + "/" + file.name
                if let other = seen[path] {
                    throw CommandFailure("\(other) and \(result.source.name) would both write \(file.name); give the specs different names")
                }
                seen[path] = result.source.name
                if folder != nil, let input = FileSystem.input(among: read, sameAs: path) {
                    throw CommandFailure("\(result.source.name) would write \(path), which is \(input), an input of this run; write to another folder (-o)")
                }
            }
        }
        if folders.contains(nil) && results.count > 1 {
            throw CommandFailure("give -o DIR (or `output` in .dbspec.yaml) when compiling more than one spec")
        }
        // Standalone Terraform files each declare the provider and its requirements, so two in
        // one folder are no valid root module (terraform init refuses the duplicates).
        do {
            var standalone: [String: [String]] = [:]
            for (i, (result, folder)) in zip(results, folders).enumerated()
            where layouts[i] == .standalone && result.outputs.contains(where: { $0.name.hasSuffix(".tf.json") }) {
                standalone[folder ?? "", default: []].append(result.source.name)
            }
            if let (folder, names) = standalone.sorted(by: { $0.key < $1.key }).first(where: { $0.value.count > 1 }) {
                throw CommandFailure(
                    "\(names.count) specs would write standalone Terraform into \(folder), which terraform init refuses (each declares the "
                        + "provider); use --layout root for one root module of them all, or --layout module for a module each")
            }
        }
        for (result, folder) in zip(results, folders) where folder == nil && result.outputs.count > 1 {
            throw CommandFailure(
                "\(result.source.name) compiles to \(result.outputs.count) templates (one per Region: "
                    + result.outputs.map(\.name).joined(separator: ", ") + "); give -o DIR")
        }
        FileSystem.removeTemporaryFilesOnSignals()
        do {
            var swept = Set<String>()
            for (result, folder) in zip(results, folders) {
                guard let folder else {
                    for file in result.outputs { try Streams.write(1, file.bytes) }
                    continue
                }
                try FileSystem.createDirectories(folder)
                if swept.insert(folder).inserted { FileSystem.sweepStaleTemporaryFiles(in: folder) }
                for file in result.outputs {
                    // A module goes to a folder of its own (`NAME/main.tf.json`).
                    if let slash = file.name.lastIndex(of: "/") { try FileSystem.createDirectories(folder + "/" + file.name[..<slash]) }
                    try FileSystem.writeAtomically(file.bytes, to: folder + "/" + file.name)
                }
            }
        } catch {
            throw CommandFailure("cannot write \(error)")
        }
    }
}

/// Where parallel workers leave their results.
private final class ResultSlots: Sendable {
    private let results: Mutex<[(FileResult, String?)?]>

    init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: (FileResult, String?)) { results.withLock { $0[index] = result } }

    func all() -> [(FileResult, String?)] { results.withLock { $0.map { $0! } } }
}

/// Recognises the common `check` and `compile` command lines without swift-argument-parser,
/// whose start-up (reflection over the commands, conformance look-ups) costs more than a whole
/// check. Anything it does not recognise exactly (help, an unknown or repeated option, a missing
/// value, a usage error) returns nil, and swift-argument-parser handles it, errors and all.
enum FastPath {
    static func parse(_ arguments: [String]) -> Invocation? {
        guard let first = arguments.first else { return nil }
        var invocation: Invocation
        switch first {
        case "check": invocation = Invocation(command: .check, files: [])
        case "compile": invocation = Invocation(command: .compile, files: [])
        default: return nil
        }
        var seen = Set<String>()
        var i = 1
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("-"), argument != "-" else {
                invocation.files.append(argument)
                continue
            }
            // Flags take no value.
            if argument == "--strict" || argument == "--quiet" {
                guard !seen.contains(argument) else { return nil }
                seen.insert(argument)
                if argument == "--strict" { invocation.strict = true } else { invocation.quiet = true }
                continue
            }
            // `--name=value` or `--name value`.
            var name = argument
            var value: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            if name == "-o" { name = "--output" }
            // The list options take any number of repeats (read here in one pass; the argument
            // parser's handling of thousands of repeats is quadratic); the others once.
            let repeatable = name == "--exclude" || name == "--select" || name == "--ignore"
            guard repeatable || !seen.contains(name) else { return nil }
            seen.insert(name)
            if value == nil {
                guard i < arguments.count, !arguments[i].hasPrefix("-") else { return nil }
                value = arguments[i]
                i += 1
            }
            guard let value, !value.isEmpty else { return nil }
            switch (name, invocation.command) {
            case ("--format", _):
                guard let format = ReportFormat(rawValue: value) else { return nil }
                invocation.format = format
            case ("--catalog", _):
                invocation.catalog = value
            case ("--stdin-filename", _):
                invocation.stdinFilename = value
            case ("--config", _):
                invocation.config = value
            case ("--output-file", _):
                invocation.outputFile = value
            case ("--color", _):
                guard let color = Invocation.ColorChoice(rawValue: value) else { return nil }
                invocation.color = color
            case ("--select", _):
                invocation.select.append(value)
            case ("--ignore", _):
                invocation.ignore.append(value)
            case ("--exclude", _):
                invocation.exclude.append(value)
            case ("--target", .compile):
                guard let target = Target(rawValue: value) else { return nil }
                invocation.target = target
            case ("--output", .compile):
                invocation.output = value
            case ("--layout", .compile):
                guard let layout = TerraformLayout(rawValue: value) else { return nil }
                invocation.layout = layout
            default:
                return nil
            }
        }
        guard !invocation.files.isEmpty else { return nil }
        // What swift-argument-parser's validation refuses, it reports.
        if invocation.stdinFilename != nil && !invocation.files.contains("-") { return nil }
        if invocation.files.filter({ $0 == "-" }).count > 1 { return nil }

        return invocation
    }
}
