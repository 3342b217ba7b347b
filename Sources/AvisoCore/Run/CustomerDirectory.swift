import CSystemSupport
import Foundation

/// The export's customers in file order (the first valid row of each id), found by the bytes
/// of an id without building a `String`, each with the position of its account and whether it
/// has notification settings rows of its own.
///
/// The customers' packed texts are kept one after the other in blocks of an arena, not as one
/// buffer each: at 2M customers, a buffer each cost some 60 bytes of array header and heap
/// overhead per customer (over 100 MB) and 2M allocations to make and to free. A customer is
/// made from its bytes when asked for (`customer(at:)`), which a run does only for the charges
/// that send something. A customer read from a plain CSV file is not copied at all: it is kept
/// as the place of its row in the file, read again when asked for (`rows`, `CustomerRows`).
/// The texts of other customers (a gzip or XML file) go to a temporary file when the directory
/// is given a folder for it (`SpillArena`): a run reads back the few that send something.
public struct CustomerDirectory: Sendable {
    // For each customer, in one word kept beside its id (`IDPositions.word`): what a charge's
    // planning asks of most customers, read without touching the customer's text, and on the
    // cache line the lookup of its id reads anyway (at millions of customers, a list of its own
    // cost a cache miss more per charge). Bits 0–31 the position of its account in
    // `ExportSnapshot.accountList`; 32–39 the `flags` byte below; 40 deleted; 41 whether the
    // settings file has rows of its own for it.
    private static let deletedBit: UInt64 = 1 << 40
    private static let ownSettingsBit: UInt64 = 1 << 41
    /// For each customer, its contact-data problems for the data-quality census (empty when
    /// the reader did not judge them).
    private(set) var problems: [DataQualityCensus.Problems] = []
    // Each id's bytes after its customer's position (4 bytes), packed together: a lookup
    // compares against this small store, not against the customer's own text, which a charge
    // that sends nothing never needs to touch (at 2M customers that is a cache miss saved per charge).
    private var ids: IDPositions
    // Each customer's packed text (`PackedText.withStorage`) as an arena key, and its place
    // there. A text over 64 KiB (a hostile file) is kept whole in `oversized`, so that arena
    // blocks stay tightly packed.
    private let texts: SpillArena
    private var textPlaces: [UInt64] = []
    private var oversized: [Int: PackedText] = [:]
    // Where each customer's id is in `ids`, so that its bytes are read without its text.
    private var idPlaces: [UInt32] = []
    /// Where a customer read from a chunk of a mapped CSV file is read again from (`fileRow`):
    /// with it, such a customer is kept as the place of its row (a `textPlaces` entry with
    /// `rowFlag` set), not as a copy of its text. Nil: every text is copied.
    var rows: CustomerRows?
    private static let rowFlag: UInt64 = 1 << 63
    private static let rowLengthBits: UInt64 = 24
    // The flags byte of a summary: notificationDisabled (bit 0), postalService (bit 1) and,
    // when worked out, the customer's `ContactReach` (bits 2–4) with `judgedReach` set.
    private static let judgedReach: UInt8 = 1 << 5
    private static let reachShift: UInt8 = 2
    private static let oversizedPlace = UInt64.max
    private static let largestArenaText = 1 << 16

    /// An empty directory expecting about `expected` customers, whose texts are written out to
    /// a temporary file made in `spillDirectory` when one is given (kept in memory otherwise).
    init(expected: Int = 0, spillDirectory: String? = nil) {
        ids = IDPositions(expected: expected)
        texts = SpillArena(directory: spillDirectory)
    }

