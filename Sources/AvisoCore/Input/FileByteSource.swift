#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `ByteSource` reading a file with POSIX `open`/`read`, straight into the caller's buffer
/// (callers ask for large chunks, typically 1 MiB). The descriptor is closed on deinit.
public final class FileByteSource: ByteSource {
    /// The name used in error messages (the display name, or the path).
    public let name: String
    private let path: String
    private var fd: Int32
    /// Bytes read ahead by `peek` and not yet handed out by `read`.
    private var pending: [UInt8] = []

    /// Opens `path` for reading. Errors name `displayName` (default: the path) as the file.
    /// - Throws: `AvisoError(.input)` when the file is missing, unreadable or a directory.
    public init(path: String, displayName: String? = nil) throws {
        self.path = path
        self.name = displayName ?? path
        let descriptor = Self.openForReading(path)
        guard descriptor >= 0 else {
            throw FileByteSource.failure(name, "cannot open \(path): \(FileByteSource.lastError())")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw FileByteSource.failure(name, "cannot open \(path): \(String(cString: strerror(EISDIR)))")
        }
        fd = descriptor
        #if os(Linux)
        // The whole file is read once, front to back: let the kernel read ahead generously.
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// POSIX `open` of `path` for reading (close-on-exec), retried when a signal interrupts it:
    /// the descriptor, or -1 with `errno` set.
    static func openForReading(_ path: String) -> Int32 {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        return descriptor
    }

    /// Returns up to `count` first unread bytes without consuming them (fewer at end of file).
    public func peek(_ count: Int) throws -> [UInt8] {
        while pending.count < count {
            var chunk = [UInt8](repeating: 0, count: count - pending.count)
            let got = try chunk.withUnsafeMutableBytes { try readFile(into: $0) }
            if got == 0 { break }
            pending.append(contentsOf: chunk[..<got])
        }
        return Array(pending.prefix(count))
    }

    /// Reads up to `buffer.count` bytes; 0 at end of file.
    /// - Throws: `AvisoError(.input)` on a read error.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if !pending.isEmpty {
            let count = min(buffer.count, pending.count)
            pending.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            pending.removeFirst(count)
            return count
        }
        return try readFile(into: buffer)
    }

    private func readFile(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard fd >= 0, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let got = POSIXIO.read(fd, into: base, count: buffer.count)
        guard got >= 0 else { throw FileByteSource.failure(name, "cannot read \(path): \(FileByteSource.lastError())") }
        return got
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }

    private static func failure(_ name: String, _ message: String) -> AvisoError {
        AvisoError(.input, file: name, message,
                   hint: "check that the file exists, is readable and the export finished copying")
    }
}
