import CSystemSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an RFC 4180 CSV file record by record, keeping only the wanted fields.
///
/// The header is read by `init`: a leading byte-order mark is skipped, the delimiter (`,` or
/// `;`) is the more frequent of the two outside quotes on the header line (`,` on a tie), and
/// names are trimmed. Then each `next(into:)` fills one `RawRecord`:
/// - quoted fields may hold delimiters, doubled quotes and line breaks; lines end with LF or
///   CRLF, and a CR elsewhere is data;
/// - empty lines (nothing but spaces, tabs and CRs) are skipped and are not records;
/// - spaces and tabs around a quoted field are allowed and dropped;
/// - fewer fields than the header leave the trailing fields absent; more is `.fieldCount`;
/// - a quote inside an unquoted field or text after a closing quote is `.badQuotes`, and the
///   record still ends where its line ends; a quote never closed, or still open 1 MiB after
///   the record's start, is `.badQuotes` and reading resumes on the line after the record's
///   first line;
/// - a record with invalid UTF-8 is `.badUTF8`.
/// When a record has several defects, bad quotes win over bad UTF-8, which wins over the field
/// count. A defective record still carries the fields that could be read.
/// Memory stays bounded: records are parsed in a buffer read in 1 MiB chunks, and a record
/// longer than 64 MiB (outside quotes; inside quotes the 1 MiB cap applies) fails the file.
/// A reader of a mapped file (`init(mapped:)`) parses the file where its pages lie instead, with
/// the same records, problems and limits.
public final class CSVRecordReader: RecordReader {
    /// The wanted field names, in the order `RawRecord` indexes them.
    public let fields: [String]
    /// The file named in errors.
    public let fileName: String
    /// The delimiter found on the header line: `,` or `;`.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// The header's column names, trimmed, in file order.
    public private(set) var header: [String] = []

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    private let source: ByteSource
    private let chunkSize: Int
    private let quotedCap: Int
    private let maxRecordBytes: Int
    /// Whether one-line records are first tried by `scanPlain` (false: every record goes
    /// through the full scan, which tests compare it with).
    var triesPlainScan = true
    /// Whether a record reads its values from the reader's own bytes instead of a copy (see
    /// `RawRecord.lendRecordBytes`), when it has no rebuilt value: only for a reader of a
    /// chunk (whose bytes stay where they are) whose caller reads each record before asking
    /// for the next (`TableReader`'s decoding of a chunk). Copying every record's bytes, and
    /// emptying them again, was some 300 instructions a row.
    var lendsRecordBytes = false

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Start of the unread bytes and end of the valid bytes in `buffer`.
    private var position = 0
    private var end = 0
    private var sourceAtEnd = false
    /// Physical line (1-based) at `position`.
    private var line = 1
    private var recordCount = 0
    /// After a never-closed quote whose first line did not fit the buffer: drop bytes up to the
    /// next line feed before reading on.
    private var skippingToLineEnd = false

    /// Header column index → wanted field index, or -1 for columns nobody asked for.
    private var columnMap: [Int] = []
    /// `columnMap`'s values, owned by this reader (see `setColumnMap`).
    private var columnTargets = UnsafeMutableBufferPointer<Int>.allocate(capacity: 0)
    /// While reading the header, every field value is collected here instead.
    private var headerValues: [[UInt8]]?
    /// Unescaped bytes of a quoted field with doubled quotes or trailing text.
    private var scratch: [UInt8] = []

    /// A chunk parser reads the chunk's bytes in place: the chunk owns `buffer`.
    private var ownedChunk: CSVChunk?
    /// A chunk parser stops after this record number.
    private var recordLimit = Int.max
    /// While cutting chunks: the chunk being filled; records are only delimited, not kept.
    private var splitting: CSVChunk?
    /// While cutting chunks: `buffer[copiedFrom..<position]` belongs to `splitting` but is not
    /// in it yet.
    private var copiedFrom = 0
    /// While cutting chunks: the chunk may not end before this many bytes (a quote never closed
    /// is judged on the bytes up to its cap, which the chunk parser must see too).
    private var neededUntil = 0
    /// While cutting chunks: the error that ended the last chunk early, thrown by the next call.
    private var splitFailure: (any Error)?
    private var splitEnded = false
    /// The mapped file `buffer` points into, read whole (no refills), when made over one.
    private let mapping: MappedFile?
    // Where a chunk parser's buffer starts in its mapped file (records then carry their `fileRange`).
    private var chunkFileOffset: Int?