    /// An empty directory whose id index has room for `holding` customers before it grows, and
    /// whose texts are written out as `init(expected:spillDirectory:)` says. Its lists of a
    /// word or so per customer are made with room for `reserving` customers (at least
    /// `holding`).
    init(holding: Int, reserving: Int = 0, spillDirectory: String? = nil) {
        ids = IDPositions(holding: holding)
        texts = SpillArena(directory: spillDirectory)
        // Grown by doubling from empty, the lists were copied some 20 times each and
        // asked for fresh pages well past their final size, zeroed by the kernel on the run's
        // thread (182 of 27.8k `perf` samples in one profile of 10M charges were that zeroing
        // in `add`; made with room, a 10M run has 10 to 14 fewer huge-page faults). Room the
        // file turns out not to need is never touched, so it costs address space, not memory.
        let room = max(holding, reserving)
        problems.reserveCapacity(room)
        textPlaces.reserveCapacity(room)
        idPlaces.reserveCapacity(room)
    }

    /// The capacity of the per-customer lists (`idPlaces` stands for all three), for tests.
    var reservedCustomers: Int { idPlaces.capacity }

    /// Bytes of customers' texts written to the temporary file.
    var spilledBytes: Int { texts.spilledBytes }

    /// Number of customers.
    public var count: Int { textPlaces.count }

    /// Adds a customer of the account at `account`, with its census `problems` and its contacts'
    /// `reach` when the reader worked them out; false (and nothing added) when a customer with
    /// the same id is already there. `idHash`, when given, is the id's `ByteKeyIndex.hash`,
    /// worked out where the row was decoded (for `prefetchSlot(hash:)`), not again here.
    mutating func add(_ customer: Customer, account: Int, problems: DataQualityCensus.Problems = [],
                      reach: ContactReach? = nil, idHash: UInt64? = nil) -> Bool {
        let position = textPlaces.count
        let idPlace = customer.text.withBytes(Customer.TextField.id) { key in
            let key = key ?? UnsafeRawBufferPointer(start: nil, count: 0)
            return ids.add(key, hash: idHash ?? ByteKeyIndex.hash(key), position: position)
        }
        guard let idPlace else { return false }
        idPlaces.append(idPlace)
        let place = rowPlace(customer.fileRow) ?? customer.text.withStorage { bytes -> UInt64 in
            guard bytes.count <= Self.largestArenaText, texts.fitsKey(count: bytes.count, prefix: 0) else { return Self.oversizedPlace }
            return texts.appendKey(bytes)
        }
        if place == Self.oversizedPlace { oversized[Int(position)] = customer.text }
        textPlaces.append(place)
        precondition(account >= 0 && account <= Int(Int32.max), "an account position is below 2^31")
        let reachBits = reach.map { $0.rawValue << Self.reachShift | Self.judgedReach } ?? 0
        let flags = (customer.notificationDisabled ? 1 : 0) | (customer.postalService ? 2 : 0) | reachBits
        let summary = UInt64(account) | UInt64(flags) << 32 | (customer.deleted ? Self.deletedBit : 0)
        ids.setWord(atPlace: idPlace, summary)
        self.problems.append(problems)
        return true
    }

    /// The reach of the customer at `position` with its switches and the provider's reach
    /// given, or nil when its reach was not worked out when it was added.
    @inline(__always)
    func recipientReach(at position: Int, provider: ContactReach) -> RecipientReach? {
        found(at: position).recipientReach(provider: provider)
    }

    /// The place of a row at `range` of the file `rows` reads, or nil when there is no such
    /// file or the place does not fit (a row of 16 MiB or more, past 512 GiB).
    private func rowPlace(_ range: Range<Int>?) -> UInt64? {
        guard rows != nil, let range, range.count < 1 << Self.rowLengthBits, range.lowerBound < (1 << 39) - 1 else { return nil }
        return Self.rowFlag | UInt64(range.lowerBound) << Self.rowLengthBits | UInt64(range.count)
    }

    /// The range of the row of the customer at `position` in the file `rows` reads, or nil
    /// when the customer's text is kept here.
    private func rowRange(at position: Int) -> Range<Int>? {
        let place = textPlaces[position]
        guard place != Self.oversizedPlace && place & Self.rowFlag != 0 else { return nil }
        let start = Int((place & ~Self.rowFlag) >> Self.rowLengthBits)
        return start..<(start + Int(place & (1 << Self.rowLengthBits - 1)))
    }

