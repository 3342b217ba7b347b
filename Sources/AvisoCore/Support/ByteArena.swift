import Foundation

/// Bytes appended in blocks of fixed size that never move: a growing store of millions of
/// small keys without the doubling copies (and the twice-the-size moments) of one growing
/// array. A place in it is one 32-bit number: block index in the high bits, offset in the low.
///
/// Appending is for one thread at a time; the bytes at places already returned may be read
/// from any thread once the appends are published (the arenas are built, then only read).
final class ByteArena: @unchecked Sendable {
    /// Bits of a place that hold the offset within its block.
    static let offsetBits = 22
    private static let blockSize = 1 << offsetBits
    private var blocks: [UnsafeMutableRawPointer] = []
    private var used = blockSize

    init() {}

    deinit {
        for block in blocks { free(block) }
    }

    /// Whether `count` more bytes fit (`append` stops the process when the arena is full: its
    /// places are 32-bit, 4 GiB in all).
    func canAppend(count: Int) -> Bool {
        count <= Self.blockSize && (used + count <= Self.blockSize || blocks.count < (1 << (32 - Self.offsetBits)) - 1)
    }

    /// Blocks taken so far.
    var blockCount: Int { blocks.count }

    /// Copies `count` bytes written by `write` into the arena and returns their place. A run
    /// of bytes never straddles two blocks; `count` must not exceed one block.
    func append(count: Int, _ write: (UnsafeMutableRawPointer) -> Void) -> UInt32 {
        precondition(count <= Self.blockSize, "a key of \(count) bytes is longer than an arena block")
        if used + count > Self.blockSize {
            // One block fewer than the places allow, so that no place is 0xFFFF_FFFF.
            precondition(blocks.count < (1 << (32 - Self.offsetBits)) - 1, "ByteArena is full")
            blocks.append(malloc(Self.blockSize)!)
            used = 0
        }
        let place = UInt32(blocks.count - 1) << UInt32(Self.offsetBits) | UInt32(used)
        write(blocks[blocks.count - 1] + used)
        used += count
        return place
    }

    /// Stores a key: `prefix` bytes that `writePrefix` fills (a caller's own data, e.g. a
    /// number), then the key as `KeyEncoding` lays it out. Returns its place.
    func appendKey(_ key: UnsafeRawBufferPointer, prefix: Int = 0,
                   _ writePrefix: (UnsafeMutableRawPointer) -> Void = { _ in }) -> UInt32 {
        append(count: prefix + KeyEncoding.headerCount(key.count) + key.count) { target in
            writePrefix(target)
            KeyEncoding.write(key, to: target + prefix)
        }
    }

    /// Whether the key stored at `place` by `appendKey` (with the same `prefix`) equals `key`.
    @inline(__always)
    func keyEquals(at place: UInt32, prefix: Int = 0, _ key: UnsafeRawBufferPointer) -> Bool {
        let stored = self.key(at: place, prefix: prefix)
        guard stored.count == key.count else { return false }
        // Ids are short (a charge's is 16 bytes): compared a word at a time here rather than
        // through a call to memcmp, which costs more than the comparison itself.
        let count = stored.count
        var offset = 0
        while offset + 8 <= count {
            guard stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == key.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        while offset < count {
            guard stored[offset] == key[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// The key stored at `place` by `appendKey` (with the same `prefix`).
    @inline(__always)
    func key(at place: UInt32, prefix: Int = 0) -> UnsafeRawBufferPointer {
        let stored = pointer(at: place)
        // A key never straddles two blocks: its header ends within the block.
        let offset = Int(place & UInt32(Self.blockSize - 1))
        let (length, headerCount) = KeyEncoding.readHeader(stored + prefix, available: Self.blockSize - offset - prefix)
        return UnsafeRawBufferPointer(start: stored + prefix + headerCount, count: length)
    }

    /// The bytes at a place returned by `append`.
    @inline(__always)
    func pointer(at place: UInt32) -> UnsafeRawPointer {
        UnsafeRawPointer(blocks[Int(place >> UInt32(Self.offsetBits))] + Int(place & UInt32(Self.blockSize - 1)))
    }
}
