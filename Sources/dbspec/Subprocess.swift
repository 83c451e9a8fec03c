import DBSpecKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program found on PATH and returns its status, standard output and standard error.
/// Standard input is /dev/null; standard error goes through a temporary file, so neither
/// stream can block the other.
enum Subprocess {
    struct Result {
        var status: Int32
        var output: [UInt8]
        var error: String
        /// The output reached the limit asked for and the program was stopped there.
        var truncated = false
    }

    enum Failure: Error {
        /// The program is not installed (not on PATH).
        case notFound(String)
        case failed(String)
    }

    /// With `outputLimit`, at most that many bytes of output are kept; the program is then
    /// stopped (SIGKILL), so that a huge output costs no more memory than the limit.
    static func run(_ arguments: [String], outputLimit: Int? = nil) throws(Failure) -> Result {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw .failed("pipe: errno \(errno)") }
        var template = Array("/tmp/dbspec-stderr-XXXXXX".utf8CString)
        let errFD = mkstemp(&template)
        guard errFD >= 0 else { throw .failed("mkstemp: errno \(errno)") }
        let errPath = String(cString: template)
        defer {
            close(errFD)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errFD, 2)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            if spawned == ENOENT { throw .notFound(arguments[0]) }
            throw .failed("\(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var output: [UInt8] = []
        var truncated = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, $0.count) }
            if n > 0 {
                output += buffer[0..<n]
                if let outputLimit, output.count >= outputLimit {
                    output.removeLast(output.count - outputLimit)
                    truncated = true
                    kill(pid, SIGKILL)
                    break
                }
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(pipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let error = (try? FileSystem.read(errPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Result(status: code, output: output, error: error, truncated: truncated)
    }
}
