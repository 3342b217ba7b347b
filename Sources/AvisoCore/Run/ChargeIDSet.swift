import Foundation

/// A set of charge ids tested once per charge row (the run keeps the charges named by resend
/// requests in one): the ids' bytes sit one after the other in a `ByteArena`, each after its
/// length, and a `ByteKeyIndex` finds them. No `String` and no allocation per id. (Repeated
/// ids in the charges file are found by `ChargeIDClaims`, on the decoding threads.)
/// The arena is a reference: a copy of a set shares it, so a set is used where it was made.
struct ChargeIDSet {
    private let arena = ByteArena()
    private var index: ByteKeyIndex

    /// An empty set sized for about `expected` ids (it grows past that). The run tests every
    /// charge row against its set: an index sized to the few ids it holds stays in cache.
    init(expected: Int = 16) {
        index = ByteKeyIndex(expected: expected)
    }

    /// Number of distinct ids.
    var count: Int { index.count }

    /// Adds an id; false when it was already there.
    mutating func insert(_ id: UnsafeRawBufferPointer) -> Bool {
        index.reserveOne()
        let hash = ByteKeyIndex.hash(id)
        guard case .vacant(let slot) = probe(hash: hash, id) else { return false }
        let place = arena.appendKey(id)
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
        return index.probe(hash: hash) { arena.keyEquals(at: UInt32($0), id) }
    }
}
