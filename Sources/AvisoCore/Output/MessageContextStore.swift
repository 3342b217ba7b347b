/// The run's message contexts (one per charge with messages, one per resend), kept as bytes in
/// a `SpillArena` from the reading of their charge to the writing of their messages. With a
/// folder to write to, only the block being filled stays in memory: at 10M charges that is
/// some 600k contexts and 140 MB the run need not hold through the reading of the charges.
/// Once they are all appended (`finishAppending`), the file is mapped and each message reads
/// its context from the page cache through the mapping: 1.37M `pread`s at 10M charges cost
/// some 3% of the run's CPU.
///
/// Appending is for one thread; once the contexts are all appended, any thread may read.
final class MessageContextStore: @unchecked Sendable {
    private let arena: SpillArena
    // A `RawList`: both composing threads read a place for every message (see `RawList`).
    private var places = RawList<UInt64>()
    // Contexts too long for an arena block (only a hostile file makes one), kept whole.
    private var oversized: [Int: PackedMessageContext] = [:]
    private static let oversizedPlace = UInt64.max

    /// An empty store that writes its full blocks (of `1 << blockBits` bytes) out to a
    /// temporary file made in `spillDirectory`, or keeps them in memory when there is none.
    init(spillDirectory: String? = nil, blockBits: Int = 22) {
        arena = SpillArena(blockBits: blockBits, directory: spillDirectory)
    }

    /// A store in memory holding `contexts`, in order.
    convenience init(_ contexts: [PackedMessageContext]) {
        self.init()
        for context in contexts { append(context) }
    }

    /// Number of contexts.
    var count: Int { places.count }

    /// Bytes written to the temporary file so far.
    var spilledBytes: Int { arena.spilledBytes }

    /// Adds a context at the end and returns its index.
    @discardableResult
    func append(_ context: PackedMessageContext) -> Int32 {
        precondition(places.count < Int(Int32.max), "a run keeps fewer than 2^31 contexts")
        let index = Int32(places.count)
        let place = context.withTextStorage { texts -> UInt64 in
            let prefix = PackedMessageContext.numbersByteCount
            guard arena.fitsKey(count: texts.count, prefix: prefix) else { return Self.oversizedPlace }
            return arena.appendKey(texts, prefix: prefix) { context.writeNumbers(to: $0) }
        }
        if place == Self.oversizedPlace { oversized[Int(index)] = context }
        places.append(place)
        return index
    }

    /// Says that no context will be appended any more: the contexts in the temporary file are
    /// then read through a mapping of it, not a `pread` each (see `SpillArena.mapForReading`).
    func finishAppending() {
        arena.mapForReading()
    }

    /// Asks for the place of context `index` (first step of reading it ahead, see
    /// `RunOutputWriter.writeChannelFiles`).
    @inline(__always)
    func prefetchPlace(_ index: Int) {
        guard index < places.count else { return }
        places.withUnsafeBufferPointer { Prefetch.lines(of: $0.baseAddress! + index) }
    }

    /// Asks for the bytes of context `index`, once its place has arrived (second step).
    @inline(__always)
    func prefetchBytes(_ index: Int) {
        guard index < places.count else { return }
        let place = places[index]
        if place != Self.oversizedPlace { arena.prefetch(at: place) }
    }

    /// The context at `index`.
    subscript(index: Int) -> PackedMessageContext {
        context(at: index)
    }

    /// The context at `index`, its texts copied into `spare` when it is given and unshared.
    func context(at index: Int, reusing spare: consuming [UInt8] = []) -> PackedMessageContext {
        if places[index] == Self.oversizedPlace { return oversized[index]! }
        // Moved into the closure once: a captured spare would be shared when the copy is made.
        var spare: [UInt8]? = consume spare
        return arena.withKey(at: places[index], prefix: PackedMessageContext.numbersByteCount) { numbers, texts in
            PackedMessageContext(numbers: numbers, textStorage: texts, reusing: spare.take() ?? [])
        }
    }
}
