import Foundation
import Testing
@testable import AvisoCore

@Suite("Byte-keyed lookups: ChargeIDSet, CustomerDirectory, PackedText")
struct ByteKeyIndexTests {
    @Test("a repeated id is found however many ids came between, empty and long ids included")
    func chargeIDSetFindsRepeats() {
        var set = ChargeIDSet()
        var ids: [String] = ["", "a", String(repeating: "x", count: 300)]
        for n in 0..<50_000 { ids.append("pay_\(n * 7919 % 1_000_003)") }
        for id in ids {
            let added = set.insert(id)
            #expect(added, "first insert of \(id.prefix(20))")
        }
        #expect(set.count == ids.count)
        // The set grew from room for 16 ids to 50,003, far past what its filter was sized for:
        // every id is still found.
        #expect(ids.filter { !set.contains($0) }.isEmpty)
        for id in ids.reversed() {
            let added = set.insert(id)
            #expect(!added)
        }
        #expect(set.count == ids.count)
        #expect(set.contains("pay_7919"))
        #expect(!set.contains("pay_7918"))
        #expect(!set.contains("pay_79190000"))
        #expect(!set.contains(String(repeating: "x", count: 299)))
        // Given the id's hash (a charge's, worked out for its claim), it answers the same.
        func containsHashed(_ id: String) -> Bool {
            Array(id.utf8).withUnsafeBytes { set.contains($0, hash: ByteKeyIndex.hash($0)) }
        }
        #expect(ids.filter { !containsHashed($0) }.isEmpty)
        #expect(!containsHashed("pay_7918"))
        #expect(!containsHashed(String(repeating: "x", count: 299)))
    }

