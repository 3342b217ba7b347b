import Foundation
import Testing
@testable import AvisoCore

/// One record as a reader yields it, down to the bytes of each wanted field.
private struct Seen: Equatable, CustomStringConvertible {
    var line: Int
    var number: Int
    var problem: RecordProblem?
    var values: [[UInt8]?]

    var description: String {
        let shown = values.map { $0.map { String(decoding: $0, as: UTF8.self).debugDescription } ?? "nil" }
        return "(\(line), \(number), \(String(describing: problem)), \(shown))"
    }
}

/// Everything a reader yields for a file: its records, then the error that ended it, if any.
private struct Outcome: Equatable {
    var records: [Seen] = []
    var error: String?
}

/// How the reader of the whole file (and the splitter, which is one) is set up.
private struct Setup: CustomStringConvertible {
    var sourceChunk: Int?
    var readerChunk = 1 << 20
    var quotedCap = 1 << 20
    var maxRecordBytes = 64 << 20
    /// Read from the bytes written to a file and mapped (`CSVRecordReader(mapped:)`); the
    /// source and reader chunk sizes do not apply.
    var mapped = false
    /// Every record read by the full scan (`CSVRecordReader.triesPlainScan` off).
    var fullScanOnly = false

    var description: String {
        (mapped ? "mapped cap \(quotedCap) max \(maxRecordBytes)"
            : "source \(sourceChunk.map(String.init) ?? "all") reader \(readerChunk) cap \(quotedCap) max \(maxRecordBytes)")
            + (fullScanOnly ? " full scan only" : "")
    }

    /// The same limits, every record read by the full scan.
    var withFullScanOnly: Setup {
        var setup = self
        setup.fullScanOnly = true
        return setup
    }

    /// The same limits, read from a mapped file.
    var asMapped: Setup {
        var setup = self
        setup.mapped = true
        return setup
    }
}

/// The bytes as a mapped file (the file itself is removed at once: the mapping keeps it).
private func mappedFile(_ bytes: [UInt8]) throws -> MappedFile {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-mapped-\(UUID().uuidString).csv").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try #require(MappedFile(path: path))
}

private let fields = ["id", "name", "value"]

private func open(_ bytes: [UInt8], _ setup: Setup) throws -> CSVRecordReader {
    let reader = setup.mapped
        ? try CSVRecordReader(mapped: mappedFile(bytes), fileName: "charges.csv", fields: fields, required: [],
                              quotedCap: setup.quotedCap, maxRecordBytes: setup.maxRecordBytes)
        : try CSVRecordReader(source: MemoryByteSource(bytes, maxChunk: setup.sourceChunk), fileName: "charges.csv",
                              fields: fields, required: [], chunkSize: setup.readerChunk,
                              quotedCap: setup.quotedCap, maxRecordBytes: setup.maxRecordBytes)
    reader.triesPlainScan = !setup.fullScanOnly
    return reader
}

private func seen(_ record: RawRecord) -> Seen {
    Seen(line: record.line, number: record.number, problem: record.problem,
         values: fields.indices.map { record.bytes($0).map(Array.init) })
}

private func describe(_ error: any Error) -> String {
    guard let error = error as? AvisoError else { return "\(error)" }
    return "\(error.category) line \(error.line.map(String.init) ?? "-"): \(error.message)"
}

/// The plain reader, record by record.
private func plain(_ bytes: [UInt8], _ setup: Setup) throws -> Outcome {
    let reader = try open(bytes, setup)
    var outcome = Outcome()
    var record = RawRecord(fieldCount: fields.count)
    do {
        while try reader.next(into: &record) { outcome.records.append(seen(record)) }
    } catch {
        outcome.error = describe(error)
    }
    return outcome
}

