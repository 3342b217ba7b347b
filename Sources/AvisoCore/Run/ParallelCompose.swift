import Foundation

/// Composes the day's messages on every core: records are collected while the charges are
/// read, with their message contexts, and their texts are rendered here in a few chunks at
/// once. Each record's text depends only on its own context, so the result is the same bytes
/// as composing them one by one.
enum ParallelCompose {
    /// The message a record holds until it is composed.
    static let placeholder = OutboundMessage.sms(text: "")

    static func compose(_ records: inout [OutboundRecord], contexts: [MessageContext], composer: MessageComposer) throws {
        precondition(records.count == contexts.count)
        let count = records.count
        guard count > 0 else { return }
        let chunks = min(max(ProcessInfo.processInfo.activeProcessorCount, 1) * 2, max(1, count / 256))
        let channels = records.map(\.channel)
        let results = ResultSlots(count: count)
        Parallelism.forEach(chunks) { chunk in
            let lower = count * chunk / chunks
            let upper = count * (chunk + 1) / chunks
            for i in lower..<upper {
                do {
                    results.set(i, .success(try composer.compose(channel: channels[i], context: contexts[i])))
                } catch {
                    results.set(i, .failure(error))
                }
            }
        }
        for i in 0..<count { records[i].message = try results.get(i) }
    }

    /// One result per record, written by exactly one worker each.
    private final class ResultSlots: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<Result<OutboundMessage, any Error>?>
        private let count: Int

        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }

        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }

        func set(_ index: Int, _ result: Result<OutboundMessage, any Error>) { slots[index] = result }

        func get(_ index: Int) throws -> OutboundMessage { try slots[index]!.get() }
    }
}
