/// One outbound message as written to its channel's `.jsonl` file.
///
/// A run keeps a million and more of these until it writes them, so the stored fields are laid
/// out to leave little padding (the one-byte fields and the dates fill the tails of the ids).
public struct OutboundRecord: Sendable, Equatable {
    /// Deterministic id (RULES.md "Determinism and reruns").
    public var id: String {
        get { idStorage.text }
        set { idStorage = .text(newValue) }
    }
    /// The id as kept: the run's ids are digests, held without a String.
    var idStorage: RecordID
    /// Customer or provider ("para mim").
    public var recipient: Recipient
    /// The channel; decides the output file.
    public var channel: Channel
    /// How the send date relates to `scheduledFor`.
    public var shift: Shift
    /// The run date.
    public var runDate: Day
    /// The account (merchant) id.
    public var account: String {
        get { accountID.string }
        set { accountID = ShortText(newValue) }
    }
    /// The customer id.
    public var customer: String {
        get { customerID.string }
        set { customerID = ShortText(newValue) }
    }
    /// The charge id.
    public var payment: String {
        get { paymentID.string }
        set { paymentID = ShortText(newValue) }
    }
    /// The three ids as kept: inline, without a String each (see `ShortText`). The date and
    /// the small numbers below fill the tails the inline ids leave.
    var accountID: ShortText
    /// The date the rule aimed at before the weekend/holiday shift.
    public var scheduledFor: Day
    var customerID: ShortText
    private var priorityValue: Int32
    var paymentID: ShortText
    private var slotRankValue: Int32
    /// `to` as kept: a single destination inline, without a list (see `Destinations`).
    var destinations: Destinations
    private var scheduleOffsetValue: Int32
    /// The platform event (`PAYMENT_OVERDUE`).
    public var event: String {
        get { labels.event }
        set { labels = Labels(event: newValue, slot: labels.slot, resendRequest: labels.resendRequest) }
    }
    /// The slot name, or `RESEND`.
    public var slot: String {
        get { labels.slot }
        set { labels = Labels(event: labels.event, slot: newValue, resendRequest: labels.resendRequest) }
    }
    /// `event`, `slot` and `resendRequest` as kept (see `Labels`).
    var labels: Labels
    /// Email addresses, or the one E.164 number (`+55…`) for phone channels.
    public var to: [String] {
        get { destinations.list }
        set { destinations = Destinations(newValue) }
    }
    /// Fee in centavos.
    public var fee: Int64
    /// The resend request id, for resends only.
    public var resendRequest: String? {
        get { labels.resendRequest }
        set { labels = Labels(event: labels.event, slot: labels.slot, resendRequest: newValue) }
    }
    /// What the record holds for its message.
    var body: Body
    // The three numbers below are small (a priority, a rank, a day offset of 0 to 90): kept in
    // 32 bits, where the inline ids leave room; a value beyond 32 bits traps.
    /// 0 manual resend, 1 overdue, 2 due day / linha digitável, 3 warning before, 4 created, 5 received.
    public var priority: Int {
        get { Int(priorityValue) }
        set { priorityValue = Int32(newValue) }
    }
    /// Position of the slot in RULES.md's table (`Slot.rawValue`); -1 for `RESEND`.
    public var slotRank: Int {
        get { Int(slotRankValue) }
        set { slotRankValue = Int32(newValue) }
    }
    /// The slot's offset in days (0 for fixed slots and resends).
    public var scheduleOffset: Int {
        get { Int(scheduleOffsetValue) }
        set { scheduleOffsetValue = Int32(newValue) }
    }

    /// The message itself. A record made by the nightly run holds its message's context
    /// instead, and the text is composed when it is read or written (see `ParallelCompose`).
    public var message: OutboundMessage {
        get {
            switch body {
            case .composed(let message): return message
            case .pending(let pending, let reference): return pending.message(reference, channel: channel)
            case .awaitingContext: return ParallelCompose.placeholder
            }
        }
        set { body = .composed(newValue) }
    }

