import CSystemSupport

/// An open-addressing hash index from byte strings (ids as they appear in the export) to
/// small integers, for the lookups a run makes once per charge: the customer of a charge and
/// whether its id was seen before. Keys are not stored here: the caller keeps them (in an
/// arena, or in the records themselves) and answers "is entry `n` equal to this key?", so a
/// lookup hashes the bytes once and never builds a `String`.
///
/// A slot keeps the upper 32 bits of the hash, which also place it, so the index grows without
/// asking for the keys again. The hash is fixed (not seeded per process), so the index behaves the same on every run.
struct ByteKeyIndex {
    /// 0 = empty; otherwise the upper 32 bits of the key's hash and the entry number + 1.
    private var slots: [UInt64]
    private var mask: Int
    /// Number of entries.
    private(set) var count = 0

    /// An index sized for about `expected` entries (it grows as needed).
    init(expected: Int = 0) {
        self.init(slotsFor: max(expected, 0) * 2)
    }

    /// An index with room for `entries` entries before it grows (it grows when three quarters
    /// full): sized from a count known or estimated before the first entry, it skips the
    /// doublings (each a new table to fill, and every entry placed again) on the way there.
    init(holding entries: Int) {
        self.init(slotsFor: (max(entries, 0) * 4 + 2) / 3)
    }

    /// An empty index of the smallest power of two of slots, 16 at least, that is `wanted` or more.
    private init(slotsFor wanted: Int) {
        var capacity = 16
        while capacity < wanted { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The 64-bit hash of a key.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var offset = 0
        let count = key.count
        while offset + 8 <= count {
            let word = key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = mix(state ^ word, 0xA076_1D64_78BD_642F)
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(key[offset]) << shift
                shift += 8
                offset += 1
            }
            state = mix(state ^ tail, 0xE703_7ED1_A0B4_28DB)
        }
        state ^= state >> 33
        state &*= 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 33
        return state
    }

    /// Where a key stands: the entry with an equal key, or the empty slot where it would go.
    enum Probe {
        case found(Int)
        case vacant(slot: Int)
    }

    /// Makes room for one more entry (call before `probe` when about to `fill`); true when the
    /// index grew to make it (its slots moved: see `slotTable`).
    @discardableResult @inline(__always)
    mutating func reserveOne() -> Bool {
        guard (count + 1) * 4 > slots.count * 3 else { return false }
        grow()
        return true
    }

    /// The slot where a lookup of the key hashed to `hash` begins.
    @inline(__always)
    private func firstSlot(_ hash: UInt64) -> Int {
        Self.firstSlot(hash, mask: mask)
    }

    /// The slot where a lookup of `hash` begins in a table of `mask + 1` slots.
    @inline(__always)
    private static func firstSlot(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 32) & mask
    }

    /// Looks the key hashed to `hash` up, as told by `matches(entry)`.
    @inline(__always)
    func probe(hash: UInt64, matches: (Int) -> Bool) -> Probe {
        let tag = hash >> 32
        var slot = firstSlot(hash)
        while true {
            let content = slots[slot]
            if content == 0 { return .vacant(slot: slot) }
            if content >> 32 == tag {
                let entry = Int(content & 0xFFFF_FFFF) - 1
                if matches(entry) { return .found(entry) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// `probe` for an index its caller may change (memory of its own, a stored `var` of an
    /// object): read in place. Called on such storage, `probe` is given a copy of the index,
    /// whose slots' array is retained and released around `matches` (nothing stops `matches`
    /// from changing the storage); an `inout` index cannot change under the call.
    @inline(__always)
    mutating func probeInPlace(hash: UInt64, matches: (Int) -> Bool) -> Probe {
        probe(hash: hash, matches: matches)
    }

    /// Asks for the slot where a lookup of the key hashed to `hash` begins (see `RowPrefetch`).
    @inline(__always)
    func prefetchSlot(hash: UInt64) {
        slots.withUnsafeBufferPointer { Self.prefetchSlot(hash: hash, address: UInt(bitPattern: $0.baseAddress), mask: mask) }
    }

    /// `prefetchSlot(hash:)` asked in place, for an index inside a value being changed (see
    /// `probeInPlace`): the slots are reached through their address, not a copy of the index.
    @inline(__always)
    mutating func prefetchSlotInPlace(hash: UInt64) {
        let mask = mask
        slots.withUnsafeMutableBufferPointer { Self.prefetchSlot(hash: hash, address: UInt(bitPattern: $0.baseAddress), mask: mask) }
    }

    /// The entry of the first slot holding the hash's upper 32 bits, looking from the slot
    /// where a lookup of `hash` begins up to the first empty slot (8 slots at most), else nil:
    /// a guess, for asking ahead for the entry's key (see `RowPrefetch`), which `probe` still
    /// checks. A key displaced by others (1,538 of 5,000 customer ids in a test) sits a slot or
    /// two on, most often in the cache line `prefetchSlot` asked for: stopping at the first
    /// slot left those keys' bytes, and what they lead to, to be missed when needed.
    @inline(__always)
    func firstCandidate(hash: UInt64) -> Int? {
        let tag = hash >> 32
        var slot = firstSlot(hash)
        for _ in 0..<Self.candidateSlots {
            let content = slots[slot]
            if content == 0 { return nil }
            if content >> 32 == tag { return Int(content & 0xFFFF_FFFF) - 1 }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The most slots `firstCandidate` reads.
    static let candidateSlots = 8

    /// Where the slots are, and the mask of a slot number, for asking for a slot from another
    /// thread while this index may grow (`ChargeIDClaims`): the address is good until the index
    /// next grows, and is only ever a hint for `aviso_prefetch`, never read through.
    var slotTable: (address: UInt, mask: Int) {
        slots.withUnsafeBufferPointer { (UInt(bitPattern: $0.baseAddress), mask) }
    }

    /// Asks for the slot where a lookup of `hash` begins, in the table a `slotTable` read on
    /// another thread describes (address 0: nothing to ask for). Only a hint.
    @inline(__always)
    static func prefetchSlot(hash: UInt64, address: UInt, mask: Int) {
        guard let base = UnsafePointer<UInt64>(bitPattern: address) else { return }
        aviso_prefetch(base + firstSlot(hash, mask: mask))
    }

    /// Puts entry `entry` into the vacant slot `probe` returned (no change in between).
    @inline(__always)
    mutating func fill(_ slot: Int, hash: UInt64, entry: Int) {
        precondition(entry < 0xFFFF_FFFF, "ByteKeyIndex holds entries below 2^32 - 1")
        slots[slot] = (hash >> 32) << 32 | UInt64(entry + 1)
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for content in old where content != 0 {
            var slot = Int(truncatingIfNeeded: content >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = content
        }
    }

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
