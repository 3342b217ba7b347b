import Foundation
import Testing
@testable import AvisoCore

@Suite struct OutboundFileWriterTests {
    private static func make(
        _ id: String, priority: Int = 1, account: String = "acc", customer: String = "cus", payment: String = "pay",
        slotRank: Int = 5, recipient: Recipient = .customer, channel: Channel = .email, resend: String? = nil
    ) -> OutboundRecord {
        let message: OutboundMessage
        switch channel {
        case .email: message = .email(subject: "s", text: "t")
        case .sms: message = .sms(text: "t")
        case .whatsapp: message = .whatsapp(template: "aviso_created", parameters: [])
        case .voice: message = .voice(script: "t")
        }
        return OutboundRecord(
            id: id, runDate: Day(iso: "2026-12-04")!, priority: priority, account: account, customer: customer,
            payment: payment, event: "PAYMENT_OVERDUE", scheduleOffset: 0, slot: "OVERDUE_FIRST", slotRank: slotRank,
            recipient: recipient, channel: channel, to: channel == .email ? ["a@b.co"] : ["+5511987654321"],
            scheduledFor: Day(iso: "2026-12-04")!, shift: .none, fee: 0, resendRequest: resend, message: message
        )
    }

    static let ordered: [OutboundRecord] = [
        make("r-a", priority: 0, slotRank: -1, resend: "req_1"),
        make("r-b", priority: 0, slotRank: -1, resend: "req_2"),
        make("p1-Acc", priority: 1, account: "Acc"),
        make("p1-acc-cusB", priority: 1, account: "acc", customer: "B"),
        make("p1-acc-cusa", priority: 1, account: "acc", customer: "a"),
        make("p1-pay1-rank5-cust", priority: 1, customer: "z", payment: "pay_1", slotRank: 5),
        make("p1-pay1-rank5-prov", priority: 1, customer: "z", payment: "pay_1", slotRank: 5, recipient: .provider),
        make("p1-pay1-rank6", priority: 1, customer: "z", payment: "pay_1", slotRank: 6),
        make("p1-pay10", priority: 1, customer: "z", payment: "pay_10"),
        make("p1-pay2", priority: 1, customer: "z", payment: "pay_2"),
        make("p1-acc-cusé", priority: 1, account: "acc", customer: "é"),
        make("x-no-resend", priority: 2, customer: "z"),
        make("a-with-resend", priority: 2, customer: "z", resend: "req_0"),
        make("p5", priority: 5, account: "AAA"),
    ]

    @Test func sortsByPriorityThenKeysInByteOrder() {
        let shuffled = [7, 3, 12, 0, 9, 5, 13, 1, 10, 2, 8, 11, 6, 4].map { Self.ordered[$0] }
        #expect(OutboundFileWriter.sorted(shuffled).map(\.id) == Self.ordered.map(\.id))
        #expect(OutboundFileWriter.sorted(shuffled.reversed()).map(\.id) == Self.ordered.map(\.id))
    }

    @Test func writesAllFourFilesSplitByChannel() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-outbound-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let sms2 = Self.make("s2", priority: 2, channel: .sms)
        let sms1 = Self.make("s1", priority: 1, channel: .sms)
        let mail = Self.make("e1", channel: .email)
        let names = try OutboundFileWriter.write([sms2, mail, sms1], toDirectory: directory)
        #expect(names == ["email.jsonl", "sms.jsonl", "whatsapp.jsonl", "voice.jsonl"])

        func content(_ name: String) throws -> [UInt8] {
            [UInt8](try #require(FileManager.default.contents(atPath: directory + "/" + name)))
        }
        var expectedSMS: [UInt8] = []
        sms1.appendJSONLine(to: &expectedSMS)
        sms2.appendJSONLine(to: &expectedSMS)
        var expectedEmail: [UInt8] = []
        mail.appendJSONLine(to: &expectedEmail)
        #expect(try content("sms.jsonl") == expectedSMS)
        #expect(try content("email.jsonl") == expectedEmail)
        #expect(try content("whatsapp.jsonl").isEmpty)
        #expect(try content("voice.jsonl").isEmpty)
        #expect(OutboundFileWriter.fileBytes([sms2, mail, sms1], channel: .sms) == expectedSMS)
    }
}
