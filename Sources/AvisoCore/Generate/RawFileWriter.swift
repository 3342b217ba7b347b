#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file with POSIX `write` in the large chunks it is given. The bytes go to a hidden
/// temporary name beside the target and are renamed into place by `finish`, so a generation that
/// stops half-way never leaves a plausible-looking truncated export behind.
final class RawFileWriter: ByteSink {
    let path: String
    private let temporaryPath: String
    private var fd: Int32
    /// Bytes written to the file so far.
    private(set) var bytesWritten: Int64 = 0

    /// Creates (or truncates) the temporary file for `path`.
    /// - Throws: `AvisoError(.output)` when it can't be created.
    init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = folder + "." + name + ".partial"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw AvisoError(.output, file: path, "cannot create \(temporaryPath): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let base = bytes.baseAddress, !POSIXIO.writeAll(fd, base, count: bytes.count) {
            throw AvisoError(.output, file: path, "cannot write \(temporaryPath): \(String(cString: strerror(errno)))")
        }
        bytesWritten += Int64(bytes.count)
    }

    func finish() throws {
        guard fd >= 0 else { return }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw AvisoError(.output, file: path, "cannot close \(temporaryPath): \(reason)")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw AvisoError(.output, file: path, "cannot rename \(temporaryPath) to \(path): \(reason)")
        }
    }
}
