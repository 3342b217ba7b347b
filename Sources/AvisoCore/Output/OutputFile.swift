import CSystemSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written in the staging folder: bytes are gathered in a buffer and written out
/// in large chunks, so that memory stays bounded whatever the number of lines.
///
/// Every `writebackStep` bytes written, the kernel is asked to start writing them to disk
/// (`aviso_start_writeback`), so that a large file's pages go to disk while the run composes
/// the rest, not all inside `OutputPublisher.publish`'s fsync at the end (at 10M charges the
/// channel files are 1 GB, whose fsync took about 0.4 s with nothing else to do).
final class OutputFile {
    /// The file's path.
    let path: String
    /// Pending bytes; callers append to it and call `flushIfLarge()`.
    var buffer: [UInt8] = []
    private var fd: Int32
    private static let chunk = 1 << 20
    /// Bytes written to the file so far.
    private(set) var bytesWritten: Int64 = 0
    /// Bytes from the start of the file whose writing to disk was asked for (for tests: a
    /// failed request, on a system without the call, does not count).
    private(set) var writebackRequested: Int64 = 0
    // Where the next request starts: a failed one is not retried.
    private var writebackFrom: Int64 = 0
    /// Bytes written between two requests to start writing to disk.
    static let writebackStep: Int64 = 16 << 20

    /// Creates (or truncates) the file.
    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputPublisher.failure("could not create an output file", path: path) }
        buffer.reserveCapacity(OutputFile.chunk + 4096)
    }

    deinit {
        if fd >= 0 { _ = closeDescriptor(fd) }
    }

    /// Writes the buffer out once it holds a chunk's worth.
    func flushIfLarge() throws {
        if buffer.count >= OutputFile.chunk { try flush() }
    }

    /// Writes every pending byte.
    func flush() throws {
        let written = buffer.withUnsafeBytes { raw in
            raw.baseAddress.map { POSIXIO.writeAll(fd, $0, count: raw.count) } ?? true
        }
        guard written else { throw OutputPublisher.failure("could not write an output file", path: path) }
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        if bytesWritten - writebackFrom >= OutputFile.writebackStep {
            // A hint: durability still comes from the fsync before publishing.
            if aviso_start_writeback(fd, writebackFrom, bytesWritten - writebackFrom) == 0 {
                writebackRequested = bytesWritten
            }
            writebackFrom = bytesWritten
        }
    }

    /// Writes what is pending and closes the file.
    func close() throws {
        try flush()
        let result = closeDescriptor(fd)
        fd = -1
        if result != 0 { throw OutputPublisher.failure("could not close an output file", path: path) }
    }

    /// Writes `bytes` as the whole content of the file at `path`.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try OutputFile(path: path)
        file.buffer = bytes
        try file.close()
    }
}

// The global close(2), reachable from inside types that have a `close()` method of their own.
private func closeDescriptor(_ fd: Int32) -> Int32 {
    close(fd)
}
