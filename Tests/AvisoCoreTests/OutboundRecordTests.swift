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

    /// The record's own fields as a plain reference writes them: each text through the legacy
    /// escaper, each number through `String`, each date through `Day.iso`.
    static func referenceFields(_ r: OutboundRecord) -> [UInt8] {
        func text(_ key: String, _ value: String) -> [UInt8] { Array(",\"\(key)\":".utf8) + LegacyOutputOracle.escaped(value) }
        var bytes = Array("{\"id\":".utf8) + LegacyOutputOracle.escaped(r.id)
        bytes += Array(",\"runDate\":\"\(r.runDate.iso)\",\"priority\":\(r.priority)".utf8)
        bytes += text("account", r.account) + text("customer", r.customer) + text("payment", r.payment) + text("event", r.event)
        bytes += Array(",\"scheduleOffset\":\(r.scheduleOffset)".utf8) + text("slot", r.slot)
        bytes += Array(",\"recipient\":\"\(r.recipient.name)\",\"channel\":\"\(r.channel.name)\",\"to\":".utf8)
        if r.channel == .email {
            bytes += Array("[".utf8) + Array(r.to.map(LegacyOutputOracle.escaped).joined(separator: Array(",".utf8))) + Array("]".utf8)
        } else {
            bytes += LegacyOutputOracle.escaped(r.to.first ?? "")
        }
        bytes += Array(",\"scheduledFor\":\"\(r.scheduledFor.iso)\",\"shift\":\"\(r.shift.rawValue)\",\"fee\":\(r.fee)".utf8)
        if let request = r.resendRequest { bytes += text("resendRequest", request) }
        return bytes
    }

    @Test("a record's fields are written as the reference writes them, through the stack buffer when every text is plain and field by field otherwise")
    func fieldsMatchTheReferenceBothWays() {
        var generator = SplitMix64(seed: 3)
        let plainTexts = ["acc_1", "cus_000123", "pay_9", "", "a@x.com", "+5511987654321", "req_1", "Conta São Paulo", String(repeating: "y", count: 300)]
        let oddTexts = ["a\"b", "tab\there", "line\nbreak", "back\\slash", "sep\u{2028}x", "del\u{7F}", "\u{E2}\u{82}\u{AC}uro €"]
        func pick(_ odd: Bool) -> String {
            odd && generator.next() % 4 == 0 ? oddTexts[Int(generator.next() % UInt64(oddTexts.count))]
                : plainTexts[Int(generator.next() % UInt64(plainTexts.count))]
        }
        var plainLines = 0
        var fieldLines = 0
        for n in 0..<3000 {
            let odd = n % 3 == 0
            let channel = Channel.allCases[Int(generator.next() % UInt64(Channel.allCases.count))]
            let addresses = (0..<Int(generator.next() % 5)).map { _ in pick(odd) }
            var record = Self.record(id: pick(odd), channel: channel, to: addresses, resendRequest: generator.next() % 2 == 0 ? nil : pick(odd),
                                     message: .sms(text: "x"))
            record.account = pick(odd)
            record.customer = pick(odd)
            record.payment = pick(odd)
            let slot = Slot.allCases[Int(generator.next() % UInt64(Slot.allCases.count))]
            record.slotRank = generator.next() % 5 == 0 ? -1 : slot.rawValue
            record.slot = generator.next() % 4 == 0 ? pick(odd) : slot.name
            record.event = generator.next() % 4 == 0 ? pick(odd) : slot.event.rawValue
            record.priority = Int(generator.next() % 2000) - 1000
            record.scheduleOffset = Int(generator.next() % 91)
            record.fee = Int64(bitPattern: generator.next()) >> Int(generator.next() % 64)
            record.shift = [Shift.none, .pulledForward, .pushedBack][Int(generator.next() % 3)]
            record.scheduledFor = Day(number: Day(iso: "2026-12-04")!.number + Int32(generator.next() % 800) - 400)
            if n % 97 == 0 { record.runDate = Day(iso: "0999-12-31")! }
            let expected = Self.referenceFields(record)
            var fields: [UInt8] = [7]
            var plain: [UInt8] = [7]
            let tookPlain = withUnsafePointer(to: record) { pointer in
                let slot = Slot(rawValue: record.slotRank).flatMap { $0.name == record.slot && $0.event.rawValue == record.event ? $0 : nil }
                OutboundRecord.appendFields(of: pointer, slot: slot, to: &fields)
                return OutboundRecord.appendPlainFields(of: pointer, slot: slot, to: &plain)
            }
            #expect(fields == [7] + expected, "record \(n) field by field")
            if tookPlain {
                plainLines += 1
                #expect(plain == [7] + expected, "record \(n) through the buffer")
            } else {
                fieldLines += 1
                #expect(plain == [7], "record \(n): nothing appended when the buffer declines")
            }
        }
        // Both ways were taken, often.
        #expect(plainLines > 1000 && fieldLines > 300)
    }

    @Test func voiceLineHasScript() {
        var record = Self.record(channel: .voice, to: ["+551133334444"], message: .voice(script: "Olá."))
        record.recipient = .customer
        record.fee = 150
        #expect(line(record).hasSuffix(#""channel":"voice","to":"+551133334444","scheduledFor":"2026-12-05","shift":"PULLED_FORWARD","fee":150,"script":"Olá."}"# + "\n"))
    }

    @Test func layoutIsAsTheTypeSays() {
        // A run keeps a million records and more until it writes them: 152 bytes each (192
        // with its event, slot and resend request as three strings).
        #expect(MemoryLayout<OutboundRecord>.stride == 152)
    }

    @Test("a slot's own event and name with no resend request are kept as the slot; any other labels as given, and read back the same")
    func labelsKeptAsTheSlotOrAsGiven() {
        var record = Self.record()
        #expect(record.labels == .slot(.warningDue))
        #expect(record.event == "PAYMENT_DUEDATE_WARNING" && record.slot == "WARNING_DUE" && record.resendRequest == nil)
        // Every slot's own labels are kept as the slot.
        for slot in Slot.allCases {
            let labels = OutboundRecord.Labels(event: slot.event.rawValue, slot: slot.name, resendRequest: nil)
            #expect(labels == .slot(slot))
            #expect(labels.event == slot.event.rawValue && labels.slot == slot.name && labels.resendRequest == nil)
        }
        // A resend request, another event, a name no slot has: kept as given.
        record.resendRequest = "req_1"
        #expect(record.labels != .slot(.warningDue))
        #expect(record.event == "PAYMENT_DUEDATE_WARNING" && record.slot == "WARNING_DUE" && record.resendRequest == "req_1")
        record.resendRequest = nil
        #expect(record.labels == .slot(.warningDue))
        record.event = "PAYMENT_OVERDUE"
        #expect(record.labels != .slot(.warningDue))
        #expect(record.event == "PAYMENT_OVERDUE" && record.slot == "WARNING_DUE")
        record.slot = "RESEND"
        #expect(record.event == "PAYMENT_OVERDUE" && record.slot == "RESEND" && record.resendRequest == nil)
        // Equal labels compare equal however they were reached.
        record.slot = "OVERDUE_FIRST"
        #expect(record.labels == .slot(.overdueFirst))
        #expect(OutboundRecord.Labels(event: "X", slot: "Y", resendRequest: "r") == OutboundRecord.Labels(event: "X", slot: "Y", resendRequest: "r"))
        #expect(OutboundRecord.Labels(event: "X", slot: "Y", resendRequest: nil) != OutboundRecord.Labels(event: "X", slot: "Y", resendRequest: "r"))
    }

    @Test func appendsAfterExistingLines() {
        var bytes = Array("previous\n".utf8)
        Self.record(channel: .sms, to: ["+5511987654321"], message: .sms(text: "x")).appendJSONLine(to: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("previous\n{\"id\":\"n1\""))
        #expect(text.hasSuffix("\"text\":\"x\"}\n"))
    }
}
