import Testing
@testable import AvisoCore

/// Record ids kept as digest words read and write exactly as the 32 hex digits they stand for.
@Suite struct RecordIDTests {
    @Test(arguments: ["", "2026-12-04\npay_1\nWARNING_DUE\nCUSTOMER\nemail", "resend\nr\"1\nsms", "çãé😀"])
    func digestIDsAreTheFirst32HexDigitsOfTheDigest(text: String) {
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        let digest = hasher.finalize()
        let id = RecordID(digestPrefix: digest)
        #expect(id.text == String(SHA256.hex(digest).prefix(32)))
        // As the channel files write it (`OutboundRecord.writeFields`).
        var json = EscapingFieldSink(bytes: [])
        _ = id.withText { json.write(jsonString: $0) }
        #expect(String(decoding: json.bytes, as: UTF8.self) == "\"" + id.text + "\"")
    }

    @Test func digestsWithZeroAndFullBytesKeepEveryDigit() {
        let id = RecordID(digestPrefix: [0x00, 0x01, 0x0a, 0xf0, 0xff, 0x10, 0x00, 0x09] + [0xff, 0xee, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x99])
        #expect(id.text == "00010af0ff100009ffee000000000001")
        #expect(id == .digest(0x0001_0AF0_FF10_0009, 0xFFEE_0000_0000_0001))
    }

    @Test func textIDsAreKeptAndEscapedAsGiven() {
        let id = RecordID.text("m\"1\\")
        #expect(id.text == "m\"1\\")
        var json = EscapingFieldSink(bytes: [])
        _ = id.withText { json.write(jsonString: $0) }
        #expect(String(decoding: json.bytes, as: UTF8.self) == "\"m\\\"1\\\\\"")
    }

    @Test func theRunsNotificationIdIsTheDigestOfItsKeyFields() {
        let day = Day(iso: "2026-12-04")!
        let recordID = NightlyRun.notificationRecordID(runDate: day, payment: ShortText("pay_1"), slot: "WARNING_DUE", recipient: .customer, channel: .email)
        #expect(recordID.text == NightlyRun.shortHash("2026-12-04\npay_1\nWARNING_DUE\nCUSTOMER\nemail"))
        // A charge id too long to be held inline hashes the same way.
        let long = "pay_0123456789abcdef_x"
        let longID = NightlyRun.notificationRecordID(runDate: day, payment: ShortText(long), slot: "OVERDUE_FIRST", recipient: .provider, channel: .sms)
        #expect(longID.text == NightlyRun.shortHash("2026-12-04\n\(long)\nOVERDUE_FIRST\nPROVIDER\nsms"))
        #expect(NightlyRun.notificationID(runDate: day, payment: "pay_1", slot: "WARNING_DUE", recipient: .customer, channel: .email) == recordID.text)
        // Keys laid out in an array instead of the stack buffer: one past the buffer, and a
        // run date whose year has fewer than four digits.
        let huge = String(repeating: "p", count: 400)
        #expect(NightlyRun.notificationRecordID(runDate: day, payment: ShortText(huge), slot: "RECEIVED", recipient: .customer, channel: .voice).text
                == NightlyRun.shortHash("2026-12-04\n\(huge)\nRECEIVED\nCUSTOMER\nvoice"))
        let early = Day(iso: "0999-01-02")!
        #expect(NightlyRun.notificationRecordID(runDate: early, payment: ShortText("pay_1"), slot: "WARNING_DUE", recipient: .customer, channel: .sms).text
                == NightlyRun.shortHash("0999-01-02\npay_1\nWARNING_DUE\nCUSTOMER\nsms"))
        guard case .digest = recordID else {
            Issue.record("the run's ids are kept as digest words")
            return
        }
    }
}