    @Test("ids spread over several arena blocks are all found, the long ones too")
    func idsAcrossArenaBlocks() {
        var set = ChargeIDSet()
        // 3,000 ids of about 2 KB: some 6 MB, more than one 4 MiB block.
        let ids = (0..<3000).map { String(repeating: "x", count: 1990) + "\($0)" }
        for id in ids {
            let added = set.insert(id)
            #expect(added)
        }
        for id in ids.shuffled() { #expect(set.contains(id)) }
        #expect(!set.contains(String(repeating: "x", count: 1990) + "3000"))
        let again = set.insert(ids[2999])
        #expect(!again)
    }

    @Test("ids that differ only in their last byte, or by a prefix, stay apart", arguments: [
        ["pay_0000000000000001", "pay_0000000000000002"],
        ["cus_1", "cus_1 ", "cus_10", "cus_"],
        ["12345678", "123456789", "1234567"],
    ])
    func nearIDs(_ ids: [String]) {
        var set = ChargeIDSet()
        for id in ids {
            let added = set.insert(id)
            #expect(added)
        }
        for id in ids { #expect(set.contains(id)) }
        #expect(!set.contains(ids[0] + "x"))
    }

    @Test("a stored key equals only the same bytes: every length to 20, a difference at every place")
    func keyEqualityByteByByte() {
        let arena = ByteArena()
        for length in 0...20 {
            let key = (0..<length).map { UInt8(0x30 + $0) }
            let place = key.withUnsafeBytes { arena.appendKey($0, prefix: 4) { $0.storeBytes(of: UInt32(7), as: UInt32.self) } }
            #expect(key.withUnsafeBytes { arena.keyEquals(at: place, prefix: 4, $0) })
            for changed in 0..<length {
                var other = key
                other[changed] ^= 0x01
                #expect(!other.withUnsafeBytes { arena.keyEquals(at: place, prefix: 4, $0) }, "length \(length), byte \(changed)")
            }
            #expect(!(key + [0x30]).withUnsafeBytes { arena.keyEquals(at: place, prefix: 4, $0) })
            if length > 0 { #expect(!key.dropLast().withUnsafeBytes { arena.keyEquals(at: place, prefix: 4, $0) }) }
        }
    }

    @Test("the hash is the same on every run: fixed, not seeded")
    func hashIsFixed() {
        var key = "cus_552384854023"
        let hash = key.withUTF8 { ByteKeyIndex.hash(UnsafeRawBufferPointer($0)) }
        var again = String("cus_552384854023".reversed().reversed())
        #expect(again.withUTF8 { ByteKeyIndex.hash(UnsafeRawBufferPointer($0)) } == hash)
        var other = "cus_552384854024"
        #expect(other.withUTF8 { ByteKeyIndex.hash(UnsafeRawBufferPointer($0)) } != hash)
    }

    @Test("the directory keeps the first customer of an id, in file order, with its account")
    func directory() {
        var directory = CustomerDirectory()
        let first = Customer(id: "cus_1", account: "acc_1", name: "Ana")
        let added = [
            directory.add(first, account: 3),
            directory.add(Customer(id: "cus_2", account: "acc_2", name: "Bia"), account: 0),
            directory.add(Customer(id: "cus_1", account: "acc_2", name: "Outra"), account: 0),
        ]
        #expect(added == [true, true, false])
        #expect(directory.count == 2)
        #expect((0..<directory.count).map { directory.customer(at: $0).name } == ["Ana", "Bia"])
        #expect(directory["cus_1"] == first)
        #expect(directory["cus_3"] == nil)
        #expect(directory.position(ofID: "cus_2") == 1)
        #expect(directory.allAccountIndexes == [3, 0])
        directory.markOwnSettings(at: 1)
        #expect(directory.allOwnSettings == [false, true])
    }

    @Test("a customer found by its id carries what the directory says of it by position: account, deleted, own settings, reach")
    func foundCustomerAgreesWithItsPosition() {
        var directory = CustomerDirectory()
        let provider = ContactReach([.email, .mobile])
        for n in 0..<300 {
            var customer = Customer(id: "cus_\(n)", account: "acc_\(n % 5)", name: "Cliente \(n)",
                                    email: n % 3 == 0 ? "c\(n)@example.com" : nil)
            customer.deleted = n % 4 == 1
            customer.notificationDisabled = n % 6 == 2
            customer.postalService = n % 10 == 3
            let added = directory.add(customer, account: n % 5, reach: n % 2 == 0 ? ContactReach(customer: customer) : nil)
            #expect(added)
        }
        for position in stride(from: 0, to: 300, by: 7) { directory.markOwnSettings(at: position) }
        var deleted = 0, own = 0, judged = 0
        for n in 0..<300 {
            var id = "cus_\(n)"
            guard let found = id.withUTF8({ directory.found(ofID: UnsafeRawBufferPointer($0)) }) else {
                Issue.record("cus_\(n) not found")
                continue
            }
            #expect(found.position == n)
            #expect(found.accountIndex == n % 5 && found.accountIndex == directory.accountIndex(at: n))
            #expect(found.isDeleted == (n % 4 == 1) && found.isDeleted == directory.isDeleted(at: n))
            #expect(found.hasOwnSettings == (n % 7 == 0) && found.hasOwnSettings == directory.hasOwnSettings(at: n))
            #expect(found.recipientReach(provider: provider) == directory.recipientReach(at: n, provider: provider))
            #expect((found.recipientReach(provider: provider) != nil) == (n % 2 == 0))
            deleted += found.isDeleted ? 1 : 0
            own += found.hasOwnSettings ? 1 : 0
            judged += found.recipientReach(provider: provider) != nil ? 1 : 0
        }
        #expect((deleted, own, judged) == (75, 43, 150))
        var absent = "cus_300"
        #expect(absent.withUTF8 { directory.found(ofID: UnsafeRawBufferPointer($0)) } == nil)
    }

    @Test("a directory made for a file's estimated customers has room for them before its first, and keeps customers past that room")
    func directoryReservesItsLists() {
        var directory = CustomerDirectory(holding: 90, reserving: 1_000)
        #expect(directory.reservedCustomers >= 1_000)
        #expect(CustomerDirectory(holding: 500, reserving: 10).reservedCustomers >= 500)
        for k in 0..<1_200 {
            let added = directory.add(Customer(id: "cus_\(k)", account: "acc_1", name: "Cliente \(k)"), account: k % 3)
            #expect(added)
        }
        #expect(directory.count == 1_200)
        #expect(directory.customer(at: 1_199).name == "Cliente 1199")
        #expect(directory.allAccountIndexes.suffix(3) == [0, 1, 2])
        #expect(directory.position(ofID: "cus_1000") == 1_000)
    }

    @Test("the directory gives back each customer as added: every field and flag, across arena blocks, an oversized text kept whole; in memory and written out to a temporary file",
          arguments: [false, true])
    func directoryKeepsCustomersWhole(spilling: Bool) throws {
        try withTemporaryFolder("aviso-spill") { folder in
            var directory = CustomerDirectory(spillDirectory: spilling ? folder : nil)
            var added: [Customer] = []
            // 40,000 customers of ~140 bytes packed fill more than one 4 MiB arena block; one has a
            // text too long to keep in a block, some have absent and empty fields.
            for k in 0..<40_000 {
                var customer = Customer(
                    id: "cus_\(k)", account: "acc_\(k % 7)", name: "Cliente número \(k)", cpfCnpj: k % 3 == 0 ? nil : "\(k)",
                    email: "c\(k)@exemplo.com.br", additionalEmails: k % 5 == 0 ? "" : nil, phone: nil, mobilePhone: "+55119\(k)",
                    address: "Rua \(k)", addressNumber: "\(k % 100)", complement: nil, province: "Centro", postalCode: "01310-100",
                    cityName: "São Paulo", state: "SP",
                    notificationDisabled: k % 2 == 1, postalService: k % 3 == 1, deleted: k % 11 == 0
                )
                if k == 12_345 { customer.address = String(repeating: "é", count: 600_000) }
                let fresh = directory.add(customer, account: k % 7)
                #expect(fresh)
                added.append(customer)
            }
            #expect(directory.count == added.count)
            // Written out, only the block being filled stays; in memory, every block does.
            if spilling {
                #expect(directory.textBlocks == 1)
                #expect(directory.spilledBytes > 4_000_000, "a full 4 MiB block, but for its unused tail")
                // The temporary file is removed from the folder as soon as it is made.
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
                #expect(leftovers.isEmpty)
            } else {
                #expect(directory.textBlocks >= 2)
                #expect(directory.spilledBytes == 0)
            }
            let mismatches = added.indices.filter { directory.customer(at: $0) != added[$0] }
            #expect(mismatches.first == nil)
            #expect(directory.customer(at: 12_345).address?.count == 600_000)
            let nameBytes = directory.withTextBytes(at: 39_999, Customer.TextField.name) { $0.map { Array($0) } }
            #expect(nameBytes == Array("Cliente número 39999".utf8))
            let complementAbsent = directory.withTextBytes(at: 0, Customer.TextField.complement) { $0 == nil }
            #expect(complementAbsent)
            #expect(directory.withTextBytes(at: 12_345, Customer.TextField.id) { $0.map { Array($0) } } == Array("cus_12345".utf8))
            #expect(directory["cus_39999"] == added[39_999])
        }
    }

    @Test("many customers are all found after the index grows")
    func directoryGrows() {
        var directory = CustomerDirectory()
        for n in 0..<20_000 {
            let added = directory.add(Customer(id: "cus_\(n)", account: "a", name: "n\(n)"), account: 0)
            #expect(added)
        }
        for n in stride(from: 0, to: 20_000, by: 997) { #expect(directory.position(ofID: "cus_\(n)") == n) }
        #expect(directory.position(ofID: "cus_20000") == nil)
    }

    @Test("packed text keeps nil, empty and accented values apart, and set repacks")
    func packedText() {
        var text = PackedText(["pay_1", nil, "", "Mensalidade de março — ação", nil])
        #expect(text.string(0) == "pay_1")
        #expect(text.string(1) == nil)
        #expect(text.string(2) == "")
        #expect(text.has(2))
        #expect(!text.has(1))
        #expect(text.string(3) == "Mensalidade de março — ação")
        #expect(text.string(4) == nil)
        #expect(text.string(15) == nil)
        #expect(!text.has(15))
        text.set(1, "cus_9")
        #expect(text.string(1) == "cus_9")
        #expect(text.string(3) == "Mensalidade de março — ação")
        text.set(3, nil)
        #expect(text == PackedText(["pay_1", "cus_9", "", nil, nil]))
        #expect(text.withBytes(0) { $0.map { Array($0) } } == Array("pay_1".utf8))
        #expect(text.withBytes(4) { $0 == nil })
    }

    @Test("values past 32 KiB switch to wide offsets and read back whole", arguments: [0x7FFF - 5, 0x7FFF, 0x8000, 70_000])
    func wideText(_ length: Int) {
        let long = String(repeating: "é", count: length / 2) + String(repeating: "a", count: length % 2)
        var text = PackedText(["a", long, nil, "z"])
        #expect(text.string(0) == "a")
        #expect(text.string(1) == long)
        #expect(text.string(2) == nil)
        #expect(text.string(3) == "z")
        text.set(2, "")
        #expect(text.string(2) == "")
        #expect(text.string(1) == long)
    }

    @Test("a charge's text reads back what it was made with")
    func chargeText() {
        var charge = Charge(id: "pay_1", customer: "cus_1", billingType: .boleto, status: .pending, value: 100,
                            dueDate: Day(year: 2026, month: 12, day: 4)!, dateCreated: Day(year: 2026, month: 11, day: 1)!,
                            subscription: "sub_1", identificationField: "  ")
        #expect(charge.id == "pay_1")
        #expect(charge.customer == "cus_1")
        #expect(charge.hasSubscription)
        #expect(!charge.hasIdentificationField)
        charge.identificationField = "23790.12345"
        #expect(charge.hasIdentificationField)
        charge.subscription = nil
        #expect(!charge.hasSubscription)
        #expect(charge.description == nil)
    }

    @Test("the prefetch steps of a customer lookup name the customer the lookup finds, when it sits within 8 slots of the first probed, and nothing for an id not there")
    func customerPrefetchStepsFollowTheLookup() {
        var directory = CustomerDirectory()
        let ids = (0..<5000).map { "cus_\($0 * 7919 % 100_003)" }
        for (n, id) in ids.enumerated() {
            var customer = Customer(id: id, account: "acc_1", name: "C\(n)")
            customer.deleted = n % 2 == 1
            let added = directory.add(customer, account: n % 7)
            #expect(added)
        }
        func steps(_ id: String) -> UInt64 {
            var id = id
            return id.withUTF8 { bytes in
                let hash = directory.prefetchSlot(ofID: UnsafeRawBufferPointer(bytes))
                #expect(hash == ByteKeyIndex.hash(UnsafeRawBufferPointer(bytes)))
                return directory.prefetchCandidate(hash: hash)
            }
        }
        var named = 0
        for (n, id) in ids.enumerated() {
            let candidate = steps(id)
            guard candidate != RowPrefetch<Charge>.nothing else { continue }
            // A candidate is an entry of the index: the summary beside it names some customer's
            // account; when the candidate is the id's own entry, it is the id's customer's.
            let account = directory.accountIndexAhead(candidate: candidate)
            #expect(account.map { (0..<7).contains($0) } == true)
            guard candidate == directory.entry(ofID: id) else { continue }
            #expect(account == n % 7)
            named += 1
        }
        // Nearly every id sits within 8 slots of the first probed for it, and is named ahead:
        // 4,931 of these 5,000 (the first slot alone held 3,462).
        #expect(named >= ids.count * 98 / 100)
        #expect(directory.accountIndexAhead(candidate: RowPrefetch<Charge>.nothing) == nil)
        // An id not there names nothing: its first slot is empty, or holds another id's
        // hash (whose upper 32 bits are the absent id's only by a 1-in-4-billion chance).
        #expect((0..<1000).map { steps("cus_absent_\($0)") }.allSatisfy { $0 == RowPrefetch<Charge>.nothing })
    }

    /// Hashes whose tags differ only above the mask of a 32-entry index: all begin at slot 3,
    /// so each later key is displaced one slot further than the one before.
    static func hashesSharingSlot3(_ count: Int) -> [UInt64] {
        (1...count).map { UInt64($0 << 8 | 3) << 32 }
    }

    /// An index sized for 32 entries with key n of `hashes` as entry n * 10, each found vacant
    /// one slot after the one before (by `probe`, or `probeInPlace`); nil, with the issue
    /// recorded, when one is not.
    static func indexFilled(with hashes: [UInt64], probingInPlace: Bool) -> ByteKeyIndex? {
        var index = ByteKeyIndex(expected: 32)
        for (n, hash) in hashes.enumerated() {
            index.reserveOne()
            let probe = probingInPlace ? index.probeInPlace(hash: hash, matches: { _ in false }) : index.probe(hash: hash, matches: { _ in false })
            guard case .vacant(let slot) = probe else {
                Issue.record("key \(n) found")
                return nil
            }
            #expect(slot == 3 + n)
            index.fill(slot, hash: hash, entry: n * 10)
        }
        return index
    }

    @Test("a probe in place answers as a probe does: the entry a match names, past displaced keys, else the vacant slot after them")
    func probeInPlaceAnswersAsProbe() {
        // Three keys sharing their first slot (3), entries 0, 10 and 20.
        let hashes = Self.hashesSharingSlot3(3)
        guard var index = Self.indexFilled(with: hashes, probingInPlace: true) else { return }
        var asked: [Int] = []
        guard case .found(let entry) = index.probeInPlace(hash: hashes[2], matches: { asked.append($0); return $0 == 20 }) else {
            Issue.record("the third key is not found")
            return
        }
        #expect(entry == 20)
        // Only entries whose slots hold the hash's tag are asked about.
        #expect(asked == [20])
        guard case .found(10) = index.probe(hash: hashes[1], matches: { $0 == 10 }),
              case .found(10) = index.probeInPlace(hash: hashes[1], matches: { $0 == 10 }) else {
            Issue.record("the second key is not found by both")
            return
        }
        guard case .vacant(let slot) = index.probeInPlace(hash: hashes[0], matches: { _ in false }) else {
            Issue.record("a key that matches nothing is found")
            return
        }
        #expect(slot == 6)
    }

    @Test("a key displaced from its first slot is still the first candidate, up to 8 slots on; an empty slot ends the search")
    func firstCandidateLooksPastDisplacingKeys() {
        let hashes = Self.hashesSharingSlot3(10)
        guard let index = Self.indexFilled(with: hashes, probingInPlace: false) else { return }
        #expect(hashes.map(index.firstCandidate(hash:)) == [0, 10, 20, 30, 40, 50, 60, 70, nil, nil])
        // A key not there: its tag meets no slot before the empty one after the run (slot 13).
        #expect(index.firstCandidate(hash: UInt64(11 << 8 | 3) << 32) == nil)
        #expect(index.firstCandidate(hash: UInt64(11 << 8 | 5) << 32) == nil)
    }

    @Test("the first candidate of a key is its entry when the key sits in the first slot probed, nil when that slot is empty; the slot table moves when the index grows")
    func firstCandidateAndSlotTable() {
        var index = ByteKeyIndex(expected: 4)
        let before = index.slotTable
        var hashes: [UInt64] = []
        for n in 0..<3 {
            let hash = UInt64(n + 1) << 32 | 0xABCD
            hashes.append(hash)
            index.reserveOne()
            guard case .vacant(let slot) = index.probe(hash: hash, matches: { _ in false }) else {
                Issue.record("slot \(n) taken")
                return
            }
            index.fill(slot, hash: hash, entry: n * 10)
        }
        #expect(hashes.map(index.firstCandidate(hash:)) == [0, 10, 20])
        #expect(index.firstCandidate(hash: 9 << 32) == nil)
        for n in 3..<100 {
            index.reserveOne()
            guard case .vacant(let slot) = index.probe(hash: UInt64(n + 1) << 32, matches: { _ in false }) else { continue }
            index.fill(slot, hash: UInt64(n + 1) << 32, entry: n)
        }
        #expect(index.slotTable.mask > before.mask)
        #expect(index.slotTable.address != 0)
    }


    @Test("an index made to hold n entries takes them all without growing, and is no larger than growing would have made it",
          arguments: [0, 1, 12, 13, 48, 49, 1000, 98_304, 98_305])
    func holdingEntriesWithoutGrowing(entries: Int) {
        var sized = ByteKeyIndex(holding: entries)
        var grown = ByteKeyIndex(expected: 0)
        for n in 0..<entries {
            let hash = UInt64(truncatingIfNeeded: n &* 0x9E37_79B9) << 32 | UInt64(n)
            let grewEarly = sized.reserveOne()
            #expect(!grewEarly, "grew at entry \(n)")
            grown.reserveOne()
            for index in [0, 1] {
                let probe = index == 0 ? sized.probe(hash: hash, matches: { _ in false }) : grown.probe(hash: hash, matches: { _ in false })
                guard case .vacant(let slot) = probe else { continue }
                if index == 0 { sized.fill(slot, hash: hash, entry: n) } else { grown.fill(slot, hash: hash, entry: n) }
            }
        }
        #expect(sized.count == entries)
        #expect(sized.slotTable.mask == max(grown.slotTable.mask, 15))
        // One more entry makes it grow exactly when it has no room to spare.
        let roomLeft = (entries + 1) * 4 <= (sized.slotTable.mask + 1) * 3
        let grew = sized.reserveOne()
        #expect(grew == !roomLeft)
    }
}
