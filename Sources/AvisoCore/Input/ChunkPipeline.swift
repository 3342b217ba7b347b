import Foundation

/// Decodes a file on several threads and hands the results over in file order.
///
/// One splitter thread cuts the file into chunks of whole records (`CSVRecordReader.nextChunk`,
/// `XMLChunkSplitter`); worker threads turn each chunk into one element per record; the consumer
/// takes the elements chunk after chunk, in order. At most `maxInFlight` chunks are cut and not
/// yet taken, so memory stays bounded.
///
/// The consumer sees exactly what the single reading thread of `BatchQueue` would show it: when
/// the file fails after R records, only the first R rounded down to a multiple of `batchSize`
/// records are handed over before the error, as whole batches were. When a worker fails (a
/// chunk that does not decode to its end: its elements up to the failure count as read), the
/// chunks handed over before it may already have gone further than that, never past them.
final class ChunkPipeline<Chunk: PipelineChunk, Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let batchSize: Int
    private let maxInFlight: Int

    // Guarded by `condition`.
    /// Chunks cut and not yet taken by a worker, with their sequence numbers, oldest first.
    private var pending: [(sequence: Int, chunk: Chunk)] = []
    /// Decoded chunks not yet taken by the consumer, by sequence number, with the failure of
    /// a chunk that did not decode to its end.
    private var decoded: [Int: (firstNumber: Int, elements: [Element], failure: (any Error)?)] = [:]
    /// Chunks cut so far; the next chunk's sequence number.
    private var cut = 0
    /// Chunks the consumer has taken.
    private var taken = 0
    /// Records in the chunks cut so far: records 1...confirmed exist.
    private var confirmed = 0
    private var splitFinished = false
    private var splitFailure: (any Error)?
    /// The consumer waits for the splitter to confirm records: the splitter must not wait.
    private var consumerWaiting = false
    private var cancelled = false
    private var running = 0

    // The consumer's own state.
    private var current: [Element] = []
    private var currentFirstNumber = 1
    private var offset = 0
    private var allowedThrough = 0
    /// The failure of the chunk being handed over, once taken, and how far records go before it.
    private var chunkFailure: (error: any Error, through: Int)?

    /// A pipeline handing over at most `batchSize`-aligned records before a failure, with at
    /// most `maxInFlight` chunks between the splitter and the consumer.
    init(batchSize: Int, maxInFlight: Int) {
        self.batchSize = max(1, batchSize)
        self.maxInFlight = max(1, maxInFlight)
    }

    /// Starts the threads: `split` runs on a thread of its own and passes each chunk to the
    /// function it is given, which returns false once the consumer has stopped; `decode` runs
    /// on `workers` threads and must return one element per record of the chunk, in order.
    func start(workers: Int,
               split: @escaping @Sendable (_ emit: (Chunk) -> Bool) throws -> Void,
               decode: @escaping @Sendable (Chunk) -> (elements: [Element], failure: (any Error)?)) {
        let splitter: @Sendable () -> Void = { [self] in
            var failure: (any Error)?
            do {
                try split { self.emit($0) }
            } catch {
                failure = error
            }
            condition.lock()
            splitFinished = true
            splitFailure = failure
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        let worker: @Sendable () -> Void = { [self] in work(decode) }
        let workers = max(1, workers)
        running = workers + 1
        for body in [splitter] + Array(repeating: worker, count: workers) {
            let thread = Thread(block: body)
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// Queues a cut chunk; waits while too many are in flight. False when cancelled.
    private func emit(_ chunk: Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while cut - taken >= maxInFlight && !consumerWaiting && !cancelled {
            condition.wait()
        }
        guard !cancelled else { return false }
        pending.append((cut, chunk))
        cut += 1
        confirmed = chunk.firstNumber - 1 + chunk.records
        condition.broadcast()
        return true
    }

    /// A worker: decodes chunks until the splitter is done and nothing is pending.
    private func work(_ decode: (Chunk) -> (elements: [Element], failure: (any Error)?)) {
        while true {
            condition.lock()
            while pending.isEmpty && !splitFinished && !cancelled { condition.wait() }
            if cancelled || pending.isEmpty {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let (sequence, chunk) = pending.removeFirst()
            condition.unlock()
            let (elements, failure) = decode(chunk)
            condition.lock()
            if !cancelled { decoded[sequence] = (chunk.firstNumber, elements, failure) }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next elements in file order, nil at the end; throws the splitter's error, or a
    /// worker's, where the single reading thread would have.
    func take() throws -> ArraySlice<Element>? {
        if let (error, through) = chunkFailure, currentFirstNumber + offset > through { throw error }
        if offset == current.count {
            condition.lock()
            while decoded[taken] == nil && !(splitFinished && taken == cut) && !cancelled {
                condition.wait()
            }
            guard let next = decoded.removeValue(forKey: taken) else {
                let failure = splitFailure
                condition.unlock()
                if let failure { throw failure }
                return nil
            }
            taken += 1
            condition.broadcast()
            condition.unlock()
            current = next.elements
            currentFirstNumber = next.firstNumber
            offset = 0
            if let failure = next.failure {
                let through = (next.firstNumber - 1 + current.count) / batchSize * batchSize
                chunkFailure = (failure, through)
                if currentFirstNumber > through { throw failure }
            }
            if current.isEmpty { return current[0..<0] }
        }
        let number = currentFirstNumber + offset
        if number > allowedThrough {
            condition.lock()
            while true {
                allowedThrough = splitFinished && splitFailure == nil
                    ? Int.max : confirmed / batchSize * batchSize
                if number <= allowedThrough || splitFinished || cancelled { break }
                consumerWaiting = true
                condition.broadcast()
                condition.wait()
            }
            consumerWaiting = false
            let failure = splitFailure
            condition.unlock()
            if number > allowedThrough {
                throw failure ?? CancellationError()
            }
        }
        var room = allowedThrough == Int.max ? current.count : allowedThrough - number + 1
        if let (_, through) = chunkFailure { room = min(room, through - number + 1) }
        let stop = min(current.count, offset + room)
        defer { offset = stop }
        return current[offset..<stop]
    }

    /// The consumer stops: the splitter's next chunk is refused and the workers stop.
    func cancel() {
        condition.lock()
        cancelled = true
        pending.removeAll()
        decoded.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the splitter and every worker have stopped.
    func waitUntilFinished() {
        condition.lock()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