    /// Whether the customer at `position` is kept as the place of its row in the file.
    func isKeptAsRow(at position: Int) -> Bool {
        rowRange(at: position) != nil
    }

    /// The customer at `position` (made from its packed bytes, or read again from its row in
    /// the file: one allocation, or one `pread` and a parse).
    public func customer(at position: Int) -> Customer {
        if let range = rowRange(at: position) {
            guard let rows else { preconditionFailure("a customer kept as a row, without its file") }
            return rows.customer(at: range)
        }
        let place = textPlaces[position]
        let text = place == Self.oversizedPlace ? oversized[position]! : texts.withKey(at: place) { PackedText(storage: $1) }
        let summary = found(at: position)
        return Customer(text: text, notificationDisabled: summary.notificationDisabled, postalService: summary.postalService,
                        deleted: summary.isDeleted)
    }

    /// The position in `ExportSnapshot.accountList` of the account of the customer at `position`.
    @inline(__always)
    func accountIndex(at position: Int) -> Int {
        found(at: position).accountIndex
    }

    /// Whether the customer at `position` is deleted.
    @inline(__always)
    func isDeleted(at position: Int) -> Bool {
        found(at: position).isDeleted
    }

    /// Whether the settings file has rows of its own for the customer at `position`.
    @inline(__always)
    func hasOwnSettings(at position: Int) -> Bool {
        found(at: position).hasOwnSettings
    }

    /// The customer at `position` with its summary, as `found(ofID:)` gives it.
    @inline(__always)
    func found(at position: Int) -> FoundCustomer {
        FoundCustomer(position: position, summary: summary(at: position))
    }

    @inline(__always)
    private func summary(at position: Int) -> UInt64 {
        ids.word(atPlace: idPlaces[position])
    }

    /// `accountIndex(at:)` of every customer, in order (for tests).
    var allAccountIndexes: [Int] { idPlaces.indices.map(accountIndex(at:)) }
    /// `hasOwnSettings(at:)` of every customer, in order (for tests).
    var allOwnSettings: [Bool] { idPlaces.indices.map(hasOwnSettings(at:)) }

    /// Calls `body` with the bytes of text field `field` (`Customer.TextField`) of the customer
    /// at `position`, or nil when it has none: the id without making the customer, another
    /// field without making it unless it is kept as a row (then it is read again).
    func withTextBytes<R>(at position: Int, _ field: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        if field == Customer.TextField.id { return try body(ids.key(at: idPlaces[position])) }
        if isKeptAsRow(at: position) { return try customer(at: position).text.withBytes(field, body) }
        let place = textPlaces[position]
        if place == Self.oversizedPlace { return try oversized[position]!.withBytes(field, body) }
        return try texts.withKey(at: place) { try PackedText.withBytes(field, inStorage: $1, body) }
    }

    /// Arena blocks the texts hold in memory (for tests).
    var textBlocks: Int { texts.blocksInMemory }

    /// Notes that the customer at `position` has settings rows of its own.
    mutating func markOwnSettings(at position: Int) {
        ids.setWord(atPlace: idPlaces[position], summary(at: position) | Self.ownSettingsBit)
    }

    /// The position and summary of the customer whose id has these bytes, or nil: the summary
    /// is kept beside the id (`IDPositions.word`), so that a charge's lookup reads what its
    /// planning needs of most customers with no other cache miss than the id's.
    @inline(__always)
    func found(ofID key: UnsafeRawBufferPointer) -> FoundCustomer? {
        guard let place = ids.place(ofID: key) else { return nil }
        return FoundCustomer(position: ids.position(atPlace: place), summary: ids.word(atPlace: place))
    }

    /// A customer and what its summary says (`found(ofID:)`, `found(at:)`): the one reading of
    /// the summary's bits.
    struct FoundCustomer {
        /// The customer's position in the directory.
        let position: Int
        fileprivate let summary: UInt64

