/// The message contexts of a run's records, shared by the records until their messages are
/// written: each record holds this and its index instead of its composed text, so the day's
/// texts never sit in memory all at once (see `ParallelCompose`). The messages of one charge
/// share one context: a record keeps only which context, its slot key and its recipient.
final class PendingMessages: Sendable {
    /// One context per charge (or per record), its slot key and recipient set per record.
    let contexts: MessageContextStore
    /// For each record: the index of its context, of its slot key and its recipient.
    let references: [MessageReference]
    /// The slot keys the references point into.
    let keys: SlotKeys
    /// The slot (`MessageComposer.slot(ofKey:)`) of each key in `keys`, checked when the
    /// records were given their contexts.
    let slotOfKey: [UInt8]
    /// The composer of every message.
    let composer: MessageComposer

    init(contexts: MessageContextStore, references: [MessageReference], keys: SlotKeys, slotOfKey: [UInt8],
         composer: MessageComposer) {
        self.contexts = contexts
        self.references = references
        self.keys = keys
        self.slotOfKey = slotOfKey
        self.composer = composer
    }

    /// The full context of record `index`.
    func context(of index: Int) -> MessageContext {
        let reference = references[index]
        return contexts[Int(reference.context)].context(slotKey: keys[reference.key], recipient: reference.recipient)
    }

    /// The slot of record `index`'s message.
    @inline(__always)
    func slot(of index: Int) -> Int {
        Int(slotOfKey[Int(references[index].key)])
    }

    /// The composed message of record `index` going by `channel`.
    func message(_ index: Int, channel: Channel) -> OutboundMessage {
        // The slot was checked and every built-in key has a template: this cannot fail.
        (try? composer.message(channel: channel, context: context(of: index), slot: slot(of: index))) ?? ParallelCompose.placeholder
    }

    /// Appends the message fields of record `index` going by `channel` to `out`, as
    /// `OutboundRecord.appendJSONLine` writes them, composed in `buffers`.
    func appendMessage(_ index: Int, channel: Channel, to out: inout [UInt8], buffers: inout MessageBuffers) {
        let context = context(of: index)
        if channel == .whatsapp {
            OutboundRecord.appendMessage(MessageComposer.whatsapp(context), to: &out)
        } else if composer.composeText(channel: channel, context: context, slot: slot(of: index), into: &buffers) == nil {
            TextBytes.append(literal: channel == .email ? ",\"subject\":" : channel == .sms ? ",\"text\":" : ",\"script\":", to: &out)
            buffers.first.withUnsafeBufferPointer { JSONWriter.appendEscaped(utf8: $0, to: &out) }
            if channel == .email {
                TextBytes.append(literal: ",\"text\":", to: &out)
                buffers.second.withUnsafeBufferPointer { JSONWriter.appendEscaped(utf8: $0, to: &out) }
            }
        } else {
            // The slot was checked and every built-in key has a template: never reached.
            OutboundRecord.appendMessage(ParallelCompose.placeholder, to: &out)
        }
    }
}
