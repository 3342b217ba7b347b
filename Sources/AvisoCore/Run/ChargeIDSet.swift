import CSystemSupport
import Foundation

/// A set of charge ids tested once per charge row (the run keeps the charges named by resend
/// requests in one): the ids' bytes sit one after the other in a `ByteArena`, each after its
/// length, and a `ByteKeyIndex` finds them, behind a bit filter that turns most absent ids away
/// at once. No `String` and no allocation per id. (Repeated ids in the charges file are found
/// by `ChargeIDClaims`, on the decoding threads.)
/// The arena is a reference: a copy of a set shares it, so a set is used where it was made.
struct ChargeIDSet {
    private let arena = ByteArena()
    private var index: ByteKeyIndex
    // One bit per value of the hash's low bits, set for every id held: 16 bits or more per id
    // expected, so that a test of an id not held (nearly every charge row's) reads one word of a
    // small filter and stops there 15 times in 16, instead of probing the index. Its size is
    // fixed: past `expected` ids it lets more absent ids through to the index, never fewer
    // present ones.
    private var filter: [UInt64]

    /// An empty set sized for about `expected` ids (it grows past that, its filter turning fewer
    /// absent ids away). The run tests every charge row against its set: an index and a filter
    /// sized to the few ids it holds stay in cache.
    init(expected: Int = 16) {
        index = ByteKeyIndex(expected: expected)
        filter = Array(repeating: 0, count: Self.filterWords(for: expected))
    }

    /// The words of a filter with at least 16 bits per id, a power of two of them, 1 at least.
    private static func filterWords(for ids: Int) -> Int {
        var words = 1
        while words * 64 < ids * 16 { words <<= 1 }
        return words
    }

    /// The filter word and bit of a hash.
    @inline(__always)
    private func filterBit(_ hash: UInt64) -> (word: Int, bit: UInt64) {
        let position = Int(truncatingIfNeeded: hash) & (filter.count * 64 - 1)
        return (position >> 6, 1 << UInt64(position & 63))
    }

    /// Whether an id of this hash may be held (false: it is not).
    @inline(__always)
    private func mayContain(_ hash: UInt64) -> Bool {
        let (word, bit) = filterBit(hash)
        return filter[word] & bit != 0
    }

    private mutating func addToFilter(_ hash: UInt64) {
        let (word, bit) = filterBit(hash)
        filter[word] |= bit
    }

    /// Asks for the filter word a test of an id of this hash reads first (see `RowPrefetch`).
    @inline(__always)
    func prefetchFilter(hash: UInt64) {
        let word = filterBit(hash).word
        filter.withUnsafeBufferPointer { aviso_prefetch($0.baseAddress! + word) }
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
        addToFilter(hash)
        return true
    }

    /// Whether the id is in the set.
    func contains(_ id: UnsafeRawBufferPointer) -> Bool {
        contains(id, hash: ByteKeyIndex.hash(id))
    }

    /// `contains(_:)` with the id's `ByteKeyIndex.hash` worked out already (a charge's, for its
    /// claim: see `ExportSnapshot.readCharges`).
    func contains(_ id: UnsafeRawBufferPointer, hash: UInt64) -> Bool {
        guard mayContain(hash) else { return false }
        if case .found = probe(hash: hash, id) { return true }
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
