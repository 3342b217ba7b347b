import Testing
@testable import AvisoCore

@Suite struct RejectsWriterTests {
    static func input(_ file: String, line: Int? = nil, record: Int? = nil, id: String = "", field: String, reason: String, detail: String = "") -> RejectRecord {
        var r = RejectRecord(kind: .input, reason: reason)
        r.file = file
        r.line = line
        r.record = record
        r.id = id
        r.field = field
        r.detail = detail
        return r
    }

    static func other(_ kind: RejectRecord.Kind, payment: String, slot: String = "", recipient: String = "", channel: String = "", resend: String = "", reason: String, detail: String = "") -> RejectRecord {
        var r = RejectRecord(kind: kind, reason: reason)
        r.payment = payment
        r.slot = slot
        r.recipient = recipient
        r.channel = channel
        r.resendRequest = resend
        r.detail = detail
        return r
    }

    static let expectedOrder: [RejectRecord] = [
        input("charges.csv", line: 3, id: "pay_3", field: "dueDate", reason: "BAD_DATE", detail: "31/02/2026"),
        input("charges.csv", line: 10, id: "pay_10", field: "value", reason: "BAD_NUMBER", detail: "1,234.56"),
        input("customers.xml", record: 2, field: "id", reason: "MISSING_FIELD"),
        input("customers.xml", record: 7, id: "cus_7", field: "account", reason: "UNKNOWN_ACCOUNT", detail: "acc \"x\""),
        other(.notification, payment: "pay_1", slot: "WARNING_DUE", recipient: "CUSTOMER", channel: "email", reason: "NO_VALID_EMAIL", detail: "a@b, c@"),
        other(.notification, payment: "pay_1", slot: "OVERDUE_FIRST", recipient: "CUSTOMER", channel: "sms", reason: "NO_VALID_MOBILE"),
        other(.notification, payment: "pay_1", slot: "OVERDUE_FIRST", recipient: "CUSTOMER", channel: "whatsapp", reason: "NO_VALID_MOBILE"),
        other(.notification, payment: "pay_1", slot: "OVERDUE_FIRST", recipient: "CUSTOMER", channel: "voice", reason: "NO_VALID_PHONE"),
        other(.notification, payment: "pay_1", slot: "OVERDUE_FIRST", recipient: "PROVIDER", channel: "email", reason: "NO_VALID_EMAIL"),
        other(.notification, payment: "pay_1", slot: "RESEND", recipient: "CUSTOMER", channel: "sms", resend: "req_1", reason: "NO_VALID_MOBILE"),
        other(.notification, payment: "pay_2", slot: "CREATED", recipient: "CUSTOMER", channel: "email", reason: "NO_VALID_EMAIL"),
        other(.letter, payment: "pay_1", reason: "POSTAL_TOO_LATE"),
        other(.letter, payment: "pay_5", reason: "POSTAL_INVALID_CEP", detail: "CEP 2000-000"),
        other(.resend, payment: "pay_9", slot: "RESEND", resend: "req_2", reason: "CHARGE_NOT_OPEN"),
        other(.resend, payment: "pay_9", slot: "RESEND", resend: "req_3", reason: "RESEND_IN_PROGRESS"),
    ]

    @Test func sortsByKindThenKindSpecificKeys() {
        let shuffled = [12, 5, 0, 14, 8, 3, 10, 1, 13, 6, 2, 9, 11, 4, 7].map { Self.expectedOrder[$0] }
        #expect(RejectsWriter.sorted(shuffled) == Self.expectedOrder)
        #expect(RejectsWriter.sorted(shuffled.reversed()) == Self.expectedOrder)
    }

    @Test func precedesAgreesWithTheFileOrderOnEveryPair() {
        // `precedes` takes rejects by value; the sort reads them in place with their ranks
        // worked out once. Both must give the one order.
        let expected = Self.expectedOrder
        for i in expected.indices {
            for j in expected.indices {
                #expect(RejectsWriter.precedes(expected[i], expected[j]) == (i < j), "\(i) before \(j)")
            }
        }
    }

