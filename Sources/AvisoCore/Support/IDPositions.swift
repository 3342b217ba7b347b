import CSystemSupport

/// Ids found by their bytes, each with a position in a list kept elsewhere (the customers'
/// directory, the accounts): an open-addressing index (`ByteKeyIndex`) over the ids, each id's
/// bytes stored once after its position (4 bytes) in an arena, so that a lookup compares against
/// this small store, never against the row's own text, and no `String` is made. Ids are matched
/// byte for byte. Once nothing more is added, any thread may look ids up.
struct IDPositions: Sendable {
    private var index: ByteKeyIndex
    private let ids = ByteArena()

    /// An empty index expecting about `expected` ids.
    init(expected: Int = 0) {
        index = ByteKeyIndex(expected: expected)
    }

    /// An empty index with room for `holding` ids before it grows (see `ByteKeyIndex(holding:)`).
    init(holding: Int) {
        index = ByteKeyIndex(holding: holding)
    }

    /// The ids of `ids`, each at its offset in the sequence; an id already there keeps its first
    /// position.
    init(_ ids: some Collection<String>) {
        self.init(expected: ids.count)
        for (position, id) in ids.enumerated() {
            _ = TextBytes.withUTF8(id) { add(UnsafeRawBufferPointer($0), position: position) }
        }
    }

    /// Adds `key` at `position`: the place of its stored bytes (see `key(at:)`), or nil when the
    /// id is already there (nothing is added).
    mutating func add(_ key: UnsafeRawBufferPointer, position: Int) -> UInt32? {
        add(key, hash: ByteKeyIndex.hash(key), position: position)
    }

    /// `add(_:position:)` with the key's `ByteKeyIndex.hash` already worked out.
    mutating func add(_ key: UnsafeRawBufferPointer, hash: UInt64, position: Int) -> UInt32? {
        precondition(position >= 0 && position <= Int(UInt32.max), "a position is below 2^32")
        index.reserveOne()
        let ids = self.ids
        guard case .vacant(let slot) = index.probe(hash: hash, matches: { ids.keyEquals(at: UInt32($0), prefix: 4, key) }) else {
            return nil
        }
        let place = ids.appendKey(key, prefix: 4) { $0.storeBytes(of: UInt32(position), as: UInt32.self) }
        index.fill(slot, hash: hash, entry: Int(place))
        return place
    }

    /// The position of the id with exactly these bytes, or nil.
    @inline(__always)
    func position(ofID key: UnsafeRawBufferPointer) -> Int? {
        let ids = self.ids
        guard case .found(let place) = index.probe(hash: ByteKeyIndex.hash(key), matches: { ids.keyEquals(at: UInt32($0), prefix: 4, key) }) else {
            return nil
        }
        return position(atPlace: UInt32(place))
    }

    /// The bytes of the id stored at `place` (as `add` returned it).
    func key(at place: UInt32) -> UnsafeRawBufferPointer {
        ids.key(at: place, prefix: 4)
    }

    /// The position of the id stored at `place`.
    @inline(__always)
    func position(atPlace place: UInt32) -> Int {
        Int(ids.pointer(at: place).loadUnaligned(as: UInt32.self))
    }

    // MARK: Looking an id up ahead (`RowPrefetch`)

    /// Asks for the index slot of an id whose hash is `hash` (`ByteKeyIndex.hash`).
    @inline(__always)
    func prefetchSlot(hash: UInt64) {
        index.prefetchSlot(hash: hash)
    }

    /// `prefetchSlot(hash:)` asked in place (see `ByteKeyIndex.prefetchSlotInPlace`).
    @inline(__always)
    mutating func prefetchSlotInPlace(hash: UInt64) {
        index.prefetchSlotInPlace(hash: hash)
    }

    /// Asks for the stored bytes of the id `ByteKeyIndex.firstCandidate` names for `hash` (the
    /// first slot from the hash's own holding its upper 32 bits), and returns their place; nil
    /// when it names none.
    @inline(__always)
    func prefetchCandidate(hash: UInt64) -> UInt32? {
        guard let entry = index.firstCandidate(hash: hash) else { return nil }
        let place = UInt32(truncatingIfNeeded: entry)
        aviso_prefetch(ids.pointer(at: place))
        return place
    }
}
