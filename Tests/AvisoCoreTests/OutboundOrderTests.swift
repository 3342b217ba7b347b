import Foundation
import Testing
@testable import AvisoCore

/// The compact sort keys against `OutboundFileWriter.precedes`, and the messages composed while
/// the files are written against messages composed one by one beforehand.
@Suite struct OutboundOrderTests {
    static let runDate = Day(iso: "2026-12-04")!

    static func record(
        _ id: String, priority: Int = 1, account: String = "acc", customer: String = "cus", payment: String = "pay",
        slotRank: Int = 5, recipient: Recipient = .customer, channel: Channel = .sms, resend: String? = nil
    ) -> OutboundRecord {
        OutboundRecord(
            id: id, runDate: runDate, priority: priority, account: account, customer: customer, payment: payment,
            event: "PAYMENT_OVERDUE", scheduleOffset: 0, slot: "OVERDUE_FIRST", slotRank: slotRank, recipient: recipient,
            channel: channel, to: ["+5511987654321"], scheduledFor: runDate, shift: .none, fee: 0, resendRequest: resend,
            message: .sms(text: id)
        )
    }

    /// Records that tie on every key field but one, in each field; odd values included.
    static let mixed: [OutboundRecord] = {
        var records: [OutboundRecord] = []
        // Keys compare first by their first 16 bytes: some accounts tie there and differ after,
        // or only in length.
        let accounts = ["acc", "Acc", "ac", "acc\u{0}", "acc\u{0}x", "acé", "acc_10", "acc_9", "",
                        "acc_0000000000000002", "acc_0000000000000001", "acc_000000000000000", "acc_00000000000\u{0}1",
                        "acc_0000000000", "acc_0000000000\u{0}"]
        for (a, account) in accounts.enumerated() {
            records.append(record("a\(a)", account: account))
        }
        // A record keeps its priority in 32 bits: the extremes of those.
        for priority in [-300, -1, 0, 1, 5, 250, 251, 1_000, Int(Int32.max), Int(Int32.min)] {
            records.append(record("p\(priority)", priority: priority))
        }
        for slotRank in [-1, 0, 7, 300] {
            records.append(record("s\(slotRank)", slotRank: slotRank, recipient: .provider))
            records.append(record("s\(slotRank)c", slotRank: slotRank))
        }
        for resend in [nil, "", "req_1", "req_10", "req_2", "req\u{0}"] {
            records.append(record("r\(resend ?? "nil")", priority: 0, resend: resend))
        }
        for customer in ["b", "B", "é", "e\u{301}"] {
            records.append(record("c-" + customer, customer: customer, payment: "p"))
        }
        // Keys compare next by their bytes 16 to 31: with this 19-byte account (22 bytes with
        // the priority and the terminator), customers that differ at byte 31 (their 10th),
        // at 32, past 32, or only in length past it.
        for customer in ["cus_00000a", "cus_00000b", "cus_000000a", "cus_000000b", "cus_0000000000001", "cus_0000000000002",
                         "cus_000000000000", "cus_0000000000001x", "cus_0000000000001\u{0}"] {
            records.append(record("l-" + customer, account: "acc_000000000000001", customer: customer, payment: "p"))
            records.append(record("m-" + customer, account: "acc_000000000000001", customer: customer, payment: "q"))
        }
        // Equal keys: by id, then channel, then position.
        records.append(record("same", channel: .voice))
        records.append(record("same", channel: .email))
        records.append(record("sam", channel: .voice))
        records.append(record("same", channel: .email))
        return records
    }()

    @Test(arguments: [0, 1, 2, 3])
    func keysOrderAsPrecedes(rotation: Int) {
        // A deterministic shuffle per rotation.
        var records = Self.mixed
        var state = UInt64(rotation + 1) &* 0x9E37_79B9_7F4A_7C15
        for i in stride(from: records.count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            records.swapAt(i, Int(state >> 33) % (i + 1))
        }
        let expected = records.indices.sorted { a, b in
            if OutboundFileWriter.precedes(records[a], records[b]) { return true }
            if OutboundFileWriter.precedes(records[b], records[a]) { return false }
            return a < b
        }
        #expect(OutboundFileWriter.order(records) == expected)
        #expect(OutboundFileWriter.sorted(records).map(\.id) == expected.map { records[$0].id })
    }

