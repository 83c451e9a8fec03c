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
    if fuzzLanguageServer { return fuzzFrames(bytes) }
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

/// DBSPEC_FUZZ_TARGET=lsp: the bytes are a language-server input stream, fed in uneven
/// chunks to the frame reader, and each message or framing error goes to a server.
let fuzzLanguageServer = getenv("DBSPEC_FUZZ_TARGET").map { String(cString: $0) } == "lsp"

func fuzzFrames(_ bytes: [UInt8]) -> Int32 {
    _ = LanguageServer().replay(bytes)
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
