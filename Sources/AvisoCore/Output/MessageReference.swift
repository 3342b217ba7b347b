/// Which shared context a record's message is composed from, with what differs per record:
/// the slot key (as its place in the run's list of keys, `SlotKeys`) and the recipient. Eight
/// bytes per message instead of a whole context, or of a key string.
struct MessageReference: Sendable {
    /// Index of the context in the run's list of contexts.
    var context: Int32
    /// Index of the template slot key (`WARNING_DUE`, `RESEND_OVERDUE`…) in the run's `SlotKeys`.
    var key: UInt8
    /// Whose message it is.
    var recipient: Recipient
}
