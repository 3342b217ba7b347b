import Foundation
import Testing
@testable import AvisoCore

/// What a caller of `TableReader.read` can observe.
private struct Observed: Equatable {
    var handled: [String] = []
    var rejects: [RejectRecord] = []
    var statistics: TableStatistics?
    var error: String?
}

private struct Stop: Error, CustomStringConvertible {
    var description: String { "the caller stopped" }
}

/// Removes the temporary folder `temporaryFile` made for `path`.
private func removeTemporaryFolder(of path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
}

private func temporaryFile(_ name: String, _ bytes: [UInt8], gzip: Bool = false) throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("aviso-table-reader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    if gzip {
        let writer = try GzipFileWriter(path: path)
        try bytes.withUnsafeBytes { try writer.write($0) }
        try writer.finish()
    } else {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
    return path
}

/// Reads `path` as the accounts table (CSV unless told), cut into chunks of `chunkSize` bytes
/// or on one thread: duplicate ids are rejected, an id `stop` throws.
private func observe(_ path: String, name: String, chunked: Bool, chunkSize: Int = 2 << 20,
                     maxRejectRatio: Double = 1, format: LocatedInput.Format = .csv) -> Observed {
    var reader = TableReader<AccountTable>(
        input: LocatedInput(table: "accounts", path: path, fileName: name, format: format),
        maxRejectRatio: maxRejectRatio)
    reader.splitsCSV = chunked
    reader.splitsXML = chunked
    reader.chunkSize = chunkSize
    var observed = Observed()
    var seen = Set<String>()
    do {
        observed.statistics = try reader.read(rejects: &observed.rejects) { account in
            if account.id == "stop" { throw Stop() }
            observed.handled.append("\(account.id):\(account.name)")
            guard seen.insert(account.id).inserted else {
                return .rejected(RowError(field: "id", reason: "DUPLICATE_ID", detail: "again \(account.id)"))
            }
            return account.email == nil ? .leftOut : .used
        }
    } catch {
        observed.error = "\(error)"
    }
    return observed
}

@Suite struct TableReaderTests {
    static let accounts = [
        "\u{FEFF}id;name;email;mobilePhone\r\n",
        "a1;Ana;ana@x.com;\r\n",
        "a2;\"Bia\r\nSilva\";;\r\n",
        "\r\n",
        ";Sem id;x@y.z;\r\n",
        "a3;\"Caio \"\"C\"\"\";c@x.com;1;extra\r\n",
        "a1;Ana de novo;a@b.c;\r\n",
        "a4;Dé\u{FFFD}bora;d@x.com;\r\n",
        "a5;Eva\"s;e@x.com;\r\n",
        "a6;\"Fabio\"x;f@x.com;\r\n",
        "a7;Gil;g@x.com;\r\n",
        "a8;\"open;h@x.com;\r\n",
        "a9;Ivo;i@x.com;",
    ].joined()

    static var accountBytes: [UInt8] { CSVChunkTests.bytes(accounts) }

