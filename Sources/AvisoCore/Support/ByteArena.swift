import Foundation

/// Bytes appended in blocks of fixed size that never move: a growing store of millions of
/// small keys without the doubling copies (and the twice-the-size moments) of one growing
/// array. A place in it is one 32-bit number: block index in the high bits, offset in the low.
final class ByteArena {
    /// Bits of a place that hold the offset within its block.
    static let offsetBits = 22
    private static let blockSize = 1 << offsetBits
    private var blocks: [UnsafeMutableRawPointer] = []
    private var used = blockSize

    init() {}

    deinit {
        for block in blocks { free(block) }
    }

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

    /// The bytes at a place returned by `append`.
    @inline(__always)
    func pointer(at place: UInt32) -> UnsafeRawPointer {
        UnsafeRawPointer(blocks[Int(place >> UInt32(Self.offsetBits))] + Int(place & UInt32(Self.blockSize - 1)))
    }
}