/// The same file cut into chunks of about `target` bytes, each parsed by its own reader.
/// Also checks that the chunks, end to end, are the file after its header, and that each
/// chunk starts where the previous one left off.
private func chunked(_ bytes: [UInt8], _ setup: Setup, target: Int) throws -> Outcome {
    let reader = try open(bytes, setup)
    var outcome = Outcome()
    var joined: [UInt8] = []
    var nextLine: Int?
    var nextNumber = 1
    do {
        while let chunk = try reader.nextChunk(targetSize: target) {
            #expect(chunk.records >= 0)
            if let nextLine { #expect(chunk.firstLine == nextLine, "chunk line") }
            #expect(chunk.firstNumber == nextNumber, "chunk number")
            joined.append(contentsOf: UnsafeBufferPointer(start: chunk.bytes, count: chunk.count))
            let parser = CSVRecordReader(chunk: chunk)
            parser.triesPlainScan = !setup.fullScanOnly
            // Each chunk is read twice: with the records lending the chunk's bytes (as the
            // table reader reads chunks), then copying them; both must see the same.
            var record = RawRecord(fieldCount: fields.count)
            var lending: [Seen] = []
            parser.lendsRecordBytes = true
            while try parser.next(into: &record) { lending.append(seen(record)) }
            parser.restart()
            parser.lendsRecordBytes = false
            var copying: [Seen] = []
            while try parser.next(into: &record) { copying.append(seen(record)) }
            #expect(lending == copying, "a chunk read lending and copying")
            outcome.records += lending
            #expect(lending.count == chunk.records, "records parsed in the chunk")
            nextLine = chunk.firstLine + UnsafeBufferPointer(start: chunk.bytes, count: chunk.count).filter { $0 == 0x0A }.count
            nextNumber = chunk.firstNumber + chunk.records
        }
    } catch {
        outcome.error = describe(error)
    }
    if outcome.error == nil {
        // Whatever follows the header, byte for byte (blank lines after the last record may be
        // left out, as they yield nothing).
        let blank: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
        let file = Array(bytes.reversed().drop { blank.contains($0) }.reversed())
        let chunks = Array(joined.reversed().drop { blank.contains($0) }.reversed())
        #expect(chunks == Array(file.suffix(chunks.count)), "the chunks are the file's bytes after its header")
        #expect(chunks.count < file.count)
    }
    return outcome
}

/// A small deterministic generator for random files.
private struct Random {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// A random CSV body made of pieces that matter to record boundaries (and, with
/// `quotedValues`, many quoted values, simple or not, as exports write them).
private func randomFile(seed: UInt64, pieces: Int, quotedValues: Bool = false) -> [UInt8] {
    var random = Random(state: seed)
    let headers: [[UInt8]] = [
        Array("id,name,value\n".utf8), Array("id;name;value\r\n".utf8),
        [0xEF, 0xBB, 0xBF] + Array("id,name,value,extra\n".utf8), Array(" id , \"name\" ,value\n".utf8),
    ]
    let tokens: [[UInt8]] = [
        Array("a".utf8), Array("bc".utf8), Array("123".utf8), Array("São".utf8), Array(",".utf8),
        Array(",".utf8), Array(";".utf8), Array("\"".utf8), Array("\"\"".utf8), Array("\n".utf8),
        Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8), Array(" ".utf8), Array("\t".utf8),
        [0xFF], [0xC3], Array("\"q,\nr\"".utf8), Array("\"x\"\"y\"".utf8), Array("x\"y".utf8),
        Array("\"a\" b".utf8), Array("\n\n".utf8), Array(" \r\n".utf8),
        Array("1,\"long field with, a comma and a \"\" quote\",42\n".utf8),
    ]
    let quoted: [[UInt8]] = [
        Array("\"89,90\"".utf8), Array(" \"Consulta, retorno\" ".utf8), Array("\"\"".utf8), Array("\" \t a \"".utf8),
        Array("\t\"x;y\"".utf8), Array("\"São\"".utf8), Array("\"a\"\"b\"".utf8), Array("\"a\"\r".utf8),
        Array("\"c\r\nd\"".utf8), Array("\"e\"f".utf8), Array("g\"h\"".utf8), Array("\"\(String(repeating: "z", count: 30))\"".utf8),
    ]
    var bytes = headers[random.below(headers.count)]
    for _ in 0..<pieces {
        let pool = quotedValues && random.below(3) == 0 ? quoted : tokens
        bytes += pool[random.below(pool.count)]
    }
    return bytes
}

@Suite struct CSVChunkTests {
    static let longField = String(repeating: "w", count: 150)

    static let files: [(String, String)] = [
        ("simple", "id,name,value\n1,a,10\n2,b,20\n3,c,30\n"),
        ("quoted newlines", "id,name,value\n" + (1...12).map { "\($0),\"line\none\n\($0)\",\($0)0\n" }.joined()),
        ("doubled quotes", "id,name,value\n" + (1...12).map { "\($0),\"\"\"\"\"\"x\"\"\"\"\",\"\"\"\"\n" }.joined()),
        ("CRLF", "id,name,value\r\n" + (1...12).map { "\($0),\"a\r\nb\",\($0)\r\n" }.joined()),
        ("BOM and semicolons", "\u{FEFF}id;name;value\n" + (1...9).map { "\($0);\"x;y\";1.234,5\($0)\n" }.joined()),
        ("record longer than a chunk", "id,name,value\n1,\(longField),2\n2,\"\(longField)\n\(longField)\",3\n4,d,5\n"),
        ("broken quote near the end", "id,name,value\n1,\"d\"x,5\n2,a,2\n3,\"b,3\n4,c,4\n5,d,5\n"),
        ("never closed at the very end", "id,name,value\n1,a,2\n2,\"b,3\n3,c,4"),
        ("bad UTF-8 in the middle", "id,name,value\n1,a,2\n2,b\u{FFFD}c,3\n3,c,4\n"),
        ("blank lines", "id,name,value\n\n \t\r\n1,a,2\n\n\n2,b,3\n \n\r\n"),
        ("only a header", "id,name,value\n"),
        ("only a header without line end", "id,name,value"),
        ("no final line end", "id,name,value\n1,a,2\n2,\"b\"\"\",3"),
        ("CR ending the file", "id,name,value\n1,a,2\n2,\"b\"\r"),
        ("too many fields", "id,name,value\n1,a,2,3,4\n2,b,3\n"),
        ("spaces around quotes", "id,name,value\n 1 , \"a\" ,\t\"2\"\t\n2, \"b\"  \r\n"),
        ("quote inside unquoted", "id,name,value\n1,a\"b\nc,2\n3,d,4\n"),
    ]

    /// Replaces the marker U+FFFD with one invalid byte.
    static func bytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for byte in text.utf8 { out.append(byte) }
        var result: [UInt8] = []
        var i = 0
        while i < out.count {
            if i + 2 < out.count, out[i] == 0xEF, out[i + 1] == 0xBF, out[i + 2] == 0xBD {
                result.append(0xFE)
                i += 3
            } else {
                result.append(out[i])
                i += 1
            }
        }
        return result
    }

    @Test(arguments: files)
    func chunksReadAsTheWholeFile(_ name: String, text: String) throws {
        let bytes = Self.bytes(text)
        for setup in [Setup(), Setup(sourceChunk: 3, readerChunk: 5), Setup(sourceChunk: 1, readerChunk: 1)] {
            let expected = try plain(bytes, setup)
            #expect(try plain(bytes, setup.asMapped) == expected, "\(name), \(setup.asMapped)")
            for target in [1, 7, 13, 29, 64, 1 << 20] {
                #expect(try chunked(bytes, setup, target: target) == expected, "\(name), \(setup), chunk \(target)")
                #expect(try chunked(bytes, setup.asMapped, target: target) == expected, "\(name), \(setup.asMapped), chunk \(target)")
            }
        }
    }

    @Test func theFilesMeanWhatTheTestsSay() throws {
        let broken = try plain(Self.bytes(Self.files[6].1), Setup())
        #expect(broken.records.map(\.line) == [2, 3, 4, 5, 6])
        #expect(broken.records[0].problem == .badQuotes("text after the closing quote of field 2 (name)"))
        #expect(broken.records[2].problem == .badQuotes("the quote opening field 2 (name) is never closed"))
        let utf8 = try plain(Self.bytes(Self.files[8].1), Setup())
        #expect(utf8.records[1].problem == .badUTF8("invalid UTF-8 byte 0xFE at byte 4 of the record"))
        let long = try plain(Self.bytes(Self.files[5].1), Setup())
        #expect(long.records.map(\.line) == [2, 3, 5])
        #expect(long.records[1].values[1]?.count == 301)
    }

    @Test(arguments: [
        // A quote open past a 24-byte cap, with the next records right behind it.
        ("cap", "id,name,value\n1,\"" + String(repeating: "x", count: 30) + "\n" + String(repeating: "y", count: 30) + "\",2\n3,c,4\n5,\"e\",6\n"),
        // A doubled quote straddling the cap.
        ("doubled quote at the cap", "id,name,value\n1,\"" + String(repeating: "x", count: 20) + "\"\"z\"\n2,b,3\n"),
        // A first line longer than the reader's buffer, quote never closed.
        ("long first line", "id,name,value\n1,\"" + String(repeating: "z", count: 100) + ",2\n3,d,4\n"),
        ("closed just inside the cap", "id,name,value\n1,\"" + String(repeating: "q", count: 18) + "\",2\n3,d,4\n"),
    ])
    func quotesNeverClosedWithinTheCap(_ name: String, text: String) throws {
        let bytes = Array(text.utf8)
        for setup in [Setup(quotedCap: 24), Setup(sourceChunk: 5, readerChunk: 8, quotedCap: 24),
                      Setup(sourceChunk: 1, readerChunk: 1, quotedCap: 24)] {
            let expected = try plain(bytes, setup)
            #expect(try plain(bytes, setup.asMapped) == expected, "\(name), \(setup.asMapped)")
            for target in [1, 5, 17, 40, 1 << 20] {
                #expect(try chunked(bytes, setup, target: target) == expected, "\(name), \(setup), chunk \(target)")
                #expect(try chunked(bytes, setup.asMapped, target: target) == expected, "\(name), \(setup.asMapped), chunk \(target)")
            }
        }
        let outcome = try plain(bytes, Setup(quotedCap: 24))
        switch name {
        case "cap":
            #expect(outcome.records.first?.problem == .badQuotes("the quote opening field 2 (name) is not closed within 24 bytes of the record's start"))
            #expect(outcome.records.map(\.line) == [2, 3, 4, 5])
        case "doubled quote at the cap":
            #expect(outcome.records.first?.problem == .badQuotes("the quote opening field 2 (name) is not closed within 24 bytes of the record's start"))
        case "closed just inside the cap":
            #expect(outcome.records.first?.problem == nil)
        default:
            #expect(outcome.records.map(\.line) == [2, 3])
        }
    }

    @Test func aRecordBeyondTheHardLimitFailsAfterTheSameRecords() throws {
        let text = "id,name\n1,a\n2,\"b\nc\"\n3,\(String(repeating: "w", count: 100))\n4,d\n"
        let setup = Setup(sourceChunk: 7, readerChunk: 8, quotedCap: 16, maxRecordBytes: 32)
        let expected = try plain(Array(text.utf8), setup)
        #expect(expected.records.map(\.line) == [2, 3])
        #expect(expected.error == "input line 5: a record longer than 32 bytes")
        #expect(try plain(Array(text.utf8), setup.asMapped) == expected)
        for target in [1, 4, 9, 30, 1 << 20] {
            #expect(try chunked(Array(text.utf8), setup, target: target) == expected, "chunk \(target)")
            #expect(try chunked(Array(text.utf8), setup.asMapped, target: target) == expected, "mapped, chunk \(target)")
        }
    }

    @Test(arguments: 0..<60)
    func randomFilesReadTheSameInChunks(seed: Int) throws {
        let bytes = randomFile(seed: UInt64(seed), pieces: 40 + seed * 4)
        let setups = [Setup(), Setup(sourceChunk: 3, readerChunk: 7, quotedCap: 20),
                      Setup(sourceChunk: 2, readerChunk: 4, quotedCap: 12, maxRecordBytes: 40)]
        for setup in setups {
            let expected: Outcome
            do {
                expected = try plain(bytes, setup)
            } catch {
                continue // a header the reader refuses: no chunks either
            }
            // A stream reader fails a record when it fills the buffer unfinished, which depends on
            // how the bytes arrive; a mapped one, on the record's whole length, so it may fail a
            // record the stream passed. Until it fails, it reads what the stream reads; if it
            // does not fail, it reads all of it.
            let mappedExpected = try plain(bytes, setup.asMapped)
            #expect(Array(expected.records.prefix(mappedExpected.records.count)) == mappedExpected.records,
                    "seed \(seed), \(setup.asMapped)")
            if mappedExpected.error == nil || setup.maxRecordBytes >= bytes.count {
                #expect(mappedExpected == expected, "seed \(seed), \(setup.asMapped)")
            }
            for target in [1, 7, 19, 64] {
                #expect(try chunked(bytes, setup, target: target) == expected, "seed \(seed), \(setup), chunk \(target)")
                #expect(try chunked(bytes, setup.asMapped, target: target) == mappedExpected, "seed \(seed), \(setup.asMapped), chunk \(target)")
            }
        }
    }

    /// Long runs of lines without quotes, as exports are, cut into chunks large and small:
    /// blank lines among them (empty, spaces, tabs, CRs) count as no record, lines starting
    /// with a space or tab do, and every chunk parses to the records it says it holds.
    @Test(arguments: [false, true])
    func longRunsOfPlainLinesWithBlankOnesAreCutExactly(crlf: Bool) throws {
        var random = Random(state: crlf ? 77 : 78)
        let end = crlf ? "\r\n" : "\n"
        let pieces = ["\(end)", "   \(end)", "\t\r\n", " \t \(end)", "\r\n", " 5,lead,1\(end)", "\t6,tab,2\(end)",
                      "7,\"q,r\",3\(end)", "8,x\"y,4\(end)"]
        var text = "id,name,value" + end
        for row in 0..<3000 {
            if random.below(6) == 0 {
                text += pieces[random.below(pieces.count)]
            } else {
                text += "\(row),name \(row) \(String(repeating: "v", count: random.below(90))),\(row * 7)" + end
            }
        }
        let bytes = Array(text.utf8)
        for setup in [Setup(), Setup(sourceChunk: 100, readerChunk: 300), Setup().asMapped, Setup(maxRecordBytes: 60).asMapped] {
            let expected = try plain(bytes, setup)
            #expect(expected.records.count > 2400, "\(setup)")
            for target in [1, 50, 333, 4096, 1 << 20] {
                #expect(try chunked(bytes, setup, target: target) == expected, "\(setup), chunk \(target)")
            }
        }
    }

    /// One-line records are read by `scanPlain` when their quoted values are simple, by the
    /// full scan otherwise: the two must read every file alike, down to lines and problems.
    @Test(arguments: 0..<80)
    func thePlainScanReadsAsTheFullScan(seed: Int) throws {
        let bytes = randomFile(seed: UInt64(seed) + 1000, pieces: 60 + seed * 5, quotedValues: true)
        let setups = [Setup(), Setup(sourceChunk: 5, readerChunk: 9, quotedCap: 16), Setup().asMapped,
                      Setup(quotedCap: 12, maxRecordBytes: 50).asMapped]
        for setup in setups {
            let full: Outcome
            do {
                full = try plain(bytes, setup.withFullScanOnly)
            } catch {
                continue // a header the reader refuses
            }
            #expect(try plain(bytes, setup) == full, "seed \(seed), \(setup)")
            for target in [1, 23, 64] {
                #expect(try chunked(bytes, setup, target: target) == chunked(bytes, setup.withFullScanOnly, target: target),
                        "seed \(seed), \(setup), chunk \(target)")
            }
        }
    }

    @Test func chunksOfAMappedFileBorrowItsPagesAndParseAfterTheReaderIsGone() throws {
        // Long enough for chunks of several pages each, whose pages go when they are parsed.
        let text = "id,name,value\n" + (1...20000).map { "\($0),\"n\"\"\($0)\",\($0)\n" }.joined()
        var chunks: [CSVChunk] = []
        do {
            // Neither the file nor the reader outlives this block: the chunks alone keep the mapping.
            let file = try mappedFile(Array(text.utf8))
            let reader = try CSVRecordReader(mapped: file, fileName: "charges.csv", fields: fields, required: [])
            while let chunk = try reader.nextChunk(targetSize: 20_000) {
                // Each chunk is the file's own bytes, where they lie: nothing copied.
                #expect(chunk.bytes >= UnsafeMutablePointer(mutating: file.base))
                #expect(chunk.bytes + chunk.count <= UnsafeMutablePointer(mutating: file.base) + file.count)
                #expect(reader.mappedBytesCut == file.base.distance(to: chunk.bytes) + chunk.count)
                chunks.append(chunk)
            }
            #expect(reader.mappedBytesCut == file.count)
        }
        var values: [String] = []
        while !chunks.isEmpty {
            // Parsed and let go one by one, first to last: each frees its pages before the next.
            let parser = CSVRecordReader(chunk: chunks.removeFirst())
            var record = RawRecord(fieldCount: fields.count)
            while try parser.next(into: &record) { values.append(record.string(1) ?? "-") }
        }
        #expect(values == (1...20000).map { "n\"\($0)" })
    }

    @Test func aQuoteNeverClosedOnALineOverTheHardLimitIsARejectMappedOrNot() throws {
        let text = "id,name\n1,\"" + String(repeating: "x", count: 100) + "\n2,b\n3,\"c\"\n"
        let setup = Setup(sourceChunk: 7, readerChunk: 8, quotedCap: 16, maxRecordBytes: 32)
        let expected = try plain(Array(text.utf8), setup)
        #expect(expected.error == nil)
        #expect(expected.records.map(\.line) == [2, 3, 4])
        #expect(expected.records.first?.problem == .badQuotes("the quote opening field 2 (name) is not closed within 16 bytes of the record's start"))
        #expect(try plain(Array(text.utf8), setup.asMapped) == expected)
        for target in [1, 9, 1 << 20] {
            #expect(try chunked(Array(text.utf8), setup.asMapped, target: target) == expected, "chunk \(target)")
        }
    }

    @Test func onlyRegularNonEmptyFilesAreMapped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-mapped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.csv").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(MappedFile(path: empty) == nil)
        #expect(MappedFile(path: folder.path) == nil)
        #expect(MappedFile(path: folder.appendingPathComponent("missing.csv").path) == nil)
        #expect(try mappedFile([0x1F, 0x8B, 8]).startsLikeGzip)
        #expect(try !mappedFile(Array("id\n".utf8)).startsLikeGzip)
    }

    @Test func aChunkParserStopsAtItsRecordCount() throws {
        let reader = try open(Array("id,name,value\n1,a,2\n2,b,3\n".utf8), Setup())
        let chunk = try #require(try reader.nextChunk(targetSize: 1))
        #expect(chunk.records == 1)
        #expect(chunk.firstLine == 2)
        #expect(chunk.firstNumber == 1)
        #expect(Array(UnsafeBufferPointer(start: chunk.bytes, count: chunk.count)) == Array("1,a,2\n".utf8))
        let last = try #require(try reader.nextChunk(targetSize: 1))
        #expect(last.firstLine == 3)
        #expect(last.firstNumber == 2)
        #expect(try reader.nextChunk(targetSize: 1) == nil)
    }

    /// A parser restarted on its chunk, emptied and filled again with other records (longer,
    /// shorter, broken), reads them as a new parser of such a chunk does: the customers a run
    /// reads again go through one parser per thread (`CustomerRows`).
    @Test(arguments: files)
    func aParserRestartedOnItsRefilledChunkReadsAsANewParser(_ name: String, text: String) throws {
        let bytes = Self.bytes(text)
        let reader = try open(bytes, Setup())
        var chunks: [CSVChunk] = []
        while let chunk = try? reader.nextChunk(targetSize: 7) { chunks.append(chunk) }
        let layout = reader.layout
        let reused = CSVChunk(layout: layout, firstLine: 1, firstNumber: 1, capacity: 16)
        let parser = CSVRecordReader(chunk: reused)
        // Each chunk's bytes once, then again in reverse order: every size after every other.
        for chunk in chunks + chunks.reversed() {
            let fresh = CSVChunk(layout: layout, firstLine: 1, firstNumber: 1, capacity: chunk.count)
            fresh.append(chunk.bytes, chunk.count)
            fresh.records = chunk.records
            var expected: [Seen] = []
            var record = RawRecord(fieldCount: fields.count)
            let freshParser = CSVRecordReader(chunk: fresh)
            while try freshParser.next(into: &record) { expected.append(seen(record)) }

            reused.removeAll()
            reused.append(chunk.bytes, chunk.count)
            reused.records = chunk.records
            parser.restart()
            var got: [Seen] = []
            while try parser.next(into: &record) { got.append(seen(record)) }
            #expect(got == expected, "\(name)")
            #expect(got.count == chunk.records, "\(name)")
        }
    }
}
