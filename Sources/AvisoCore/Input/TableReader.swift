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

    /// One decoded record with what `prepare` made of it, or why it failed, with where it
    /// stands in the file. A row's id is read from the row only if the caller rejects it (a
    /// row `recheck` rejects, counted or not, has its id from `recheck`).
    private enum Item<Prepared: Sendable>: Sendable {
        // Boxed: most rows of a large file are only counted, and an item is as large as its
        // largest case; unboxed, every counted row would be copied at the size of a planned one.
        case row(RowBox<Prepared>)
        /// A row `prepare` settled as `PreparedRow.counted` (the row itself is not kept).
        case counted(leftOut: Bool, note: CountedNote?, line: Int, number: Int)
        // Boxed too: rare, and the only case holding strings; boxed, items (48 bytes either way)
        // are copied and destroyed without them (0.2% fewer instructions on a CSV run).
        indirect case failure(RowError, line: Int, number: Int, id: String?)
    }

    /// A decoded row, what `prepare` made of it, and where it is in the file.
    // A class of its own rather than an `indirect` case: the caller's thread reads the row and
    // its preparation in place, through the box, where taking them out of an indirect case
    // copied both (retaining the row's text and the plan's box, then releasing them), for each
    // of millions of rows.
    private final class RowBox<Prepared: Sendable>: @unchecked Sendable {
        let row: Schema.Row
        let prepared: Prepared
        let line: Int
        let number: Int

        init(_ row: Schema.Row, _ prepared: Prepared, line: Int, number: Int) {
            self.row = row
            self.prepared = prepared
            self.line = line
            self.number = number
        }
    }

    /// A row the caller rejects after all, though `prepare` counted it: why, and its id.
    typealias LateRejection = (error: RowError, id: String)

    /// Records per hand-off between the reading thread and the caller.
    private static var batchSize: Int { 4096 }

    /// Whether a CSV file is cut into chunks decoded on worker threads; otherwise one thread
    /// reads and decodes it (and with `Parallelism` off, before the caller sees a row).
    var splitsCSV = Parallelism.enabled
    /// Whether an XML file is cut into chunks parsed on worker threads (when its prolog allows,
    /// see `XMLChunkSplitter.frame(of:)`); otherwise one thread parses it and a second decodes.
    var splitsXML = Parallelism.enabled
    /// Whether the file's bytes as stored are hashed as they are read, for `TableStatistics.sha256`
    /// (left empty otherwise).
    var hashesInput = true
    /// Bytes per CSV or XML chunk decoded on a worker thread (tests make it tiny).
    var chunkSize = Parallelism.chunkBytes
    /// Threads decoding CSV chunks.
    private static var workers: Int { 2 }
    /// CSV chunks cut and not yet handled, at most.
    private static var chunksInFlight: Int { 6 }

    /// Reads the whole file. Throws when the file can't be trusted (unreadable, malformed,
    /// too many rejects). Reading and decoding run on a thread of their own, a few thousand
    /// records ahead of `handle`, which runs on the caller's thread in file order.
    func read(rejects: inout [RejectRecord], _ handle: (Schema.Row) throws -> Verdict) throws -> TableStatistics {
        try read(rejects: &rejects, prepare: { _ in () }, { row, _ in try handle(row) })
    }

    /// `read(rejects:_:)` with a first step on each sound row, `prepare`, run where the rows
    /// are decoded (on the decoding threads, ahead of `handle`); it must only read shared
    /// state. `handle` gets the row and what `prepare` made of it, in file order. `lookAhead`,
    /// when given, gets what `prepare` made of a row `lookAheadDistance` rows before `handle`
    /// gets that row (within a batch of decoded rows), on the caller's thread: for asking for
    /// memory `handle` will touch (a hint; it must change nothing).
    func read<Prepared: Sendable>(
        rejects: inout [RejectRecord],
        prepare: @escaping @Sendable (Schema.Row) -> Prepared,
        lookAhead: ((Prepared) -> Void)? = nil,
        _ handle: (Schema.Row, Prepared) throws -> Verdict
    ) throws -> TableStatistics {
        try read(rejects: &rejects, prepareNumbered: { row, _ in .work(prepare(row)) }, lookAhead: lookAhead, handle)
    }

    /// How many rows ahead of `handle` a `lookAhead` sees a row.
    static var lookAheadDistance: Int { 8 }

    /// `read(rejects:prepare:_:)` whose `prepare` is also given the row's record number (its
    /// place among the file's records, from 1), which orders rows that are prepared out of order,
    /// and may settle a row as only counted (`PreparedRow.counted`): `handle` never sees such a
    /// row, but `noteCounted` gets its note, if it has one, in file order with the handled rows.
    /// `recheck`, given the number of every sound row (counted or not) on the caller's thread,
    /// in file order and before `handle` or `noteCounted`, may still reject it, with its id.
    /// `prefetch`, when given, asks for what `prepare` will read a few rows ahead of it;
    /// `lookAhead`, as in `read(rejects:prepare:lookAhead:_:)`, for what `handle` will.
    func read<Prepared: Sendable>(
        rejects: inout [RejectRecord],
        prepareNumbered prepare: @escaping @Sendable (Schema.Row, Int) -> PreparedRow<Prepared>,
        prefetch: RowPrefetch<Schema.Row>? = nil,
        recheck: (Int) -> LateRejection? = { _ in nil },
        noteCounted: (CountedNote) -> Void = { _ in },
        lookAhead: ((Prepared) -> Void)? = nil,
        _ handle: (Schema.Row, Prepared) throws -> Verdict
    ) throws -> TableStatistics {
        var stats = TableStatistics(
            table: input.table, fileName: input.fileName, format: input.format.rawValue,
            gzip: input.fileName.lowercased().hasSuffix(".gz")
        )
        let input = self.input
        // Bytes handed to the parser (after inflating), for the progress line's MB/s.
        let meter = MeteredByteSource.Meter()
        // The file's SHA-256, taken from the bytes as the reading thread pulls them.
        let digest = hashesInput ? DigestSlot() : nil
        let take: () throws -> ArraySlice<Item<Prepared>>?
        let stop: () -> Void
        if splitsCSV && input.format == .csv {
            // CSV: one thread cuts the file into chunks of whole records, two decode them.
            let pipeline = ChunkPipeline<CSVChunk, Item<Prepared>>(batchSize: Self.batchSize, maxInFlight: Self.chunksInFlight)
            let chunkSize = self.chunkSize
            pipeline.start(workers: Self.workers, split: { emit in
                try Self.split(input: input, chunkSize: chunkSize, meter: meter, digest: digest, emit)
            }, decode: { chunk in
                (Self.decode(chunk, prepare: prepare, prefetch: prefetch), nil)
            })
            take = pipeline.take
            stop = { pipeline.cancel(); pipeline.waitUntilFinished() }
        } else if splitsXML && input.format == .xml, let (frame, mapping) = Self.xmlFrame(of: input) {
            // XML: one thread cuts the file into chunks of whole root children, two parse
            // (libxml2), decode and prepare them.
            let pipeline = ChunkPipeline<XMLChunk, Item<Prepared>>(batchSize: Self.batchSize, maxInFlight: Self.chunksInFlight)
            let chunkSize = self.chunkSize
            pipeline.start(workers: Self.workers, split: { emit in
                try Self.splitXML(input: input, frame: frame, mapping: mapping, chunkSize: chunkSize, meter: meter, digest: digest, emit)
            }, decode: { chunk in
                Self.decode(chunk, fileName: input.fileName, prepare: prepare, prefetch: prefetch)
            })
            take = {
                do {
                    return try pipeline.take()
                } catch let failure as XMLChunkFailure {
                    // A chunk that does not parse: the error is the one a single parse of the
                    // whole file gives (its message and line), found by parsing it so.
                    throw Self.singleParseFailure(input) ?? failure.error
                }
            }
            stop = { pipeline.cancel(); pipeline.waitUntilFinished() }
        } else {
            // XML that is not cut (and CSV read whole): one thread reads the records, a second
            // decodes and prepares them, so that the reading thread (libxml2's parse, for XML)
            // does nothing else.
            let capacity = Parallelism.enabled ? 4 : Int.max
            let decodedRows = BatchQueue<RawRecordBatch>(capacity: capacity)
            let queue = BatchQueue<Item<Prepared>>(capacity: capacity)
            let produce: @Sendable () -> Void = {
                do {
                    try Self.produce(input: input, meter: meter, digest: digest, into: decodedRows)
                    decodedRows.finish(nil)
                } catch {
                    decodedRows.finish(error)
                }
            }
            let prepareAll: @Sendable () -> Void = {
                do {
                    let idIndex = Schema.fields.firstIndex(of: "id")
                    var record = RawRecord(fieldCount: Schema.fields.count)
                    taking: while let batches = try decodedRows.take() {
                        for batch in batches {
                            var preparing = Preparing(prepare: prepare, prefetch: prefetch, capacity: batch.count)
                            for index in 0..<batch.count {
                                batch.load(index, into: &record)
                                preparing.push(&record, idIndex: idIndex)
                            }
                            let items = preparing.finish()
                            guard queue.put(items) else {
                                decodedRows.cancel()
                                break taking
                            }
                        }
                    }
                    queue.finish(nil)
                } catch {
                    queue.finish(error)
                }
            }
            if Parallelism.enabled {
                for stage in [produce, prepareAll] {
                    let thread = Thread(block: stage)
                    thread.stackSize = 1 << 22
                    thread.start()
                }
            } else {
                produce()
                prepareAll()
            }
            take = { try queue.take()?[...] }
            stop = {
                queue.cancel()
                decodedRows.cancel()
                queue.waitUntilFinished()
                decodedRows.waitUntilFinished()
            }
        }
        var progress = ProgressLine(label: input.fileName, meter: meter)
        var firstReasons: [String] = []
        do {
            while let batch = try take() {
                for index in batch.indices {
                    if let lookAhead, index + Self.lookAheadDistance < batch.endIndex,
                       case .row(let ahead) = batch[index + Self.lookAheadDistance] {
                        lookAhead(ahead.prepared)
                    }
                    let item = batch[index]
                    stats.rowsRead += 1
                    var failed: (RowError, Int, Int, String?)?
                    switch item {
                    case .row(let box):
                        if let (error, id) = recheck(box.number) {
                            failed = (error, box.line, box.number, id)
                            break
                        }
                        switch try handle(box.row, box.prepared) {
                        case .used: stats.rowsUsed += 1
                        case .leftOut: stats.rowsLeftOut += 1
                        case .rejected(let error): failed = (error, box.line, box.number, Schema.id(of: box.row))
                        }
                    case let .counted(leftOut, note, line, number):
                        if let (error, id) = recheck(number) {
                            failed = (error, line, number, id)
                            break
                        }
                        if let note { noteCounted(note) }
                        if leftOut {
                            stats.rowsLeftOut += 1
                        } else {
                            stats.rowsUsed += 1
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
            stop()
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
        // The reading thread is done (the last batch was taken after it finished). Should it
        // not have reached the file's end, the file is hashed on its own, as a second read.
        if let digest {
            stats.sha256 = try digest.value ?? FileDigest.sha256(path: input.path, displayName: input.fileName)
        }
        return stats
    }

    /// The file's digest, set by the reading thread once it has read the file to its end and
    /// taken by the caller's thread after the last record.
    private final class DigestSlot: @unchecked Sendable {
        private let lock = NSLock()
        private var digest: String?

        /// The digest, if the reading thread has set one.
        var value: String? {
            get { lock.withLock { digest } }
            set { lock.withLock { digest = newValue } }
        }
    }

    /// Opens the file for reading its records: its content bytes (inflated, counted by `meter`)
    /// and, when `hashing`, its bytes as stored, hashed as they are pulled.
    /// `readAhead`: a plain (not gzipped) file is read on a thread of its own, ahead of the
    /// caller (a gzipped one always is, by its inflating thread).
    private static func open(_ input: LocatedInput, meter: MeteredByteSource.Meter, hashing: Bool,
                             readAhead: Bool = false) throws -> (content: ByteSource, stored: HashingByteSource?) {
        guard hashing else {
            let content = try InputFile.open(path: input.path, displayName: input.fileName, readAhead: readAhead)
            return (MeteredByteSource(content, meter: meter), nil)
        }
        let (content, stored) = try InputFile.openHashed(path: input.path, displayName: input.fileName, readAhead: readAhead)
        return (MeteredByteSource(content, meter: meter), stored)
    }

    /// Once every record has been read: the digest of the whole file. A reader that has its
    /// last record before the source reports its end (libxml2 may stop after the root element)
    /// leaves bytes unread, which are read here so that the digest covers them; nil if that fails.
    /// `content` is read to its end first in any case: when a thread reads the file ahead,
    /// `stored` is that thread's until the end of the stream has been handed over.
    private static func finishDigest(content: ByteSource, stored: HashingByteSource) -> String? {
        do { try FileDigest.drain(content) } catch { return nil }
        return stored.digest()
    }

    /// Reads every record of the file into `queue`, in batches, undecoded (decoded and prepared
    /// on another thread: the copy of a record costs its reading thread less than decoding it).
    private static func produce(input: LocatedInput, meter: MeteredByteSource.Meter,
                                digest: DigestSlot?, into queue: BatchQueue<RawRecordBatch>) throws {
        // XML is bound by its reading thread (libxml2's): the file is read and hashed beside it.
        let (source, stored) = try open(input, meter: meter, hashing: digest != nil,
                                        readAhead: input.format == .xml && Parallelism.enabled)
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
        var batch = RawRecordBatch(fieldCount: Schema.fields.count, records: batchSize)
        while try reader.next(into: &record) {
            batch.append(record)
            if batch.count == batchSize {
                let bytes = batch.byteCount
                guard queue.put([batch]) else { return }
                // Sized like the last one: most batches of a file are alike.
                batch = RawRecordBatch(fieldCount: Schema.fields.count, records: batchSize, bytes: bytes + bytes / 8)
            }
        }
        if let digest, let stored { digest.value = finishDigest(content: source, stored: stored) }
        if batch.count > 0 { _ = queue.put([batch]) }
    }

    /// Opens the CSV file, reads its header and cuts the rest into chunks of whole records
    /// for `emit`, until the end or until `emit` refuses one.
    private static func split(input: LocatedInput, chunkSize: Int, meter: MeteredByteSource.Meter, digest: DigestSlot?,
                              _ emit: (CSVChunk) -> Bool) throws {
        if let file = InputFile.mappedIfPlain(path: input.path, displayName: input.fileName) {
            try splitMapped(file, input: input, chunkSize: chunkSize, meter: meter, digest: digest, emit)
            return
        }
        let (source, stored) = try open(input, meter: meter, hashing: digest != nil)
        let reader = try CSVRecordReader(source: source, fileName: input.fileName, fields: Schema.fields, required: Schema.required)
        while let chunk = try reader.nextChunk(targetSize: chunkSize) {
            guard emit(chunk) else { return }
        }
        if let digest, let stored { digest.value = finishDigest(content: source, stored: stored) }
    }

    /// `split` for a plain file mapped into memory: the chunks borrow the file's pages, and the
    /// file is hashed and metered as they are cut (its bytes in order, each once).
    private static func splitMapped(_ file: MappedFile, input: LocatedInput, chunkSize: Int, meter: MeteredByteSource.Meter,
                                    digest: DigestSlot?, _ emit: (CSVChunk) -> Bool) throws {
        let reader = try CSVRecordReader(mapped: file, fileName: input.fileName, fields: Schema.fields, required: Schema.required)
        var passage = MappedPassage(file: file, meter: meter, hashing: digest != nil)
        while let chunk = try reader.nextChunk(targetSize: chunkSize) {
            passage.pass(to: reader.mappedBytesCut)
            guard emit(chunk) else { return }
        }
        passage.finish(into: digest)
    }

    /// A mapped file's bytes passing to the chunks cut from it, in order, each once: metered
    /// and, when the reader hashes, hashed.
    private struct MappedPassage {
        let file: MappedFile
        let meter: MeteredByteSource.Meter
        private var hasher: SHA256?
        private var passed = 0

        init(file: MappedFile, meter: MeteredByteSource.Meter, hashing: Bool) {
            self.file = file
            self.meter = meter
            hasher = hashing ? SHA256() : nil
        }

        /// The bytes up to `consumed` have gone to chunks.
        mutating func pass(to consumed: Int) {
            guard consumed > passed else { return }
            hasher?.update(UnsafeRawBufferPointer(start: file.base + passed, count: consumed - passed))
            meter.add(consumed - passed)
            passed = consumed
        }

        /// The whole file has gone: sets `digest` to its SHA-256, when hashing.
        mutating func finish(into digest: DigestSlot?) {
            pass(to: file.count)
            if let digest, var hasher { digest.value = hasher.finalizeHex() }
        }
    }

    /// The frame of an XML file that can be cut into chunks (see `XMLChunkSplitter.frame(of:)`),
    /// read from its first bytes, with the file mapped when it is plain (the splitter cuts the
    /// mapping); nil when it cannot be cut, or when its first bytes cannot be read (the file is
    /// then read on one thread, which reports what is wrong).
    private static func xmlFrame(of input: LocatedInput) -> (frame: XMLFrame, mapping: MappedFile?)? {
        if let file = InputFile.mappedIfPlain(path: input.path, displayName: input.fileName) {
            return XMLChunkSplitter.frame(of: UnsafeRawBufferPointer(start: file.base, count: min(file.count, maxProlog)))
                .map { ($0.frame, file) }
        }
        guard let source = try? InputFile.open(path: input.path, displayName: input.fileName) else { return nil }
        var start = [UInt8](repeating: 0, count: maxProlog)
        var filled = 0
        while filled < start.count {
            guard let got = try? start.withUnsafeMutableBytes({ try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }),
                  got > 0 else { break }
            filled += got
        }
        return start.withUnsafeBytes { XMLChunkSplitter.frame(of: UnsafeRawBufferPointer(rebasing: $0[..<filled])) }.map { ($0.frame, nil) }
    }

    /// The longest prolog (up to the root's start tag) of an XML file cut into chunks.
    private static var maxProlog: Int { 1 << 16 }

    /// Cuts the XML file into chunks of whole root children for `emit`, after its prolog
    /// (`frame`), until the end or until `emit` refuses one. The chunks of a plain file borrow
    /// the pages of its `mapping`; without one, the file is read (inflated, if gzipped) into
    /// chunks of their own.
    private static func splitXML(input: LocatedInput, frame: XMLFrame, mapping: MappedFile?, chunkSize: Int,
                                 meter: MeteredByteSource.Meter, digest: DigestSlot?, _ emit: (XMLChunk) -> Bool) throws {
        var splitter = XMLChunkSplitter(recordName: Schema.recordName)
        var number = 1
        var line = frame.prologLineFeeds + 1
        // Makes the chunk of `count` bytes at `from`, and counts its records and lines.
        func chunk(_ from: UnsafePointer<UInt8>, _ count: Int, isLast: Bool, borrowing mapping: MappedFile?) -> XMLChunk {
            let records = splitter.takeRecords()
            let layout = splitter.takeBlanksAreLayout()
            let made = mapping.map {
                XMLChunk(frame: frame, borrowing: from, count: count, in: $0, firstNumber: number, records: records, firstLine: line,
                         isLast: isLast, blanksAreLayout: layout)
            } ?? XMLChunk(frame: frame, copying: from, count: count, firstNumber: number, records: records, firstLine: line,
                          isLast: isLast, blanksAreLayout: layout)
            number += records
            line += XMLChunkSplitter.lineFeeds(from, count: count)
            return made
        }
        let prologCount = frame.prolog.count
        if let file = mapping {
            var passage = MappedPassage(file: file, meter: meter, hashing: digest != nil)
            var start = prologCount
            var position = start
            while true {
                let stop = splitter.scan(file.base, from: position, end: file.count, cutAt: start + chunkSize)
                guard case .cut(let cut) = stop else {
                    passage.finish(into: digest)
                    _ = emit(chunk(file.base + start, file.count - start, isLast: true, borrowing: file))
                    return
                }
                passage.pass(to: cut)
                guard emit(chunk(file.base + start, cut - start, isLast: false, borrowing: file)) else { return }
                start = cut
                position = cut
            }
        }
        let (source, stored) = try open(input, meter: meter, hashing: digest != nil)
        var capacity = max(1 << 16, chunkSize * 2)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var end = 0
        var atEnd = false
        // Reads more of the file after `end`, first moving `buffer[keep...]` to the front and
        // growing the buffer when it is full; sets `atEnd` at the file's end. Returns how far
        // the bytes moved back.
        func refill(keeping keep: Int) throws -> Int {
            if keep > 0 {
                buffer.update(from: buffer + keep, count: end - keep)
                end -= keep
            }
            if end == capacity {
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                larger.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let got = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if got == 0 { atEnd = true }
            end += got
            return keep
        }
        while end < prologCount && !atEnd { _ = try refill(keeping: 0) }
        var start = min(prologCount, end)
        var position = start
        while true {
            let stop = atEnd && start == end ? XMLChunkSplitter.Stop.needMore(end)
                : splitter.scan(buffer, from: position, end: end, cutAt: start + chunkSize)
            switch stop {
            case .cut(let cut):
                guard emit(chunk(buffer + start, cut - start, isLast: false, borrowing: nil)) else { return }
                start = cut
                position = cut
            case .needMore(let at) where !atEnd:
                let moved = try refill(keeping: start)
                start -= moved
                position = at - moved
            case .needMore, .rootEnd:
                // The last chunk is the rest of the file: the root's end tag and what follows
                // it (or, when the file ends first, what there is).
                while !atEnd { start -= try refill(keeping: start) }
                _ = emit(chunk(buffer + start, end - start, isLast: true, borrowing: nil))
                if let digest, let stored { digest.value = finishDigest(content: source, stored: stored) }
                return
            }
        }
    }

    /// A chunk of an XML file whose parse failed; `TableReader` reports instead what a single
    /// parse of the file reports.
    private struct XMLChunkFailure: Error {
        let error: any Error
    }

    /// Parses, decodes and prepares every record of an XML chunk, in order: one item per
    /// record, and the failure, if the chunk does not parse or holds other records than the
    /// splitter counted.
    private static func decode<Prepared>(_ chunk: XMLChunk, fileName: String, prepare: @escaping @Sendable (Schema.Row, Int) -> PreparedRow<Prepared>,
                                         prefetch: RowPrefetch<Schema.Row>?) -> (elements: [Item<Prepared>], failure: (any Error)?) {
        var record = RawRecord(fieldCount: Schema.fields.count)
        let idIndex = Schema.fields.firstIndex(of: "id")
        var preparing = Preparing(prepare: prepare, prefetch: prefetch, capacity: chunk.records)
        var failure: (any Error)?
        do {
            let reader = try XMLRecordReader(
                source: chunk.document(), fileName: fileName, rootName: Schema.baseName, recordName: Schema.recordName,
                fields: Schema.fields, firstNumber: chunk.firstNumber, lineShift: chunk.lineShift,
                dropsLayoutBlanks: chunk.blanksAreLayout
            )
            var parsed = 0
            while try reader.next(into: &record) {
                parsed += 1
                guard parsed <= chunk.records else { break }
                preparing.push(&record, idIndex: idIndex)
            }
            if parsed != chunk.records {
                failure = XMLChunkFailure(error: AvisoError(
                    .input, file: fileName, "the XML file's records could not be counted apart for parsing on several threads",
                    hint: "set AVISO_SINGLE_THREADED=1 to read it on one thread"))
            }
        } catch {
            failure = XMLChunkFailure(error: error)
        }
        return (preparing.finish(), failure)
    }

    /// The error a single parse of the whole XML file gives, from its start; nil if it gives none.
    private static func singleParseFailure(_ input: LocatedInput) -> (any Error)? {
        do {
            let source = try InputFile.open(path: input.path, displayName: input.fileName)
            let reader = try XMLRecordReader(source: source, fileName: input.fileName, rootName: Schema.baseName,
                                             recordName: Schema.recordName, fields: Schema.fields)
            var record = RawRecord(fieldCount: Schema.fields.count)
            while try reader.next(into: &record) {}
            return nil
        } catch {
            return error
        }
    }

    /// Decodes and prepares every record of a chunk, in order: one item per record.
    private static func decode<Prepared>(_ chunk: CSVChunk, prepare: @escaping @Sendable (Schema.Row, Int) -> PreparedRow<Prepared>,
                                         prefetch: RowPrefetch<Schema.Row>?) -> [Item<Prepared>] {
        let reader = CSVRecordReader(chunk: chunk)
        // Each record is decoded (its texts copied into its row) before the next is read.
        reader.lendsRecordBytes = true
        var record = RawRecord(fieldCount: Schema.fields.count)
        let idIndex = Schema.fields.firstIndex(of: "id")
        var preparing = Preparing(prepare: prepare, prefetch: prefetch, capacity: chunk.records)
        // A chunk parser reads memory only: it has nothing to throw.
        while (try? reader.next(into: &record)) == true {
            preparing.push(&record, idIndex: idIndex)
        }
        return preparing.finish()
    }

    /// Decoded records made into items in order, each row with `prepare`'s work on it. With a
    /// `prefetch`, a row is prepared four records after it was decoded, and the steps of
    /// `RowPrefetch` run for the rows in between: `start` as a row is decoded, `next` one
    /// record later, `last` two records later, `final` three, so that each step's load has the
    /// time of a record's decoding and preparing to arrive.
    private struct Preparing<Prepared: Sendable> {
        let prepare: (Schema.Row, Int) -> PreparedRow<Prepared>
        // Kept unwrapped, with `prefetching` saying whether there is one: binding an optional's
        // value copies it, and a copy per record retained and released its three closures'
        // contexts, shared by both decoding threads (a contended reference count).
        private let prefetch: RowPrefetch<Schema.Row>
        private let prefetching: Bool
        private(set) var items: [Item<Prepared>] = []
        // The last eight records pushed, by count modulo 8: each a decoded row (with its line,
        // record number and prefetch token) or the item of a record that failed. Kept in
        // arrays of their own types: held as one enum per record, each record was copied and
        // destroyed through the enum's metadata (generic outlined value operations, about 600
        // instructions a row).
        private var rows: [Schema.Row?] = Array(repeating: nil, count: Self.slotCount)
        private var failures: [Item<Prepared>?] = Array(repeating: nil, count: Self.slotCount)
        private var lines: [Int] = Array(repeating: 0, count: Self.slotCount)
        private var numbers: [Int] = Array(repeating: 0, count: Self.slotCount)
        private var tokens: [UInt64] = Array(repeating: 0, count: Self.slotCount)
        private var pushed = 0
        private var lag: Int { prefetching ? 4 : 0 }
        // Records in flight, a power of two above the lag.
        private static var slotCount: Int { 8 }
        private static var slotMask: Int { slotCount - 1 }
        // The text buffers of rows settled as only counted, packed into again.
        private let spares = PackedTextSpares()

        init(prepare: @escaping (Schema.Row, Int) -> PreparedRow<Prepared>, prefetch: RowPrefetch<Schema.Row>?, capacity: Int) {
            self.prepare = prepare
            self.prefetch = prefetch ?? RowPrefetch(start: { _ in RowPrefetch<Schema.Row>.nothing }, next: { $0 }, last: { $0 }, final: { _ in })
            prefetching = prefetch != nil
            items.reserveCapacity(capacity)
        }

        /// Decodes the record and queues its row, or the item of its failure: a record with a
        /// problem, or a row `Schema.decode` refuses, is settled as a failure with its id as read.
        mutating func push(_ record: inout RawRecord, idIndex: Int?) {
            if let problem = record.problem {
                settle(.failure(RowError(field: "", reason: problem.reason, detail: problem.detail), line: record.line, number: record.number,
                                id: idIndex.flatMap { record.string($0) }))
                return
            }
            let row: Schema.Row
            do {
                row = try FieldCursor.read(&record, names: Schema.fields, spares: spares, Schema.decode)
            } catch {
                settle(.failure(error, line: record.line, number: record.number, id: idIndex.flatMap { record.string($0) }))
                return
            }
            guard prefetching else {
                emit(consume row, line: record.line, number: record.number)
                return
            }
            let slot = pushed & Self.slotMask
            tokens[slot] = prefetch.start(row)
            // Moved, not copied: a copy of a row retains its text, and the row was then released.
            rows[slot] = consume row
            lines[slot] = record.line
            numbers[slot] = record.number
            pushed += 1
            advance(through: pushed)
        }

        private mutating func settle(_ item: Item<Prepared>) {
            guard prefetching else {
                items.append(item)
                return
            }
            let slot = pushed & Self.slotMask
            tokens[slot] = RowPrefetch<Schema.Row>.nothing
            failures[slot] = item
            pushed += 1
            advance(through: pushed)
        }

        /// The items of every record pushed, in order.
        mutating func finish() -> [Item<Prepared>] {
            var end = pushed
            while end < pushed + lag {
                end += 1
                advance(through: end)
            }
            return items
        }

        // Runs the later steps for the records `end` closes: `next` for record end - 2,
        // `last` for end - 3, `final` for end - 4, and prepares record end - 5 (counting from
        // 0, lag 4). Called only with a prefetch (`push` and `finish` see to it).
        private mutating func advance(through end: Int) {
            let nothing = RowPrefetch<Schema.Row>.nothing
            let second = end - 2
            if second >= 0, second < pushed, tokens[second & Self.slotMask] != nothing {
                tokens[second & Self.slotMask] = prefetch.next(tokens[second & Self.slotMask])
            }
            let third = end - 3
            if third >= 0, third < pushed, tokens[third & Self.slotMask] != nothing {
                tokens[third & Self.slotMask] = prefetch.last(tokens[third & Self.slotMask])
            }
            let fourth = end - 4
            if fourth >= 0, fourth < pushed, tokens[fourth & Self.slotMask] != nothing {
                prefetch.final(tokens[fourth & Self.slotMask])
            }
            let ready = end - 1 - lag
            guard ready >= 0, ready < pushed else { return }
            let slot = ready & Self.slotMask
            if let row = rows[slot].take() {
                emit(consume row, line: lines[slot], number: numbers[slot])
            } else if let item = failures[slot].take() {
                items.append(item)
            }
        }

        private mutating func emit(_ row: consuming Schema.Row, line: Int, number: Int) {
            switch prepare(row, number) {
            case .work(let work): items.append(.row(RowBox(row, work, line: line, number: number)))
            case let .counted(leftOut, note):
                items.append(.counted(leftOut: leftOut, note: note, line: line, number: number))
                // The row goes here; its buffer then serves the next row.
                if let buffer = Schema.textBuffer(of: row) { spares.give(buffer) }
            }
        }
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        return fraction == 0 ? "\(whole)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