    @Test("a run large enough to be sorted in two halves at once, then merged, is ordered as precedes orders it, ties and repeats included")
    func halvesSortedAtOnceMergeIntoTheSameOrder() {
        let count = OutboundSortKeys.smallestSplitSort + 4321
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        // Few distinct values per field: many records tie on their keys, some on everything.
        var records = (0..<count).map { _ in
            Self.record("id\(next(50))", priority: next(3), account: "acc_\(next(40))", customer: "cus_\(next(30))",
                        payment: "pay_\(next(20))", slotRank: next(4), recipient: next(2) == 0 ? .customer : .provider,
                        channel: Channel.allCases[next(4)], resend: next(9) == 0 ? "req_\(next(3))" : nil)
        }
        // The smallest record goes last, so that the merge takes from the second half first.
        records.append(Self.record("0", priority: -1))
        let expected = records.indices.sorted { a, b in
            if OutboundFileWriter.precedes(records[a], records[b]) { return true }
            if OutboundFileWriter.precedes(records[b], records[a]) { return false }
            return a < b
        }
        let order = OutboundFileWriter.order(records)
        #expect(order.first == count)
        // Compared as one Bool: a failure names the first difference, not 37k numbers twice.
        let same = order == expected
        #expect(same, "first difference at \(order.indices.first { order[$0] != expected[$0] } ?? -1)")
    }

