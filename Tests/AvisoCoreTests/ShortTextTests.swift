import Testing
@testable import AvisoCore

@Suite struct ShortTextTests {
    /// Texts at every length around the inline limit, with a NUL byte, multi-byte UTF-8 and
    /// characters JSON escapes.
    static let texts: [String] = [
        "", "a", "pay_1", "cus_12345678901", "pay_040865663252", "pay_0408656632521", "acc_000302419577_long_id",
        "a\u{0}b", "\u{0}", "0123456789abcde\u{0}", "José Ávila", "ção-ção-ção-çã", "ção-ção-ção-ção",
        "q\"uote\\", "tab\there", "€€€€€", "€€€€€€",
    ]

    @Test(arguments: texts)
    func keepsTheTextAsGiven(text: String) {
        let short = ShortText(text)
        #expect(short.string == text)
        #expect(short.withUTF8 { Array($0) } == Array(text.utf8))
        var bytes: [UInt8] = []
        short.append(to: &bytes)
        #expect(bytes == Array(text.utf8))
        // As the channel files write it (`OutboundRecord.writeFields`).
        var json = EscapingFieldSink(bytes: [])
        _ = short.withUTF8 { json.write(jsonString: $0) }
        var expected: [UInt8] = []
        JSONWriter.appendEscaped(text, to: &expected)
        #expect(json.bytes == expected)
    }

    @Test(arguments: texts)
    func madeFromBytesEqualsMadeFromTheString(text: String) {
        let fromBytes = Array(text.utf8).withUnsafeBytes { ShortText(utf8: $0) }
        #expect(fromBytes == ShortText(text))
        #expect(fromBytes.hashValue == ShortText(text).hashValue)
        #expect(fromBytes.string == text)
    }

    @Test func noBytesIsTheEmptyText() {
        #expect(ShortText(utf8: nil) == ShortText(""))
        #expect(ShortText(utf8: nil).string.isEmpty)
    }

    @Test func equalOnlyForEqualTexts() {
        // Neighbours in every way the inline form could confuse: a shorter prefix, a text with
        // a NUL byte where the padding starts, the same bytes past the inline limit.
        let pairs: [(String, String)] = [
            ("pay_1", "pay_1\u{0}"), ("pay_1", "pay_10"), ("pay_040865663252", "pay_040865663253"),
            ("pay_040865663252", "pay_0408656632521"), ("", "\u{0}"), ("abcdefgh", "abcdefgh\u{0}"),
        ]
        for (a, b) in pairs {
            #expect(ShortText(a) != ShortText(b), "\(a.debugDescription) and \(b.debugDescription)")
            #expect(ShortText(a) == ShortText(a))
        }
    }

    @Test(arguments: [
        ("a", "b", true), ("b", "a", false), ("pay_1", "pay_1", nil), ("pay_1", "pay_10", true),
        ("pay_040865663252", "pay_0408656632521", true), ("pay_0408656632529", "pay_04086566325300", true),
        ("z", "pay_0408656632521", false), ("\u{0}", "", false), ("é", "z", false),
    ] as [(String, String, Bool?)])
    func ordersByBytes(a: String, b: String, expected: Bool?) {
        #expect(ShortText.byteOrder(ShortText(a), ShortText(b)) == expected)
        #expect(ShortText.byteOrder(ShortText(a), ShortText(b)) == OutboundFileWriter.byteOrder(a, b))
    }

    @Test func recordsKeepTheirIdsAsText() {
        var record = OutboundRecord(
            id: "m1", runDate: Day(iso: "2026-12-04")!, priority: 1, account: "acc_000302419577", customer: "cus_644818052530",
            payment: "pay_0123456789abcdef_long", event: "PAYMENT_OVERDUE", scheduleOffset: 0, slot: "OVERDUE_FIRST", slotRank: 5,
            recipient: .customer, channel: .sms, to: ["+5511987654321"], scheduledFor: Day(iso: "2026-12-04")!, shift: .none,
            fee: 10, message: .sms(text: "x")
        )
        #expect(record.account == "acc_000302419577")
        #expect(record.customer == "cus_644818052530")
        #expect(record.payment == "pay_0123456789abcdef_long")
        record.customer = "c\u{0}"
        #expect(record.customer == "c\u{0}")
        #expect(record.customerID == ShortText("c\u{0}"))
    }
}