    /// Opens a CSV stream and reads its header.
    /// - Parameters:
    ///   - source: the file's bytes (already inflated when gzipped).
    ///   - fileName: the name used in errors.
    ///   - fields: the wanted field names; records index values in this order.
    ///   - required: names that must be in the header.
    /// - Throws: `AvisoError(.input)` for an empty file, a header that is not valid UTF-8 or
    ///   has bad quotes, or a missing required column.
    public convenience init(source: ByteSource, fileName: String, fields: [String], required: [String]) throws {
        try self.init(source: source, fileName: fileName, fields: fields, required: required,
                      chunkSize: 1 << 20, quotedCap: 1 << 20, maxRecordBytes: 64 << 20)
    }

    /// As the public initializer, with the buffer sizes open to tests: `chunkSize` bytes are
    /// asked of the source per refill, a quote still open `quotedCap` bytes after its record's
    /// start is never closed, and a record longer than `maxRecordBytes` fails the file.
    init(source: ByteSource, fileName: String, fields: [String], required: [String],
         chunkSize: Int, quotedCap: Int, maxRecordBytes: Int) throws {
        precondition(fields.count <= RawRecord.maxRebuiltFields, "a CSV reader reads at most 64 wanted fields")
        self.source = source
        self.fileName = fileName
        self.fields = fields
        self.chunkSize = max(1, chunkSize)
        self.quotedCap = max(1, quotedCap)
        self.maxRecordBytes = max(self.quotedCap, maxRecordBytes)
        capacity = 2 * self.chunkSize + 8
        buffer = .allocate(capacity: capacity)
        mapping = nil
        try readHeader(required: required)
    }

    /// A reader of a mapped file: the same records, values, problems and errors as a reader of
    /// the file as a stream, read where the file's pages lie, and chunks (`nextChunk`) that
    /// borrow those pages instead of copying them.
    convenience init(mapped file: MappedFile, fileName: String, fields: [String], required: [String]) throws {
        try self.init(mapped: file, fileName: fileName, fields: fields, required: required,
                      quotedCap: 1 << 20, maxRecordBytes: 64 << 20)
    }

    /// As the initializer above, with the limits of `init(source:…chunkSize:quotedCap:maxRecordBytes:)`
    /// open to tests.
    init(mapped file: MappedFile, fileName: String, fields: [String], required: [String],
         quotedCap: Int, maxRecordBytes: Int) throws {
        precondition(fields.count <= RawRecord.maxRebuiltFields, "a CSV reader reads at most 64 wanted fields")
        source = MemoryByteSource([])
        self.fileName = fileName
        self.fields = fields
        chunkSize = 1
        self.quotedCap = max(1, quotedCap)
        self.maxRecordBytes = max(self.quotedCap, maxRecordBytes)
        mapping = file
        // Only read (a mapping is read-only): every byte is there, so nothing is ever refilled.
        buffer = UnsafeMutablePointer(mutating: file.base)
        capacity = file.count
        end = file.count
        sourceAtEnd = true
        try readHeader(required: required)
    }

    /// How many bytes of a mapped file `nextChunk` has cut off so far (header and skipped blank
    /// lines included): where the next chunk starts. 0 for a reader of a stream.
    var mappedBytesCut: Int { mapping == nil ? 0 : copiedFrom }

    /// A parser of one chunk cut by `nextChunk(targetSize:)`: reads the chunk's records, with
    /// the lines, numbers, values and problems a reader of the whole file gives them.
    init(chunk: CSVChunk) {
        let layout = chunk.layout
        source = MemoryByteSource([])
        fileName = layout.fileName
        fields = layout.fields
        header = layout.header
        delimiter = layout.delimiter
        quotedCap = layout.quotedCap
        maxRecordBytes = layout.maxRecordBytes
        chunkSize = 1
        ownedChunk = chunk
        chunkFileOffset = chunk.fileOffset
        buffer = chunk.bytes
        capacity = chunk.count
        sourceAtEnd = true
        mapping = nil
        setColumnMap(layout.columnMap)
        restart()
    }

    /// Reads the reader's chunk (`init(chunk:)`) from its start: where the chunk's bytes are,
    /// its first line, number and record count. Called again for a chunk emptied and filled
    /// again (`CSVChunk.removeAll`), whose storage may have moved.
    func restart() {
        guard let chunk = ownedChunk else { preconditionFailure("only a reader made for a chunk restarts") }
        buffer = chunk.bytes
        capacity = chunk.count
        position = 0
        end = chunk.count
        line = chunk.firstLine
        recordCount = chunk.firstNumber - 1
        recordLimit = chunk.firstNumber - 1 + chunk.records
        skippingToLineEnd = false
    }

    deinit {
        if ownedChunk == nil && mapping == nil { buffer.deallocate() }
        columnTargets.deallocate()
    }

    /// Sets `columnMap` and the reader's own copy of it that the scanning loop reads for every
    /// record: a copy of the array there would retain a buffer both decoding threads share.
    private func setColumnMap(_ map: [Int]) {
        columnMap = map
        columnTargets.deallocate()
        columnTargets = .allocate(capacity: map.count)
        _ = columnTargets.initialize(from: map)
    }