    /// File names ranked once per sort, payments compared first on their 16 first bytes: names
    /// that share a prefix, payments longer than 16 bytes that share their first 16, one that
    /// is a prefix of another, and bytes past ASCII keep the byte order.
    static let prefixOrder: [RejectRecord] = [
        input("charges.csv", line: 2, field: "id", reason: "MISSING_FIELD"),
        input("charges.csv", line: 9, field: "id", reason: "MISSING_FIELD"),
        input("charges.csv.gz", line: 1, field: "id", reason: "MISSING_FIELD"),
        input("charges.xml", record: 4, field: "id", reason: "MISSING_FIELD"),
        input("cobranças.csv", line: 1, field: "id", reason: "MISSING_FIELD"),
        input("customers.csv", line: 5, field: "id", reason: "MISSING_FIELD"),
        other(.notification, payment: "pay_000000000001", reason: "NO_VALID_EMAIL"),
        other(.notification, payment: "pay_0000000000012", reason: "NO_VALID_EMAIL"),
        other(.notification, payment: "pay_000000000001234567", reason: "NO_VALID_EMAIL"),
        other(.notification, payment: "pay_000000000001234568", reason: "NO_VALID_EMAIL"),
        other(.notification, payment: "pay_00000000000124", reason: "NO_VALID_EMAIL"),
        other(.notification, payment: "pay_000000000002", reason: "NO_VALID_EMAIL"),
        other(.notification, payment: "pay_ção", reason: "NO_VALID_EMAIL"),
    ]

    @Test func ranksAndPaymentHeadsKeepTheByteOrder() {
        let expected = Self.prefixOrder
        for rotation in [3, 7, 11] {
            let shuffled = expected.indices.map { expected[($0 * rotation + 5) % expected.count] }
            #expect(RejectsWriter.sorted(shuffled) == expected, "rotation \(rotation)")
        }
        #expect(RejectsWriter.sorted(expected.reversed()) == expected)
        for i in expected.indices {
            for j in expected.indices {
                #expect(RejectsWriter.precedes(expected[i], expected[j]) == (i < j), "\(i) before \(j)")
            }
        }
    }

    @Test func rejectsAlreadyInOrderStayInOrder() {
        #expect(RejectsWriter.order(Self.expectedOrder) == Array(Self.expectedOrder.indices))
        #expect(RejectsWriter.bytes(inOrder: Self.expectedOrder) == RejectsWriter.bytes(Self.expectedOrder.reversed()))
    }

    @Test func writesExactBytes() {
        let shuffled = [3, 13, 0, 11, 4, 1, 12, 2].map { Self.expectedOrder[$0] }
        let expected = """
            kind,file,line,record,id,field,payment,slot,recipient,channel,resendRequest,reason,detail
            INPUT,charges.csv,3,,pay_3,dueDate,,,,,,BAD_DATE,31/02/2026
            INPUT,charges.csv,10,,pay_10,value,,,,,,BAD_NUMBER,"1,234.56"
            INPUT,customers.xml,,2,,id,,,,,,MISSING_FIELD,
            INPUT,customers.xml,,7,cus_7,account,,,,,,UNKNOWN_ACCOUNT,"acc ""x\"""
            NOTIFICATION,,,,,,pay_1,WARNING_DUE,CUSTOMER,email,,NO_VALID_EMAIL,"a@b, c@"
            LETTER,,,,,,pay_1,,,,,POSTAL_TOO_LATE,
            LETTER,,,,,,pay_5,,,,,POSTAL_INVALID_CEP,CEP 2000-000
            RESEND,,,,,,pay_9,RESEND,,,req_2,CHARGE_NOT_OPEN,

            """
        #expect(String(decoding: RejectsWriter.bytes(shuffled), as: UTF8.self) == expected)
    }

    @Test func emptyFileHasTheHeaderOnly() {
        #expect(String(decoding: RejectsWriter.bytes([]), as: UTF8.self)
            == "kind,file,line,record,id,field,payment,slot,recipient,channel,resendRequest,reason,detail\n")
    }

    @Test(arguments: [("CREATED", 0), ("UPDATED", 1), ("RECEIVED", 7), ("RESEND", 8), ("OTHER", 9), ("", 10)])
    func slotRanks(name: String, rank: Int) {
        #expect(RejectsWriter.slotRank(name) == rank)
    }
}
