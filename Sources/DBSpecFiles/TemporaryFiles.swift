import DBSpecDiagnostics
import DBSpecSource
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files a write has open (`.NAME.tmp-XXXXXX` beside the output), kept where a
/// signal handler can reach them: SIGINT, SIGTERM and SIGHUP remove them before the process
/// ends, so an interrupted compile leaves the old outputs or the new ones and nothing else.
/// SIGKILL cannot be caught; the next write into the folder sweeps what it left (see
/// `FileSystem.sweepStaleTemporaryFiles`).
enum TemporaryFiles {
    static let capacity = 64

    /// C strings of the paths, or nil; written by one thread (writes are sequential), read by
    /// the signal handler, which only calls unlink, signal and raise (all async-signal-safe).
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()

    /// Remembers `path`; returns its slot, or nil when every slot is taken (the file is then
    /// still written, only not removed on a signal).
    static func register(_ path: String) -> Int? {
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = strdup(path)
            return i
        }
        return nil
    }

    static func unregister(_ slot: Int?) {
        guard let slot, let p = slots[slot] else { return }
        slots[slot] = nil
        free(p)
    }

    /// Runs `body` with SIGINT, SIGTERM and SIGHUP held back, so that the handler never sees
    /// a file created but not yet registered, or a slot half written.
    static func withSignalsBlocked<T>(_ body: () -> T) -> T {
        var set = sigset_t(), old = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
        let saved = errno
        pthread_sigmask(SIG_BLOCK, &set, &old)
        errno = saved
        let result = body()
        let after = errno
        pthread_sigmask(SIG_SETMASK, &old, nil)
        errno = after
        return result
    }

    nonisolated(unsafe) static var installed = false

    /// Installs the handlers the first time a write needs them (writes are sequential).
    static func installHandlersOnce() {
        guard !installed else { return }
        installed = true
        installHandlers()
    }

    static func installHandlers() {
        _ = slots  // initialised before any handler can run
        let handler: @convention(c) (Int32) -> Void = { received in
            for i in 0..<TemporaryFiles.capacity {
                if let p = TemporaryFiles.slots[i] { unlink(p) }
            }
            _ = signal(received, SIG_DFL)
            raise(received)
        }
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] {
            _ = signal(s, handler)
            sigaddset(&set, s)
        }
        // A parent may have spawned us with these blocked (some process launchers pass their
        // thread's mask on); blocked, they would wait until after the writes.
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
