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
        let sorted = OutboundFileWriter.sorted(outbound)
        var byChannel: [Channel: [OutboundRecord]] = [:]
        for record in sorted { byChannel[record.channel, default: []].append(record) }
        report.outputs = []
        // The four channel files are rendered and hashed at once, one per worker.
        let channels = Channel.allCases
        let rendered = RenderedFiles(count: channels.count)
        let groups = channels.map { byChannel[$0] ?? [] }
        Parallelism.forEach(channels.count) { i in
            let bytes = OutboundFileWriter.fileBytes(groups[i], channel: channels[i])
            var hasher = SHA256()
            hasher.update(bytes)
            rendered.set(i, bytes: bytes, sha256: SHA256.hex(hasher.finalize()))
        }
        for (i, channel) in channels.enumerated() {
            let name = OutboundFileWriter.fileName(for: channel)
            let (bytes, sha256) = rendered.get(i)
            try OutputFile.write(bytes, to: folder + "/" + name)
            report.outputs.append((file: name, records: groups[i].count, sha256: sha256))
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

    /// Channel files rendered by parallel workers, one slot each.
    private final class RenderedFiles: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [([UInt8], String)]

        init(count: Int) { files = Array(repeating: ([], ""), count: count) }

        func set(_ index: Int, bytes: [UInt8], sha256: String) {
            lock.lock()
            files[index] = (bytes, sha256)
            lock.unlock()
        }

        func get(_ index: Int) -> ([UInt8], String) {
            lock.lock()
            defer { lock.unlock() }
            return files[index]
        }
    }

    private func emit(_ name: String, _ bytes: [UInt8], records: Int, report: inout RunReport) throws {
        try OutputFile.write(bytes, to: folder + "/" + name)
        var hasher = SHA256()
        hasher.update(bytes)
        report.outputs.append((file: name, records: records, sha256: SHA256.hex(hasher.finalize())))
    }
}
