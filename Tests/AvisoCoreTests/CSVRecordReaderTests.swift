import Testing
import CSystemSupport
@testable import AvisoCore

/// One CSV record as the tests compare it.
struct CSVRow: Equatable, CustomStringConvertible {
    var line: Int
    var number: Int
    var values: [String?]
    var problem: RecordProblem?

    init(_ line: Int, _ number: Int, _ values: [String?], _ problem: RecordProblem? = nil) {
        self.line = line
        self.number = number
        self.values = values
        self.problem = problem
    }

    var description: String { "CSVRow(\(line), \(number), \(values), \(String(describing: problem)))" }
}

private func open(_ bytes: [UInt8], fields: [String], required: [String] = [],
                  sourceChunk: Int? = nil, readerChunk: Int = 1 << 20,
                  quotedCap: Int = 1 << 20, maxRecordBytes: Int = 64 << 20) throws -> CSVRecordReader {
    try CSVRecordReader(source: MemoryByteSource(bytes, maxChunk: sourceChunk), fileName: "charges.csv",
                        fields: fields, required: required, chunkSize: readerChunk,
                        quotedCap: quotedCap, maxRecordBytes: maxRecordBytes)
}

private func readAll(_ reader: CSVRecordReader) throws -> [CSVRow] {
    var record = RawRecord(fieldCount: reader.fields.count)
    var rows: [CSVRow] = []
    while try reader.next(into: &record) {
        rows.append(CSVRow(record.line, record.number, reader.fields.indices.map { record.string($0) }, record.problem))
    }
    return rows
}

private func rows(_ text: String, fields: [String] = ["id", "name", "value"]) throws -> [CSVRow] {
    try readAll(open(Array(text.utf8), fields: fields))
}

@Suite struct CSVRecordReaderTests {
    // MARK: Well-formed input

    @Test(arguments: [
        ("quoted delimiter", "id,name,value\n1,\"Silva, Ana\",10\n",
         [CSVRow(2, 1, ["1", "Silva, Ana", "10"])]),
        ("doubled quotes", "id,name,value\n1,\"Loja \"\"Boa\"\" Ltda\",10\n",
         [CSVRow(2, 1, ["1", "Loja \"Boa\" Ltda", "10"])]),
        ("doubled quotes in the first and last fields", "id,name,value\n\"1\"\"\", x ,\"a\"\"b\"\n2,\"c\"\"\",3\n",
         [CSVRow(2, 1, ["1\"", "x", "a\"b"]), CSVRow(3, 2, ["2", "c\"", "3"])]),
        ("quoted LF", "id,name,value\n1,\"a\nb\",10\n2,c,20\n",
         [CSVRow(2, 1, ["1", "a\nb", "10"]), CSVRow(4, 2, ["2", "c", "20"])]),
        ("quoted CRLF", "id,name,value\r\n1,\"a\r\nb\",10\r\n2,c,20\r\n",
         [CSVRow(2, 1, ["1", "a\r\nb", "10"]), CSVRow(4, 2, ["2", "c", "20"])]),
        ("lone CR in quotes is data", "id,name,value\n1,\"a\rb\",10\n",
         [CSVRow(2, 1, ["1", "a\rb", "10"])]),
        ("semicolon detected", "id;name;value\n1;Ana, Bia;1.234,56\n",
         [CSVRow(2, 1, ["1", "Ana, Bia", "1.234,56"])]),
        ("semicolon wins over commas", "id;name;\"a,b,c\";value\n1;x;y;5\n",
         [CSVRow(2, 1, ["1", "x", "5"])]),
        ("quoted commas in a semicolon header don't count", "\"i,d\";id;name;value\nz;1;Ana;5\n",
         [CSVRow(2, 1, ["1", "Ana", "5"])]),
        ("tie goes to comma", "id,name;value\n1,a;b\n",
         [CSVRow(2, 1, ["1", nil, nil])]),
        ("BOM skipped", "\u{FEFF}id,name,value\n1,a,2\n",
         [CSVRow(2, 1, ["1", "a", "2"])]),
        ("CRLF file", "id,name,value\r\n1,a,2\r\n3,b,4\r\n",
         [CSVRow(2, 1, ["1", "a", "2"]), CSVRow(3, 2, ["3", "b", "4"])]),
        ("empty lines skipped", "\nid,name,value\n\n1,a,2\r\n\r\n  \n3,b,4\n\n",
         [CSVRow(4, 1, ["1", "a", "2"]), CSVRow(7, 2, ["3", "b", "4"])]),
        ("no final line end", "id,name,value\n1,a,2",
         [CSVRow(2, 1, ["1", "a", "2"])]),
        ("missing trailing fields absent", "id,name,value\n1,a\n2\n",
         [CSVRow(2, 1, ["1", "a", nil]), CSVRow(3, 2, ["2", nil, nil])]),
        ("values trimmed, empty is absent", "id,name,value\n 1 ,  , \"\"\n",
         [CSVRow(2, 1, ["1", nil, nil])]),
        ("spaces around a quoted field allowed", "id,name,value\n1, \"a,b\" ,\t\"c\"\t\n",
         [CSVRow(2, 1, ["1", "a,b", "c"])]),
        ("quoted field at end of file", "id,name,value\n1,a,\"x\"",
         [CSVRow(2, 1, ["1", "a", "x"])]),
        ("quoted field then CRLF", "id,name,value\r\n1,\"a\",\"b\"\r\n",
         [CSVRow(2, 1, ["1", "a", "b"])]),
        ("quoted empty lines inside a field are data", "id,name,value\n1,\"a\n\nb\",2\n3,c,4\n",
         [CSVRow(2, 1, ["1", "a\n\nb", "2"]), CSVRow(5, 2, ["3", "c", "4"])]),
        ("column order free, unknown columns ignored", "value,extra,name,id\n5,zz,Ana,1\n",
         [CSVRow(2, 1, ["1", "Ana", "5"])]),
        ("repeated header name: first column wins", "id,name,name,value\n1,first,second,5\n",
         [CSVRow(2, 1, ["1", "first", "5"])]),
        ("header names trimmed", " id , name ,\"value \"\n1,a,2\n",
         [CSVRow(2, 1, ["1", "a", "2"])]),
        ("UTF-8 values kept", "id,name,value\n1,São João,2\n",
         [CSVRow(2, 1, ["1", "São João", "2"])]),
    ] as [(String, String, [CSVRow])])
    func parses(_ name: String, text: String, expected: [CSVRow]) throws {
        #expect(try rows(text) == expected, "\(name)")
    }

