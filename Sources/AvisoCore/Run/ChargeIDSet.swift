import Foundation

/// The charge ids seen so far in a charges file, to reject a repeated id (DUPLICATE_ID) while
/// streaming millions of rows: the ids' bytes sit one after the other in one arena, each after
/// its length, and a `ByteKeyIndex` finds them. No `String` and no allocation per id.
struct ChargeIDSet {
    private var arena: [UInt8] = []
    private var index = ByteKeyIndex(expected: 1 << 16)

    /// Number of distinct ids.
    var count: Int { index.count }

    /// Adds an id; false when it was already there.
    mutating func insert(_ id: UnsafeRawBufferPointer) -> Bool {
        index.reserveOne()
        let hash = ByteKeyIndex.hash(id)
        guard case .vacant(let slot) = probe(hash: hash, id) else { return false }
        index.fill(slot, hash: hash, entry: self.arena.count)
        // The length, 7 bits per byte, low bits first, high bit set on all but the last byte.
        var length = id.count
        while length >= 0x80 {
            arena.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        arena.append(UInt8(length))
        arena.append(contentsOf: id)
        return true
    }

    /// Whether the id is in the set.
    func contains(_ id: UnsafeRawBufferPointer) -> Bool {
        if case .found = probe(hash: ByteKeyIndex.hash(id), id) { return true }
        return false
    }

    /// Whether the id is in the set.
    func contains(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { contains(UnsafeRawBufferPointer($0)) }
    }

    /// Adds an id; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
    }

    // The arena is read through a pointer while probing: no reference count per lookup, and
    // appending to it afterwards does not copy it.
    private func probe(hash: UInt64, _ id: UnsafeRawBufferPointer) -> ByteKeyIndex.Probe {
        arena.withUnsafeBytes { stored in
            index.probe(hash: hash) { Self.equal(stored, at: $0, id) }
        }
    }

    @inline(__always)
    private static func equal(_ stored: UnsafeRawBufferPointer, at offset: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        var position = offset
        var length = 0
        var shift = 0
        while true {
            let byte = stored[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard length == key.count else { return false }
        return length == 0 || memcmp(stored.baseAddress! + position, key.baseAddress!, length) == 0
    }
}
