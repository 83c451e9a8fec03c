import DBSpecKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A usage or I/O problem: `main` prints it as `dbspec: error: …` and exits with status 2.
/// Nothing below `main` exits the process, so every command can run inside a test.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    /// Positioned problems behind the failure (an invalid configuration's), reported in the
    /// run's format before the failure itself.
    var results: [FileResult] = []
    /// False when the failure is about the report's own destination: nothing goes there.
    var writesReport = true
    init(_ description: String, results: [FileResult] = [], writesReport: Bool = true) {
        self.description = description
        self.results = results
        self.writesReport = writesReport
    }
}

/// Writes to the standard streams without Foundation.
enum Streams {
    static func standardOutput(_ text: String) throws(CommandFailure) { try write(1, Array(text.utf8)) }
    /// Diagnostics and errors; a failure to write them has nowhere to be reported.
    static func standardError(_ text: String) { try? write(2, Array(text.utf8)) }

    /// Writes all of `bytes`; a failure on anything but stderr (`dbspec compile spec.yaml >
    /// /dev/full`, a closed stdout) is a failed run, never a silent success.
    static func write(_ fd: Int32, _ bytes: [UInt8]) throws(CommandFailure) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(fd, buffer.baseAddress! + offset, bytes.count - offset)
                #else
                Darwin.write(fd, buffer.baseAddress! + offset, bytes.count - offset)
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw CommandFailure("cannot write to \(fd == 1 ? "standard output" : "file descriptor \(fd)"): \(reason)")
            }
            offset += n
        }
    }

    /// Writes a report or output file (atomically; into a FIFO or device as a stream), refused
    /// with status 2 before anything is written when it is one of `inputs` (links followed).
    static func writeFile(_ bytes: [UInt8], to path: String, inputs: [String]) throws(CommandFailure) {
        try refuseInput(path, inputs: inputs)
        do { try FileSystem.writeAtomically(bytes, to: path) } catch { throw CommandFailure("cannot write \(error)", writesReport: false) }
    }

    /// Status 2 when `path` is one of `inputs`: writing it would replace what the command reads.
    static func refuseInput(_ path: String, inputs: [String]) throws(CommandFailure) {
        if let input = FileSystem.input(among: inputs, sameAs: path) {
            throw CommandFailure(
                "\(TerminalText.escaped(path)) is \(TerminalText.escaped(input)), an input of this command; writing there would replace it",
                writesReport: false)
        }
    }

    static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #else
        Darwin.exit(code)
        #endif
    }

}
