import CSystemSupport
import Foundation

/// Which charge rows are the first valid row of their id, worked out on the decoding threads
/// (the run's own thread only asks), so that checking 10M ids costs the run's critical path
/// nothing but one lookup of a rarely non-empty set.
///
/// Rows are decoded out of order, in chunks on several threads, but each row has its record
/// number (its place in the file). A row claims its id with its number; the smallest number
/// wins. When a row finds its id claimed by an earlier row, `claim` says it is a duplicate.
/// When it finds it claimed by a *later* row (a chunk further on was decoded first), the row
/// takes the claim over and the later row is set down as a late duplicate. The reader hands
/// the rows to the run in file order, and a chunk only after it and all chunks before it are
/// decoded, so by the time the run reaches a row, every row before it has claimed: the row's
/// verdict (`claim`'s answer, then `lateDuplicateID`) is final and is the one a single thread
/// reading in order would give.
///
/// Ids are kept as bytes (with the claiming number) in 16 shards, each with its own spin lock
/// (`SpinLock`: held for one probe, by one of the two decoding threads at a time), its own
/// open-addressing index and block arena: no `String` and no allocation per id (but for a
/// late duplicate, rare, whose id is kept as text for its reject). An index slot keeps 32 bits
/// of the id's hash, so an id's bytes are read back only for a repeat or a collision of those
/// bits (a few thousand at 10M ids): the arenas write their full blocks out to a temporary
/// file when given a folder (`SpillArena`), which keeps 200 MB of 10M ids out of memory.
final class ChargeIDClaims: @unchecked Sendable {
    private static let shardBits = 4
    /// The shards, lent to `claim` without a reference count (see `LentObjects`).
    private let shards: LentObjects<Shard>
    // Where each shard's index slots are and their mask, two words a shard, for `prefetch`:
    // written only when an index grows, read for every row by both decoding threads. Apart
    // from the shards, whose every claim writes their objects, and on lines of their own (see
    // `CacheLine`): read from the shard objects, they were a miss most times, about 80% of the
    // look ahead's own samples at 10M charges.
    private let slotTables: UnsafeMutablePointer<UInt>
    // Guarded by `lateLock`; `lateCount` lets the run skip the lock while it is empty.
    private let lateLock = NSLock()
    // A late duplicate's id, kept as text (they are rare): a row the reader settled as only
    // counted reaches the run without its row, and its reject still names the id.
    private var late: [Int: String] = [:]
    private let lateCount = AtomicCounter()

    /// Claims whose ids are kept in memory, or, with `spillDirectory`, written out to a
    /// temporary file made there (see `SpillArena`), with room for about `expected` ids before
    /// the shards' indexes grow. `blockBits` sets the size of the arenas' blocks (tests make
    /// them small, to write many out).
    init(spillDirectory: String? = nil, expected: Int = 0, blockBits: Int = 18) {
        let perShard = max(expected, 0) >> Self.shardBits
        let tables = CacheLine.allocate(UInt.self, count: 2 << Self.shardBits)
        tables.initialize(repeating: 0, count: 2 << Self.shardBits)
        slotTables = tables
        shards = LentObjects((0..<(1 << Self.shardBits)).map { shard in
            Shard(spillDirectory: spillDirectory, blockBits: blockBits, expected: perShard, table: tables + 2 * shard)
        })
    }

    deinit {
        CacheLine.deallocate(slotTables)
    }

    /// How many shards have made their index (at their first claim), for tests.
    var sizedShards: Int {
        shards.objects.reduce(0) { count, shard in count + (shard.lock.withLock { shard.sized } ? 1 : 0) }
    }

    /// Bytes of ids written to the temporary file so far.
    var spilledBytes: Int {
        shards.objects.reduce(0) { total, shard in
            total + shard.lock.withLock { shard.arena.spilledBytes }
        }
    }


    /// Claims `id` for the row numbered `number`: false when an earlier row holds it (this row
    /// is a duplicate); true otherwise, and then a later row that held it becomes a late
    /// duplicate. Each number claims once. Safe from any thread.
    func claim(_ id: UnsafeRawBufferPointer, number: Int) -> Bool {
        claim(id, hash: ByteKeyIndex.hash(id), number: number)
    }

    /// `claim(_:number:)` with the id's `ByteKeyIndex.hash` worked out already.
    func claim(_ id: UnsafeRawBufferPointer, hash: UInt64, number: Int) -> Bool {
        precondition(number >= 0 && number < Int(UInt32.max), "record numbers must fit 32 bits")
        let displaced = shards.with(Self.shard(of: hash)) { shard in
            shard.lock.withLock { shard.claim(id, hash: hash, number: UInt32(number)) }
        }
        switch displaced {
        case .claimed:
            return true
        case .heldByEarlier:
            return false
        case .tookOverFrom(let later):
            let text = String(decoding: id, as: UTF8.self)
            lateLock.lock()
            late[Int(later)] = text
            lateLock.unlock()
            lateCount.add(1)
            return true
        }
    }