    @Test(arguments: [1, 7, 16, 64, 2 << 20])
    func chunkedReadingObservesWhatOneThreadDoes(chunkSize: Int) throws {
        let path = try temporaryFile("accounts.csv", Self.accountBytes)
        defer { removeTemporaryFolder(of: path) }
        let expected = observe(path, name: "accounts.csv", chunked: false)
        #expect(observe(path, name: "accounts.csv", chunked: true, chunkSize: chunkSize) == expected)
        // The reference itself, so that the comparison means something.
        #expect(expected.error == nil)
        #expect(expected.handled == ["a1:Ana", "a2:Bia\r\nSilva", "a1:Ana de novo", "a7:Gil", "a9:Ivo"])
        #expect(expected.rejects.map { "\($0.line ?? 0) \($0.reason) \($0.id)" } == [
            "6 MISSING_FIELD ", "7 FIELD_COUNT a3", "8 DUPLICATE_ID a1", "9 BAD_UTF8 a4", "10 BAD_QUOTES a5",
            "11 BAD_QUOTES a6", "13 BAD_QUOTES a8",
        ])
        #expect(expected.statistics?.rowsRead == 11)
        #expect(expected.statistics?.rowsRejected == 7)
        #expect(expected.statistics?.rowsUsed == 3)
        #expect(expected.statistics?.rowsLeftOut == 1)
    }

    @Test(arguments: [7, 64, 2 << 20])
    func tooManyRejectsFailTheSameWay(chunkSize: Int) throws {
        let path = try temporaryFile("accounts.csv", Self.accountBytes)
        defer { removeTemporaryFolder(of: path) }
        let expected = observe(path, name: "accounts.csv", chunked: false, maxRejectRatio: 0.25)
        #expect(expected.error?.contains("7 of 11 rows rejected (63.64%), more than maxRejectRatio 25% allows; first: line 6 MISSING_FIELD, line 7 FIELD_COUNT, line 8 DUPLICATE_ID") == true)
        #expect(observe(path, name: "accounts.csv", chunked: true, chunkSize: chunkSize, maxRejectRatio: 0.25) == expected)
    }

    /// The last case has far more batches than the hand-off holds: the reading thread is still
    /// running when the caller throws, and must be stopped through a refused hand-off.
    @Test(arguments: [(3000, 3000, 7), (3000, 3000, 300), (3000, 3000, 2 << 20), (1000, 39000, 64 << 10)])
    func aThrowingCallerStopsEverything(rowsBefore: Int, rowsAfter: Int, chunkSize: Int) throws {
        let before = (1...rowsBefore).map { "id\($0),name \($0)\n" }.joined()
        let after = (rowsBefore + 1...rowsBefore + rowsAfter).map { "id\($0),name \($0)\n" }.joined()
        let path = try temporaryFile("accounts.csv", Array(("id,name\n" + before + "stop,x\n" + after).utf8))
        defer { removeTemporaryFolder(of: path) }
        let expected = observe(path, name: "accounts.csv", chunked: false)
        #expect(expected.handled.count == rowsBefore)
        #expect(expected.error == "the caller stopped")
        #expect(observe(path, name: "accounts.csv", chunked: true, chunkSize: chunkSize) == expected)
    }

    @Test(arguments: [1000, 64 << 10, 2 << 20])
    func aBrokenGzipHandsOverTheSameWholeBatchesFirst(chunkSize: Int) throws {
        // Over 1 MiB of rows, so that the reader fails on its second refill, after thousands
        // of rows: only whole batches of 4096 were handed over before the error.
        let text = "id,name,email\n" + (1...80000).map { "acc\($0),Name \($0),a\($0)@x.com\n" }.joined()
        let whole = try temporaryFile("accounts.csv.gz", Array(text.utf8), gzip: true)
        defer { removeTemporaryFolder(of: whole) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: whole)))
        let path = try temporaryFile("accounts.csv.gz", Array(bytes.prefix(bytes.count * 3 / 4)))
        defer { removeTemporaryFolder(of: path) }
        let expected = observe(path, name: "accounts.csv.gz", chunked: false)
        #expect(expected.error?.contains("broken gzip: truncated") == true)
        #expect(expected.handled.count > 0)
        #expect(expected.handled.count % 4096 == 0)
        let observed = observe(path, name: "accounts.csv.gz", chunked: true, chunkSize: chunkSize)
        // Compared in short: a mismatch would print tens of thousands of rows.
        #expect(observed.handled.count == expected.handled.count)
        #expect(observed.handled.last == expected.handled.last)
        let sameRows = observed.handled == expected.handled
        #expect(sameRows, "rows handed over")
        #expect(observed.error == expected.error)
        #expect(observed.rejects == expected.rejects)
    }

    @Test func aFileWithOnlyAHeaderHasNoRows() throws {
        let path = try temporaryFile("accounts.csv", Array("id,name\n\n".utf8))
        defer { removeTemporaryFolder(of: path) }
        let observed = observe(path, name: "accounts.csv", chunked: true, chunkSize: 1)
        #expect(observed == observe(path, name: "accounts.csv", chunked: false))
        #expect(observed.statistics?.rowsRead == 0)
        #expect(observed.error == nil)
    }

    @Test func aMissingColumnFailsBeforeAnyRow() throws {
        let path = try temporaryFile("accounts.csv", Array("id,nome\n1,a\n".utf8))
        defer { removeTemporaryFolder(of: path) }
        let observed = observe(path, name: "accounts.csv", chunked: true, chunkSize: 1)
        #expect(observed == observe(path, name: "accounts.csv", chunked: false))
        #expect(observed.error?.contains("missing required column \"name\"") == true)
    }

    /// A reader of accounts.csv at `path` that keeps every row, chunked or read whole.
    static func accountsReader(_ path: String, chunked: Bool, chunkSize: Int) -> TableReader<AccountTable> {
        var reader = TableReader<AccountTable>(
            input: LocatedInput(table: "accounts", path: path, fileName: "accounts.csv", format: .csv),
            maxRejectRatio: 1)
        reader.splitsCSV = chunked
        reader.chunkSize = chunkSize
        return reader
    }

    @Test("prepare is told each sound row's record number, whichever thread prepares it",
          arguments: [(false, 2 << 20), (true, 7), (true, 64), (true, 2 << 20)])
    func preparedRowsKnowTheirRecordNumbers(chunked: Bool, chunkSize: Int) throws {
        let rows = (1...2000).map { "id\($0),name \($0)\n" }.joined()
        let path = try temporaryFile("accounts.csv", Array(("id,name\n" + rows + "bad,\"x\n" + rows).utf8))
        defer { removeTemporaryFolder(of: path) }
        let reader = Self.accountsReader(path, chunked: chunked, chunkSize: chunkSize)
        var rejects: [RejectRecord] = []
        var met: [String] = []
        _ = try reader.read(rejects: &rejects, prepareNumbered: { account, number in .work("\(number):\(account.id)") }) { _, prepared in
            met.append(prepared)
            return .used
        }
        // Record 2001 is the row with a stray quote: rejected, and the numbers go on after it.
        let expected = (1...2000).map { "\($0):id\($0)" } + (1...2000).map { "\($0 + 2001):id\($0)" }
        #expect(met.count == expected.count)
        #expect(met == expected, "first difference: \(zip(met, expected).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "none")")
        #expect(rejects.map { "\($0.line ?? 0) \($0.reason)" } == ["2002 BAD_QUOTES"])
    }

    @Test("lookAhead sees what prepare made of a sound row a few rows before handle gets it, once, in file order, and changes nothing",
          arguments: [(false, 2 << 20), (true, 64), (true, 4096), (true, 2 << 20)])
    func lookAheadSeesRowsBeforeHandle(chunked: Bool, chunkSize: Int) throws {
        // Every 97th row has no id (a failed row, which lookAhead never sees).
        let rows = (1...20_000).map { $0 % 97 == 0 ? ";Sem id \($0);x@y.z;\n" : "a\($0);Nome \($0);n\($0)@x.com;\n" }
        let path = try temporaryFile("accounts.csv", Array(("id;name;email;mobilePhone\n" + rows.joined()).utf8))
        defer { removeTemporaryFolder(of: path) }
        var rejects: [RejectRecord] = []
        var handled: [String] = []
        var seenAhead: [String] = []
        // For each value lookAhead saw: how many rows handle had got then.
        var handledWhenSeen: [String: Int] = [:]
        _ = try withoutActuallyEscaping({ (prepared: String) in
            seenAhead.append(prepared)
            handledWhenSeen[prepared] = handled.count
        }) { lookAhead in
            try Self.accountsReader(path, chunked: chunked, chunkSize: chunkSize)
                .read(rejects: &rejects, prepare: { $0.id }, lookAhead: lookAhead) { account, prepared in
                    handled.append(prepared)
                    return .used
                }
        }
        var plainRejects: [RejectRecord] = []
        var plain: [String] = []
        _ = try Self.accountsReader(path, chunked: chunked, chunkSize: chunkSize).read(rejects: &plainRejects) { account in
            plain.append(account.id)
            return .used
        }
        #expect(handled == plain)
        #expect(rejects == plainRejects)
        #expect(handled.count == 20_000 - 20_000 / 97)
        // Seen once each, in file order, and only rows handle then got.
        let order = Dictionary(uniqueKeysWithValues: handled.enumerated().map { ($1, $0) })
        #expect(Set(seenAhead).count == seenAhead.count)
        #expect(seenAhead.map { order[$0] ?? -1 } == seenAhead.map { order[$0] ?? -1 }.sorted())
        #expect(seenAhead.allSatisfy { order[$0] != nil })
        // Before handle got the row, and at most `lookAheadDistance` items before.
        for value in seenAhead {
            let position = try #require(order[value])
            let before = try #require(handledWhenSeen[value])
            #expect(before < position && position - before <= TableReader<AccountTable>.lookAheadDistance, "\(value)")
        }
        // All but the last few rows of each batch of decoded rows are seen ahead (a chunk of
        // 64 bytes holds two rows: none).
        if !chunked || chunkSize >= 4096 {
            #expect(seenAhead.count >= handled.count * 9 / 10)
        }
    }

    @Test("prepare runs on every sound row and each row meets what prepare made of it, in file order",
          arguments: [(false, 2 << 20), (true, 7), (true, 64), (true, 2 << 20)])
    func preparedWorkTravelsWithItsRow(chunked: Bool, chunkSize: Int) throws {
        let path = try temporaryFile("accounts.csv", Self.accountBytes)
        defer { removeTemporaryFolder(of: path) }
        let reader = Self.accountsReader(path, chunked: chunked, chunkSize: chunkSize)
        var rejects: [RejectRecord] = []
        var met: [String] = []
        var seen = Set<String>()
        _ = try reader.read(rejects: &rejects, prepare: { account in
            "\(account.id)/\(account.name.utf8.count)"
        }) { account, prepared in
            met.append(prepared)
            #expect(prepared.hasPrefix(account.id + "/"))
            return seen.insert(account.id).inserted ? .used : .rejected(RowError(field: "id", reason: "DUPLICATE_ID", detail: ""))
        }
        #expect(met == ["a1/3", "a2/10", "a1/11", "a7/3", "a9/3"])
        // A row the caller rejects is still reported with its id, read from the row.
        #expect(rejects.filter { $0.reason == "DUPLICATE_ID" }.map(\.id) == ["a1"])
        #expect(rejects.filter { $0.reason == "DUPLICATE_ID" }.map(\.line) == [8])
    }

    @Test("a row prepare counts never reaches handle: it is counted as used or left out, its note (if any) goes to noteCounted in file order; recheck may reject any sound row, with its id and line, before handle or noteCounted",
          arguments: [(false, 2 << 20), (true, 7), (true, 64), (true, 2 << 20)])
    func countedRowsSkipHandle(chunked: Bool, chunkSize: Int) throws {
        let rows = (1...3000).map { "id\($0),name \($0)\n" }.joined()
        let path = try temporaryFile("accounts.csv", Array(("id,name\n" + rows).utf8))
        defer { removeTemporaryFolder(of: path) }
        let reader = Self.accountsReader(path, chunked: chunked, chunkSize: chunkSize)
        var rejects: [RejectRecord] = []
        var handled: [Int] = []
        var rechecked: [Int] = []
        var noted: [Int] = []
        var events: [Int] = []
        // Multiples of 3 are counted as left out, other even numbers as used; 1500 (counted) and
        // 1501 (not counted) are rejected when rechecked, and 1501 never reaches handle. Counted
        // multiples of 4 carry a note with their number: 1500's is never handed back.
        let statistics = try reader.read(rejects: &rejects, prepareNumbered: { _, number in
            let note = number % 4 == 0 ? CountedNote(low: UInt64(number), high: 7) : nil
            return number % 3 == 0 ? .counted(leftOut: true, note: note) : number % 2 == 0 ? .counted(leftOut: false, note: note) : .work(number)
        }, recheck: { number in
            rechecked.append(number)
            return number == 1500 || number == 1501 ? (RowError(field: "id", reason: "DUPLICATE_ID", detail: "late"), "id\(number)") : nil
        }, noteCounted: { note in
            #expect(note.high == 7)
            noted.append(Int(note.low))
            events.append(Int(note.low))
        }) { account, number in
            events.append(number)
            handled.append(number)
            #expect(account.id == "id\(number)")
            return .used
        }
        #expect(handled == (1...3000).filter { $0 % 3 != 0 && $0 % 2 != 0 && $0 != 1501 })
        #expect(noted == (1...3000).filter { $0 % 4 == 0 && $0 != 1500 })
        // Notes and handled rows come in file order, interleaved.
        #expect(events == events.sorted() && events.count == handled.count + noted.count)
        #expect(rechecked == Array(1...3000))
        #expect(statistics.rowsRead == 3000)
        #expect(statistics.rowsLeftOut == 1000 - 1)
        // 1000 counted as used (even, not multiples of 3) and the 999 that handle used.
        #expect(handled.count == 999)
        #expect(statistics.rowsUsed == 1999)
        #expect(statistics.rowsRejected == 2)
        #expect(rejects.map { "\($0.line ?? 0) \($0.reason) \($0.id) \($0.field)" } == ["1501 DUPLICATE_ID id1500 id", "1502 DUPLICATE_ID id1501 id"])
    }

    /// Events of the prefetch steps and `prepare`, from whichever threads run them.
    private final class StepLog: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [String] = []

        func add(_ event: String) { lock.withLock { events.append(event) } }
        var all: [String] { lock.withLock { events } }
    }

    /// A prefetch that logs its steps: `start` turns account `idN` into token N * 10, `next`
    /// and `last` add 1, `final` logs what it gets, so a step given another row's token shows.
    private static func loggingPrefetch(_ log: StepLog) -> RowPrefetch<Account> {
        RowPrefetch(start: { account in
            log.add("s\(account.id.dropFirst(2))")
            return UInt64(account.id.dropFirst(2))! * 10
        }, next: { token in
            log.add(token % 10 == 0 ? "n\(token / 10)" : "n?\(token)")
            return token + 1
        }, last: { token in
            log.add(token % 10 == 1 ? "l\(token / 10)" : "l?\(token)")
            return token + 1
        }, final: { token in
            log.add(token % 10 == 2 ? "f\(token / 10)" : "f?\(token)")
        })
    }

    @Test("with a prefetch, one thread runs each row's steps start, next, last and final one record apart, and prepares the row a record after its final step")
    func prefetchStepsRunOneRecordApart() throws {
        // Record 3 has a stray quote: it gets no steps and is not prepared.
        let path = try temporaryFile("accounts.csv", Array("id,name\nid1,a\nid2,b\nid3,\"x\nid4,d\nid5,e\n".utf8))
        defer { removeTemporaryFolder(of: path) }
        let log = StepLog()
        var rejects: [RejectRecord] = []
        var handled: [String] = []
        _ = try Self.accountsReader(path, chunked: false, chunkSize: 2 << 20).read(rejects: &rejects, prepareNumbered: { account, _ in
            log.add("p\(account.id.dropFirst(2))")
            return .work(account.id)
        }, prefetch: Self.loggingPrefetch(log)) { account, prepared in
            handled.append(prepared)
            #expect(prepared == account.id)
            return .used
        }
        #expect(log.all == ["s1", "s2", "n1", "n2", "l1", "s4", "l2", "f1", "s5", "n4", "f2", "p1", "n5", "l4", "p2", "l5", "f4", "f5", "p4", "p5"])
        #expect(handled == ["id1", "id2", "id4", "id5"])
        #expect(rejects.map(\.reason) == ["BAD_QUOTES"])
    }

    @Test("with a prefetch, every sound row gets its four steps in order before it is prepared, and the rows reach handle as without one",
          arguments: [(false, 2 << 20), (true, 7), (true, 64), (true, 2 << 20)])
    func prefetchChangesNoResult(chunked: Bool, chunkSize: Int) throws {
        let rows = (1...3000).map { "id\($0),name \($0)\n" }.joined()
        let path = try temporaryFile("accounts.csv", Array(("id,name\n" + rows + "id0,\"x\n" + rows).utf8))
        defer { removeTemporaryFolder(of: path) }
        let reader = Self.accountsReader(path, chunked: chunked, chunkSize: chunkSize)
        func readAll(prefetch: RowPrefetch<Account>?, log: StepLog?) throws -> (met: [String], rejects: [RejectRecord]) {
            var rejects: [RejectRecord] = []
            var met: [String] = []
            _ = try reader.read(rejects: &rejects, prepareNumbered: { account, number in
                log?.add("p\(account.id.dropFirst(2))")
                return number % 5 == 0 ? .counted(leftOut: true) : .work("\(number):\(account.id)")
            }, prefetch: prefetch) { _, prepared in
                met.append(prepared)
                return .used
            }
            return (met, rejects)
        }
        let log = StepLog()
        let with = try readAll(prefetch: Self.loggingPrefetch(log), log: log)
        let without = try readAll(prefetch: nil, log: nil)
        #expect(with.met == without.met)
        #expect(with.met.count == 2 * 3000 - 2 * 600)
        #expect(with.rejects == without.rejects && with.rejects.count == 1)
        // Each row's steps, in the order they ran (rows of two chunks may interleave).
        var steps: [String: [String]] = [:]
        for event in log.all { steps[String(event.dropFirst()), default: []].append(String(event.prefix(1))) }
        #expect(steps.count == 3000)
        let expected = ["s", "n", "l", "f", "p", "s", "n", "l", "f", "p"]
        #expect(steps.values.allSatisfy { $0 == expected }, "\(steps.first { $0.value != expected }.map { "\($0)" } ?? "")")
    }
}

