/// The message contexts of a run's records, shared by the records until their messages are
/// written: each record holds this and its index instead of its composed text, so the day's
/// texts never sit in memory all at once (see `ParallelCompose`). The messages of one charge
/// share one context: a record keeps only which context, its slot key and its recipient.
final class PendingMessages: Sendable {
    /// One context per charge (or per record), its slot key and recipient set per record.
    let contexts: [PackedMessageContext]
    /// For each record: the index of its context, its slot key and its recipient.
    let references: [MessageReference]
    /// Each record's slot (`MessageComposer.slot(of:)`), checked when the records were made.
    let slots: [UInt8]
    /// The composer of every message.
    let composer: MessageComposer

    init(contexts: [PackedMessageContext], references: [MessageReference], slots: [UInt8], composer: MessageComposer) {
        self.contexts = contexts
        self.references = references
        self.slots = slots
        self.composer = composer
    }

    /// The full context of record `index`.
    func context(of index: Int) -> MessageContext {
        references[index].context(in: contexts)
    }

    /// The composed message of record `index` going by `channel`.
    func message(_ index: Int, channel: Channel) -> OutboundMessage {
        // The slot was checked and every built-in key has a template: this cannot fail.
        (try? composer.message(channel: channel, context: context(of: index), slot: Int(slots[index]))) ?? ParallelCompose.placeholder
    }
}