    /// A record's event, slot name and resend request id: for a slot's own event and name with
    /// no request (every record a run plans) the slot alone, with nothing allocated; any others
    /// in a box. One word, where as three strings they were 48 bytes of each of the million and
    /// more records a run keeps until it writes them. The form is decided by the texts alone, so equal texts are always
    /// kept the same way.
    enum Labels: Sendable, Equatable {
        case slot(Slot)
        case other(OtherLabels)

        init(event: String, slot: String, resendRequest: String?) {
            if resendRequest == nil, let own = Slot.named(slot), own.event.rawValue == event {
                self = .slot(own)
            } else {
                self = .other(OtherLabels(event: event, slot: slot, resendRequest: resendRequest))
            }
        }

        var event: String {
            switch self {
            case .slot(let slot): return slot.event.rawValue
            case .other(let labels): return labels.event
            }
        }

        var slot: String {
            switch self {
            case .slot(let slot): return slot.name
            case .other(let labels): return labels.slot
            }
        }

        var resendRequest: String? {
            switch self {
            case .slot: return nil
            case .other(let labels): return labels.resendRequest
            }
        }

        /// Whether these are `slot`'s own event and name, with no resend request.
        func isSlot(_ slot: Slot) -> Bool {
            if case .slot(let own) = self { return own == slot }
            return false
        }
    }

    /// Labels other than a slot's own (a resend's, or any a caller sets), kept as given.
    final class OtherLabels: Sendable, Equatable {
        let event: String
        let slot: String
        let resendRequest: String?

        init(event: String, slot: String, resendRequest: String?) {
            self.event = event
            self.slot = slot
            self.resendRequest = resendRequest
        }

        static func == (a: OtherLabels, b: OtherLabels) -> Bool {
            a.event == b.event && a.slot == b.slot && a.resendRequest == b.resendRequest
        }
    }

    /// The composed message, or where its context is.
    enum Body: Sendable {
        // Boxed: a composed message (tests, explain) is rare in a run, and inline its 40 bytes
        // would widen every record.
        indirect case composed(OutboundMessage)
        case pending(PendingMessages, MessageReference)
        /// Not yet given its context (`ParallelCompose`); reads as `ParallelCompose.placeholder`.
        /// A case of its own, so that the run's records hold no box until then. The reference
        /// is nil until the run numbers the charge's context (see `ChargeMessages.moveRecords`).
        case awaitingContext(MessageReference?)
    }

    /// A record with every field given.
    public init(
        id: String, runDate: Day, priority: Int, account: String, customer: String, payment: String,
        event: String, scheduleOffset: Int, slot: String, slotRank: Int, recipient: Recipient,
        channel: Channel, to: [String], scheduledFor: Day, shift: Shift, fee: Int64,
        resendRequest: String? = nil, message: OutboundMessage
    ) {
        self.init(id: id, runDate: runDate, priority: priority, account: account, customer: customer, payment: payment,
                  event: event, scheduleOffset: scheduleOffset, slot: slot, slotRank: slotRank, recipient: recipient,
                  channel: channel, to: to, scheduledFor: scheduledFor, shift: shift, fee: fee,
                  resendRequest: resendRequest, body: .composed(message))
    }

    /// A record with every field given and what it holds for its message: `.awaitingContext`
    /// for the run's records, whose messages `ParallelCompose` gives a context later.
    init(
        id: String, runDate: Day, priority: Int, account: String, customer: String, payment: String,
        event: String, scheduleOffset: Int, slot: String, slotRank: Int, recipient: Recipient,
        channel: Channel, to: [String], scheduledFor: Day, shift: Shift, fee: Int64,
        resendRequest: String?, body: Body
    ) {
        self.init(idStorage: .text(id), runDate: runDate, priority: priority, account: ShortText(account),
                  customer: ShortText(customer), payment: ShortText(payment),
                  labels: Labels(event: event, slot: slot, resendRequest: resendRequest), scheduleOffset: scheduleOffset,
                  slotRank: slotRank, recipient: recipient, channel: channel, to: Destinations(to), scheduledFor: scheduledFor,
                  shift: shift, fee: fee, body: body)
    }