        /// The position of its account in `ExportSnapshot.accountList`.
        var accountIndex: Int { Int(truncatingIfNeeded: summary & 0xFFFF_FFFF) }
        /// Whether the customer is deleted.
        var isDeleted: Bool { summary & CustomerDirectory.deletedBit != 0 }
        /// Whether the settings file has rows of its own for the customer.
        var hasOwnSettings: Bool { summary & CustomerDirectory.ownSettingsBit != 0 }
        /// The customer's own notification switch.
        var notificationDisabled: Bool { flags & 1 != 0 }
        /// Whether the customer asked for letters by post.
        var postalService: Bool { flags & 2 != 0 }
        private var flags: UInt8 { UInt8(truncatingIfNeeded: summary >> 32) }

        /// The customer's reach with its switches and the provider's reach given, or nil when
        /// its reach was not worked out when it was added.
        @inline(__always)
        func recipientReach(provider: ContactReach) -> RecipientReach? {
            guard flags & CustomerDirectory.judgedReach != 0 else { return nil }
            return RecipientReach(customer: ContactReach(rawValue: flags >> CustomerDirectory.reachShift & 0x7), provider: provider,
                                  notificationDisabled: notificationDisabled, postalService: postalService)
        }
    }

    /// The position of the customer whose id has these bytes.
    @inline(__always)
    func position(ofID key: UnsafeRawBufferPointer) -> Int? {
        ids.position(ofID: key)
    }

    /// First step of looking an id up ahead (`RowPrefetch`): asks for its index slot and
    /// returns the id's hash, for `prefetchCandidate(hash:)`.
    @inline(__always)
    func prefetchSlot(ofID key: UnsafeRawBufferPointer) -> UInt64 {
        let hash = ByteKeyIndex.hash(key)
        prefetchSlot(hash: hash)
        return hash
    }

    /// Asks for the index slot of an id whose hash is `hash` (`ByteKeyIndex.hash`): the slot
    /// `add` of that id will fill, or `position(ofID:)` will read.
    @inline(__always)
    func prefetchSlot(hash: UInt64) {
        ids.prefetchSlot(hash: hash)
    }

    /// `prefetchSlot(hash:)` for a directory held in a variable that is being filled, asked in
    /// place: the non-mutating call on a variable a closure captured (or through a pointer's
    /// `pointee`) copied the whole directory, nine retains and releases for one prefetch.
    @inline(__always)
    mutating func prefetchSlotInPlace(hash: UInt64) {
        ids.prefetchSlotInPlace(hash: hash)
    }

    /// Second step: asks for the id bytes of the entry the slots name (the first from the id's
    /// own slot with its hash's upper bits), returns that entry for `prefetchSummary(candidate:)`
    /// (`RowPrefetch.nothing` when they name none).
    @inline(__always)
    func prefetchCandidate(hash: UInt64) -> UInt64 {
        guard let place = ids.prefetchCandidate(hash: hash) else { return RowPrefetch<Charge>.nothing }
        return UInt64(place)
    }

    /// Third step: the account index in the summary kept beside the entry `prefetchCandidate`
    /// asked for, for the caller to ask for that account's settings; nil when there is none.
    @inline(__always)
    func accountIndexAhead(candidate: UInt64) -> Int? {
        guard candidate != RowPrefetch<Charge>.nothing else { return nil }
        return Int(truncatingIfNeeded: ids.word(atPlace: UInt32(truncatingIfNeeded: candidate)) & 0xFFFF_FFFF)
    }

    /// The entry of the customer with this id, as `prefetchCandidate(hash:)` names entries
    /// (for tests).
    func entry(ofID id: String) -> UInt64? {
        var id = id
        return id.withUTF8 { ids.place(ofID: UnsafeRawBufferPointer($0)) }.map(UInt64.init)
    }

    /// The position of the customer with this id.
    func position(ofID id: String) -> Int? {
        var id = id
        return id.withUTF8 { position(ofID: UnsafeRawBufferPointer($0)) }
    }

    /// The customer with this id, deleted ones included.
    public subscript(id: String) -> Customer? {
        position(ofID: id).map(customer(at:))
    }
}
