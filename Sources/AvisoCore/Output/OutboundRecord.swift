/// One outbound message as written to its channel's `.jsonl` file.
public struct OutboundRecord: Sendable, Equatable {
    /// Deterministic id (RULES.md "Determinism and reruns").
    public var id: String
    /// The run date.
    public var runDate: Day
    /// 0 manual resend, 1 overdue, 2 due day / linha digitável, 3 warning before, 4 created, 5 received.
    public var priority: Int
    /// The account (merchant) id.
    public var account: String
    /// The customer id.
    public var customer: String
    /// The charge id.
    public var payment: String
    /// The platform event (`PAYMENT_OVERDUE`).
    public var event: String
    /// The slot's offset in days (0 for fixed slots and resends).
    public var scheduleOffset: Int
    /// The slot name, or `RESEND`.
    public var slot: String
    /// Position of the slot in RULES.md's table (`Slot.rawValue`); -1 for `RESEND`.
    public var slotRank: Int
    /// Customer or provider ("para mim").
    public var recipient: Recipient
    /// The channel; decides the output file.
    public var channel: Channel
    /// Email addresses, or the one E.164 number (`+55…`) for phone channels.
    public var to: [String]
    /// The date the rule aimed at before the weekend/holiday shift.
    public var scheduledFor: Day
    /// How the send date relates to `scheduledFor`.
    public var shift: Shift
    /// Fee in centavos.
    public var fee: Int64
    /// The resend request id, for resends only.
    public var resendRequest: String?
    /// The message itself.
    public var message: OutboundMessage

    /// A record with every field given.
    public init(
        id: String, runDate: Day, priority: Int, account: String, customer: String, payment: String,
        event: String, scheduleOffset: Int, slot: String, slotRank: Int, recipient: Recipient,
        channel: Channel, to: [String], scheduledFor: Day, shift: Shift, fee: Int64,
        resendRequest: String? = nil, message: OutboundMessage
    ) {
        self.id = id
        self.runDate = runDate
        self.priority = priority
        self.account = account
        self.customer = customer
        self.payment = payment
        self.event = event
        self.scheduleOffset = scheduleOffset
        self.slot = slot
        self.slotRank = slotRank
        self.recipient = recipient
        self.channel = channel
        self.to = to
        self.scheduledFor = scheduledFor
        self.shift = shift
        self.fee = fee
        self.resendRequest = resendRequest
        self.message = message
    }

    /// Appends the record as one compact JSON object and a line feed. Keys, in this order: id,
    /// runDate, priority, account, customer, payment, event, scheduleOffset, slot, recipient,
    /// channel, to, scheduledFor, shift, fee, resendRequest (only when present), then the
    /// message fields (email: subject, text; sms: text; whatsapp: template, parameters; voice:
    /// script). `to` is an array for email and a single string for the phone channels.
    public func appendJSONLine(to buffer: inout [UInt8]) {
        var json = JSONWriter()
        // Write straight into the caller's buffer without copying it.
        swap(&json.bytes, &buffer)
        defer { swap(&json.bytes, &buffer) }
        json.beginObject()
        json.field("id", id)
        json.field("runDate", runDate.iso)
        json.field("priority", priority)
        json.field("account", account)
        json.field("customer", customer)
        json.field("payment", payment)
        json.field("event", event)
        json.field("scheduleOffset", scheduleOffset)
        json.field("slot", slot)
        json.field("recipient", recipient.name)
        json.field("channel", channel.name)
        if channel == .email {
            json.field("to", to)
        } else {
            json.field("to", to.first ?? "")
        }
        json.field("scheduledFor", scheduledFor.iso)
        json.field("shift", shift.rawValue)
        json.field("fee", fee)
        if let resendRequest { json.field("resendRequest", resendRequest) }
        switch message {
        case .email(let subject, let text):
            json.field("subject", subject)
            json.field("text", text)
        case .sms(let text):
            json.field("text", text)
        case .whatsapp(let template, let parameters):
            json.field("template", template)
            json.field("parameters", parameters)
        case .voice(let script):
            json.field("script", script)
        }
        json.endObject()
        json.bytes.append(UInt8(ascii: "\n"))
    }
}
