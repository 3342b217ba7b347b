/// Which shared context a record's message is composed from, with what differs per record:
/// the slot key and the recipient. Twenty-odd bytes instead of a whole context per message.
struct MessageReference: Sendable {
    /// Index of the context in the run's list of contexts.
    var context: Int32
    /// The template slot key (`WARNING_DUE`, `RESEND_OVERDUE`…).
    var slotKey: String
    /// Whose message it is.
    var recipient: Recipient

    /// The record's context: the shared one with this slot key and recipient.
    func context(in contexts: [PackedMessageContext]) -> MessageContext {
        contexts[Int(context)].context(slotKey: slotKey, recipient: recipient)
    }
}
