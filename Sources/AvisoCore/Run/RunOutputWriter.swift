/// Writes a run's files into the staging folder and fills in the report's output list (records
/// and SHA-256 of each file), then writes summary.json, which names them all.
struct RunOutputWriter {
    let folder: String

    func write(
        outbound: [OutboundRecord], letters: [ManifestLetter], rejects: [RejectRecord],
        resendRows: [ResendResultsWriter.Row] = [], report: inout RunReport, options: RunOptions
    ) throws {
        let sorted = OutboundFileWriter.sorted(outbound)
        var byChannel: [Channel: [OutboundRecord]] = [:]
        for record in sorted { byChannel[record.channel, default: []].append(record) }
        report.outputs = []
        for channel in Channel.allCases {
            let records = byChannel[channel] ?? []
            try emit(OutboundFileWriter.fileName(for: channel), OutboundFileWriter.fileBytes(records, channel: channel), records: records.count, report: &report)
        }
        try emit("postal-manifest.csv", PostalManifestWriter.bytes(letters), records: letters.count, report: &report)
        try emit("rejects.csv", RejectsWriter.bytes(rejects), records: rejects.count, report: &report)
        try emit("resend-results.csv", ResendResultsWriter.bytes(resendRows), records: resendRows.count, report: &report)
        try OutputFile.write(SummaryDocument.render(report: report, options: options), to: folder + "/summary.json")
    }

    private func emit(_ name: String, _ bytes: [UInt8], records: Int, report: inout RunReport) throws {
        try OutputFile.write(bytes, to: folder + "/" + name)
        var hasher = SHA256()
        hasher.update(bytes)
        report.outputs.append((file: name, records: records, sha256: SHA256.hex(hasher.finalize())))
    }
}