    /// A record with its fields as it keeps them (see `ShortText`, `Destinations`, `Labels`).
    init(
        idStorage: RecordID, runDate: Day, priority: Int, account: ShortText, customer: ShortText, payment: ShortText,
        labels: Labels, scheduleOffset: Int, slotRank: Int, recipient: Recipient,
        channel: Channel, to: Destinations, scheduledFor: Day, shift: Shift, fee: Int64, body: Body
    ) {
        self.idStorage = idStorage
        self.runDate = runDate
        self.accountID = account
        self.customerID = customer
        self.paymentID = payment
        self.labels = labels
        self.destinations = to
        self.fee = fee
        self.body = body
        self.scheduledFor = scheduledFor
        self.scheduleOffsetValue = Int32(scheduleOffset)
        self.priorityValue = Int32(priority)
        self.slotRankValue = Int32(slotRank)
        self.recipient = recipient
        self.channel = channel
        self.shift = shift
    }

    /// Field by field, messages compared as composed (a pending one is composed to compare).
    public static func == (a: OutboundRecord, b: OutboundRecord) -> Bool {
        a.idStorage.text == b.idStorage.text && a.runDate == b.runDate && a.priority == b.priority && a.accountID == b.accountID
            && a.customerID == b.customerID && a.paymentID == b.paymentID && a.event == b.event
            && a.scheduleOffset == b.scheduleOffset && a.slot == b.slot && a.slotRank == b.slotRank
            && a.recipient == b.recipient && a.channel == b.channel && a.destinations == b.destinations
            && a.scheduledFor == b.scheduledFor && a.shift == b.shift && a.fee == b.fee
            && a.resendRequest == b.resendRequest && a.message == b.message
    }

    /// Appends the record as one compact JSON object and a line feed. Keys, in this order: id,
    /// runDate, priority, account, customer, payment, event, scheduleOffset, slot, recipient,
    /// channel, to, scheduledFor, shift, fee, resendRequest (only when present), then the
    /// message fields (email: subject, text; sms: text; whatsapp: template, parameters; voice:
    /// script). `to` is an array for email and a single string for the phone channels.
    public func appendJSONLine(to buffer: inout [UInt8]) {
        var buffers = MessageBuffers()
        appendJSONLine(to: &buffer, buffers: &buffers)
    }

    /// `appendJSONLine(to:)` composing a pending message in `buffers`, reused from one record
    /// to the next.
    func appendJSONLine(to out: inout [UInt8], buffers: inout MessageBuffers) {
        withUnsafePointer(to: self) { Self.appendJSONLine(of: $0, to: &out, buffers: &buffers) }
    }

    /// `appendJSONLine(to:buffers:)` of the record at `record`, read where it lies: a method
    /// called on a record in an array's buffer copies the whole record first, a retain and a
    /// release of each of its texts and of the `PendingMessages` all of a run's records share.
    ///
    /// `pending`, when given, is the `PendingMessages` every pending record the caller writes
    /// holds (a run's records all hold one, see `ParallelCompose`): used instead of the record's
    /// own reference, as taking that retains and releases it, and the composing threads would
    /// both write its count for every record.
    static func appendJSONLine(of record: UnsafePointer<OutboundRecord>, to out: inout [UInt8], buffers: inout MessageBuffers,
                               pending: PendingMessages? = nil) {
        // A slot's own event and name (every record but a resend's) are written from bytes made
        // once; any other text is escaped.
        let slot = Slot(rawValue: record.pointee.slotRank).flatMap { slot in
            record.pointee.labels.isSlot(slot) ? slot : nil
        }
        if !appendPlainFields(of: record, slot: slot, to: &out) {
            appendFields(of: record, slot: slot, to: &out)
        }
        switch record.pointee.body {
        case .composed(let message):
            appendMessage(message, to: &out)
        case .awaitingContext:
            appendMessage(ParallelCompose.placeholder, to: &out)
        case .pending(_, let reference) where pending != nil:
            assert(pendingMessages(of: record) === pending, "the record holds another run's messages")
            pending.unsafelyUnwrapped.appendMessage(reference, channel: record.pointee.channel, to: &out, buffers: &buffers)
        case .pending(let own, let reference):
            own.appendMessage(reference, channel: record.pointee.channel, to: &out, buffers: &buffers)
        }
        TextBytes.append(literal: "}\n", to: &out)
    }

