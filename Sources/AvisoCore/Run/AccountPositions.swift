/// The accounts' positions in `ExportSnapshot.accountList`, found by the bytes of an account id
/// without building a `String`: every customer row names its account, and at 2M customers a
/// `String` made, hashed and compared per row was a fifth of the reading thread's work while
/// the customers were read. Built once, before the customers, and only read after that, from
/// the decoding threads.
final class AccountPositions: Sendable {
    private let index: ByteKeyIndex
    // Each id's bytes after its position (4 bytes), as `CustomerDirectory` keeps customers' ids.
    private let ids: ByteArena

    /// The positions of `accounts`' ids, in order (ids are unique: a repeated one is rejected
    /// before it reaches the list).
    init(_ accounts: [Account]) {
        var index = ByteKeyIndex(expected: accounts.count)
        let ids = ByteArena()
        for (position, account) in accounts.enumerated() {
            var id = account.id
            id.withUTF8 { utf8 in
                let key = UnsafeRawBufferPointer(utf8)
                let hash = ByteKeyIndex.hash(key)
                index.reserveOne()
                guard case .vacant(let slot) = index.probe(hash: hash, matches: { ids.keyEquals(at: UInt32($0), prefix: 4, key) }) else { return }
                let place = ids.appendKey(key, prefix: 4) { $0.storeBytes(of: UInt32(position), as: UInt32.self) }
                index.fill(slot, hash: hash, entry: Int(place))
            }
        }
        self.index = index
        self.ids = ids
    }

    /// The position of the account whose id has exactly these bytes, or nil.
    func position(ofID key: UnsafeRawBufferPointer) -> Int? {
        let ids = self.ids
        guard case .found(let entry) = index.probe(hash: ByteKeyIndex.hash(key), matches: { ids.keyEquals(at: UInt32($0), prefix: 4, key) }) else {
            return nil
        }
        return Int(ids.pointer(at: UInt32(entry)).loadUnaligned(as: UInt32.self))
    }
}
