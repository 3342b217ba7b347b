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
        var keys = SlotKeys()
        let references = contexts.indices.map {
            MessageReference(context: Int32($0), key: keys.index(of: contexts[$0].slotKey), recipient: contexts[$0].recipient)
        }
        try compose(&records, contexts: MessageContextStore(contexts.map(PackedMessageContext.init)), references: references,
                    keys: keys, composer: composer)
    }

    /// Gives record `i` the context `references[i]` points at, with its slot key and recipient;
    /// on failure the records are left as they were.
    /// - Throws: as `compose(_:contexts:keys:composer:)`.
    static func compose(_ records: inout [OutboundRecord], contexts: MessageContextStore, references: [MessageReference],
                        keys: SlotKeys, composer: MessageComposer) throws {
        precondition(records.count == references.count)
        var awaiting = records
        for i in awaiting.indices { awaiting[i].body = .awaitingContext(references[i]) }
        try compose(&awaiting, contexts: contexts, keys: keys, composer: composer)
        records = awaiting
    }

    /// Gives each record awaiting its context (`OutboundRecord.Body.awaitingContext`) the
    /// context its reference points at, with its slot key and recipient; a record whose message
    /// is composed already keeps it.
    /// - Throws: `AvisoError(.usage)` for the first record whose slot key has no templates, as
    ///   composing it would (nothing is changed then).
    static func compose(_ records: inout [OutboundRecord], contexts: MessageContextStore, keys: SlotKeys,
                        composer: MessageComposer) throws {
        guard !records.isEmpty else { return }
        // Each key is looked up once. `SlotKeys` numbers the keys as the records first meet
        // them, so the first key without templates is that of the first record with one.
        let slotOfKey = try keys.keys.map { UInt8(try MessageComposer.slot(ofKey: $0)) }
        // Read from the composing threads from here on, never appended to.
        contexts.finishAppending()
        let pending = PendingMessages(contexts: contexts, keys: keys, slotOfKey: slotOfKey, composer: composer)
        // Each record holds its own reference: kept in a list of their own, the writer found
        // each record's reference at a cache miss of its own (records are written in output
        // order, all over the list).
        for i in records.indices {
            switch records[i].body {
            case .awaitingContext(let reference?):
                records[i].body = .pending(pending, reference)
            case .awaitingContext(nil):
                preconditionFailure("record \(i) was never given its context's number")
            case .composed, .pending:
                continue
            }
        }
    }
}
