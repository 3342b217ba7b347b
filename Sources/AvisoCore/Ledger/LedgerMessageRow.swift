/// What the ledger stores of one message, read where the caller keeps it: a run records its own
/// outbound records, so no second array of a million messages is made (and later destroyed)
/// for the ledger alone; tests and `Ledger.record` give `LedgerEntry.Message`s.
protocol LedgerMessageRow {
    /// The message id, as kept (a digest's two words, or text).
    var idStorage: RecordID { get }
    /// The charge id, as the ledger reads it (see `ShortText`).
    var paymentText: ShortText { get }
    /// The slot name, or `RESEND`.
    var slot: String { get }
    /// `CUSTOMER` or `PROVIDER`.
    var recipientName: String { get }
    /// `email`, `sms`, `whatsapp` or `voice`.
    var channelName: String { get }
    /// The resend request id, for resends only.
    var resendRequest: String? { get }
    /// Appends the row's payment, id, slot, recipient, channel and resend request (if any) to
    /// `bytes`, one after the other, and returns where each ends.
    static func appendLedgerValues(of row: UnsafePointer<Self>, to bytes: inout [UInt8]) -> LedgerValueEnds
}

/// Where each of a message's values ends in the bytes `appendLedgerValues` appended them to.
struct LedgerValueEnds {
    var payment = 0, id = 0, slot = 0, recipient = 0, channel = 0
    /// The end of the resend request, or nil when there is none.
    var resendRequest: Int?

    /// Appends the six values to `bytes` in the ledger's order and returns where each ends.
    static func append(payment: ShortText, id: RecordID, slot: String, recipient: String, channel: String,
                       resendRequest: String?, to bytes: inout [UInt8]) -> LedgerValueEnds {
        var ends = LedgerValueEnds()
        payment.append(to: &bytes)
        ends.payment = bytes.count
        id.appendText(to: &bytes)
        ends.id = bytes.count
        TextBytes.append(slot, to: &bytes)
        ends.slot = bytes.count
        TextBytes.append(recipient, to: &bytes)
        ends.recipient = bytes.count
        TextBytes.append(channel, to: &bytes)
        ends.channel = bytes.count
        if let resendRequest {
            TextBytes.append(resendRequest, to: &bytes)
            ends.resendRequest = bytes.count
        }
        return ends
    }
}

extension LedgerMessageRow {
    static func appendLedgerValues(of row: UnsafePointer<Self>, to bytes: inout [UInt8]) -> LedgerValueEnds {
        LedgerValueEnds.append(payment: row.pointee.paymentText, id: row.pointee.idStorage, slot: row.pointee.slot,
                               recipient: row.pointee.recipientName, channel: row.pointee.channelName,
                               resendRequest: row.pointee.resendRequest, to: &bytes)
    }
}

extension LedgerEntry.Message: LedgerMessageRow {
    var paymentText: ShortText { ShortText(payment) }
    var recipientName: String { recipient }
    var channelName: String { channel }
}

extension OutboundRecord: LedgerMessageRow {
    // Inlined so that reading a name from a record in place loads the one field: a call
    // would be given (and copy, retaining its strings) the whole record.
    @inline(__always) var paymentText: ShortText { paymentID }
    @inline(__always) var recipientName: String { recipient.name }
    @inline(__always) var channelName: String { channel.name }

    // Written for the record itself, not left to the protocol's default: there, and through
    // the protocol's getters before it, each of the six values was read from a copy of the whole
    // record (nine references retained and released; `perf` at 10M CSV: record copies 2.07% of
    // the samples with the default, 1.30% with this); here each value is loaded from the record.
    static func appendLedgerValues(of row: UnsafePointer<OutboundRecord>, to bytes: inout [UInt8]) -> LedgerValueEnds {
        LedgerValueEnds.append(payment: row.pointee.paymentText, id: row.pointee.idStorage, slot: row.pointee.slot,
                               recipient: row.pointee.recipient.name, channel: row.pointee.channel.name,
                               resendRequest: row.pointee.resendRequest, to: &bytes)
    }
}
