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

    func write(
        outbound: [OutboundRecord], letters: [ManifestLetter], rejects: [RejectRecord],
        resendRows: [ResendResultsWriter.Row] = [], page: PageContext = PageContext(),
        report: inout RunReport, options: RunOptions
    ) throws {
        // The records are sorted once, as indices; each channel's file is then composed and
        // written in chunks of that order, several chunks at once, and hashed as it is written.
        var lists: [[Int]] = Channel.allCases.map { _ in [] }
        for index in OutboundFileWriter.order(outbound) { lists[outbound[index].channel.rawValue].append(index) }
        report.outputs = []
        for (channel, file) in try writeChannelFiles(outbound, lists: lists) {
            report.outputs.append((file: OutboundFileWriter.fileName(for: channel), records: lists[channel.rawValue].count, sha256: file))
        }
        try emit("postal-manifest.csv", PostalManifestWriter.bytes(letters), records: letters.count, report: &report)
        try emit("rejects.csv", RejectsWriter.bytes(rejects), records: rejects.count, report: &report)
        try emit("resend-results.csv", ResendResultsWriter.bytes(resendRows), records: resendRows.count, report: &report)
        try emit("fees.csv", FeeTable.csv(report, accountNames: page.accountNames), records: report.feesByAccount.count, report: &report)
        var lettersByState: [String: (letters: Int, value: Int64)] = [:]
        for letter in letters {
            lettersByState[letter.state, default: (0, 0)].letters += 1
            lettersByState[letter.state, default: (0, 0)].value += letter.value
        }
        var bySlotAndChannel: [String: [Channel: Int]] = [:]
        for record in outbound { bySlotAndChannel[record.slot, default: [:]][record.channel, default: 0] += 1 }
        let input = ReportInput(
            report: report, configuration: options.configuration, previous: page.previous,
            forecast: page.forecast, dataQuality: page.dataQuality, rejectExamples: rejects,
            accountNames: page.accountNames, lettersByState: lettersByState,
            messagesBySlotAndChannel: bySlotAndChannel
        )
        try emit("report.html", ReportPage.render(input), records: 1, report: &report)
        try OutputFile.write(SummaryDocument.render(report: report, options: options), to: folder + "/summary.json")
    }

    /// Records a worker composes into one buffer.
    static let chunkRecords = 512

    /// Writes the four channel files, each with the records of its list in that order; returns
    /// each channel with its file's SHA-256 (hex), in channel order. Chunks of records are
    /// composed and encoded on every core, a few at a time, then written and hashed in order,
    /// so memory holds only the chunks in flight.
    private func writeChannelFiles(_ records: [OutboundRecord], lists: [[Int]]) throws -> [(Channel, String)] {
        let channels = Channel.allCases
        var chunks: [(channel: Int, range: Range<Int>)] = []
        for channel in channels {
            let count = lists[channel.rawValue].count
            for lower in stride(from: 0, to: count, by: Self.chunkRecords) {
                chunks.append((channel.rawValue, lower..<min(count, lower + Self.chunkRecords)))
            }
        }
        let files = try channels.map { try OutputFile(path: folder + "/" + OutboundFileWriter.fileName(for: $0)) }
        var hashers = channels.map { _ in SHA256() }
        let window = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        let slots = ChunkSlots(count: window)
        var next = 0
        while next < chunks.count {
            let batch = Array(chunks[next..<min(chunks.count, next + window)])
            Parallelism.forEach(batch.count) { k in
                var bytes = slots.take(k)
                var buffers = MessageBuffers()
                let list = lists[batch[k].channel]
                for position in batch[k].range {
                    records[list[position]].appendJSONLine(to: &bytes, buffers: &buffers)
                }
                slots.put(k, bytes)
            }
            for (k, chunk) in batch.enumerated() {
                let file = files[chunk.channel]
                swap(&file.buffer, &slots[k])
                file.buffer.withUnsafeBytes { hashers[chunk.channel].update($0) }
                try file.flush()
                swap(&file.buffer, &slots[k])
            }
            next += batch.count
        }
        var result: [(Channel, String)] = []
        for channel in channels {
            try files[channel.rawValue].close()
            result.append((channel, SHA256.hex(hashers[channel.rawValue].finalize())))
        }
        return result
    }

    /// One reusable byte buffer per chunk in flight; each is used by one worker at a time.
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

        /// Takes buffer `index` out (empty, with its capacity kept).
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

    private func emit(_ name: String, _ bytes: [UInt8], records: Int, report: inout RunReport) throws {
        try OutputFile.write(bytes, to: folder + "/" + name)
        var hasher = SHA256()
        hasher.update(bytes)
        report.outputs.append((file: name, records: records, sha256: SHA256.hex(hasher.finalize())))
    }
}
