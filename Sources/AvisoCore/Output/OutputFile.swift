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
/// channel files are 1 GB, whose fsync took about 0.4 s with nothing else to do). The request
/// is made on a thread of its own: the call does the file system's part of the writing, and
/// waits when the disk's queue is full (55 calls took 0.13 s, up to 23 ms each), which on the
/// writing thread held up the composing threads behind it.
final class OutputFile {
    /// The file's path.
    let path: String
    /// Pending bytes; callers append to it and call `flushIfLarge()`.
    var buffer: [UInt8] = []
    private var fd: Int32
    private static let chunk = 1 << 20
    /// Bytes written to the file so far.
    private(set) var bytesWritten: Int64 = 0
    /// Bytes whose writing to disk was asked for, as far as the requests made so far have run
    /// (see `waitForWriteback`); a failed request, on a system without the call, does not
    /// count. For tests.
    var writebackRequested: Int64 { Int64(requested.value) }
    private let requested = AtomicCounter()
    // Where the next request starts: a failed one is not retried.
    private var writebackFrom: Int64 = 0
    // Whether a request may still be queued: the descriptor stays open until it has run.
    private var requestsQueued = false
    /// Bytes written between two requests to start writing to disk.
    static let writebackStep: Int64 = 16 << 20
    // One queue for every file: requests run in the order they were made.
    private static let writebackQueue = DispatchQueue(label: "aviso.output-writeback")

    /// Creates (or truncates) the file.
    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputPublisher.failure("could not create an output file", path: path) }
        buffer.reserveCapacity(OutputFile.chunk + 4096)
    }

    deinit {
        guard fd >= 0 else { return }
        waitForWriteback()
        _ = closeDescriptor(fd)
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
            let (descriptor, from, end, requested) = (fd, writebackFrom, bytesWritten, requested)
            let request: @Sendable () -> Void = {
                if aviso_start_writeback(descriptor, from, end - from) == 0 { requested.add(Int(end - from)) }
            }
            if Parallelism.enabled {
                OutputFile.writebackQueue.async(execute: request)
                requestsQueued = true
            } else {
                request()
            }
            writebackFrom = bytesWritten
        }
    }

    /// Returns once every request to start writing this file to disk has run.
    func waitForWriteback() {
        guard requestsQueued else { return }
        OutputFile.writebackQueue.sync {}
        requestsQueued = false
    }

    /// Writes what is pending and closes the file.
    func close() throws {
        try flush()
        waitForWriteback()
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
