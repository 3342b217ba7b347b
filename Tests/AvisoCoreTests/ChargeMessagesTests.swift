import Testing
@testable import AvisoCore

@Suite struct ChargeMessagesTests {
    static let runDate = Day(iso: "2026-12-04")!

    static func planned(_ slot: Slot, _ recipient: Recipient, _ channel: Channel, _ contact: ContactResult) -> PlannedNotification {
        PlannedNotification(slot: slot, recipient: recipient, channel: channel, scheduleOffset: 0, scheduledFor: runDate,
                            shift: .none, contact: contact)
    }

    /// The messages of a pending boleto of customer Ana of Loja Sol, due on the run date.
    static func messages(_ notifications: [PlannedNotification]) -> ChargeMessages? {
        let charge = Charge(id: "pay_1", customer: "cus_1", billingType: .boleto, status: .pending, value: 100,
                            dueDate: runDate, dateCreated: runDate - 30)
        return ChargeMessages(
            notifications: notifications, charge: charge, customer: Customer(id: "cus_1", account: "acc_1", name: "Ana"),
            account: Account(id: "acc_1", name: "Loja Sol"), runDate: runDate, configuration: RunConfiguration()
        )
    }

    @Test func equalAddressListsAreKeptOnceAndEachRecordGoesWhereItsContactSays() throws {
        // Each email notification comes with its own (equal) list, as the contact rules make them.
        let customerEmails = ["ana@example.com", "financeiro.ana@example.com.br"]
        let notifications = [
            Self.planned(.warningDue, .customer, .email, .email(customerEmails.map { String($0) })),
            Self.planned(.warningDue, .customer, .sms, .phone("+5511987654321")),
            Self.planned(.warningDue, .provider, .email, .email(["loja.sol.financeiro@example.com"])),
            Self.planned(.linhaDigitavel, .customer, .email, .email(customerEmails.map { String($0) })),
            Self.planned(.linhaDigitavel, .customer, .whatsapp, .phone("+5511987654321")),
            Self.planned(.linhaDigitavel, .provider, .sms, .rejected(reason: "NO_VALID_MOBILE", detail: "x")),
            Self.planned(.linhaDigitavel, .provider, .whatsapp, .phone("+5511911112222")),
        ]
        let messages = try #require(Self.messages(notifications))
        let records = messages.records
        #expect(records.map(\.to) == [
            customerEmails, ["+5511987654321"], ["loja.sol.financeiro@example.com"], customerEmails,
            ["+5511987654321"], ["+5511911112222"],
        ])
        func storage(_ list: [String]) -> UnsafeRawPointer? { list.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        // Lists of several addresses are kept once per charge; a number or a single address
        // is kept inline (`Destinations`), not as a list.
        #expect(storage(records[0].to) == storage(records[3].to))
        #expect(storage(records[0].to) != storage(records[2].to))
        #expect(records[1].destinations == Destinations(one: "+5511987654321"))
        #expect(records[4].destinations == Destinations(one: "+5511987654321"))
        #expect(records[5].destinations == Destinations(one: "+5511911112222"))
        #expect(records[2].destinations == Destinations(one: "loja.sol.financeiro@example.com"))
        // No message is boxed until the run gives the records their contexts.
        #expect(records.allSatisfy { if case .awaitingContext = $0.body { true } else { false } })
    }

    /// The run moves a charge's records into the day's list: the list gets them all, in
    /// planner order and unchanged, `each` sees each one before it moves, and the charge keeps
    /// none (so its end releases nothing twice).
    @Test func recordsMovedIntoTheDaysListAreTheChargesRecordsInOrder() throws {
        let notifications = [
            Self.planned(.warningDue, .customer, .email, .email(["ana@example.com"])),
            Self.planned(.warningDue, .customer, .sms, .rejected(reason: "NO_VALID_MOBILE", detail: "x")),
            Self.planned(.warningDue, .provider, .sms, .phone("+5511911112222")),
            Self.planned(.linhaDigitavel, .customer, .whatsapp, .phone("+5511987654321")),
        ]
        let messages = try #require(Self.messages(notifications))
        let before = messages.records
        #expect(before.count == 3)
        let list = ChunkedArray<OutboundRecord>(chunkCapacity: 2)
        list.append(before[0])
        var seen: [String] = []
        messages.moveRecords(into: list) { seen.append($0.pointee.slot + "/" + $0.pointee.channel.name) }
        #expect(seen == ["WARNING_DUE/email", "WARNING_DUE/sms", "LINHA_DIGITAVEL/whatsapp"])
        #expect(messages.count == 0)
        #expect(messages.records.isEmpty)
        #expect(list.joined() == [before[0]] + before)
    }
}