    @Test("each channel's list holds exactly its records, in the order of the one sort, channels missing or not")
    func channelOrdersSplitTheOneOrder() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        // Mostly email and SMS, as a run's; then a day with no WhatsApp; then no records at all.
        let weights: [Channel] = [.email, .email, .email, .sms, .sms, .sms, .whatsapp, .voice]
        let days: [[OutboundRecord]] = [
            (0..<3000).map { _ in
                Self.record("id\(next(500))", account: "acc_\(next(20))", customer: "cus_\(next(40))",
                            payment: "pay_\(next(60))", slotRank: next(4), channel: weights[next(weights.count)])
            },
            (0..<500).map { Self.record("id\($0)", customer: "cus_\(next(9))", channel: [.email, .sms, .voice][next(3)]) },
            [],
        ]
        for records in days {
            let order = OutboundFileWriter.order(records)
            let lists = OutboundFileWriter.channelOrders(records)
            #expect(lists.count == Channel.allCases.count)
            for channel in Channel.allCases {
                // Compared as one Bool: a failure names the channel, not thousands of numbers twice.
                let same = lists[channel.rawValue] == order.filter { records[$0].channel == channel }
                #expect(same, "\(channel), \(records.count) records")
            }
        }
    }

    @Test func equalKeysGoByIdThenChannelThenPosition() {
        let records = [Self.record("same", channel: .voice), Self.record("same", channel: .email),
                       Self.record("sam", channel: .voice), Self.record("same", channel: .email)]
        #expect(OutboundFileWriter.order(records) == [2, 1, 3, 0])
    }

    @Test(arguments: [
        ("abc", "abd", true as Bool?), ("abd", "abc", false), ("ab", "abc", true), ("abc", "ab", false), ("", "", nil),
        ("", "a", true), ("é", "z", false), ("Z", "a", true), ("a\u{0}", "a", false), ("same", "same", nil),
    ])
    func byteOrder(a: String, b: String, expected: Bool?) {
        #expect(OutboundFileWriter.byteOrder(a, b) == expected)
    }

    // MARK: Composing while writing

    static func context(_ i: Int) -> MessageContext {
        let slotKeys = DefaultTemplates.slotKeys
        let names = ["Ana Lima", "José d'Ávila Çarvalho", "Zoë \"Z\" Brandão", "Maria\tda\u{00A0}Silva Souza Albuquerque de Oliveira Cavalcanti"]
        return MessageContext(
            slotKey: i % 11 == 0 ? slotKeys[i % slotKeys.count].lowercased() : slotKeys[i % slotKeys.count],
            recipient: i % 3 == 0 ? .provider : .customer, customerName: names[i % names.count],
            accountName: i % 5 == 0 ? "Loja € {Sol} & Lua — \u{2028}filial \(i)" : "Loja Sol",
            value: Int64(i * 12_345 % 9_999_999), dueDate: runDate + (i % 9 - 4),
            payDate: i % 4 == 0 ? runDate - 1 : nil, invoiceUrl: i % 6 == 0 ? nil : "https://pay.example.com/i/\(i)",
            bankSlipUrl: i % 12 == 0 ? "https://boleto.example.com/\(i)" : nil,
            identificationField: "23793.38128 60082.677139 76000.063305 9 \(i)",
            description: i % 2 == 0 ? "Mensalidade \(i) — ç, ã, é, 😀, \"aspas\"" : nil,
            daysUntilDue: i % 9 >= 4 ? i % 9 - 4 : nil, daysOverdue: i % 9 < 4 ? 4 - i % 9 : nil, runDate: runDate
        )
    }

    static func records(count: Int) -> [OutboundRecord] {
        (0..<count).map { i in
            var record = Self.record(
                "id\(i)", priority: i % 6, account: "acc_\(i % 7)", customer: "cus_\(i % 13)", payment: "pay_\(i)",
                slotRank: i % 8, recipient: i % 3 == 0 ? .provider : .customer, channel: Channel.allCases[i % 4 == 3 ? (i / 4) % 4 : i % 2],
                resend: i % 17 == 0 ? "req_\(i)" : nil
            )
            record.to = record.channel == .email ? ["a\(i)@example.com", "b@example.com"] : ["+55119876\(i)"]
            return record
        }
    }

    @Test func composingWhileWritingGivesTheSameBytes() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let count = 2 * RunOutputWriter.chunkRecords + 77
        let contexts = (0..<count).map(Self.context)
        var eager = Self.records(count: count)
        for i in eager.indices { eager[i].message = try composer.compose(channel: eager[i].channel, context: contexts[i]) }
        var lazy = Self.records(count: count)
        try ParallelCompose.compose(&lazy, contexts: contexts, composer: composer)
        #expect(lazy == eager)
        for i in [0, 1, 2, 3, 5, 11, count - 1] { #expect(lazy[i].message == eager[i].message) }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-order-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lists: [[Int]] = Channel.allCases.map { _ in [] }
        for index in OutboundFileWriter.order(lazy) { lists[lazy[index].channel.rawValue].append(index) }
        let written = try RunOutputWriter.writeChannelFiles(lazy, lists: lists, folder: directory)
        #expect(written.map(\.0) == Channel.allCases)
        for (channel, sha256) in written {
            let expected = OutboundFileWriter.fileBytes(eager, channel: channel)
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: directory + "/" + OutboundFileWriter.fileName(for: channel))))
            #expect(bytes == expected, "\(channel.name)")
            #expect(sha256 == SHA256.hex(SHA256.hash(expected)))
            #expect(expected.filter { $0 == 0x0A }.count == lazy.filter { $0.channel == channel }.count)
        }
        #expect(lists[Channel.email.rawValue].count > RunOutputWriter.chunkRecords)
    }

    @Test func recordsSharingOneContextComposeAsIfEachHadItsOwn() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let count = 40
        let own = (0..<count).map(Self.context)
        // Every fourth record's context stands for its group: same texts, other slot and recipient.
        let shared = stride(from: 0, to: count, by: 4).map { own[$0] }
        var keys = SlotKeys()
        let references = (0..<count).map {
            MessageReference(context: Int32($0 / 4), key: keys.index(of: own[$0].slotKey), recipient: own[$0].recipient)
        }
        var eager = Self.records(count: count)
        for i in eager.indices {
            var context = own[i - i % 4]
            context.slotKey = own[i].slotKey
            context.recipient = own[i].recipient
            eager[i].message = try composer.compose(channel: eager[i].channel, context: context)
        }
        var lazy = Self.records(count: count)
        let store = MessageContextStore(shared.map(PackedMessageContext.init))
        #expect(lazy.withUnsafeBufferPointer { OutboundRecord.pendingMessages(of: $0.baseAddress!) } == nil)
        try ParallelCompose.compose(&lazy, contexts: store, references: references, keys: keys, composer: composer)
        // What the writer reads ahead in place: each record's context number; and the one
        // `PendingMessages` (with the store) all records hold, which it takes once.
        lazy.withUnsafeBufferPointer { records in
            #expect(records.indices.map { OutboundRecord.pendingContext(of: records.baseAddress! + $0) } == (0..<count).map { $0 / 4 })
            let pending = OutboundRecord.pendingMessages(of: records.baseAddress!)
            #expect(pending?.contexts === store)
            #expect(records.indices.allSatisfy { OutboundRecord.pendingMessages(of: records.baseAddress! + $0) === pending })
        }
        #expect(lazy == eager)
        // Not trivially equal: the groups' records differ in slot key or recipient.
        #expect(Set((0..<4).map { "\(own[$0].slotKey)/\(own[$0].recipient)" }).count > 1)
    }

    @Test func anUnknownSlotKeyFailsBeforeAnythingIsWritten() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        var contexts = (0..<5).map(Self.context)
        contexts[3].slotKey = "UPDATED"
        var records = Self.records(count: 5)
        let error = try #require(throws: AvisoError.self) {
            try ParallelCompose.compose(&records, contexts: contexts, composer: composer)
        }
        #expect(error.message == "no message templates for slot UPDATED")
        #expect(records.allSatisfy { $0.message == .sms(text: $0.id) })
    }

    @Test func slotKeysAreKeptOnceAsFirstSpelledAndReferencesStayNarrow() {
        var keys = SlotKeys()
        let met = ["WARNING_DUE", "OVERDUE_FIRST", "WARNING_DUE", "warning_due", "RESEND_OVERDUE", "OVERDUE_FIRST"]
        let indexes = met.map { keys.index(of: $0) }
        #expect(indexes == [0, 1, 0, 2, 3, 1])
        #expect(keys.keys == ["WARNING_DUE", "OVERDUE_FIRST", "warning_due", "RESEND_OVERDUE"])
        #expect(zip(indexes, met).allSatisfy { keys[$0] == $1 })
        // A run keeps one reference per message.
        #expect(MemoryLayout<MessageReference>.stride == 8)
    }
}
