// Measures dbspec's pipeline apart from the command line, for scripts/bench.sh.
//
//   dbspec-bench check [--no-rules|--catalog-only|--rules-only] FILE
//   dbspec-bench rules N FILE   (each rule's cost alone, warm, most expensive first)
//                                          one check, as a whole process would do it
//   dbspec-bench loop N FILE               mean in-process time per check, with and without rules
//   dbspec-bench throughput FILE...        checks and compiles every file in one process
import DBSpecKit
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    let text = "dbspec-bench: \(message)\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func load(_ path: String) -> SourceText {
    do { return SourceText(name: path, bytes: try FileSystem.read(path)) } catch { fail("cannot read \(error)") }
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else { fail("usage: dbspec-bench check|loop|throughput ...") }
arguments.removeFirst()

switch mode {
case "check":
    // --no-rules: neither rules nor catalogue (an empty one is never read); --catalog-only:
    // the spec's engine read from the built-in catalogue, no rules; --rules-only: every rule
    // over an empty catalogue. The three split what rules and catalogue cost.
    let variant = arguments.first.flatMap { $0.hasPrefix("--") ? $0 : nil }
    if variant != nil { arguments.removeFirst() }
    guard let path = arguments.first else { fail("give a file") }
    let empty = try! Catalog(bytes: Array(#"{"retrieved":"","engines":{},"classSets":[]}"#.utf8))
    let compiler: Compiler
    switch variant {
    case nil: compiler = Compiler()
    case "--no-rules"?, "--catalog-only"?: compiler = Compiler(catalog: empty, rules: [])
    case "--rules-only"?: compiler = Compiler(catalog: empty)
    default: fail("unknown option \(variant!)")
    }
    let result = compiler.check(load(path))
    if variant == "--catalog-only", let spec = result.spec, let engine = Catalog.builtIn.engine(spec.database.engine.value) {
        // What the rules would read: the engine's versions and classes.
        _ = Catalog.builtIn.classes(engine: engine, version: spec.database.version.value)
        _ = Catalog.builtIn.versionStatus(engine: engine, version: spec.database.version.value)
    }
    exit(result.hasErrors ? 1 : 0)
case "loop":
    guard arguments.count == 2, let n = Int(arguments[0]), n > 0 else { fail("usage: dbspec-bench loop N FILE") }
    let source = load(arguments[1])
    for (label, rules) in [("without rules", [any Rule.Type]()), ("with rules and catalogue", RuleRegistry.all)] {
        let compiler = Compiler(rules: rules)
        _ = compiler.check(source)  // warm up caches
        let start = now()
        for _ in 0..<n { _ = compiler.check(source) }
        let micros = (now() - start) / Double(n) * 1e6
        print("\(label): \(Int(micros.rounded())) µs per check")
    }
case "rules":
    // The cost of each rule alone in a warm process: a check with only that rule (and the
    // catalogue) against a check without rules, most expensive first.
    guard arguments.count == 2, let n = Int(arguments[0]), n > 0 else { fail("usage: dbspec-bench rules N FILE") }
    let source = load(arguments[1])
    func perCheck(_ compiler: Compiler) -> Double {
        _ = compiler.check(source)
        let start = now()
        for _ in 0..<n { _ = compiler.check(source) }
        return (now() - start) / Double(n) * 1e6
    }
    let base = min(perCheck(Compiler(rules: [])), perCheck(Compiler(rules: [])))  // the first run warms the process
    var costs: [(String, Double)] = []
    for rule in RuleRegistry.all { costs.append((rule.description.code, perCheck(Compiler(rules: [rule])) - base)) }
    print("without rules: \(Int(base.rounded())) µs per check; each rule alone adds:")
    for (code, micros) in costs.sorted(by: { $0.1 > $1.1 }) { print("\(code) \(Double(Int((micros * 10).rounded())) / 10) µs") }
case "throughput":
    let sources = arguments.map(load)
    guard !sources.isEmpty else { fail("give files") }
    let bytes = sources.reduce(0) { $0 + $1.bytes.count }
    let compiler = Compiler()
    var start = now()
    var errors = 0
    for s in sources where compiler.check(s).hasErrors { errors += 1 }
    let check = now() - start
    start = now()
    var written = 0
    for s in sources { written += compiler.compile(s, target: .cloudformation).outputs.reduce(0) { $0 + $1.bytes.count } }
    let compile = now() - start
    print(
        "\(sources.count) specs, \(bytes) bytes: check \(Int((check * 1000).rounded())) ms, compile \(Int((compile * 1000).rounded())) ms (\(written) bytes of templates), \(errors) with errors"
    )
default:
    fail("unknown mode \(mode)")
}
