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
    /// planner order and unchanged but for their bodies, which now say the context's number,
    /// their slot's key (numbered as first met) and recipient; the charge keeps none (so its
    /// end releases nothing twice).
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
        var keys = SlotKeys()
        _ = keys.index(of: "CREATED")
        messages.moveRecords(into: list, context: 7, keys: &keys)
        #expect(messages.count == 0)
        #expect(messages.records.isEmpty)
        let moved = list.joined()
        #expect(moved == [before[0]] + before)
        let references = moved.dropFirst().map { record -> String in
            guard case .awaitingContext(let reference?) = record.body else { return "none" }
            return "\(reference.context) \(keys.keys[Int(reference.key)]) \(reference.recipient)"
        }
        #expect(references == ["7 WARNING_DUE customer", "7 WARNING_DUE provider", "7 LINHA_DIGITAVEL customer"])
        #expect(keys.keys == ["CREATED", "WARNING_DUE", "LINHA_DIGITAVEL"])
        // The first record was never moved: it still waits for its number.
        if case .awaitingContext(let reference) = moved[0].body { #expect(reference == nil) } else { Issue.record("not awaiting") }
    }
}
