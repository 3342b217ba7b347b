/// Reads one export file record by record, decodes each row with its schema, and hands sound
/// rows to the caller, who says whether the row is used, left out or rejected. Every rejected
/// row becomes an INPUT line of rejects.csv; the reject limit is checked at the end.
struct TableReader<Schema: InputTableSchema> {
    /// What the caller made of a decoded row.
    enum Verdict {
        case used
        case leftOut
        case rejected(RowError)
    }

    let input: LocatedInput
    let maxRejectRatio: Double

    /// Reads the whole file. Throws when the file can't be trusted (unreadable, malformed,
    /// too many rejects).
    func read(rejects: inout [RejectRecord], _ handle: (Schema.Row) throws -> Verdict) throws -> TableStatistics {
        var stats = TableStatistics(
            table: input.table, fileName: input.fileName, format: input.format.rawValue,
            gzip: input.fileName.lowercased().hasSuffix(".gz")
        )
        let source = try InputFile.open(path: input.path, displayName: input.fileName)
        let reader: RecordReader
        switch input.format {
        case .csv:
            reader = try CSVRecordReader(source: source, fileName: input.fileName, fields: Schema.fields, required: Schema.required)
        case .xml:
            reader = try XMLRecordReader(
                source: source, fileName: input.fileName, rootName: Schema.baseName,
                recordName: Schema.recordName, fields: Schema.fields
            )
        }
        var record = RawRecord(fieldCount: Schema.fields.count)
        let idIndex = Schema.fields.firstIndex(of: "id")
        var firstReasons: [String] = []
        while try reader.next(into: &record) {
            stats.rowsRead += 1
            var failure: RowError?
            if let problem = record.problem {
                failure = RowError(field: "", reason: problem.reason, detail: problem.detail)
            } else {
                do {
                    let row = try Schema.decode(FieldCursor(record: record, names: Schema.fields))
                    switch try handle(row) {
                    case .used: stats.rowsUsed += 1
                    case .leftOut: stats.rowsLeftOut += 1
                    case .rejected(let error): failure = error
                    }
                } catch let error as RowError {
                    failure = error
                }
            }
            guard let failure else { continue }
            stats.rowsRejected += 1
            var reject = RejectRecord(kind: .input, reason: failure.reason)
            reject.file = input.fileName
            if input.format == .csv { reject.line = record.line } else { reject.record = record.number }
            if let idIndex, let id = record.string(idIndex) { reject.id = id }
            reject.field = failure.field
            reject.detail = failure.detail
            if firstReasons.count < 3 {
                let place = input.format == .csv ? "line \(record.line)" : "record \(record.number)"
                firstReasons.append("\(place) \(failure.reason)")
            }
            rejects.append(reject)
        }
        let limit = maxRejectRatio * Double(stats.rowsRead)
        if Double(stats.rowsRejected) > limit {
            let percent = stats.rowsRead == 0 ? 0 : Double(stats.rowsRejected) * 100 / Double(stats.rowsRead)
            throw AvisoError(
                .input, file: input.fileName,
                "\(stats.rowsRejected) of \(stats.rowsRead) rows rejected (\(Self.format(percent))%), more than maxRejectRatio \(Self.format(maxRejectRatio * 100))% allows; first: \(firstReasons.joined(separator: ", "))",
                hint: "a broken export must not produce a thin run: fix the export, or raise maxRejectRatio in the config if these rejects are expected"
            )
        }
        return stats
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        return fraction == 0 ? "\(whole)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
