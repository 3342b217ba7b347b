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
/// Where the file system allows it, the file is written by direct I/O (`O_DIRECT`): the bytes
/// go from a block-aligned buffer of the run's to the disk, not through the page cache. At 10M
/// charges the channel files are 1 GB; copied into the page cache, each of their 250k pages was
/// a page the kernel had to find and fill, a fifth of the output phase's CPU on a virtual
/// machine whose free memory goes back to its host (`dd` of 1000 MiB: 3.6 s of system time
/// buffered, 0.2 s direct), and the fsync before publishing then waited for all of it.
/// Direct I/O writes whole blocks only: flushed bytes gather in the aligned buffer, whole
/// blocks are written, and the last partial block is written without direct I/O at `close()`.
/// A file system that refuses direct I/O (at the open, as tmpfs does on older kernels, or at
/// the first write) gets the file written the usual way, as does every file when
/// `AVISO_BUFFERED_OUTPUT=1`.
///
/// Written the usual way, every `writebackStep` bytes written the kernel is asked to start
/// writing them to disk (`aviso_start_writeback`), so that a large file's pages go to disk
/// while the run composes the rest, not all inside `OutputPublisher.publish`'s fsync at the
/// end. The request is made on a thread of its own: the call does the file system's part of
/// the writing, and waits when the disk's queue is full (55 calls took 0.13 s, up to 23 ms
/// each), which on the writing thread held up the composing threads behind it.
final class OutputFile {
    /// The file's path.
    let path: String
    /// Pending bytes; callers append to it and call `flushIfLarge()`.
    var buffer: [UInt8] = []
    private var fd: Int32
    private static let chunk = 1 << 20
    /// Bytes flushed so far. Written directly, up to a block of them may wait in the aligned
    /// buffer until the next flush or `close()`; after `close()`, the file's size.
    private(set) var bytesWritten: Int64 = 0
    /// Whether the file is being written by direct I/O (false once it fell back).
    private(set) var writesDirectly: Bool
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

    /// The unit of a direct write: its address, offset and length are multiples of it (4 KiB
    /// covers the logical blocks of every common disk).
    static let directBlock = 4096
    /// Whether files are written by direct I/O where the file system allows it: unless
    /// `AVISO_BUFFERED_OUTPUT=1`.
    static let directByDefault = ProcessInfo.processInfo.environment["AVISO_BUFFERED_OUTPUT"] != "1"
    // The aligned buffer of direct writes (allocated at the first flush), its size, and the
    // bytes it holds, fewer than a block between flushes.
    private var block: UnsafeMutableRawPointer?
    private static let blockCapacity = chunk
    private var blockCount = 0
    // Tests move the aligned buffer off its alignment to make the kernel refuse a direct write.
    private let blockMisalignment: Int

    /// Creates (or truncates) the file, to be written by direct I/O when `direct` and the file
    /// system allows it.
    convenience init(path: String) throws {
        try self.init(path: path, direct: OutputFile.directByDefault)
    }

    /// Creates (or truncates) the file; with `direct`, by direct I/O where the file system
    /// allows it. `misalignedBy` (tests only) shifts the aligned buffer by that many bytes.
    init(path: String, direct: Bool, misalignedBy misalignment: Int = 0) throws {
        self.path = path
        blockMisalignment = misalignment
        var descriptor: Int32 = direct ? aviso_open_direct(path, 0o644) : -1
        writesDirectly = descriptor >= 0
        if descriptor < 0 { descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        fd = descriptor
        guard fd >= 0 else { throw OutputPublisher.failure("could not create an output file", path: path) }
        buffer.reserveCapacity(OutputFile.chunk + 4096)
    }

    deinit {
        block.map { ($0 - blockMisalignment).deallocate() }
        guard fd >= 0 else { return }
        waitForWriteback()
        _ = closeDescriptor(fd)
    }

    /// Writes the buffer out once it holds a chunk's worth.
    func flushIfLarge() throws {
        if buffer.count >= OutputFile.chunk { try flush() }
    }

    /// Writes every pending byte (written directly, all but the last partial block).
    func flush() throws {
        let written = buffer.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            return writesDirectly ? writeThroughBlock(base, count: raw.count) : POSIXIO.writeAll(fd, base, count: raw.count)
        }
        guard written else { throw OutputPublisher.failure("could not write an output file", path: path) }
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        if !writesDirectly && bytesWritten - writebackFrom >= OutputFile.writebackStep {
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

    /// Copies `count` bytes into the aligned buffer, writing its whole blocks whenever it is
    /// full and at the end; false, with `errno` set, when a write fails. Falls back to writing
    /// the usual way when the kernel refuses a direct write as such (EINVAL).
    private func writeThroughBlock(_ bytes: UnsafeRawPointer, count: Int) -> Bool {
        let block = alignedBlock()
        var offset = 0
        while offset < count {
            guard writesDirectly else { return POSIXIO.writeAll(fd, bytes + offset, count: count - offset) }
            let taken = min(count - offset, OutputFile.blockCapacity - blockCount)
            (block + blockCount).copyMemory(from: bytes + offset, byteCount: taken)
            blockCount += taken
            offset += taken
            let whole = blockCount / OutputFile.directBlock * OutputFile.directBlock
            guard whole > 0, blockCount == OutputFile.blockCapacity || offset == count else { continue }
            guard writeWholeBlocks(whole, of: block) else { return false }
        }
        return true
    }

    /// Writes the first `whole` bytes of the aligned buffer and moves what follows them (less
    /// than a block) to its start.
    private func writeWholeBlocks(_ whole: Int, of block: UnsafeMutableRawPointer) -> Bool {
        let written = POSIXIO.writeAsMuch(fd, block, count: whole)
        if written < whole {
            // EINVAL: the file system took the flag at the open but not this write (or a short
            // write left the next one off a block's bounds). What was written stays written.
            guard errno == EINVAL else { return false }
            writesDirectly = false
            return writeRestOfBlockWithoutDirectIO(from: written)
        }
        let rest = blockCount - whole
        // The rest is shorter than a block and `whole` is one at least: the two never overlap.
        if rest > 0 { block.copyMemory(from: block + whole, byteCount: rest) }
        blockCount = rest
        return true
    }

    /// Turns direct I/O off and writes the aligned buffer's bytes from `offset` on the usual
    /// way, leaving it empty.
    private func writeRestOfBlockWithoutDirectIO(from offset: Int) -> Bool {
        guard let block, aviso_end_direct(fd) == 0 else { return false }
        let pending = blockCount - offset
        blockCount = 0
        return POSIXIO.writeAll(fd, block + offset, count: pending)
    }

    private func alignedBlock() -> UnsafeMutableRawPointer {
        if let block { return block }
        let allocation = UnsafeMutableRawPointer.allocate(byteCount: OutputFile.blockCapacity + blockMisalignment,
                                                          alignment: OutputFile.directBlock)
        block = allocation + blockMisalignment
        return allocation + blockMisalignment
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
        // The last partial block: direct I/O writes whole blocks only.
        if writesDirectly, blockCount > 0, !writeRestOfBlockWithoutDirectIO(from: 0) {
            throw OutputPublisher.failure("could not write an output file", path: path)
        }
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
