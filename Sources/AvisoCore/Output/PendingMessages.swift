/// The message contexts of a run's records, shared by the records until their messages are
/// written: each record holds this and its index instead of its composed text, so the day's
/// texts never sit in memory all at once (see `ParallelCompose`).
final class PendingMessages: Sendable {
    /// One context per record, by index.
    let contexts: [MessageContext]
    /// Each context's slot (`MessageComposer.slot(of:)`), checked when the records were made.
    let slots: [UInt8]
    /// The composer of every message.
    let composer: MessageComposer

    init(contexts: [MessageContext], slots: [UInt8], composer: MessageComposer) {
        self.contexts = contexts
        self.slots = slots
        self.composer = composer
    }

    /// The composed message of record `index` going by `channel`.
    func message(_ index: Int, channel: Channel) -> OutboundMessage {
        // The slot was checked and every built-in key has a template: this cannot fail.
        (try? composer.message(channel: channel, context: contexts[index], slot: Int(slots[index]))) ?? ParallelCompose.placeholder
    }
}
