/// The message contexts of a run's records, shared by the records until their messages are
/// written: each record holds this and its `MessageReference` instead of its composed text, so
/// the day's texts never sit in memory all at once (see `ParallelCompose`). The messages of
/// one charge share one context: a record keeps only which context, its slot key and its
/// recipient.
final class PendingMessages: Sendable {
    /// One context per charge (or per record), its slot key and recipient set per record.
    let contexts: MessageContextStore
    /// The slot keys the references point into.
    let keys: SlotKeys
    /// The slot (`MessageComposer.slot(ofKey:)`) of each key in `keys`, checked when the
    /// records were given their contexts.
    let slotOfKey: [UInt8]
    /// The composer of every message.
    let composer: MessageComposer

    init(contexts: MessageContextStore, keys: SlotKeys, slotOfKey: [UInt8], composer: MessageComposer) {
        self.contexts = contexts
        self.keys = keys
        self.slotOfKey = slotOfKey
        self.composer = composer
    }

    /// The full context of the record with `reference`.
    func context(of reference: MessageReference) -> MessageContext {
        contexts[Int(reference.context)].context(slotKey: keys[reference.key], recipient: reference.recipient)
    }

    /// The slot of the message of the record with `reference`.
    @inline(__always)
    func slot(of reference: MessageReference) -> Int {
        Int(slotOfKey[Int(reference.key)])
    }

    /// The composed message of the record with `reference`, going by `channel`.
    func message(_ reference: MessageReference, channel: Channel) -> OutboundMessage {
        // The slot was checked and every built-in key has a template: this cannot fail.
        (try? composer.message(channel: channel, context: context(of: reference), slot: slot(of: reference))) ?? ParallelCompose.placeholder
    }

    /// Appends the message fields of the record with `reference`, going by `channel`, to `out`,
    /// as `OutboundRecord.appendJSONLine` writes them, composed in `buffers`.
    func appendMessage(_ reference: MessageReference, channel: Channel, to out: inout [UInt8], buffers: inout MessageBuffers) {
        if channel == .whatsapp {
            OutboundRecord.appendMessage(MessageComposer.whatsapp(context(of: reference)), to: &out)
            return
        }
        // Composed from the packed context: no `String` is made back from its texts. Its texts
        // are copied into the last message's buffer (unshared once that message's values are
        // gone): a new buffer for each of a night's million messages was an allocation, a
        // free and the array's zeroing.
        var spare: [UInt8] = []
        swap(&spare, &buffers.contextTexts)
        var values = TemplateValues(packed: contexts.context(at: Int(reference.context), reusing: consume spare), slotKey: keys[reference.key])
        defer { buffers.contextTexts = values.packed.texts.bufferForReuse }
        if composer.composeText(channel: channel, values: &values, recipient: reference.recipient, slot: slot(of: reference),
                                into: &buffers) == nil {
            buffers.first.withUnsafeBufferPointer { first in
                buffers.second.withUnsafeBufferPointer {
                    OutboundRecord.appendTextFields(channel: channel, first: first, second: $0, to: &out)
                }
            }
        } else {
            // The slot was checked and every built-in key has a template: never reached.
            OutboundRecord.appendMessage(ParallelCompose.placeholder, to: &out)
        }
    }
}
