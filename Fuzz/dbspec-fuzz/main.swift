// libFuzzer driver: arbitrary bytes through reading, decoding, the rules and both emitters.
#if canImport(Glibc)
import Glibc
#endif
// Built only by scripts/fuzz.sh (DBSPEC_FUZZ=1, AddressSanitizer, coverage). SwiftPM gives an
// executable its own `main`, so this one hands control to libFuzzer's driver.
import DBSpecKit

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// One input; libFuzzer's driver also links against it by this name.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    switch fuzzTarget {
    case "lsp": return fuzzFrames(bytes)
    case "diff": return fuzzDiff(bytes)
    default: break
    }
    let source = SourceText(name: "fuzz.yaml", bytes: bytes)
    let compiler = Compiler()
    for target in Target.allCases {
        let result = compiler.compile(source, target: target)
        // Every report must render, whatever the input.
        _ = TextReporter.render([result])
        _ = JSONReporter.render([result])
    }
    return 0
}

/// DBSPEC_FUZZ_TARGET: `lsp` (a language-server input stream), `diff` (an old and a new spec),
/// or unset (one spec through check and compile).
let fuzzTarget = getenv("DBSPEC_FUZZ_TARGET").map { String(cString: $0) } ?? ""

/// DBSPEC_FUZZ_TARGET=diff: the bytes are two specs separated by the first NUL byte (without
/// one, the spec is compared with itself with its last line dropped); the comparison and every
/// report format must complete, whatever the pair.
func fuzzDiff(_ bytes: [UInt8]) -> Int32 {
    let old: [UInt8]
    let new: [UInt8]
    if let nul = bytes.firstIndex(of: 0) {
        old = Array(bytes[..<nul])
        new = Array(bytes[(nul + 1)...])
    } else {
        old = bytes
        new = Array(bytes[..<(bytes.lastIndex(of: 10) ?? bytes.count)])
    }
    let analysis = ChangeAnalysis()
    let diff = analysis.diff(old: SourceText(name: "old.yaml", bytes: old), new: SourceText(name: "new.yaml", bytes: new), name: "new.yaml")
    _ = ChangeReport.text([diff])
    _ = ChangeReport.json([diff], threshold: .downtime)
    _ = ChangeReport.github([diff], threshold: .replacement)
    var pictures: [String: String] = [:]
    if let topology = analysis.topology(SourceText(name: "new.yaml", bytes: new)) {
        pictures["new.yaml"] = topology.mermaid(marked: analysis.marks(diff, topology: topology))
        _ = topology.dot()
    }
    _ = ChangeReport.markdown([diff], threshold: .replacement, pictures: pictures)
    return 0
}

func fuzzFrames(_ bytes: [UInt8]) -> Int32 {
    _ = LanguageServer().replay(bytes)
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
