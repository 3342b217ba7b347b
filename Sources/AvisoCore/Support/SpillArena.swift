import Foundation

/// Bytes appended in fixed-size blocks, as `ByteArena`, but with every full block written out
/// to an unlinked temporary file and let go: only the block being filled stays in memory.
/// For what a run must keep but rarely reads again: the id of every charge, against which
/// only a repeat or a hash collision is compared; the message context of every charge with
/// messages, read once per message when the messages are composed; the text of every customer
/// of a gzip or XML file, of which a run reads back the few that send something. At 10M
/// charges and 2M customers that is 327 MB (CSV) to 726 MB (gzip, XML) the kernel may write
/// back and drop under memory pressure, which it cannot do with the process's own memory
/// (there is no swap on most servers).
///
/// Without a file (no folder given, or it could not be made) every block stays in memory, and
/// a block the file cannot take (a write that fails, a full disk) stays in memory too: nothing
/// is lost, the run only keeps more. A place is the byte's position in the appended stream; a
/// run of bytes never straddles two blocks.
///
/// Appending (and `overwrite`) is for one thread at a time, and reading a place while another
/// thread appends needs the same lock; once appends are done, any thread may read.
final class SpillArena: @unchecked Sendable {
    private let blockBits: Int
    private let blockSize: Int
    // Each block's memory, or nil when it is in the file at its own place (`index << blockBits`).
    // A `RawList`: the composing threads read it for every message, and an array's buffer would
    // be retained and released by both each time.
    private var blocks = RawList<UnsafeMutableRawPointer?>()
    private var used: Int
    private let descriptor: Int32
    // The file mapped for reading once appending is over (`mapForReading`), or nil.
    private var mapping: UnsafeRawPointer?
    private var mappedCount = 0
    // Where the file's written bytes end.
    private var fileEnd = 0
    /// Bytes written to the file so far (the page cache the arena uses instead of memory).
    private(set) var spilledBytes = 0
    /// Bytes every arena of the process has written out so far (a run reports its share).
    static let processSpilledBytes = AtomicCounter()

    /// `AVISO_SPILL_BLOCK_BITS`, when set, replaces every arena's block size: a test sets it
    /// low so that a small export's run writes most of what it keeps out and reads it back.
    static let blockBitsOverride: Int? = ProcessInfo.processInfo.environment["AVISO_SPILL_BLOCK_BITS"]
        .flatMap(Int.init).map { min(max($0, 10), 30) }

    /// An arena of blocks of `1 << blockBits` bytes, written out to a temporary file made in
    /// `directory` (removed from the folder at once, so no crash leaves it behind), or kept in
    /// memory when `directory` is nil or the file cannot be made there.
    init(blockBits: Int = 22, directory: String?) {
        let blockBits = directory == nil ? blockBits : Self.blockBitsOverride ?? blockBits
        precondition(blockBits >= 6 && blockBits < 40, "a block is 64 bytes to 512 GiB")
        self.blockBits = blockBits
        blockSize = 1 << blockBits
        used = blockSize
        descriptor = directory.map(Self.makeUnlinkedFile(in:)) ?? -1
    }

