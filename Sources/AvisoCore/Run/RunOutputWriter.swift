import Foundation

/// Writes a run's files into the staging folder and fills in the report's output list (records
/// and SHA-256 of each file), then writes summary.json, which names them all.
struct RunOutputWriter {
    let folder: String

    /// What the finance page needs beyond the run's counts.
    struct PageContext {
        var accountNames: [String: String] = [:]
        var previous: PreviousRun?
        var forecast: [ForecastDay] = []
        var dataQuality: [AccountDataQuality] = []
    }

    /// Writes every file of the day into `folder`. `tally` adds the day's counts to `report`
    /// (the finance page, fees.csv and summary.json show them): it runs on a thread of its own
    /// while the records are sorted here, and `report` holds its counts when `write` returns.
    func write(
        outbound: [OutboundRecord], letters: [ManifestLetter], rejects: [RejectRecord],
        resendRows: [ResendResultsWriter.Row] = [], page: PageContext = PageContext(),
        report: inout RunReport, tally: @escaping @Sendable (inout RunReport) -> Void, options: RunOptions
    ) throws {
        // The counts, the rejects file and the finance page need nothing of the channel files:
        // they are made on a thread of their own while the records are sorted and the channel
        // files written (after the channel files, on one thread, the files took about 0.35 s at
        // 10M charges; the counts, before the sort, 0.1 s). The page's input is the report as it
        // is now, with the counts: the page shows no output file.
        let reportBefore = report
        let configuration = options.configuration
        let sideFiles = BackgroundResult { () -> (rejects: [UInt8], page: [UInt8], report: RunReport) in
            var pageReport = reportBefore
            tally(&pageReport)
            // Sorted once: the finance page's examples are taken in the file's order too.
            let sortedRejects = RejectsWriter.sorted(rejects)
            let rejectsBytes = RejectsWriter.bytes(inOrder: sortedRejects)
            var lettersByState: [String: (letters: Int, value: Int64)] = [:]
            for letter in letters {
                lettersByState[letter.state, default: (0, 0)].letters += 1
                lettersByState[letter.state, default: (0, 0)].value += letter.value
            }
            var bySlotAndChannel: [String: [Channel: Int]] = [:]
            outbound.withUnsafeBufferPointer { records in
                // Borrowed through the buffer: iterating the array would copy every record.
                for i in records.indices { bySlotAndChannel[records[i].slot, default: [:]][records[i].channel, default: 0] += 1 }
            }
            let input = ReportInput(
                report: pageReport, configuration: configuration, previous: page.previous,
                forecast: page.forecast, dataQuality: page.dataQuality, rejectExamples: sortedRejects,
                accountNames: page.accountNames, lettersByState: lettersByState,
                messagesBySlotAndChannel: bySlotAndChannel
            )
            return (rejectsBytes, ReportPage.render(input), pageReport)
        }
        // The records are sorted once, as indices; each channel's file is then composed and
        // written in chunks of that order, several chunks at once, and hashed as it is written.
        let lists = OutboundFileWriter.channelOrders(outbound)
        // Until the side thread's report (`reportBefore` with the counts) arrives, this thread
        // changes no field of `report`: it lists the files it writes apart, and the report then
        // takes them. (It took the side thread's report back while keeping its own `outputs`,
        // which lost any other field set here in between.)
        var outputs: [(file: String, records: Int, sha256: String)] = []
        for (channel, sha256) in try Self.writeChannelFiles(outbound, lists: lists, folder: folder) {
            outputs.append((file: OutboundFileWriter.fileName(for: channel), records: lists[channel.rawValue].count, sha256: sha256))
        }
        try emit("postal-manifest.csv", PostalManifestWriter.bytes(letters), records: letters.count, outputs: &outputs)
        let made = sideFiles.wait()
        report = made.report
        try emit("rejects.csv", made.rejects, records: rejects.count, outputs: &outputs)
        try emit("resend-results.csv", ResendResultsWriter.bytes(resendRows), records: resendRows.count, outputs: &outputs)
        try emit("fees.csv", FeeTable.csv(report, accountNames: page.accountNames), records: report.feesByAccount.count, outputs: &outputs)
        try emit("report.html", made.page, records: 1, outputs: &outputs)
        report.outputs = outputs
        try OutputFile.write(SummaryDocument.render(report: report, options: options), to: folder + "/summary.json")
    }

    /// Records a worker composes into one buffer.
    static let chunkRecords = 512

    /// Chunks composed ahead of the writing, per composing thread (see `writeChannelFiles`).
    // On two cores, 32 buffers of about 360 KB at 10M charges (a run's peak is earlier, while
    // the charges are read). With four, the composing threads slept on a full window whenever
    // the writing thread waited for a direct write to reach the disk, about half a second each
    // in a 3.5 s phase of a 10M run; with sixteen, under 0.3 s, and the phase took 3.25 s
    // instead of 3.52 in four alternated pairs (bench/RESULTS.md).
    static let chunksInFlightPerComposer = 16

