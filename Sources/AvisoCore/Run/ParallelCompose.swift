/// Prepares the day's messages for composing: records are collected while the charges are
/// read, with their message contexts; here each record is given its context (checked, and
/// shared with the other records rather than copied). The texts are composed when the records
/// are written, in parallel chunks and in output order (`RunOutputWriter`), so the day's texts
/// never sit in memory all at once. Each record's text depends only on its own context, so the
/// bytes are the same as composing them one by one.
enum ParallelCompose {
    /// The message a record holds until it is given its context.
    static let placeholder = OutboundMessage.sms(text: "")

    /// Gives record `i` context `i`.
    /// - Throws: `AvisoError(.usage)` for the first context (in record order) whose slot key
    ///   has no templates, as composing it would.
    static func compose(_ records: inout [OutboundRecord], contexts: [MessageContext], composer: MessageComposer) throws {
        precondition(records.count == contexts.count)
        guard !records.isEmpty else { return }
        var slots: [UInt8] = []
        slots.reserveCapacity(contexts.count)
        for context in contexts { slots.append(UInt8(try MessageComposer.slot(of: context))) }
        let pending = PendingMessages(contexts: contexts, slots: slots, composer: composer)
        for i in records.indices { records[i].body = .pending(pending, i) }
    }
}
