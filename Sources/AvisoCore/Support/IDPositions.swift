import CSystemSupport

/// Ids found by their bytes, each with a position in a list kept elsewhere (the customers'
/// directory, the accounts): an open-addressing index (`ByteKeyIndex`) over the ids, each id's
/// bytes stored once after its position (4 bytes) and a word of the owner's (8 bytes, see
/// `setWord`) in an arena, so that a lookup compares against this small store, never against
/// the row's own text, and no `String` is made. Ids are matched byte for byte. Once nothing more
/// is added or set, any thread may look ids up.
struct IDPositions: Sendable {
    private var index: ByteKeyIndex
    private let ids = ByteArena()
    // Each entry: the position (4 bytes), the owner's word (8), then the id as `appendKey` lays it out.
    private static let prefix = 12

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
        guard case .vacant(let slot) = index.probe(hash: hash, matches: { ids.keyEquals(at: UInt32($0), prefix: Self.prefix, key) }) else {
            return nil
        }
        let place = ids.appendKey(key, prefix: Self.prefix) {
            $0.storeBytes(of: UInt32(position), as: UInt32.self)
            $0.storeBytes(of: 0, toByteOffset: 4, as: UInt64.self)
        }
        index.fill(slot, hash: hash, entry: Int(place))
        return place
    }

    /// The position of the id with exactly these bytes, or nil.
    @inline(__always)
    func position(ofID key: UnsafeRawBufferPointer) -> Int? {
        place(ofID: key).map(position(atPlace:))
    }

    /// The place of the stored id with exactly these bytes (as `add` returned it), or nil.
    @inline(__always)
    func place(ofID key: UnsafeRawBufferPointer) -> UInt32? {
        let ids = self.ids
        guard case .found(let place) = index.probe(hash: ByteKeyIndex.hash(key), matches: { ids.keyEquals(at: UInt32($0), prefix: Self.prefix, key) }) else {
            return nil
        }
        return UInt32(place)
    }

    /// The bytes of the id stored at `place` (as `add` returned it).
    func key(at place: UInt32) -> UnsafeRawBufferPointer {
        ids.key(at: place, prefix: Self.prefix)
    }

    /// The owner's word kept beside the id stored at `place`: 0 until `setWord` sets it. It
    /// lies on the cache line a lookup of the id reads anyway, so what a caller needs of the
    /// id's owner there costs no other miss.
    @inline(__always)
    func word(atPlace place: UInt32) -> UInt64 {
        ids.pointer(at: place).loadUnaligned(fromByteOffset: 4, as: UInt64.self)
    }

    /// Sets the word kept beside the id stored at `place`. For the thread that adds ids, before
    /// any other thread looks them up.
    func setWord(atPlace place: UInt32, _ word: UInt64) {
        UnsafeMutableRawPointer(mutating: ids.pointer(at: place)).storeBytes(of: word, toByteOffset: 4, as: UInt64.self)
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