    @Test("a header line longer than the first bytes buffered is read once, not once per refill",
          arguments: [1, 2, 3, 5, 8])
    func headerLongerThanTheBuffer(readerChunk: Int) throws {
        // Delimiters are counted within the quote cap (12 bytes here): the header is then scanned
        // before all of it is buffered.
        let text = "\u{FEFF}id,name,value,other,extra\n1,a,2,x,y\n"
        let reader = try open(Array(text.utf8), fields: ["id", "name", "value"], sourceChunk: 2,
                              readerChunk: readerChunk, quotedCap: 12)
        #expect(reader.header == ["id", "name", "value", "other", "extra"])
        #expect(try readAll(reader) == [CSVRow(2, 1, ["1", "a", "2"])])
    }

    @Test func detectsDelimiterAndExposesHeader() throws {
        let reader = try open(Array("\u{FEFF}id;name;value;other\n".utf8), fields: ["id"])
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(reader.header == ["id", "name", "value", "other"])
        #expect(try readAll(reader) == [])
    }

    // MARK: Defective records

    @Test func tooManyFieldsIsFieldCount() throws {
        let result = try rows("id,name,value\n1,a,2,3\n4,b,5\n")
        #expect(result == [
            CSVRow(2, 1, ["1", "a", "2"], .fieldCount("expected 3 fields, found 4")),
            CSVRow(3, 2, ["4", "b", "5"]),
        ])
        #expect(result[0].problem?.reason == "FIELD_COUNT")
    }

    @Test(arguments: [
        ("quote inside an unquoted field", "id,name,value\n1,ab\"c,2\n3,d,4\n",
         [CSVRow(2, 1, ["1", "ab\"c", "2"], .badQuotes("a quote inside the unquoted field 2 (name)")),
          CSVRow(3, 2, ["3", "d", "4"])]),
        ("text after a closing quote", "id,name,value\n1,\"ab\"c,2\n3,d,4\n",
         [CSVRow(2, 1, ["1", "abc", "2"], .badQuotes("text after the closing quote of field 2 (name)")),
          CSVRow(3, 2, ["3", "d", "4"])]),
        ("stray quotes in the tail are data", "id,name,value\n1,\"He said \"hi\" ok\",2\n3,d,4\n",
         [CSVRow(2, 1, ["1", "He said hi\" ok\"", "2"], .badQuotes("text after the closing quote of field 2 (name)")),
          CSVRow(3, 2, ["3", "d", "4"])]),
        ("never closed: resumes on the next line", "id,name,value\n1,\"open,2\n3,d,4\n5,e,6\n",
         [CSVRow(2, 1, ["1", nil, nil], .badQuotes("the quote opening field 2 (name) is never closed")),
          CSVRow(3, 2, ["3", "d", "4"]), CSVRow(4, 3, ["5", "e", "6"])]),
        ("never closed on the last line", "id,name,value\n1,a,2\n3,\"x",
         [CSVRow(2, 1, ["1", "a", "2"]),
          CSVRow(3, 2, ["3", nil, nil], .badQuotes("the quote opening field 2 (name) is never closed"))]),
        ("never closed after a multi-line field resumes inside it",
         "id,name,value\n1,\"a\nb\",\"open\n7,f,8\n",
         [CSVRow(2, 1, ["1", "a\nb", nil], .badQuotes("the quote opening field 3 (value) is never closed")),
          CSVRow(3, 2, ["b\"", nil, nil], .badQuotes("a quote inside the unquoted field 1 (id)")),
          CSVRow(4, 3, ["7", "f", "8"])]),
    ] as [(String, String, [CSVRow])])
    func badQuotes(_ name: String, text: String, expected: [CSVRow]) throws {
        let result = try rows(text)
        #expect(result == expected, "\(name)")
        #expect(result.contains { $0.problem?.reason == "BAD_QUOTES" })
    }

    @Test func quoteStillOpenPastTheCapIsNeverClosed() throws {
        // Cap of 32 bytes: the quote below closes only 40 bytes after the record's start.
        let long = String(repeating: "x", count: 40)
        let text = "id,name,value\n1,\"\(long)\n\(long)\",2\n3,d,4\n"
        for chunk in [1, 3, 64, 1 << 20] {
            let reader = try open(Array(text.utf8), fields: ["id", "name", "value"],
                                  sourceChunk: chunk, readerChunk: chunk, quotedCap: 32)
            #expect(try readAll(reader) == [
                CSVRow(2, 1, ["1", nil, nil],
                    .badQuotes("the quote opening field 2 (name) is not closed within 32 bytes of the record's start")),
                CSVRow(3, 2, [long + "\"", "2", nil], .badQuotes("a quote inside the unquoted field 1 (id)")),
                CSVRow(4, 3, ["3", "d", "4"]),
            ], "chunk \(chunk)")
        }
    }

    @Test func quoteClosedWithinTheCapIsFine() throws {
        let text = "id,name,value\n1,\"\(String(repeating: "y", count: 20))\",2\n"
        let reader = try open(Array(text.utf8), fields: ["id", "value"], quotedCap: 32)
        #expect(try readAll(reader) == [CSVRow(2, 1, ["1", "2"])])
    }

    @Test func neverClosedWithAFirstLineLongerThanTheBuffer() throws {
        // The record's first line is longer than the cap, so its end is not buffered yet.
        let text = "id,name,value\n1,\"\(String(repeating: "z", count: 100)),2\n3,d,4\n"
        let reader = try open(Array(text.utf8), fields: ["id", "name", "value"],
                              sourceChunk: 5, readerChunk: 8, quotedCap: 16)
        #expect(try readAll(reader) == [
            CSVRow(2, 1, ["1", nil, nil],
                .badQuotes("the quote opening field 2 (name) is not closed within 16 bytes of the record's start")),
            CSVRow(3, 2, ["3", "d", "4"]),
        ])
    }

    @Test func recordBeyondTheHardLimitFailsTheFile() throws {
        let text = "id,name\n1,a\n2,\(String(repeating: "w", count: 100))\n"
        let reader = try open(Array(text.utf8), fields: ["id"], sourceChunk: 7, readerChunk: 8,
                              quotedCap: 16, maxRecordBytes: 32)
        var record = RawRecord(fieldCount: 1)
        #expect(try reader.next(into: &record))
        #expect(record.string(0) == "1")
        let error = try #require(throws: AvisoError.self) { _ = try reader.next(into: &record) }
        #expect(error.category == .input)
        #expect(error.line == 3)
        #expect(error.message == "a record longer than 32 bytes")
    }

    @Test(arguments: [
        ([0xFF], 2),
        ([0xC3], 2),                 // truncated sequence
        ([0xC0, 0xAF], 2),           // overlong
        ([0xE0, 0x80, 0xAF], 2),     // overlong three-byte
        ([0xED, 0xA0, 0x80], 2),     // surrogate
        ([0xF4, 0x90, 0x80, 0x80], 2), // above U+10FFFF
        ([0xE9], 6),                 // Latin-1 é, in a quoted field starting later
    ] as [([UInt8], Int)])
    func invalidUTF8RowIsBadUTF8(bad: [UInt8], offset: Int) throws {
        var bytes = Array("id,name,value\n1,ok,2\n".utf8)
        if offset == 2 {
            bytes += Array("3,".utf8) + bad + Array("x,4\n".utf8)
        } else {
            bytes += Array("3,\"Jos".utf8) + bad + Array("\",4\n".utf8)
        }
        bytes += Array("5,e,6\n".utf8)
        let result = try readAll(try open(bytes, fields: ["id", "value"]))
        let hex = String(bad[0], radix: 16, uppercase: true)
        #expect(result == [
            CSVRow(2, 1, ["1", "2"]),
            CSVRow(3, 2, ["3", "4"], .badUTF8("invalid UTF-8 byte 0x\(hex) at byte \(offset + 1) of the record")),
            CSVRow(4, 3, ["5", "6"]),
        ])
        #expect(result[1].problem?.reason == "BAD_UTF8")
    }

    @Test func badUTF8OnALaterLineOfAMultiLineRecord() throws {
        let bytes = Array("id,name,value\n1,a,2\n3,\"x\ny".utf8) + [0xFF] + Array("\",4\n5,e,6\n".utf8)
        let result = try readAll(try open(bytes, fields: ["id"]))
        #expect(result == [
            CSVRow(2, 1, ["1"]),
            CSVRow(3, 2, ["3"], .badUTF8("invalid UTF-8 byte 0xFF at byte 7 of the record")),
            CSVRow(5, 3, ["5"]),
        ])
    }

    @Test func badQuotesWinsOverBadUTF8AndFieldCount() throws {
        let bytes = Array("id,name\n1,a\"b,".utf8) + [0xFF] + Array(",x\n".utf8)
        #expect(try readAll(try open(bytes, fields: ["id"])) == [
            CSVRow(2, 1, ["1"], .badQuotes("a quote inside the unquoted field 2 (name)")),
        ])
    }

    // MARK: Files that fail

    @Test(arguments: [
        ("empty file", [], "charges.csv: empty file: no header line (the first line must name the columns)"),
        ("BOM only", [0xEF, 0xBB, 0xBF], "charges.csv: empty file: no header line (the first line must name the columns)"),
        ("blank lines only", Array("\r\n \n\n".utf8), "charges.csv: empty file: no header line (the first line must name the columns)"),
        ("invalid UTF-8 in the header", Array("id,n".utf8) + [0xE3] + Array("o\n1,a\n".utf8),
         "charges.csv:1: the header line is not valid UTF-8: invalid UTF-8 byte 0xE3 at byte 5 of the record (save the export as UTF-8)"),
        ("header quote never closed", Array("id,\"name\n1,a\n".utf8),
         "charges.csv:1: unreadable header: the quote opening field 2 is never closed (the first line must name the columns)"),
    ] as [(String, [UInt8], String)])
    func unreadableFileFails(_ name: String, bytes: [UInt8], message: String) throws {
        for chunk in [1, 2, 1 << 20] {
            let error = try #require(throws: AvisoError.self, "\(name)") {
                _ = try open(bytes, fields: ["id"], sourceChunk: chunk, readerChunk: chunk)
            }
            #expect(error.category == .input)
            #expect(error.description == message, "\(name)")
        }
    }

    @Test func missingRequiredColumnNamesItAndTheHeader() throws {
        let error = try #require(throws: AvisoError.self) {
            _ = try open(Array("id;nome;value\n1;a;2\n".utf8), fields: ["id", "name", "value"],
                         required: ["id", "name", "value"])
        }
        #expect(error.category == .input)
        #expect(error.file == "charges.csv")
        #expect(error.line == 1)
        #expect(error.message == "missing required column \"name\" (header found: id, nome, value)")
    }

    @Test func severalMissingColumnsAreAllNamed() throws {
        let error = try #require(throws: AvisoError.self) {
            _ = try open(Array("id\n1\n".utf8), fields: ["id"], required: ["customer", "id", "value"])
        }
        #expect(error.message == "missing required columns \"customer\", \"value\" (header found: id)")
    }

    @Test func requiredColumnIsCaseSensitive() throws {
        #expect(throws: AvisoError.self) {
            _ = try open(Array("ID,name\n1,a\n".utf8), fields: ["id"], required: ["id"])
        }
    }

    // MARK: Buffer boundaries

    private static let mixed: String = [
        "\u{FEFF}id;name;value;extra\r\n",
        "1;\"Silva; Ana\";1.234,56;z\r\n",
        "\r\n",
        "2;\"Loja \"\"Boa\"\"\r\nLtda\";10;\r\n",
        "3;ab\"c;5\n",
        "\n",
        "4;\"x\"y;6\n",
        "5;São;7;8;9\n",
        " 6 ; \"sp\" ;\t8\t\n",
        "8;\"q\r\"\"\";10\n",
        "7;\"open;9\n",
        "9;z;11",
    ].joined()

    private static let mixedExpected: [CSVRow] = [
        CSVRow(2, 1, ["1", "Silva; Ana", "1.234,56"]),
        CSVRow(4, 2, ["2", "Loja \"Boa\"\r\nLtda", "10"]),
        CSVRow(6, 3, ["3", "ab\"c", "5"], .badQuotes("a quote inside the unquoted field 2 (name)")),
        CSVRow(8, 4, ["4", "xy", "6"], .badQuotes("text after the closing quote of field 2 (name)")),
        CSVRow(9, 5, ["5", "São", "7"], .fieldCount("expected 4 fields, found 5")),
        CSVRow(10, 6, ["6", "sp", "8"]),
        CSVRow(11, 7, ["8", "q\r\"", "10"]),
        CSVRow(12, 8, ["7", nil, nil], .badQuotes("the quote opening field 2 (name) is never closed")),
        CSVRow(13, 9, ["9", "z", "11"]),
    ]

    @Test func wholeInputAtOnce() throws {
        let reader = try open(Array(Self.mixed.utf8), fields: ["id", "name", "value"])
        let result = try readAll(reader)
        #expect(result == Self.mixedExpected)
    }

    @Test(arguments: 1...7)
    func everyChunkBoundary(chunk: Int) throws {
        for readerChunk in [chunk, 1 << 20] {
            let reader = try open(Array(Self.mixed.utf8), fields: ["id", "name", "value"],
                                  sourceChunk: chunk, readerChunk: readerChunk)
            let result = try readAll(reader)
            #expect(result == Self.mixedExpected, "reader chunk \(readerChunk)")
        }
    }

    @Test func publicInitializerReadsThroughTheDefaults() throws {
        let text = "id,name\n" + (1...5000).map { "\($0),\"name \($0)\"\n" }.joined()
        let reader = try CSVRecordReader(source: MemoryByteSource(Array(text.utf8), maxChunk: 4096),
                                         fileName: "customers.csv", fields: ["name", "id"], required: ["id"])
        let result = try readAll(reader)
        #expect(result.count == 5000)
        #expect(result.last == CSVRow(5001, 5000, ["name 5000", "5000"]))
    }

    // MARK: Rows with no quote (read 64 bytes at a time)

    /// Rows of every length around the 64-byte blocks the scan looks at once, each with a
    /// value straddling a block's end, spaces and tabs to trim, an empty field, CRLF or LF, and
    /// every fourth row quoted after its first block (the scan must read it whole, as quoted):
    /// read in one go and cut by the source into pieces of every size from 1 to 9 bytes.
    @Test func plainRowsOfEveryLengthAcrossTheBlocks() throws {
        var text = "id,name,value,extra\r\n"
        var expected: [CSVRow] = []
        for width in 0..<200 {
            let name = String(repeating: "n", count: width) + "\(width)"
            let number = width + 1
            if width % 4 == 3 {
                text += "\(width), \(name) ,\"v,\(width)\"\"\",\n"
                expected.append(CSVRow(number + 1, number, ["\(width)", name, "v,\(width)\"", nil]))
            } else if width % 4 == 2 {
                text += "\t\(width)\t,\(name),,x,y\r\n"
                expected.append(CSVRow(number + 1, number, ["\(width)", name, nil, "x"], .fieldCount("expected 4 fields, found 5")))
            } else {
                text += "\(width),\(name), \(number) ,\r\n"
                expected.append(CSVRow(number + 1, number, ["\(width)", name, "\(number)", nil]))
            }
        }
        text += "last,row, 9 ,end"
        expected.append(CSVRow(202, 201, ["last", "row", "9", "end"]))
        let fields = ["id", "name", "value", "extra"]
        #expect(try readAll(open(Array(text.utf8), fields: fields)) == expected)
        for piece in 1...9 {
            let reader = try open(Array(text.utf8), fields: fields, sourceChunk: piece, readerChunk: piece)
            #expect(try readAll(reader) == expected, "pieces of \(piece) bytes")
        }
    }

    /// A quote after values already found on the row: the row is read again from its start as
    /// the full scan reads it, with the defect it names.
    @Test func quoteLateInAPlainLookingRow() throws {
        let filler = String(repeating: "a", count: 70)
        let result = try rows("id,name,value\n\(filler),b\"c,1\n2,\(filler),\"x\"y\n")
        #expect(result == [
            CSVRow(2, 1, [filler, "b\"c", "1"], .badQuotes("a quote inside the unquoted field 2 (name)")),
            CSVRow(3, 2, ["2", filler, "xy"], .badQuotes("text after the closing quote of field 3 (value)")),
        ])
    }

    // MARK: UTF-8 validator

    @Test(arguments: [
        ([], true), (Array("plain ASCII text, longer than eight".utf8), true),
        ([0xC3, 0xA3], true), ([0xE2, 0x82, 0xAC], true), ([0xF0, 0x9F, 0x98, 0x80], true),
        ([0xED, 0x9F, 0xBF], true), ([0xF4, 0x8F, 0xBF, 0xBF], true),
        ([0x80], false), ([0xC1, 0xBF], false), ([0xE0, 0x9F, 0xBF], false), ([0xED, 0xA0, 0x80], false),
        ([0xF0, 0x8F, 0xBF, 0xBF], false), ([0xF4, 0x90, 0x80, 0x80], false), ([0xF5, 0x80, 0x80, 0x80], false),
        ([0xE2, 0x82], false), ([0xE2, 0x28, 0xA1], false),
    ] as [([UInt8], Bool)])
    func validatesUTF8(bytes: [UInt8], valid: Bool) {
        #expect(bytes.withUnsafeBufferPointer { UTF8Validator.isValid($0) } == valid)
    }

    /// The ASCII run the validator skips at once (`aviso_ascii_run`) ends at the first byte of
    /// 0x80 or more, whatever its place in a 32- or 16-byte step or the tail, and never reads past
    /// the count: a high byte just past it is not seen.
    @Test func asciiRunEndsAtTheFirstHighByte() {
        var generator = SplitMix64(seed: 11)
        for count in 0..<100 {
            for place in 0...count {
                var bytes = (0..<(count + 1)).map { _ in UInt8(truncatingIfNeeded: generator.next()) & 0x7F }
                if place < count { bytes[place] = 0x80 | UInt8(truncatingIfNeeded: generator.next()) }
                bytes[count] = 0xFF
                let run = bytes.withUnsafeBufferPointer { aviso_ascii_run($0.baseAddress!, count) }
                #expect(run == place, "count \(count), high byte at \(place)")
            }
        }
    }

    /// A bad byte in ASCII text is found at its place, and text of random scalars (accents,
    /// symbols, emoji between ASCII runs of every length) is valid, as Swift's own decoder says.
    @Test func validatorFindsTheBadByteAnywhere() {
        var generator = SplitMix64(seed: 5)
        for count in 1..<90 {
            for place in 0..<count {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: count)
                bytes[place] = 0xFF
                let found = bytes.withUnsafeBufferPointer { UTF8Validator.firstInvalid($0.baseAddress!, count: count) }
                #expect(found == place, "count \(count), bad byte at \(place)")
            }
        }
        let scalars: [Unicode.Scalar] = ["ã", "ç", "€", "😀", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 6) {
                text += String(repeating: "x", count: Int(generator.next() % 40))
                text.unicodeScalars.append(scalars[Int(generator.next() % UInt64(scalars.count))])
            }
            var bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { UTF8Validator.isValid($0) }, "\(text)")
            guard !bytes.isEmpty else { continue }
            // A lone continuation byte anywhere makes it invalid, as Swift's decoder agrees.
            bytes.insert(0x80, at: Int(generator.next() % UInt64(bytes.count)))
            #expect(!bytes.withUnsafeBufferPointer { UTF8Validator.isValid($0) })
            #expect(String(validating: bytes, as: UTF8.self) == nil)
        }
    }
}
