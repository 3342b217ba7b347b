import Foundation

/// The charge ids seen so far in a charges file, to reject a repeated id (DUPLICATE_ID) while
/// streaming millions of rows: the ids' bytes sit one after the other in a `ByteArena`, each
/// after its length, and a `ByteKeyIndex` finds them. No `String` and no allocation per id.
/// The arena is a reference: a copy of a set shares it, so a set is used where it was made.
struct ChargeIDSet {
    private let arena = ByteArena()
    private var index = ByteKeyIndex(expected: 1 << 16)

    /// Number of distinct ids.
    var count: Int { index.count }

    /// Adds an id; false when it was already there.
    mutating func insert(_ id: UnsafeRawBufferPointer) -> Bool {
        index.reserveOne()
        let hash = ByteKeyIndex.hash(id)
        guard case .vacant(let slot) = probe(hash: hash, id) else { return false }
        // The length, 7 bits per byte, low bits first, high bit set on all but the last byte.
        var headerCount = 1
        while id.count >> (7 * headerCount) > 0 { headerCount += 1 }
        let place = arena.append(count: headerCount + id.count) { target in
            var length = id.count
            for k in 0..<headerCount {
                let more = k < headerCount - 1
                target.storeBytes(of: UInt8(length & 0x7F) | (more ? 0x80 : 0), toByteOffset: k, as: UInt8.self)
                length >>= 7
            }
            if id.count > 0 { (target + headerCount).copyMemory(from: id.baseAddress!, byteCount: id.count) }
        }
        index.fill(slot, hash: hash, entry: Int(place))
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

    private func probe(hash: UInt64, _ id: UnsafeRawBufferPointer) -> ByteKeyIndex.Probe {
        let arena = self.arena
        return index.probe(hash: hash) { Self.equal(arena.pointer(at: UInt32($0)), id) }
    }

    @inline(__always)
    private static func equal(_ stored: UnsafeRawPointer, _ key: UnsafeRawBufferPointer) -> Bool {
        var position = 0
        var length = 0
        var shift = 0
        while true {
            let byte = stored.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard length == key.count else { return false }
        return length == 0 || memcmp(stored + position, key.baseAddress!, length) == 0
    }
}