    /// Asks for the index slot `claim` will read first for an id of this `ByteKeyIndex.hash`
    /// (see `RowPrefetch`). Safe from any thread, with no lock: it reads where the shard last
    /// said its slots were.
    @inline(__always)
    func prefetch(hash: UInt64) {
        let table = slotTables + 2 * Self.shard(of: hash)
        ByteKeyIndex.prefetchSlot(hash: hash, address: aviso_word_load_relaxed(table),
                                  mask: Int(truncatingIfNeeded: aviso_word_load_relaxed(table + 1)))
    }

    /// The shard that holds ids of this hash.
    @inline(__always)
    private static func shard(of hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash) & ((1 << shardBits) - 1)
    }

    /// The id of the row numbered `number` when it lost its claim to an earlier row decoded
    /// after it, else nil. Final once every row before it has claimed (see the type's notes).
    func lateDuplicateID(_ number: Int) -> String? {
        guard lateCount.value > 0 else { return nil }
        lateLock.lock()
        defer { lateLock.unlock() }
        return late[number]
    }

    /// One shard: the ids whose hash falls here, each stored in the arena after its claiming
    /// number (4 bytes).
    private final class Shard {
        // Held for one probe of the index (and rarely a read of a spilled id): a spin lock.
        let lock = SpinLock()
        // Made at the shard's first claim, not with the claims: zeroing 16 indexes sized for
        // 10M ids (128 MB) held the run's thread for about 0.35 s before the first charge was
        // decoded, with the other core idle. Made at first use, the decoding threads share it,
        // each shard's under its lock, while the reading thread reads ahead.
        // Behind a pointer of the shard's own: read as a stored `var` of the shard, a probe
        // took a copy of the index, retaining and releasing its slots' array for every claim
        // (an object both decoding threads use), some 120 of 31k `perf` samples at 10M charges
        // for the retains alone. Through the pointer the probe reads it in place.
        private let index: UnsafeMutablePointer<ByteKeyIndex>
        private let expected: Int
        private(set) var sized = false
        // 256 KiB blocks: the 16 blocks being filled are all the claims keep of the ids' bytes.
        let arena: SpillArena
        // The holders of ids too long for an arena block (only a hostile file has them).
        private var long: [[UInt8]: UInt32] = [:]

        // Where the index's slots are and their mask (the claims' `slotTables`), for
        // `ChargeIDClaims.prefetch` on threads that do not hold the lock: stored (relaxed) each
        // time the index grows. A stale pair is only a wasted hint: prefetching never faults.
        private let table: UnsafeMutablePointer<UInt>

        init(spillDirectory: String?, blockBits: Int, expected: Int, table: UnsafeMutablePointer<UInt>) {
            // The smallest index until the first claim; the slot table stays 0 (nothing to ask
            // for ahead) until then.
            index = .allocate(capacity: 1)
            index.initialize(to: ByteKeyIndex())
            self.expected = expected
            arena = SpillArena(blockBits: blockBits, directory: spillDirectory)
            self.table = table
        }

        deinit {
            index.deinitialize(count: 1)
            index.deallocate()
        }

        /// Makes the index sized for the claims expected (the first claim calls it).
        private func sizeIndex() {
            index.pointee = expected > 0 ? ByteKeyIndex(holding: expected) : ByteKeyIndex(expected: 1 << 10)
            sized = true
            publishTable()
        }

        private func publishTable() {
            let (address, mask) = index.pointee.slotTable
            aviso_word_store_relaxed(table, address)
            aviso_word_store_relaxed(table + 1, UInt(mask))
        }

        enum Outcome {
            case claimed
            case heldByEarlier
            case tookOverFrom(UInt32)
        }

        func claim(_ id: UnsafeRawBufferPointer, hash: UInt64, number: UInt32) -> Outcome {
            if !arena.fitsKey(count: id.count, prefix: 4) {
                let key = Array(id)
                guard let holder = long[key] else {
                    long[key] = number
                    return .claimed
                }
                if holder < number { return .heldByEarlier }
                long[key] = number
                return .tookOverFrom(holder)
            }
            if !sized { sizeIndex() }
            if index.pointee.reserveOne() { publishTable() }
            // Lent, not retained: the shard holds it, and a retain per claim was an atomic write
            // to an object both decoding threads use.
            return Unmanaged.passUnretained(arena)._withUnsafeGuaranteedRef { arena in
                let matches = { (entry: Int) in
                    arena.withKey(at: UInt64(entry), prefix: 4) { _, stored in stored.elementsEqual(id) }
                }
                switch index.pointee.probeInPlace(hash: hash, matches: matches) {
                case .found(let entry):
                    let holder = arena.withKey(at: UInt64(entry), prefix: 4) { prefix, _ in prefix.loadUnaligned(as: UInt32.self) }
                    if holder < number { return .heldByEarlier }
                    withUnsafeBytes(of: number) { arena.overwrite(at: UInt64(entry), with: $0) }
                    return .tookOverFrom(holder)
                case .vacant(let slot):
                    let place = arena.appendKey(id, prefix: 4) { $0.storeBytes(of: number, as: UInt32.self) }
                    index.pointee.fill(slot, hash: hash, entry: Int(place))
                    return .claimed
                }
            }
        }
    }
}
