import Foundation

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

    /// One decoded record, or why it failed, with where it stands in the file.
    private enum Item: Sendable {
        case row(Schema.Row, line: Int, number: Int, id: String?)
        case failure(RowError, line: Int, number: Int, id: String?)
    }

    /// Records per hand-off between the reading thread and the caller.
    private static var batchSize: Int { 4096 }

    /// Reads the whole file. Throws when the file can't be trusted (unreadable, malformed,
    /// too many rejects). Reading and decoding run on a thread of their own, a few thousand
    /// records ahead of `handle`, which runs on the caller's thread in file order.
    func read(rejects: inout [RejectRecord], _ handle: (Schema.Row) throws -> Verdict) throws -> TableStatistics {
        var stats = TableStatistics(
            table: input.table, fileName: input.fileName, format: input.format.rawValue,
            gzip: input.fileName.lowercased().hasSuffix(".gz")
        )
        let input = self.input
        let queue = BatchQueue<Item>(capacity: Parallelism.enabled ? 4 : Int.max)
        let produce: @Sendable () -> Void = {
            do {
                try Self.produce(input: input, into: queue)
                queue.finish(nil)
            } catch {
                queue.finish(error)
            }
        }
        if Parallelism.enabled {
            let producer = Thread(block: produce)
            producer.stackSize = 1 << 22
            producer.start()
        } else {
            produce()
        }
        var progress = ProgressLine(label: input.fileName)
        var firstReasons: [String] = []
        do {
            while let batch = try queue.take() {
                for item in batch {
                    stats.rowsRead += 1
                    var failed: (RowError, Int, Int, String?)?
                    switch item {
                    case let .row(row, line, number, id):
                        switch try handle(row) {
                        case .used: stats.rowsUsed += 1
                        case .leftOut: stats.rowsLeftOut += 1
                        case .rejected(let error): failed = (error, line, number, id)
                        }
                    case let .failure(error, line, number, id):
                        failed = (error, line, number, id)
                    }
                    guard let (failure, line, number, id) = failed else { continue }
                    stats.rowsRejected += 1
                    var reject = RejectRecord(kind: .input, reason: failure.reason)
                    reject.file = input.fileName
                    if input.format == .csv { reject.line = line } else { reject.record = number }
                    if let id { reject.id = id }
                    reject.field = failure.field
                    reject.detail = failure.detail
                    if firstReasons.count < 3 {
                        let place = input.format == .csv ? "line \(line)" : "record \(number)"
                        firstReasons.append("\(place) \(failure.reason)")
                    }
                    rejects.append(reject)
                }
                progress.update(rows: stats.rowsRead)
            }
        } catch {
            queue.cancel()
            queue.waitUntilFinished()
            progress.finish(rows: stats.rowsRead)
            throw error
        }
        progress.finish(rows: stats.rowsRead)
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

    /// Reads and decodes every record of the file into `queue`, in batches.
    private static func produce(input: LocatedInput, into queue: BatchQueue<Item>) throws {
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
        var batch: [Item] = []
        batch.reserveCapacity(batchSize)
        while try reader.next(into: &record) {
            let id = idIndex.flatMap { record.string($0) }
            if let problem = record.problem {
                batch.append(.failure(RowError(field: "", reason: problem.reason, detail: problem.detail), line: record.line, number: record.number, id: id))
            } else {
                do {
                    let row = try Schema.decode(FieldCursor(record: record, names: Schema.fields))
                    batch.append(.row(row, line: record.line, number: record.number, id: id))
                } catch {
                    batch.append(.failure(error, line: record.line, number: record.number, id: id))
                }
            }
            if batch.count == batchSize {
                guard queue.put(batch) else { return }
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { _ = queue.put(batch) }
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        return fraction == 0 ? "\(whole)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
