/// What the ledger stores of one message, read where the caller keeps it: a run records its own
/// outbound records, so no second array of a million messages is made (and later destroyed)
/// for the ledger alone; tests and `Ledger.record` give `LedgerEntry.Message`s.
protocol LedgerMessageRow {
    /// The message id, as kept (a digest's two words, or text).
    var idStorage: RecordID { get }
    /// The charge id.
    var payment: String { get }
    /// The slot name, or `RESEND`.
    var slot: String { get }
    /// `CUSTOMER` or `PROVIDER`.
    var recipientName: String { get }
    /// `email`, `sms`, `whatsapp` or `voice`.
    var channelName: String { get }
    /// The resend request id, for resends only.
    var resendRequest: String? { get }
}

extension LedgerEntry.Message: LedgerMessageRow {
    var recipientName: String { recipient }
    var channelName: String { channel }
}

extension OutboundRecord: LedgerMessageRow {
    // Inlined so that reading a name from a record in place loads the one field: a call
    // would be given (and copy, retaining its strings) the whole record.
    @inline(__always) var recipientName: String { recipient.name }
    @inline(__always) var channelName: String { channel.name }
}
