#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to the standard streams without Foundation.
enum Output {
    static func standardOutput(_ text: String) { write(1, Array(text.utf8)) }
    static func standardError(_ text: String) { write(2, Array(text.utf8)) }

    static func write(_ fd: Int32, _ bytes: [UInt8]) {
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
                // Output that cannot be written is a failed run, never a silent success
                // (`dbspec compile spec.yaml > /dev/full`, a closed stdout).
                if fd != 2 {
                    let reason = String(cString: strerror(errno))
                    standardError("dbspec: error: cannot write to \(fd == 1 ? "standard output" : "file descriptor \(fd)"): \(reason)\n")
                }
                exit(2)
            }
            offset += n
        }
    }

    static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #else
        Darwin.exit(code)
        #endif
    }

    /// A usage or I/O problem: printed as `dbspec: error: …`, exit status 2.
    static func fail(_ message: String) -> Never {
        standardError("dbspec: error: \(message)\n")
        exit(2)
    }
}