    /// Writes the four channel files into `folder`, each with the records of its list in that
    /// order; returns each channel with its file's SHA-256 (hex), in channel order.
    ///
    /// Chunks of records are composed and encoded on one thread per core, each taking the next
    /// chunk as soon as it is done with one; the calling thread hashes and writes the chunks in
    /// order as they are done (`ChunkWindow`), so memory holds only the chunks in flight.
    static func writeChannelFiles(_ records: [OutboundRecord], lists: [[Int]], folder: String) throws -> [(Channel, String)] {
        let channels = Channel.allCases
        var chunks: [(channel: Int, range: Range<Int>)] = []
        for channel in channels {
            let count = lists[channel.rawValue].count
            for lower in stride(from: 0, to: count, by: chunkRecords) {
                chunks.append((channel.rawValue, lower..<min(count, lower + chunkRecords)))
            }
        }
        let sink = try ChannelSink(paths: channels.map { folder + "/" + OutboundFileWriter.fileName(for: $0) })
        let composers = Parallelism.enabled ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 0
        let window = ChunkWindow(count: chunks.count, width: max(1, Self.chunksInFlightPerComposer * composers))
        let slots = ChunkSlots(count: window.width)
        // Composes chunk `chunk`'s lines into buffer `slot`.
        let fill: @Sendable (_ chunk: Int, _ slot: Int, inout MessageBuffers) -> Void = { [chunks] chunk, slot, buffers in
            var bytes = slots.take(slot)
            let list = lists[chunks[chunk].channel]
            records.withUnsafeBufferPointer { records in
                let range = chunks[chunk].range
                guard let base = records.baseAddress, !range.isEmpty else { return }
                // The run's records share one store of contexts (none in some tests), taken
                // once here: each record's own reference to it would be retained and released.
                let pending = OutboundRecord.pendingMessages(of: base + list[range.lowerBound])
                // Lent, not retained: bound for each record, the store was retained and released
                // per record, an atomic write to an object both composing threads use.
                let contexts = pending.map { Unmanaged.passUnretained($0.contexts) }
                for position in range {
                    // The records are visited in output order, all over the array, and each
                    // reads its context from another place: three steps ahead, a record is
                    // asked for; two ahead, its context's place; one ahead, the context and an
                    // email address kept as a String (writing it retains it).
                    if position + 3 < range.upperBound { Prefetch.lines(of: base + list[position + 3]) }
                    contexts?._withUnsafeGuaranteedRef { contexts in
                        if position + 2 < range.upperBound, let context = OutboundRecord.pendingContext(of: base + list[position + 2]) {
                            contexts.prefetchPlace(context)
                        }
                        if position + 1 < range.upperBound, let context = OutboundRecord.pendingContext(of: base + list[position + 1]) {
                            contexts.prefetchBytes(context)
                        }
                    }
                    if position + 1 < range.upperBound {
                        (base + list[position + 1]).pointee.destinations.prefetch()
                    }
                    OutboundRecord.appendJSONLine(of: base + list[position], to: &bytes, buffers: &buffers, pending: pending)
                }
            }
            slots.put(slot, bytes)
        }
        guard composers > 0 else {
            var buffers = MessageBuffers()
            for chunk in chunks.indices {
                fill(chunk, 0, &buffers)
                sink.write(chunks[chunk].channel, slots, 0)
            }
            return try channels.map { ($0, try sink.finish($0.rawValue)) }
        }
        let done = DispatchGroup()
        for _ in 0..<composers {
            done.enter()
            let thread = Thread {
                var buffers = MessageBuffers()
                while let chunk = window.claim() {
                    fill(chunk, chunk % window.width, &buffers)
                    window.fill(chunk)
                }
                done.leave()
            }
            thread.start()
        }
        for chunk in chunks.indices {
            let slot = window.waitFilled(chunk)
            sink.write(chunks[chunk].channel, slots, slot)
            window.consume(chunk)
        }
        done.wait()
        return try channels.map { ($0, try sink.finish($0.rawValue)) }
    }

    /// The four open channel files and their hashers, fed in order by one serial queue.
    private final class ChannelSink: @unchecked Sendable {
        private let files: [OutputFile]
        private var hashers: [SHA256]
        private var failure: (any Error)?

        init(paths: [String]) throws {
            files = try paths.map { try OutputFile(path: $0) }
            hashers = paths.map { _ in SHA256() }
        }

        /// Hashes and writes buffer `slot` to file `index`, leaving the buffer empty (capacity
        /// kept). After a failure, only the first error is kept and nothing more is written.
        func write(_ index: Int, _ slots: ChunkSlots, _ slot: Int) {
            guard failure == nil else { return }
            let file = files[index]
            swap(&file.buffer, &slots[slot])
            defer { swap(&file.buffer, &slots[slot]) }
            file.buffer.withUnsafeBytes { hashers[index].update($0) }
            do {
                try file.flush()
            } catch {
                failure = error
            }
        }

        /// Closes file `index` and returns its SHA-256 (hex).
        /// - Throws: the first write error, or a close error.
        func finish(_ index: Int) throws -> String {
            if let failure { throw failure }
            try files[index].close()
            return SHA256.hex(hashers[index].finalize())
        }
    }

    /// Reusable byte buffers for the chunks in flight; each is used by one worker at a time.
    private final class ChunkSlots: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<[UInt8]>
        private let count: Int

        init(count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: [], count: count)
        }

        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }

        /// Takes buffer `index` out, empty, with its capacity kept.
        func take(_ index: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            swap(&bytes, &slots[index])
            bytes.removeAll(keepingCapacity: true)
            return bytes
        }

        /// Puts buffer `index` back.
        func put(_ index: Int, _ bytes: [UInt8]) { slots[index] = bytes }

        subscript(index: Int) -> [UInt8] {
            get { slots[index] }
            set { slots[index] = newValue }
        }
    }

    private func emit(_ name: String, _ bytes: [UInt8], records: Int, outputs: inout [(file: String, records: Int, sha256: String)]) throws {
        try OutputFile.write(bytes, to: folder + "/" + name)
        var hasher = SHA256()
        hasher.update(bytes)
        outputs.append((file: name, records: records, sha256: SHA256.hex(hasher.finalize())))
    }
}
