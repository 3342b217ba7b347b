import Foundation

/// An exclusive lock beside the ledger (`ledger.sqlite.lock`, flock(2)) held for a whole run,
/// so two runs against one ledger never both write: the second waits, then gives up clearly.
public final class RunLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock, waiting up to `timeoutSeconds` for another run to finish.
    public init(path: String, timeoutSeconds: Double) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw AvisoError(.output, file: path, "cannot create the lock file: \(String(cString: strerror(errno)))", hint: "check that the state folder is writable")
        }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(fd)
                throw AvisoError(.output, file: path, "cannot lock: \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline {
                close(fd)
                throw AvisoError(
                    .busy, file: path,
                    "another aviso run holds this ledger (waited \(Int(timeoutSeconds)) s)",
                    hint: "let it finish, or raise --lock-timeout; two runs never write one ledger at once"
                )
            }
            usleep(100_000)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