    deinit {
        blocks.withUnsafeBufferPointer { blocks in
            for case let block? in blocks { free(block) }
        }
        if let mapping { munmap(UnsafeMutableRawPointer(mutating: mapping), mappedCount) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Maps the file for reading, once no more bytes will be appended: a key in the file is
    /// then read from the mapping (a page fault per page first touched) rather than with a
    /// `pread` per key. For an arena read many times over after it is built (the message
    /// contexts, once per message). Nothing changes when the mapping cannot be made.
    func mapForReading() {
        guard descriptor >= 0, mapping == nil, fileEnd > 0 else { return }
        let mapped = mmap(nil, fileEnd, PROT_READ, MAP_SHARED, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { return }
        mapping = UnsafeRawPointer(mapped)
        mappedCount = fileEnd
    }

    /// Whether full blocks go to a file (false: the arena is all in memory).
    var spills: Bool { descriptor >= 0 }

    /// Blocks held in memory now (for tests).
    var blocksInMemory: Int { blocks.withUnsafeBufferPointer { $0.reduce(0) { $0 + ($1 == nil ? 0 : 1) } } }

    /// Whether `appendKey` takes a key of `count` bytes after `prefix` bytes (it must fit a block).
    func fitsKey(count: Int, prefix: Int) -> Bool {
        prefix + KeyEncoding.headerCount(count) + count <= blockSize
    }

    /// Copies `count` bytes written by `write` into the arena and returns their place.
    func append(count: Int, _ write: (UnsafeMutableRawPointer) -> Void) -> UInt64 {
        precondition(count <= blockSize, "\(count) bytes are more than an arena block")
        if used + count > blockSize { startBlock() }
        let place = UInt64((blocks.count - 1) << blockBits + used)
        write(blocks[blocks.count - 1]! + used)
        used += count
        return place
    }

    /// Stores a key as `ByteArena.appendKey` does (`prefix` bytes of the caller's, then the key
    /// as `KeyEncoding` lays it out) and returns its place.
    func appendKey(_ key: UnsafeRawBufferPointer, prefix: Int = 0,
                   _ writePrefix: (UnsafeMutableRawPointer) -> Void = { _ in }) -> UInt64 {
        append(count: prefix + KeyEncoding.headerCount(key.count) + key.count) { target in
            writePrefix(target)
            KeyEncoding.write(key, to: target + prefix)
        }
    }

    /// Calls `body` with the `prefix` bytes stored before the key at `place` and the key's
    /// bytes (as `appendKey` stored them). A key in the file is read with one `pread` when it
    /// is up to 512 bytes long, two when it is longer.
    func withKey<R>(at place: UInt64, prefix: Int = 0,
                    _ body: (_ prefix: UnsafeRawBufferPointer, _ key: UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let blockIndex = Int(place >> UInt64(blockBits))
        let offset = Int(place) & (blockSize - 1)
        // The prefix and key stored from `stored` on, whose header is read from `available` bytes.
        func callBody(_ stored: UnsafeRawPointer, available: Int) throws -> R {
            let (length, headerCount) = KeyEncoding.readHeader(stored + prefix, available: available - prefix)
            return try body(UnsafeRawBufferPointer(start: stored, count: prefix),
                            UnsafeRawBufferPointer(start: stored + prefix + headerCount, count: length))
        }
        if let block = blocks[blockIndex] {
            return try callBody(block + offset, available: blockSize - offset)
        }
        if let mapping, Int(place) < mappedCount {
            // A block in the mapping was written whole up to its used end; a key never passes it.
            return try callBody(mapping + Int(place), available: mappedCount - Int(place))
        }
        // A key of up to 512 bytes comes in the first read (a message context or a customer's
        // packed text is some 200–250: a window of 128 made most of them two reads); the
        // window never passes its block's end.
        let window = min(prefix + 512, blockSize - offset)
        return try withUnsafeTemporaryAllocation(byteCount: window, alignment: 8) { buffer in
            let got = readFile(into: buffer.baseAddress!, count: window, at: Int(place), partialAllowed: true)
            let (length, headerCount) = KeyEncoding.readHeader(buffer.baseAddress! + prefix, available: got - prefix)
            let whole = prefix + headerCount + length
            if whole <= got { return try callBody(buffer.baseAddress!, available: got) }
            return try withUnsafeTemporaryAllocation(byteCount: whole, alignment: 8) { long in
                _ = readFile(into: long.baseAddress!, count: whole, at: Int(place), partialAllowed: false)
                return try callBody(long.baseAddress!, available: whole)
            }
        }
    }

    /// Asks for the memory of the key at `place` when it is in memory or in the mapping (see
    /// `mapForReading`); nothing for a key read with `pread`. Only a hint: a page of the
    /// mapping not yet touched is not faulted in by it.
    @inline(__always)
    func prefetch(at place: UInt64) {
        let blockIndex = Int(place >> UInt64(blockBits))
        guard blockIndex < blocks.count else { return }
        if let block = blocks[blockIndex] {
            Prefetch.bytes(at: UnsafeRawPointer(block + (Int(place) & (blockSize - 1))))
        } else if let mapping, Int(place) < mappedCount {
            Prefetch.bytes(at: mapping + Int(place))
        }
    }

    /// Replaces `bytes.count` bytes at `place` (within what was appended there).
    func overwrite(at place: UInt64, with bytes: UnsafeRawBufferPointer) {
        let blockIndex = Int(place >> UInt64(blockBits))
        let offset = Int(place) & (blockSize - 1)
        precondition(offset + bytes.count <= blockSize, "an overwrite within one block")
        if let block = blocks[blockIndex] {
            (block + offset).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            return
        }
        // Bytes already written there: no new space is asked of the disk.
        guard writeOut(bytes.baseAddress!, count: bytes.count, at: Int(place)) else {
            fatalError("could not write \(bytes.count) bytes of the run's temporary file at \(place): \(String(cString: strerror(errno)))")
        }
    }

    /// Reads `count` bytes at `place` of the file. Stops the process when the file gives back
    /// less than was written to it (it is the run's own, unlinked: only a failing disk does).
    private func readFile(into buffer: UnsafeMutableRawPointer, count: Int, at place: Int, partialAllowed: Bool) -> Int {
        let got = POSIXIO.readAll(descriptor, into: buffer, count: count, at: place)
        guard got == count || (partialAllowed && got > 0) else {
            fatalError("could not read the run's temporary file at \(place) (\(got) of \(count) bytes): \(String(cString: strerror(errno)))")
        }
        return got
    }

    /// Writes the full block out (keeping it when the file does not take it) and starts another.
    private func startBlock() {
        if let last = blocks.last, let block = last, descriptor >= 0, writeOut(block, count: used, at: (blocks.count - 1) << blockBits) {
            free(block)
            blocks[blocks.count - 1] = nil
            spilledBytes += used
            fileEnd = (blocks.count - 1) << blockBits + used
            Self.processSpilledBytes.add(used)
        }
        blocks.append(malloc(blockSize)!)
        used = 0
    }

    /// Writes `count` bytes at `place` of the file; false when the file does not take them all.
    private func writeOut(_ block: UnsafeRawPointer, count: Int, at place: Int) -> Bool {
        POSIXIO.writeAll(descriptor, block, count: count, at: place)
    }

    /// A new file in `directory`, already unlinked, or -1.
    private static func makeUnlinkedFile(in directory: String) -> Int32 {
        var template = Array((directory + "/.aviso-spill-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return -1 }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return descriptor
    }
}