    /// What the header decided, for parsers of this file's chunks.
    var layout: CSVLayout {
        CSVLayout(fileName: fileName, fields: fields, header: header, columnMap: columnMap,
                  delimiter: delimiter, quotedCap: quotedCap, maxRecordBytes: maxRecordBytes)
    }

    // MARK: Header

    private func readHeader(required: [String]) throws {
        while end < 3 && !sourceAtEnd { try refill() }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
        guard try skipBlankLines() else {
            throw AvisoError(.input, file: fileName, "empty file: no header line",
                             hint: "the first line must name the columns")
        }
        var counted: (commas: Int, semicolons: Int)?
        while true {
            counted = countDelimiters()
            if counted != nil { break }
            try refill()
        }
        if let counted, counted.semicolons > counted.commas { delimiter = UInt8(ascii: ";") }

        var unused = RawRecord(fieldCount: 0)
        let headerLine = line
        while true {
            // From scratch on every attempt: a scan cut short by the buffer's end is redone whole.
            headerValues = []
            switch scan(from: position, into: &unused) {
            case .needMore:
                try refill()
                continue
            case .record(let next, let lines, _):
                if let problem = unused.problem {
                    switch problem {
                    case .badUTF8(let detail):
                        throw AvisoError(.input, file: fileName, line: headerLine,
                                         "the header line is not valid UTF-8: \(detail)",
                                         hint: "save the export as UTF-8")
                    default:
                        throw AvisoError(.input, file: fileName, line: headerLine,
                                         "unreadable header: \(problem.detail)",
                                         hint: "the first line must name the columns")
                    }
                }
                position = next
                line += lines
            }
            break
        }
        skippingToLineEnd = false
        header = (headerValues ?? []).map { value in
            var lo = 0
            var hi = value.count
            while lo < hi, RawRecord.isSpace(value[lo]) { lo += 1 }
            while hi > lo, RawRecord.isSpace(value[hi - 1]) { hi -= 1 }
            return String(decoding: value[lo..<hi], as: UTF8.self)
        }
        headerValues = nil

        var map = Array(repeating: -1, count: header.count)
        for (wanted, name) in fields.enumerated() {
            // The first column of a repeated name wins.
            if let column = header.firstIndex(of: name), map[column] < 0 {
                map[column] = wanted
            }
        }
        setColumnMap(map)
        let missing = required.filter { !header.contains($0) }
        if !missing.isEmpty {
            let names = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            let found = header.joined(separator: ", ")
            throw AvisoError(.input, file: fileName, line: headerLine,
                             "missing required column\(missing.count > 1 ? "s" : "") \(names) (header found: \(found))",
                             hint: "column names are case-sensitive; check the export's header line")
        }
    }

