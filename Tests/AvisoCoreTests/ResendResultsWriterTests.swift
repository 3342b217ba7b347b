import Testing
@testable import AvisoCore

@Suite struct ResendResultsWriterTests {
    @Test func keepsGivenOrderAndJoinsChannels() {
        let rows = [
            ResendResultsWriter.Row(id: "req_2", payment: "pay_1", requestedAt: "2026-12-03T10:00:00-03:00", outcome: .sent, channels: [.sms, .email, .whatsapp]),
            ResendResultsWriter.Row(id: "req_1", payment: "pay_9", requestedAt: "2026-12-03 09:00", outcome: .rejected, reason: "CHARGE_NOT_OPEN"),
            ResendResultsWriter.Row(id: "req,3", payment: "pay_2", requestedAt: "2026-12-03T08:00Z", outcome: .deferred, channels: [.email]),
        ]
        let expected = """
            id,payment,requestedAt,outcome,reason,channels
            req_2,pay_1,2026-12-03T10:00:00-03:00,SENT,,email|sms|whatsapp
            req_1,pay_9,2026-12-03 09:00,REJECTED,CHARGE_NOT_OPEN,
            "req,3",pay_2,2026-12-03T08:00Z,DEFERRED,,email

            """
        #expect(String(decoding: ResendResultsWriter.bytes(rows), as: UTF8.self) == expected)
    }
}