    /// The record's own fields (all but its message), each appended as it is made, texts escaped.
    static func appendFields(of record: UnsafePointer<OutboundRecord>, slot: Slot?, to out: inout [UInt8]) {
        var sink = EscapingFieldSink(bytes: [])
        swap(&sink.bytes, &out)
        _ = writeFields(of: record, slot: slot, into: &sink)
        swap(&sink.bytes, &out)
    }

    /// `appendFields` for a record whose texts need no escape and whose dates have four-digit
    /// years (all but a hostile file's), written into a stack buffer and appended at once: the
    /// field-by-field appends were some 4.7k instructions a record, for over a million records
    /// at 10M charges. False, with nothing appended, for any other record (or a line past the
    /// buffer), which `appendFields` then writes; the two give the same bytes.
    static func appendPlainFields(of record: UnsafePointer<OutboundRecord>, slot: Slot?, to out: inout [UInt8]) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: plainLineRoom) { buffer in
            var line = RawByteWriter(buffer)
            guard writeFields(of: record, slot: slot, into: &line), !line.overflowed else { return false }
            out.append(contentsOf: line.written)
            return true
        }
    }

    /// The record's own fields, in order, into `sink`; false as soon as `sink` cannot write one
    /// (what was written is then to be dropped). The one list of them both ways of writing share.
    @inline(__always)
    static func writeFields<Sink: JSONFieldSink>(of record: UnsafePointer<OutboundRecord>, slot: Slot?, into sink: inout Sink) -> Bool {
        sink.write(literal: "{\"id\":")
        guard record.pointee.idStorage.withText({ sink.write(jsonString: $0) }) else { return false }
        sink.write(literal: ",\"runDate\":\"")
        guard sink.write(isoDay: record.pointee.runDate) else { return false }
        sink.write(literal: "\",\"priority\":")
        sink.write(integer: Int64(record.pointee.priority))
        sink.write(literal: ",\"account\":")
        guard record.pointee.accountID.withUTF8({ sink.write(jsonString: $0) }) else { return false }
        sink.write(literal: ",\"customer\":")
        guard record.pointee.customerID.withUTF8({ sink.write(jsonString: $0) }) else { return false }
        sink.write(literal: ",\"payment\":")
        guard record.pointee.paymentID.withUTF8({ sink.write(jsonString: $0) }) else { return false }
        if let slot {
            sink.write(eventFields[slot.rawValue])
        } else {
            sink.write(literal: ",\"event\":")
            guard sink.write(jsonString: record.pointee.event) else { return false }
        }
        sink.write(literal: ",\"scheduleOffset\":")
        sink.write(integer: Int64(record.pointee.scheduleOffset))
        if let slot {
            sink.write(slotFields[slot.rawValue])
        } else {
            sink.write(literal: ",\"slot\":")
            guard sink.write(jsonString: record.pointee.slot) else { return false }
        }
        sink.write(recipientFields[record.pointee.recipient.rawValue])
        let channel = record.pointee.channel
        sink.write(channelFields[channel.rawValue])
        sink.write(literal: ",\"to\":")
        guard record.pointee.destinations.write(json: &sink, asArray: channel == .email) else { return false }
        sink.write(literal: ",\"scheduledFor\":\"")
        guard sink.write(isoDay: record.pointee.scheduledFor) else { return false }
        sink.write(shiftFields[shiftIndex(record.pointee.shift)])
        sink.write(literal: ",\"fee\":")
        sink.write(integer: record.pointee.fee)
        if let resendRequest = record.pointee.resendRequest {
            sink.write(literal: ",\"resendRequest\":")
            guard sink.write(jsonString: resendRequest) else { return false }
        }
        return true
    }

    /// The stack buffer of `appendPlainFields`: room for a record's fields with a few
    /// addresses (a longer line is written field by field).
    static var plainLineRoom: Int { 1024 }

    /// The context index of the record at `record` when its message is composed as it is
    /// written (`.pending`), read in place; nil otherwise.
    @inline(__always)
    static func pendingContext(of record: UnsafePointer<OutboundRecord>) -> Int? {
        guard case .pending(_, let reference) = record.pointee.body else { return nil }
        return Int(reference.context)
    }

    /// The messages the record at `record` is composed from, when it is `.pending`.
    static func pendingMessages(of record: UnsafePointer<OutboundRecord>) -> PendingMessages? {
        guard case .pending(let pending, _) = record.pointee.body else { return nil }
        return pending
    }

    /// Appends the fields of `message` (after the record's own fields).
    static func appendMessage(_ message: OutboundMessage, to out: inout [UInt8]) {
        switch message {
        case .email(let subject, let text):
            TextBytes.withUTF8(subject) { subject in
                TextBytes.withUTF8(text) { appendTextFields(channel: .email, first: subject, second: $0, to: &out) }
            }
        case .sms(let text):
            TextBytes.withUTF8(text) { appendTextFields(channel: .sms, first: $0, second: $0, to: &out) }
        case .whatsapp(let template, let parameters):
            appendString(",\"template\":", template, to: &out)
            TextBytes.append(literal: ",\"parameters\":", to: &out)
            JSONWriter.appendArray(parameters, to: &out)
        case .voice(let script):
            TextBytes.withUTF8(script) { appendTextFields(channel: .voice, first: $0, second: $0, to: &out) }
        }
    }

    /// Appends the fields of an email, SMS or voice message from their UTF-8 bytes: `first` is
    /// the subject, the SMS text or the script, `second` the email's text (read for email
    /// only). The one place that names those fields, for messages composed in a run's buffers
    /// (`PendingMessages`) as for composed ones.
    static func appendTextFields(channel: Channel, first: UnsafeBufferPointer<UInt8>, second: UnsafeBufferPointer<UInt8>,
                                 to out: inout [UInt8]) {
        TextBytes.append(literal: channel == .email ? ",\"subject\":" : channel == .sms ? ",\"text\":" : ",\"script\":", to: &out)
        JSONWriter.appendEscaped(utf8: first, to: &out)
        if channel == .email {
            TextBytes.append(literal: ",\"text\":", to: &out)
            JSONWriter.appendEscaped(utf8: second, to: &out)
        }
    }

    /// Appends `key` (the literal up to the value: comma, quoted name, colon) and `value` as
    /// a JSON string.
    // The enum-valued fields as they are written, key and value (the shift's key closing the
    // date before it): made once, not escaped again for every record. A slot's event and name
    // are indexed by the slot's raw value. Permanent tables: both composing threads append
    // them for every message, and an array's reference count is a cache line both write.
    private static let eventFields = PermanentByteTable(Slot.allCases.map { field(",\"event\":", $0.event.rawValue) })
    private static let slotFields = PermanentByteTable(Slot.allCases.map { field(",\"slot\":", $0.name) })
    private static let recipientFields = PermanentByteTable(Recipient.allCases.map { field(",\"recipient\":", $0.name) })
    private static let channelFields = PermanentByteTable(Channel.allCases.map { field(",\"channel\":", $0.name) })
    private static let shifts: [Shift] = [.none, .pulledForward, .pushedBack]
    private static let shiftFields = PermanentByteTable(shifts.map { field("\",\"shift\":", $0.rawValue) })

    @inline(__always)
    private static func shiftIndex(_ shift: Shift) -> Int {
        switch shift {
        case .none: return 0
        case .pulledForward: return 1
        case .pushedBack: return 2
        }
    }

    private static func field(_ key: StaticString, _ value: String) -> [UInt8] {
        var bytes: [UInt8] = []
        appendString(key, value, to: &bytes)
        return bytes
    }

    private static func appendString(_ key: StaticString, _ value: String, to out: inout [UInt8]) {
        TextBytes.append(literal: key, to: &out)
        JSONWriter.appendEscaped(value, to: &out)
    }
}