/// `observe` for the accounts XML file at `path`.
private func observeXML(_ path: String, name: String, chunked: Bool, chunkSize: Int = 2 << 20) -> Observed {
    observe(path, name: name, chunked: chunked, chunkSize: chunkSize, format: .xml)
}

/// XML exports cut into chunks parsed on several threads (`XMLChunkSplitter`).
@Suite struct ChunkedXMLTests {
    /// Accounts with what a cut must not fall inside, and rows that are rejected.
    static let accounts = [
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- export of accounts -->\n",
        "<accounts xmlns:a=\"urn:accounts\" generated=\"2026-12-04\">\n",
        "  <account><id>a1</id><name>Ana</name><email>ana@x.com</email></account>\n",
        "  <!-- <account><id>no</id></account> -->\n",
        "  <account note=\"x>y\"><id>a2</id><name><![CDATA[Bia </account><account> Silva]]></name></account>\n",
        "  <?app </account><account>?>\n",
        "  <a:account><a:id>a3</a:id><a:name>Caio &amp; Cia</a:name><a:email>c@x.com</a:email></a:account>\n",
        "  <account><id>a4</id><name>Dora</name><notes><account><id>inner</id></account></notes></account>\n",
        "  <account><id>a1</id><name>Ana de novo</name></account>\n",
        "  <accountX><id>skip</id></accountX><note>not a record</note>\n",
        "  <account><name>Sem id</name></account>\n",
        "  <account/>\n",
        "  <account\n    ><id>a5</id><name>Eva</name><email>e@x.com</email></account\n  >\n",
        "</accounts>\n<!-- the end -->\n",
    ].joined()