    /// Counts commas and semicolons outside quotes on the line at `position`; nil when more
    /// bytes are needed. Counting stops at the quoted-field cap.
    private func countDelimiters() -> (commas: Int, semicolons: Int)? {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        let limit = min(end, position + quotedCap)
        var i = position
        while i < limit {
            let byte = buffer[i]
            if byte == CSVRecordReader.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == CSVRecordReader.lineFeed { return (commas, semicolons) }
                if byte == UInt8(ascii: ",") { commas += 1 }
                if byte == UInt8(ascii: ";") { semicolons += 1 }
            }
            i += 1
        }
        if limit == end && !sourceAtEnd { return nil }
        return (commas, semicolons)
    }

    // MARK: Records

    /// Overwrites `record` with the next record; returns false at the end of the file.
    /// - Throws: `AvisoError(.input)` when the source fails or a record exceeds 64 MiB.
    public func next(into record: inout RawRecord) throws -> Bool {
        guard recordCount < recordLimit else { return false }
        while true {
            record.reset()
            if skippingToLineEnd {
                if let found = memchr(buffer + position, Int32(CSVRecordReader.lineFeed), end - position) {
                    position = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    skippingToLineEnd = false
                } else {
                    position = end
                    if sourceAtEnd { return false }
                    try refill()
                    continue
                }
            }
            guard try skipBlankLines() else { return false }
            switch scan(from: position, into: &record) {
            case .needMore:
                if end - position >= maxRecordBytes { throw recordTooLong() }
                try refill()
            case .record(let next, let lines, let quoteNeverClosed):
                // A stream reader fails on a record that fills its buffer unfinished; a mapped
                // one has the whole file and checks the same limit on the record it found. A
                // quote never closed is capped at `quotedCap` and skips to the line's end in
                // both, however long that line is.
                if mapping != nil, !quoteNeverClosed, next - position > maxRecordBytes { throw recordTooLong() }
                recordCount += 1
                record.line = line
                record.number = recordCount
                if let chunkFileOffset { record.fileRange = (chunkFileOffset + position)..<(chunkFileOffset + next) }
                line += lines
                position = next
                return true
            }
        }
    }

    /// The error of a record over `maxRecordBytes`, which fails the file.
    private func recordTooLong() -> AvisoError {
        AvisoError(.input, file: fileName, line: line, "a record longer than \(CSVRecordReader.size(maxRecordBytes))",
                   hint: "the file does not look like a CSV export")
    }

    // MARK: Cutting chunks

    /// Cuts the next run of whole records off the file, for `CSVRecordReader(chunk:)` to parse
    /// elsewhere: at least `targetSize` bytes unless the file ends first, ending where a record
    /// ends. Records are delimited exactly as `next(into:)` does (same buffer refills, so the
    /// same errors at the same records), without keeping values or checking UTF-8. Nil after
    /// the last chunk.
    /// - Throws: what `next(into:)` throws, but only once the chunk of the records read before
    ///   the failure (with every byte buffered then) has been returned.
    func nextChunk(targetSize: Int) throws -> CSVChunk? {
        if let failure = splitFailure {
            splitFailure = nil
            throw failure
        }
        guard !splitEnded else { return nil }
        let chunk = mapping.map { CSVChunk(layout: layout, firstLine: line, firstNumber: recordCount + 1, borrowingFrom: $0) }
            ?? CSVChunk(layout: layout, firstLine: line, firstNumber: recordCount + 1, capacity: targetSize + targetSize / 2)
        splitting = chunk
        defer { splitting = nil }
        copiedFrom = position
        neededUntil = 0
        let firstCount = recordCount
        var unused = RawRecord(fieldCount: 0)
        do {
            while true {
                let size = chunk.count + position - copiedFrom
                if size >= targetSize && size >= neededUntil && !skippingToLineEnd { break }
                if !skippingToLineEnd && skipPlainLine() { continue }
                guard try next(into: &unused) else {
                    splitEnded = true
                    break
                }
            }
        } catch {
            // Everything buffered goes along: it holds what decided the records read so far.
            take(from: copiedFrom, to: end, into: chunk)
            copiedFrom = end
            chunk.records = recordCount - firstCount
            splitEnded = true
            guard chunk.records > 0 else { throw error }
            splitFailure = error
            return chunk
        }
        take(from: copiedFrom, to: position, into: chunk)
        copiedFrom = position
        chunk.records = recordCount - firstCount
        return chunk.records == 0 && splitEnded ? nil : chunk
    }

    /// Gives the chunk being cut the buffered bytes `from..<to`: borrowed from the mapping when
    /// reading one (they are all the chunk has), else copied after what refills gave it.
    private func take(from: Int, to: Int, into chunk: CSVChunk) {
        if mapping != nil {
            chunk.borrow(buffer + from, to - from)
        } else {
            chunk.append(buffer + from, to - from)
        }
    }

    /// The first position from `from` (before `to`) that is not a space, tab or CR.
    @inline(__always)
    static func endOfBlanks(_ bytes: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from
        while i < to, bytes[i] == space || bytes[i] == tab || bytes[i] == carriageReturn { i += 1 }
        return i
    }

    /// Moves the first `kept` bytes of `bytes` to a new allocation of `capacity` bytes, freeing
    /// the old one; returns the new capacity.
    static func grow(_ bytes: inout UnsafeMutablePointer<UInt8>, keeping kept: Int, to capacity: Int) -> Int {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: bytes, count: kept)
        bytes.deallocate()
        bytes = larger
        return capacity
    }

    /// While cutting chunks, steps over the line at `position` when it is buffered whole and
    /// holds no quote: such a line is one record (or a blank line) whatever its fields, exactly
    /// as `next(into:)` would read it, without a refill. False, moving nothing, otherwise.
    @inline(__always)
    private func skipPlainLine() -> Bool {
        let stop = ByteSearch.firstFar(CSVRecordReader.quote, CSVRecordReader.lineFeed, CSVRecordReader.lineFeed,
                                       in: buffer, from: position, to: end)
        guard stop < end, buffer[stop] == CSVRecordReader.lineFeed else { return false }
        // A mapped file is buffered whole: a line over the limit goes to `next(into:)`, which fails it.
        if mapping != nil, stop + 1 - position > maxRecordBytes { return false }
        if Self.endOfBlanks(buffer, from: position, to: stop) < stop { recordCount += 1 }
        line += 1
        position = stop + 1
        return true
    }

    /// Skips empty lines at `position`, reading more as needed. Returns false at end of file.
    private func skipBlankLines() throws -> Bool {
        while true {
            let i = Self.endOfBlanks(buffer, from: position, to: end)
            if i == end {
                if sourceAtEnd {
                    position = end
                    return false
                }
                try refill()
                continue
            }
            guard buffer[i] == CSVRecordReader.lineFeed else { return true }
            position = i + 1
            line += 1
        }
    }

    /// Keeps the unread bytes, moved to the front of the buffer, and reads at least
    /// `chunkSize` more bytes (or up to the end of the source).
    private func refill() throws {
        guard !sourceAtEnd else { return }
        if let chunk = splitting, position > copiedFrom {
            // The bytes about to be dropped belong to the chunk being cut.
            chunk.append(buffer + copiedFrom, position - copiedFrom)
        }
        copiedFrom = 0
        if position > 0 {
            let kept = end - position
            if kept > 0 { memmove(buffer, buffer + position, kept) }
            end = kept
            position = 0
        }
        if capacity - end < chunkSize {
            capacity = Self.grow(&buffer, keeping: end, to: max(capacity * 2, end + chunkSize))
        }
        var added = 0
        while added < chunkSize && end < capacity {
            let got = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if got == 0 {
                sourceAtEnd = true
                break
            }
            end += got
            added += got
        }
    }

    // MARK: Scanning one record

    private enum Scan {
        /// The record may go on past the buffered bytes.
        case needMore
        /// A record was read; reading goes on at `next`, `lines` physical lines further.
        case record(next: Int, lines: Int, quoteNeverClosed: Bool = false)
    }

    /// Parses the record starting at `start` (not a blank line) into `record`, from scratch:
    /// after `.needMore` the caller refills and calls again. A plain row (`scanPlain`) is tried
    /// first, here, and only a row it does not take pays for the full scan's setting up (its
    /// entry, which saves and spills a dozen registers, was a third of its own samples when
    /// every row went through it).
    private func scan(from start: Int, into record: inout RawRecord) -> Scan {
        // Cutting chunks only needs where records end: no value is kept.
        let map = splitting == nil ? UnsafeBufferPointer(columnTargets) : UnsafeBufferPointer(start: nil, count: 0)
        if headerValues == nil, triesPlainScan,
           let plain = scanPlain(from: start, map: map, columnCount: header.count, into: &record) {
            return plain
        }
        return scanFully(from: start, map: map, into: &record)
    }

    /// `scan` for a row `scanPlain` did not take (quoted values it cannot place, a record over
    /// several lines, the header), or when not trying it.
    @inline(never)
    private func scanFully(from start: Int, map: UnsafeBufferPointer<Int>, into record: inout RawRecord) -> Scan {
        let bytes = buffer
        let end = self.end
        let atEnd = sourceAtEnd
        let delimiter = self.delimiter
        let quote = CSVRecordReader.quote
        let lineFeed = CSVRecordReader.lineFeed
        let quoteLimit = min(end, start + quotedCap)
        // Locals, so the loop does not touch class properties (and their exclusivity checks).
        let collecting = headerValues != nil
        let columnCount = collecting ? Int.max : header.count
        var problem: RecordProblem?
        var fieldStart = start
        var column = 0
        var lines = 0

        while true {
            // Where this field's value goes: a wanted index, -1 (not wanted) or collectHeader.
            let target = collecting ? CSVRecordReader.collectHeader : (column < map.count ? map[column] : -1)
            var i = fieldStart
            while i < end, bytes[i] == CSVRecordReader.space || bytes[i] == CSVRecordReader.tab { i += 1 }
            if i == end {
                if !atEnd { return .needMore }
                emit(target, bytes + fieldStart, end - fieldStart, recordStart: start, &record)
                return finish(start, end, next: end, fields: column + 1, of: columnCount, lines: lines, problem, &record)
            }

            if bytes[i] == delimiter && !collecting {
                // An empty (or blank) value, common in exports: absent, nothing to look for.
                column += 1
                fieldStart = i + 1
                continue
            }
            if bytes[i] != quote {
                // Unquoted field: up to the delimiter or the line end; a quote here is a defect.
                var j = i
                while true {
                    j = CSVRecordReader.find(bytes, from: j, to: end, quote, delimiter, lineFeed)
                    guard j < end else { break }
                    guard bytes[j] == quote else { break }
                    if problem == nil {
                        problem = .badQuotes("a quote inside the unquoted \(describe(column))")
                    }
                    j += 1
                }
                if j == end {
                    if !atEnd { return .needMore }
                    emit(target, bytes + fieldStart, end - fieldStart, recordStart: start, &record)
                    return finish(start, end, next: end, fields: column + 1, of: columnCount, lines: lines, problem, &record)
                }
                emit(target, bytes + fieldStart, j - fieldStart, recordStart: start, &record)
                if bytes[j] == delimiter {
                    column += 1
                    fieldStart = j + 1
                    continue
                }
                return finish(start, j, next: j + 1, fields: column + 1, of: columnCount, lines: lines + 1, problem, &record)
            }

            // Quoted field.
            let contentStart = i + 1
            var j = contentStart
            var escaped = false
            var contentEnd = 0
            while true {
                j = CSVRecordReader.find(bytes, from: j, to: quoteLimit, quote, lineFeed, lineFeed)
                if j >= quoteLimit {
                    if quoteLimit == start + quotedCap {
                        return neverClosed(start, quoteAt: i, column: column, capped: true, problem, &record)
                    }
                    if !atEnd { return .needMore }
                    return neverClosed(start, quoteAt: i, column: column, capped: false, problem, &record)
                }
                if bytes[j] == lineFeed {
                    lines += 1
                    j += 1
                    continue
                }
                if j + 1 == end {
                    if !atEnd { return .needMore }
                } else if bytes[j + 1] == quote {
                    escaped = true
                    j += 2
                    continue
                }
                contentEnd = j
                j += 1
                break
            }

            // After the closing quote: optional spaces or tabs, then a delimiter or the line end.
            let afterQuote = j
            while j < end, bytes[j] == CSVRecordReader.space || bytes[j] == CSVRecordReader.tab { j += 1 }
            if j == end {
                if !atEnd { return .needMore }
                emitQuoted(target, contentStart, contentEnd, escaped, recordStart: start, tail: j..<j, &record)
                return finish(start, end, next: end, fields: column + 1, of: columnCount, lines: lines, problem, &record)
            }
            var stop = j
            let byte = bytes[j]
            if byte == CSVRecordReader.carriageReturn {
                if j + 1 == end {
                    if !atEnd { return .needMore }
                    // A CR ending the file ends the line.
                    emitQuoted(target, contentStart, contentEnd, escaped, recordStart: start, tail: j..<j, &record)
                    return finish(start, j, next: end, fields: column + 1, of: columnCount, lines: lines, problem, &record)
                }
                if bytes[j + 1] == lineFeed {
                    emitQuoted(target, contentStart, contentEnd, escaped, recordStart: start, tail: j..<j, &record)
                    return finish(start, j, next: j + 2, fields: column + 1, of: columnCount, lines: lines + 1, problem, &record)
                }
            }
            if byte != delimiter && byte != lineFeed {
                // Text after the closing quote: read on as unquoted text, quotes included.
                if problem == nil {
                    problem = .badQuotes("text after the closing quote of \(describe(column))")
                }
                while true {
                    stop = CSVRecordReader.find(bytes, from: stop, to: end, quote, delimiter, lineFeed)
                    guard stop < end, bytes[stop] == quote else { break }
                    stop += 1
                }
                if stop == end {
                    if !atEnd { return .needMore }
                    emitQuoted(target, contentStart, contentEnd, escaped, recordStart: start, tail: afterQuote..<end, &record)
                    return finish(start, end, next: end, fields: column + 1, of: columnCount, lines: lines, problem, &record)
                }
                emitQuoted(target, contentStart, contentEnd, escaped, recordStart: start, tail: afterQuote..<stop, &record)
            } else {
                emitQuoted(target, contentStart, contentEnd, escaped, recordStart: start, tail: stop..<stop, &record)
            }
            if bytes[stop] == delimiter {
                column += 1
                fieldStart = stop + 1
                continue
            }
            return finish(start, stop, next: stop + 1, fields: column + 1, of: columnCount, lines: lines + 1, problem, &record)
        }
    }

    /// Completes a record spanning `start..<recordEnd`: checks UTF-8, then the field count.
    @inline(__always)
    private func finish(_ start: Int, _ recordEnd: Int, next: Int, fields found: Int, of expected: Int,
                        lines: Int, _ problem: RecordProblem?, _ record: inout RawRecord) -> Scan {
        var problem = problem
        if problem == nil, splitting == nil,
           let offset = UTF8Validator.firstInvalid(buffer + start, count: recordEnd - start) {
            let byte = String(buffer[start + offset], radix: 16, uppercase: true)
            problem = .badUTF8("invalid UTF-8 byte 0x\(byte) at byte \(offset + 1) of the record")
        }
        if problem == nil, found > expected {
            problem = .fieldCount("expected \(expected) fields, found \(found)")
        }
        record.problem = problem
        adoptRecordBytes(from: start, to: recordEnd, &record)
        return .record(next: next, lines: lines)
    }

    /// Copies the record's bytes `start..<stop` into `record`, where `emit` placed its values;
    /// nothing for a record of no wanted fields (cutting chunks, reading the header).
    @inline(__always)
    private func adoptRecordBytes(from start: Int, to stop: Int, _ record: inout RawRecord) {
        guard !record.starts.isEmpty else { return }
        if lendsRecordBytes, ownedChunk != nil, !record.hasRebuiltValues {
            record.lendRecordBytes(buffer + start, count: stop - start)
            return
        }
        record.adoptRecordBytes(buffer + start, count: stop - start)
    }

    /// A quote opened in `column` that is not closed before the end of the file or the cap:
    /// the record is defective and reading resumes on the line after its first line.
    private func neverClosed(_ start: Int, quoteAt: Int, column: Int, capped: Bool, _ problem: RecordProblem?,
                             _ record: inout RawRecord) -> Scan {
        // The values before the opening quote are kept (the reject names the row's id).
        adoptRecordBytes(from: start, to: quoteAt, &record)
        let detail = capped
            ? "the quote opening \(describe(column)) is not closed within \(CSVRecordReader.size(quotedCap)) of the record's start"
            : "the quote opening \(describe(column)) is never closed"
        record.problem = problem ?? .badQuotes(detail)
        if let chunk = splitting {
            // The chunk parser must see what decided this: the bytes up to the cap and one more
            // (a doubled quote across the cap), or the end of the file.
            neededUntil = max(neededUntil, chunk.count + (start - copiedFrom) + quotedCap + 1)
        }
        if let found = memchr(buffer + start, Int32(CSVRecordReader.lineFeed), end - start) {
            return .record(next: buffer.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1, lines: 1, quoteNeverClosed: true)
        }
        // The first line goes on past what is buffered: drop the rest of it first.
        if !sourceAtEnd { skippingToLineEnd = true }
        return .record(next: end, lines: 1, quoteNeverClosed: true)
    }

    /// A byte count for messages: whole MiB when it is one, else bytes.
    private static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// Names a field for messages: its 1-based position and, when known, its header name.
    private func describe(_ column: Int) -> String {
        if headerValues == nil, column < header.count, !header[column].isEmpty {
            return "field \(column + 1) (\(header[column]))"
        }
        return "field \(column + 1)"
    }

    /// The emit target for header fields: they are all collected into `headerValues`.
    private static let collectHeader = -2

    /// Stores `count` raw bytes at `from` as the value of wanted field `target` (-1: not
    /// wanted). Trimmed here first so that blank values never reach `RawRecord.set`.
    @inline(__always)
    private func emit(_ target: Int, _ from: UnsafeMutablePointer<UInt8>, _ count: Int,
                      recordStart: Int, _ record: inout RawRecord) {
        if target < 0 {
            if target == CSVRecordReader.collectHeader {
                headerValues!.append(Array(UnsafeBufferPointer(start: from, count: count)))
            }
            return
        }
        var low = from
        var high = from + count
        while low < high, RawRecord.isSpace(low.pointee) { low += 1 }
        while high > low, RawRecord.isSpace((high - 1).pointee) { high -= 1 }
        if low < high {
            record.place(target, offset: (buffer + recordStart).distance(to: low), count: low.distance(to: high))
        }
    }

    /// The record at `start` when it is one line ended by a line feed within the buffered
    /// bytes whose quoted fields (if any) are simple, as most export rows are; nil for any other
    /// record (nothing is kept in `record` then), which the full scan reads instead. A simple
    /// quoted field opens with its quote (after spaces or tabs), holds no line feed nor doubled
    /// quote, and its closing quote is followed at once by the delimiter or the line feed (a
    /// value with the delimiter in it, `"89,90"`, `"Consulta, retorno"`). The delimiters, quotes
    /// and line feeds of 64 bytes at a time are found at once (`aviso_byte_mask`), where
    /// searching for the next one field after field spent most of its work setting out. Values
    /// are trimmed and placed exactly as the full scan's are.
    @inline(__always)
    private func scanPlain(from start: Int, map: UnsafeBufferPointer<Int>, columnCount: Int,
                           into record: inout RawRecord) -> Scan? {
        let bytes = buffer
        let end = self.end
        let delimiter = self.delimiter
        let quote = CSVRecordReader.quote
        let lineFeed = CSVRecordReader.lineFeed
        let quoteLimit = min(end, start + quotedCap)
        // How the walk ended: at the row's line feed (with the number of fields), at a quote
        // the full scan must read, or past the buffered bytes. Values are placed through the
        // offset buffers, not `RawRecord.place`, whose two array writes each checked the arrays'
        // uniqueness.
        enum Outcome { case row(lineFeed: Int, fields: Int), quote(placed: Bool), incomplete(placed: Bool) }
        let outcome: Outcome = record.starts.withUnsafeMutableBufferPointer { startsBuffer in
            record.ends.withUnsafeMutableBufferPointer { endsBuffer in
                // The buffers come `inout`: used as they came, each value stored made the
                // compiler load the other buffer's address again from memory (a store of an
                // `Int` might have changed it), the costliest instructions of this loop.
                // Copied (a pointer and a count each), they stay in registers.
                let starts = startsBuffer
                let ends = endsBuffer
                var column = 0
                var fieldStart = start
                var block = start
                // Places the value `from..<to` (trimmed) of the current field, when wanted.
                // Offsets lie between `start` and `end` (positions in one buffer) and columns
                // are fewer than bytes: their arithmetic cannot overflow, and is written with
                // `&+`/`&-`, without the overflow checks that were a tenth of this loop.
                @inline(__always) func place(_ from: Int, _ to: Int) {
                    let target = column < map.count ? map[column] : -1
                    guard target >= 0 else { return }
                    var low = from
                    var high = to
                    while low < high, RawRecord.isSpace(bytes[low]) { low &+= 1 }
                    while high > low, RawRecord.isSpace(bytes[high &- 1]) { high &-= 1 }
                    // The first value placed for a field is kept (as `RawRecord.place` does).
                    if low < high, starts[target] < 0 {
                        starts[target] = low &- start
                        ends[target] = high &- start
                    }
                }
                while block < end {
                    let count = min(64, end - block)
                    var next = block + count
                    var found = aviso_byte_mask(bytes + block, count, delimiter, quote, lineFeed)
                    while found != 0 {
                        let stop = block &+ found.trailingZeroBitCount
                        found &= found &- 1
                        let byte = bytes[stop]
                        if byte == quote {
                            // The quote must open the field: only spaces or tabs before it.
                            var blank = fieldStart
                            while blank < stop, bytes[blank] == CSVRecordReader.space || bytes[blank] == CSVRecordReader.tab { blank += 1 }
                            guard blank == stop else { return .quote(placed: column > 0) }
                            let close = ByteSearch.firstFar(quote, lineFeed, lineFeed, in: bytes, from: stop + 1, to: quoteLimit)
                            guard close < quoteLimit, close + 1 < end, bytes[close] == quote else { return .quote(placed: column > 0) }
                            let after = bytes[close + 1]
                            guard after == delimiter || after == lineFeed else { return .quote(placed: column > 0) }
                            place(stop + 1, close)
                            if after == lineFeed { return .row(lineFeed: close + 1, fields: column + 1) }
                            column += 1
                            fieldStart = close + 2
                            // The walk goes on after the delimiter, in a block of its own.
                            next = fieldStart
                            break
                        }
                        place(fieldStart, stop)
                        if byte == lineFeed { return .row(lineFeed: stop, fields: column &+ 1) }
                        column &+= 1
                        fieldStart = stop &+ 1
                    }
                    block = next
                }
                return .incomplete(placed: column > 0)
            }
        }
        switch outcome {
        case let .row(stop, fields):
            return finish(start, stop, next: stop + 1, fields: fields, of: columnCount, lines: 1, nil, &record)
        case .quote(let placed), .incomplete(let placed):
            if placed { record.reset() }
            return nil
        }
    }

    /// Stores a quoted field: its content `from..<to` with doubled quotes undone, then any
    /// text that followed the closing quote.
    private func emitQuoted(_ target: Int, _ from: Int, _ to: Int, _ escaped: Bool, recordStart: Int, tail: Range<Int>,
                            _ record: inout RawRecord) {
        if !escaped && tail.isEmpty {
            emit(target, buffer + from, to - from, recordStart: recordStart, &record)
            return
        }
        guard target != -1 else { return }
        var value = scratch
        scratch = []
        value.removeAll(keepingCapacity: true)
        var i = from
        while i < to {
            // Inside quotes every quote is the first of a doubled pair: keep it, skip its twin.
            let quoteAt = CSVRecordReader.find(buffer, from: i, to: to,
                                               CSVRecordReader.quote, CSVRecordReader.quote, CSVRecordReader.quote)
            let stop = min(quoteAt + 1, to)
            value.append(contentsOf: UnsafeBufferPointer(start: buffer + i, count: stop - i))
            i = quoteAt + 2
        }
        value.append(contentsOf: UnsafeBufferPointer(start: buffer + tail.lowerBound, count: tail.count))
        if target == CSVRecordReader.collectHeader {
            headerValues!.append(value)
        } else {
            record.setRebuilt(target, value)
        }
        scratch = value
    }

    /// The first index in `from..<to` holding `a`, `b` or `c`, or `to` (`ByteSearch.first`).
    @inline(__always)
    private static func find(_ bytes: UnsafeMutablePointer<UInt8>, from: Int, to: Int,
                             _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        ByteSearch.first(a, b, c, in: bytes, from: from, to: to)
    }
}
