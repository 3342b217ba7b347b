import Foundation

/// The rows of a plain CSV customers file, read again one at a time (with `pread`, from the
/// page cache) for the customers a run needs whole. At millions of customers, keeping each
/// customer's place in the file (`CustomerDirectory`) instead of a copy of its text keeps some
/// 200 bytes a customer out of the run's memory; a run of 10M charges reads about 600k rows
/// again. The file must not change while the run reads it, as for any mapped input.
final class CustomerRows: Sendable {
    private let descriptor: Int32
    private let layout: CSVLayout
    private let fileName: String
    private let idle = IdleFetchers()

    /// Opens the file at `path` and reads its header again; nil when it cannot (the directory
    /// then has no place to read from, and a run keeps copies).
    init?(path: String, fileName: String) {
        guard let mapped = InputFile.mappedIfPlain(path: path, displayName: fileName),
              let reader = try? CSVRecordReader(mapped: mapped, fileName: fileName, fields: CustomerTable.fields,
                                                required: CustomerTable.required) else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.layout = reader.layout
        self.fileName = fileName
    }

    deinit {
        close(descriptor)
    }

    /// The customer whose row is the bytes at `range` of the file, decoded as the reader
    /// decoded it. Stops the process when those bytes can no longer be read or do not parse as
    /// a customer (the file changed under the run); a row rewritten in place with other valid
    /// text is not detected. Any thread may call it.
    func customer(at range: Range<Int>) -> Customer {
        // A fetcher is lent to one thread at a time and kept for the next call: a chunk, its
        // parser and a record made for every call were some 8 allocations (of 9k instructions).
        let fetcher = idle.take() ?? RowFetcher(layout: layout)
        defer { idle.put(fetcher) }
        let chunk = fetcher.chunk
        chunk.removeAll()
        let got = chunk.append(reading: range.count) { pread(descriptor, $0, range.count, off_t(range.lowerBound)) }
        chunk.records = 1
        fetcher.reader.restart()
        guard got == range.count, (try? fetcher.reader.next(into: &fetcher.record)) == true, fetcher.record.problem == nil,
              let customer = try? FieldCursor.read(&fetcher.record, names: CustomerTable.fields, CustomerTable.decode) else {
            fatalError("\(fileName): the customer row at bytes \(range) is not as it was read; the file changed while the run read it")
        }
        return customer
    }

    /// A chunk, its parser and a record, reused from one row to the next by one thread at a
    /// time (`idle` hands them out), hence `@unchecked Sendable`.
    private final class RowFetcher: @unchecked Sendable {
        let chunk: CSVChunk
        let reader: CSVRecordReader
        var record = RawRecord(fieldCount: CustomerTable.fields.count)

        init(layout: CSVLayout) {
            // Room for a customer row of a few hundred bytes; a longer one grows it once.
            chunk = CSVChunk(layout: layout, firstLine: 1, firstNumber: 1, capacity: 1024)
            reader = CSVRecordReader(chunk: chunk)
            // The row is decoded at once, before the chunk is filled again.
            reader.lendsRecordBytes = true
        }
    }

    /// The fetchers no thread holds now: at most one per thread that fetched at once.
    private final class IdleFetchers: @unchecked Sendable {
        private let lock = NSLock()
        private var fetchers: [RowFetcher] = []

        func take() -> RowFetcher? {
            lock.withLock { fetchers.popLast() }
        }

        func put(_ fetcher: RowFetcher) {
            lock.withLock { fetchers.append(fetcher) }
        }
    }
}