    @Test(arguments: [1, 7, 64, 300, 2 << 20], [false, true])
    func chunkedReadingObservesWhatOneThreadDoes(chunkSize: Int, gzip: Bool) throws {
        let name = gzip ? "accounts.xml.gz" : "accounts.xml"
        let path = try temporaryFile(name, Array(Self.accounts.utf8), gzip: gzip)
        defer { removeTemporaryFolder(of: path) }
        let expected = observeXML(path, name: name, chunked: false)
        #expect(observeXML(path, name: name, chunked: true, chunkSize: chunkSize) == expected)
        // The reference itself, so that the comparison means something.
        #expect(expected.error == nil)
        #expect(expected.handled == ["a1:Ana", "a2:Bia </account><account> Silva", "a3:Caio & Cia", "a4:Dora", "a1:Ana de novo", "a5:Eva"])
        #expect(expected.rejects.map { "\($0.record ?? 0) \($0.reason) \($0.id)" } == [
            "5 DUPLICATE_ID a1", "6 MISSING_FIELD ", "7 MISSING_FIELD ",
        ])
        #expect(expected.statistics?.rowsRead == 8)
    }

    /// Many records, so that a file is cut into many chunks in flight at once at the usual
    /// chunk size too.
    @Test(arguments: [1000, 64 << 10, 2 << 20])
    func aLargeFileReadsTheSameCutOrNot(chunkSize: Int) throws {
        let rows = (1...30000).map { "<account><id>id\($0)</id><name>Name \($0)</name>\($0 % 7 == 0 ? "" : "<email>a\($0)@x.com</email>")</account>\n" }
        let path = try temporaryFile("accounts.xml", Array(("<accounts>\n" + rows.joined() + "</accounts>\n").utf8))
        defer { removeTemporaryFolder(of: path) }
        let expected = observeXML(path, name: "accounts.xml", chunked: false)
        let observed = observeXML(path, name: "accounts.xml", chunked: true, chunkSize: chunkSize)
        #expect(expected.handled.count == 30000)
        let same = observed == expected
        #expect(same)
    }

    /// A malformed file fails with the error (message and line) of a single parse, wherever the
    /// cut falls; rows are handed over only from before the error.
    @Test(arguments: [
        ("a mismatched tag", "<account><id>b</id><name>B</nome></account>\n", ""),
        ("a truncated file", "<account><id>b</id><name>B", nil),
        ("text after the root", "", "garbage\n"),
        ("an undeclared entity", "<account><id>b</id><name>&nbsp;</name></account>\n", ""),
        ("a second root", "", "<accounts></accounts>\n"),
    ] as [(String, String, String?)], [1, 50, 2 << 20])
    func aMalformedFileFailsAsOneParseDoes(kind: (String, String, String?), chunkSize: Int) throws {
        let (_, broken, after) = kind
        let good = (1...40).map { "<account><id>g\($0)</id><name>G \($0)</name></account>\n" }.joined()
        let text = "<?xml version=\"1.0\"?>\n<accounts>\n" + good + broken + good
            + (after.map { "</accounts>\n" + $0 } ?? "")
        let path = try temporaryFile("accounts.xml", Array(text.utf8))
        defer { removeTemporaryFolder(of: path) }
        let expected = observeXML(path, name: "accounts.xml", chunked: false)
        let observed = observeXML(path, name: "accounts.xml", chunked: true, chunkSize: chunkSize)
        #expect(expected.error?.contains("malformed XML") == true, "\(expected.error ?? "no error")")
        #expect(observed.error == expected.error)
        #expect(observed.handled.count <= 80)
    }

    /// An indented export whose values hold white space between CDATA sections, comments,
    /// processing instructions and elements: chunks of plain records drop their layout's blank
    /// text unparsed, the others keep every blank, and every value reads as on one thread.
    @Test(arguments: [1, 40, 150, 2 << 20], [false, true])
    func blanksInsideValuesSurviveWhereLayoutIsDropped(chunkSize: Int, gzip: Bool) throws {
        func account(_ id: String, _ name: String) -> String {
            "  <account>\n    <id>\(id)</id>\n    <name>\(name)</name>\n  </account>\n"
        }
        let text = "<accounts>\n" + account("p1", "Ana") + account("c1", "<![CDATA[Bia]]> <![CDATA[Silva]]>")
            + account("p2", "  ") + account("e1", "<b>Caio</b> <b>Reis</b>") + account("m1", "<!-- a --> <![CDATA[Dora]]>\n<![CDATA[Lima]]>")
            + account("i1", "<?app x?> <![CDATA[Eva]]> <?app y?>\t<![CDATA[Luz]]>") + account("p3", "Gil &amp; Cia") + "</accounts>\n"
        let name = gzip ? "accounts.xml.gz" : "accounts.xml"
        let path = try temporaryFile(name, Array(text.utf8), gzip: gzip)
        defer { removeTemporaryFolder(of: path) }
        let expected = observeXML(path, name: name, chunked: false)
        #expect(observeXML(path, name: name, chunked: true, chunkSize: chunkSize) == expected)
        // The reference itself: one parse keeping every blank.
        #expect(expected.handled == ["p1:Ana", "c1:Bia Silva", "e1:Caio Reis", "m1:Dora\nLima", "i1:Eva \tLuz", "p3:Gil & Cia"])
        #expect(expected.rejects.map { "\($0.record ?? 0) \($0.reason) \($0.id)" } == ["3 MISSING_FIELD p2"])
    }

    @Test func aWrongRootFailsAsOneParseDoes() throws {
        let path = try temporaryFile("accounts.xml", Array("<clientes>\n<account><id>a</id><name>A</name></account>\n</clientes>\n".utf8))
        defer { removeTemporaryFolder(of: path) }
        let expected = observeXML(path, name: "accounts.xml", chunked: false)
        #expect(expected.error?.contains("expected root element <accounts>, found <clientes>") == true)
        #expect(observeXML(path, name: "accounts.xml", chunked: true, chunkSize: 1).error == expected.error)
    }

    @Test func aFileWithADocumentTypeIsReadOnOneThreadAndTheSame() throws {
        let text = "<!DOCTYPE accounts [<!ENTITY who \"Ana\">]>\n<accounts><account><id>a</id><name>&who;</name></account></accounts>\n"
        let path = try temporaryFile("accounts.xml", Array(text.utf8))
        defer { removeTemporaryFolder(of: path) }
        #expect(observeXML(path, name: "accounts.xml", chunked: true, chunkSize: 1) == observeXML(path, name: "accounts.xml", chunked: false))
    }
}
