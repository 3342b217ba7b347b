import Foundation
import Testing
@testable import AvisoCore

@Suite struct PackedMessageContextTests {
    static let runDate = Day(iso: "2026-12-04")!

    /// Contexts with every text present, absent or empty, non-ASCII texts and both day counts.
    static let contexts: [MessageContext] = (0..<40).map { i in
        let optional: (String) -> String? = { i % 3 == 0 ? nil : i % 3 == 1 ? "" : $0 }
        return MessageContext(
            slotKey: "", recipient: .customer, customerName: i % 7 == 0 ? "" : "José d'Ávila Çarvalho \(i) 😀",
            accountName: i % 5 == 0 ? "" : "Loja € {Sol} & Lua — filial \(i)", value: Int64(i) * 98_765 - 3,
            dueDate: runDate + (i % 9 - 4), payDate: i % 4 == 0 ? runDate - i : nil,
            invoiceUrl: optional("https://pay.example.com/i/\(i)"),
            bankSlipUrl: i % 2 == 0 ? optional("https://boleto.example.com/\(i)") : nil,
            identificationField: optional("23793.38128 60082.677139 76000.063305 9 \(i)"),
            description: i % 4 == 1 ? optional("Mensalidade \(i) — ç, ã, \"aspas\"\nlinha 2") : optional("x"),
            daysUntilDue: i % 9 >= 4 ? i % 9 - 4 : nil, daysOverdue: i % 9 < 4 ? 4 - i % 9 : nil, runDate: runDate
        )
    }

    @Test("a packed context gives back every field, nil told from empty", arguments: contexts.indices)
    func roundTrip(index: Int) {
        let context = Self.contexts[index]
        let packed = PackedMessageContext(context)
        for (slotKey, recipient) in [("WARNING_DUE", Recipient.customer), ("OVERDUE_FIRST", .provider)] {
            var expected = context
            expected.slotKey = slotKey
            expected.recipient = recipient
            #expect(packed.context(slotKey: slotKey, recipient: recipient) == expected)
        }
    }

    @Test("contexts kept in a store give back every field, in memory and read back from the temporary file",
          arguments: [false, true])
    func storeRoundTrip(spilling: Bool) throws {
        try withTemporaryFolder("aviso-contexts") { folder in
            // Blocks of 1 KiB: a few contexts fill one, so most are read back from the file.
            let store = MessageContextStore(spillDirectory: spilling ? folder : nil, blockBits: 10)
            for (k, context) in Self.contexts.enumerated() {
                #expect(store.append(PackedMessageContext(context)) == Int32(k))
            }
            #expect(store.count == Self.contexts.count)
            // Written out, all but the block being filled (and each block's unused tail) is in the file.
            let total = Self.contexts.reduce(0) { total, context in
                PackedMessageContext(context).withTextStorage { total + PackedMessageContext.numbersByteCount + KeyEncoding.headerCount($0.count) + $0.count }
            }
            #expect(spilling ? store.spilledBytes > total - 2_048 : store.spilledBytes == 0)
            // Read back out of order, each twice: through `pread`, then through the mapping.
            for index in Self.contexts.indices.reversed() + [-1] + Self.contexts.indices {
                guard index >= 0 else {
                    store.finishAppending()
                    continue
                }
                var expected = Self.contexts[index]
                expected.slotKey = "OVERDUE_FIRST"
                expected.recipient = .provider
                #expect(store[index].context(slotKey: "OVERDUE_FIRST", recipient: .provider) == expected)
            }
        }
    }

    @Test("a context too long for a block of the store is kept whole")
    func storeKeepsALongContext() {
        let store = MessageContextStore(blockBits: 10)
        var long = Self.contexts[1]
        long.description = String(repeating: "ã", count: 2_000)
        store.append(PackedMessageContext(Self.contexts[2]))
        store.append(PackedMessageContext(long))
        store.append(PackedMessageContext(Self.contexts[3]))
        #expect(store[1].context(slotKey: long.slotKey, recipient: long.recipient) == long)
        #expect(store[2].context(slotKey: "", recipient: .customer) == Self.contexts[3])
    }

    @Test("packing a charge's context from its bytes gives the fields the charge and customer give",
          arguments: [(-3, true), (0, false), (5, true), (40, false)])
    func packedFromCharge(daysToDue: Int, withTexts: Bool) {
        let charge = Charge(
            id: "pay_1", customer: "cus_1", billingType: .boleto, status: daysToDue < 0 ? .overdue : .pending,
            value: 12_345, dueDate: Self.runDate + daysToDue, dateCreated: Self.runDate - 60,
            paymentDate: withTexts ? Self.runDate - 1 : nil,
            description: withTexts ? "Aula de violão — março" : nil, identificationField: withTexts ? "23793.38128 60082" : nil,
            invoiceUrl: withTexts ? "https://pay.example.com/i/1" : nil, bankSlipUrl: withTexts ? "" : nil
        )
        var customer = Customer(id: "cus_1", account: "acc_1", name: "Ana Lima Conceição")
        if !withTexts { customer.text.set(Customer.TextField.name, nil) }
        let account = Account(id: "acc_1", name: "Escola de Música Dó Ré")
        let expected = MessageContext(
            slotKey: "CREATED", recipient: .provider, customerName: customer.name, accountName: account.name,
            value: charge.value, dueDate: charge.dueDate, payDate: charge.payDate, invoiceUrl: charge.invoiceUrl,
            bankSlipUrl: charge.bankSlipUrl, identificationField: charge.identificationField, description: charge.description,
            daysUntilDue: daysToDue >= 0 ? daysToDue : nil, daysOverdue: daysToDue < 0 ? -daysToDue : nil, runDate: Self.runDate
        )
        let packed = PackedMessageContext(charge: charge, customer: customer, account: account, runDate: Self.runDate)
        #expect(packed.context(slotKey: "CREATED", recipient: .provider) == expected)
        // As a run makes it: with the account lent out of the snapshot's list.
        let fromLent = PackedMessageContext(charge: charge, customer: customer, account: account.lent(), runDate: Self.runDate)
        #expect(fromLent.context(slotKey: "CREATED", recipient: .provider) == expected)
        #expect(MemoryLayout<PackedMessageContext>.stride == 40)
    }
}
