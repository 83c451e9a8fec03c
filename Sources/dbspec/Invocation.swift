import DBSpecKit

/// A `check` or `compile` run as plain values. swift-argument-parser's commands and the fast
/// path both produce one, and `execute()` does the work, so the two cannot behave apart.
struct Invocation: Equatable {
    enum Command: Equatable { case check, compile }

    var command: Command
    var files: [String]
    var format: ReportFormat = .text
    var catalog: String?
    var target: Target = .cloudformation
    var output: String?

    /// Runs the check or compile and returns the exit status (0 or 1; I/O problems exit 2 at once).
    func execute() -> Int32 {
        let compiler = makeCompiler()
        let sources = files.map(read)
        switch command {
        case .check:
            let results = sources.map { compiler.check($0) }
            report(results)
            return results.contains(where: \.hasErrors) ? 1 : 0
        case .compile:
            let results = sources.map { compiler.compile($0, target: target) }
            let failed = results.contains(where: \.hasErrors)
            report(results, stdoutTaken: output == nil && !failed)
            if failed { return 1 }
            write(results)
            return 0
        }
    }

    private func makeCompiler() -> Compiler {
        guard let catalog else { return Compiler() }
        do {
            let loaded = try Catalog(bytes: FileSystem.read(catalog))
            _ = try loaded.allEngines()
            return Compiler(catalog: loaded)
        } catch {
            Output.fail("cannot use the catalogue \(catalog): \(error)")
        }
    }

    private func read(_ path: String) -> SourceText {
        do {
            return SourceText(name: path, bytes: try FileSystem.read(path))
        } catch {
            Output.fail("cannot read \(error)")
        }
    }

    /// Prints the diagnostics of every file. JSON goes to stdout unless stdout carries output.
    private func report(_ results: [FileResult], stdoutTaken: Bool = false) {
        switch format {
        case .text: Output.standardError(TextReporter.render(results))
        case .json: Output.write(stdoutTaken ? 2 : 1, JSONReporter.render(results))
        }
    }

    private func write(_ results: [FileResult]) {
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
            guard argument.hasPrefix("-") else {
                invocation.files.append(argument)
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
            guard !seen.contains(name) else { return nil }
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
            case ("--target", .compile):
                guard let target = Target(rawValue: value) else { return nil }
                invocation.target = target
            case ("--output", .compile):
                invocation.output = value
            default:
                return nil
            }
        }
        guard !invocation.files.isEmpty else { return nil }
        if invocation.command == .compile && invocation.output == nil && invocation.files.count > 1 { return nil }
        return invocation
    }
}
