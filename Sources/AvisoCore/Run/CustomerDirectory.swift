import Foundation

/// The export's customers in file order (the first valid row of each id), found by the bytes
/// of an id without building a `String`, each with the position of its account and whether it
/// has notification settings rows of its own.
public struct CustomerDirectory: Sendable {
    /// The customers, in the order their rows were read.
    public private(set) var all: [Customer] = []
    /// For each customer, the position of its account in `ExportSnapshot.accountList`.
    private(set) var accountIndex: [Int32] = []
    /// For each customer, whether the settings file has rows of its own for it.
    private(set) var hasOwnSettings: [Bool] = []
    /// For each customer, whether it is deleted: all a charge's planning asks of most customers,
    /// kept apart (a byte each) so that it is read without touching the customer's text.
    private(set) var deleted: [Bool] = []
    /// For each customer, its contact-data problems for the data-quality census (empty when
    /// the reader did not judge them).
    private(set) var problems: [DataQualityCensus.Problems] = []
    private var index: ByteKeyIndex
    // Each id's bytes after its customer's position (4 bytes), packed together: a lookup
    // compares against this small store, not against the customer's own text, which a charge
    // that sends nothing never needs to touch (at 2M customers that is a cache miss saved per charge).
    private let ids = ByteArena()

    /// An empty directory expecting about `expected` customers.
    init(expected: Int = 0) {
        index = ByteKeyIndex(expected: expected)
    }

    /// Number of customers.
    public var count: Int { all.count }

    /// Adds a customer of the account at `account`, with its census `problems`; false (and
    /// nothing added) when a customer with the same id is already there.
    mutating func add(_ customer: Customer, account: Int, problems: DataQualityCensus.Problems = []) -> Bool {
        index.reserveOne()
        let ids = self.ids
        let position = UInt32(all.count)
        let added = customer.text.withBytes(Customer.TextField.id) { key in
            let key = key ?? UnsafeRawBufferPointer(start: nil, count: 0)
            let hash = ByteKeyIndex.hash(key)
            guard case .vacant(let slot) = index.probe(hash: hash, matches: { ids.keyEquals(at: UInt32($0), prefix: 4, key) }) else {
                return false
            }
            let place = ids.appendKey(key, prefix: 4) { $0.storeBytes(of: position, as: UInt32.self) }
            index.fill(slot, hash: hash, entry: Int(place))
            return true
        }
        guard added else { return false }
        all.append(customer)
        accountIndex.append(Int32(account))
        hasOwnSettings.append(false)
        deleted.append(customer.deleted)
        self.problems.append(problems)
        return true
    }

    /// Notes that the customer at `position` has settings rows of its own.
    mutating func markOwnSettings(at position: Int) {
        hasOwnSettings[position] = true
    }

    /// The position of the customer whose id has these bytes.
    @inline(__always)
    func position(ofID key: UnsafeRawBufferPointer) -> Int? {
        let ids = self.ids
        guard case .found(let place) = index.probe(hash: ByteKeyIndex.hash(key), matches: { ids.keyEquals(at: UInt32($0), prefix: 4, key) }) else {
            return nil
        }
        return Int(ids.pointer(at: UInt32(place)).loadUnaligned(as: UInt32.self))
    }

    /// The position of the customer with this id.
    func position(ofID id: String) -> Int? {
        var id = id
        return id.withUTF8 { position(ofID: UnsafeRawBufferPointer($0)) }
    }

    /// The customer with this id, deleted ones included.
    public subscript(id: String) -> Customer? {
        position(ofID: id).map { all[$0] }
    }
}
