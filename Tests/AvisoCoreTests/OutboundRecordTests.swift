import Testing
@testable import AvisoCore

@Suite struct OutboundRecordTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func record(
        id: String = "n1", channel: Channel = .email, to: [String] = ["a@x.com", "b@y.com"],
        resendRequest: String? = nil, message: OutboundMessage = .email(subject: "Assunto \"x\"", text: "Linha 1\nLinha 2")
    ) -> OutboundRecord {
        OutboundRecord(
            id: id, runDate: day("2026-12-04"), priority: 2, account: "acc_1", customer: "cus_1", payment: "pay_1",
            event: "PAYMENT_DUEDATE_WARNING", scheduleOffset: 0, slot: "WARNING_DUE", slotRank: 3, recipient: .customer,
            channel: channel, to: to, scheduledFor: day("2026-12-05"), shift: .pulledForward, fee: 0,
            resendRequest: resendRequest, message: message
        )
    }

    private func line(_ record: OutboundRecord) -> String {
        var bytes: [UInt8] = []
        record.appendJSONLine(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func emailLineHasKeysInOrderAndAddressArray() {
        #expect(line(Self.record()) == #"{"id":"n1","runDate":"2026-12-04","priority":2,"account":"acc_1","customer":"cus_1","payment":"pay_1","event":"PAYMENT_DUEDATE_WARNING","scheduleOffset":0,"slot":"WARNING_DUE","recipient":"CUSTOMER","channel":"email","to":["a@x.com","b@y.com"],"scheduledFor":"2026-12-05","shift":"PULLED_FORWARD","fee":0,"subject":"Assunto \"x\"","text":"Linha 1\nLinha 2"}"# + "\n")
    }

    @Test func smsLineHasSingleNumber() {
        let record = Self.record(channel: .sms, to: ["+5511987654321"], message: .sms(text: "Oi"))
        #expect(line(record) == #"{"id":"n1","runDate":"2026-12-04","priority":2,"account":"acc_1","customer":"cus_1","payment":"pay_1","event":"PAYMENT_DUEDATE_WARNING","scheduleOffset":0,"slot":"WARNING_DUE","recipient":"CUSTOMER","channel":"sms","to":"+5511987654321","scheduledFor":"2026-12-05","shift":"PULLED_FORWARD","fee":0,"text":"Oi"}"# + "\n")
    }

    @Test func resendWhatsAppLineCarriesRequestTemplateAndParameters() {
        var record = Self.record(
            id: "req_9:whatsapp", channel: .whatsapp, to: ["+5511987654321"], resendRequest: "req_9",
            message: .whatsapp(template: "aviso_resend_overdue", parameters: ["Maria", "Loja", "R$ 10,00", "01/12/2026", ""])
        )
        record.priority = 0
        record.slot = "RESEND"
        record.slotRank = -1
        record.event = "PAYMENT_OVERDUE"
        record.shift = .none
        record.scheduledFor = Self.day("2026-12-04")
        record.fee = 25
        #expect(line(record) == #"{"id":"req_9:whatsapp","runDate":"2026-12-04","priority":0,"account":"acc_1","customer":"cus_1","payment":"pay_1","event":"PAYMENT_OVERDUE","scheduleOffset":0,"slot":"RESEND","recipient":"CUSTOMER","channel":"whatsapp","to":"+5511987654321","scheduledFor":"2026-12-04","shift":"NONE","fee":25,"resendRequest":"req_9","template":"aviso_resend_overdue","parameters":["Maria","Loja","R$ 10,00","01/12/2026",""]}"# + "\n")
    }

    @Test("every recipient, channel and shift is written by its name", arguments: [Shift.none, .pulledForward, .pushedBack])
    func enumFieldsAreWrittenByName(shift: Shift) {
        for recipient in Recipient.allCases {
            for channel in Channel.allCases {
                var record = Self.record(channel: channel, to: ["+5511987654321"], message: .sms(text: "Oi"))
                record.recipient = recipient
                record.shift = shift
                let written = line(record)
                #expect(written.contains(#","recipient":"\#(recipient.name)","channel":"\#(channel.name)","to":"#))
                #expect(written.contains(#","scheduledFor":"2026-12-05","shift":"\#(shift.rawValue)","fee":0,"#))
            }
        }
    }

    @Test("a slot's event and name are written as the slot says, and any other text as it is")
    func slotAndEventAreWrittenAsGiven() {
        for slot in Slot.allCases {
            var record = Self.record(channel: .sms, to: ["+5511987654321"], message: .sms(text: "Oi"))
            record.slotRank = slot.rawValue
            record.slot = slot.name
            record.event = slot.event.rawValue
            #expect(line(record).contains(#""event":"\#(slot.event.rawValue)","scheduleOffset":0,"slot":"\#(slot.name)","#))
            // A text that is not the rank's slot, or not its event, is written (escaped) as it is.
            record.slot = "RESEND \"x\""
            #expect(line(record).contains(#""event":"\#(slot.event.rawValue)","scheduleOffset":0,"slot":"RESEND \"x\"","#))
            record.slot = slot.name
            record.event = "PAYMENT_OVERDUE"
            #expect(line(record).contains(#""event":"PAYMENT_OVERDUE","scheduleOffset":0,"slot":"\#(slot.name)","#))
        }
        var resend = Self.record(channel: .sms, to: ["+5511987654321"], message: .sms(text: "Oi"))
        resend.slotRank = -1
        resend.slot = "RESEND"
        #expect(line(resend).contains(#""event":"PAYMENT_DUEDATE_WARNING","scheduleOffset":0,"slot":"RESEND","#))
    }

    @Test func voiceLineHasScript() {
        var record = Self.record(channel: .voice, to: ["+551133334444"], message: .voice(script: "Olá."))
        record.recipient = .customer
        record.fee = 150
        #expect(line(record).hasSuffix(#""channel":"voice","to":"+551133334444","scheduledFor":"2026-12-05","shift":"PULLED_FORWARD","fee":150,"script":"Olá."}"# + "\n"))
    }

    @Test func layoutIsAsTheTypeSays() {
        // A run keeps a million records and more until it writes them: three cache lines each.
        #expect(MemoryLayout<OutboundRecord>.stride == 192)
    }

    @Test func appendsAfterExistingLines() {
        var bytes = Array("previous\n".utf8)
        Self.record(channel: .sms, to: ["+5511987654321"], message: .sms(text: "x")).appendJSONLine(to: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("previous\n{\"id\":\"n1\""))
        #expect(text.hasSuffix("\"text\":\"x\"}\n"))
    }
}
