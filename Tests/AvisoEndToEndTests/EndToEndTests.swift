import Foundation
import Testing

/// Runs the built `aviso` executable on fixtures and checks the published output byte for byte,
/// plus its exit codes and messages on bad input.
@Suite struct EndToEndTests {
    /// Every file a run publishes, in the order FORMATS.md lists them.
    static let outputFiles = [
        "email.jsonl", "sms.jsonl", "whatsapp.jsonl", "voice.jsonl",
        "postal-manifest.csv", "rejects.csv", "resend-results.csv", "fees.csv", "report.html", "summary.json",
    ]
    /// The outbound files, which must not depend on the export's format or compression.
    static let outboundFiles = ["email.jsonl", "sms.jsonl", "whatsapp.jsonl", "voice.jsonl", "postal-manifest.csv"]
    /// The sample export's run date.
    static let sampleDate = "2026-12-04"
    /// The three INPUT rejects the sample charges file holds on purpose (samples/README.md).
    static let sampleInputRejects: [[String]] = [
        ["INPUT", "charges.csv", "42", "", "pay_458115374430", "value", "", "", "", "", "", "BAD_NUMBER"],
        ["INPUT", "charges.csv", "152", "", "pay_171477887638", "status", "", "", "", "", "", "BAD_ENUM"],
        ["INPUT", "charges.csv", "262", "", "pay_585149475423", "id", "", "", "", "", "", "DUPLICATE_ID"],
    ]
    /// The rejects.csv header of FORMATS.md.
    static let rejectsHeader = "kind,file,line,record,id,field,payment,slot,recipient,channel,resendRequest,reason,detail"
    /// The postal-manifest.csv header of FORMATS.md.
    static let manifestHeader = "sequence,account,payment,nossoNumero,customer,name,cpfCnpj,address,addressNumber,complement,province,cityName,state,postalCode,dueDate,value,identificationField,fee"

    // MARK: Helpers

    /// Runs `aviso run` for `date` on the export folder `input` into `out`.
    static func runAviso(date: String, input: String, out: String, config: String? = AvisoBinary.samples("config.json"), extra: [String] = []) throws -> ProcessResult {
        var arguments = ["run", "--date", date, "--input", input, "--out", out, "--quiet"]
        if let config { arguments += ["--config", config] }
        return try AvisoBinary.run(arguments + extra)
    }

    /// Runs the samples in `format` for the sample date into `out` and requires success.
    static func runSamples(_ format: String, out: String, date: String = sampleDate) throws -> FolderSnapshot {
        let result = try runAviso(date: date, input: AvisoBinary.samples(format), out: out)
        try #require(result.status == 0, "aviso failed: \(result.stderr)")
        return try FolderSnapshot(out + "/" + date)
    }

    /// Expects equal bytes; on a difference, names the file and shows the first differing line.
    static func expectSameBytes(_ actual: Data?, _ expected: Data?, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let actual, let expected else {
            Issue.record("\(label): file missing (actual \(actual == nil ? "absent" : "present"), expected \(expected == nil ? "absent" : "present"))", sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < min(actualLines.count, expectedLines.count) && actualLines[index] == expectedLines[index] { index += 1 }
        let got = index < actualLines.count ? Array(actualLines[index].utf8) : Array("<end of file>".utf8)
        let want = index < expectedLines.count ? Array(expectedLines[index].utf8) : Array("<end of file>".utf8)
        // Long JSON lines: show a window around the first differing byte.
        var column = 0
        while column < min(got.count, want.count) && got[column] == want[column] { column += 1 }
        func window(_ line: [UInt8]) -> String {
            let start = max(0, column - 60)
            return (start > 0 ? "…" : "") + String(decoding: line[start..<min(line.count, column + 60)], as: UTF8.self)
        }
        Issue.record("\(label) differs at line \(index + 1), byte \(column + 1):\n  got:      \(window(got))\n  expected: \(window(want))", sourceLocation: sourceLocation)
    }

    /// Names in `path` that look like staging folders.
    static func stagingLeftovers(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix(".tmp-") }.sorted()
    }

    /// Parses summary.json.
    static func summary(_ snapshot: FolderSnapshot) throws -> [String: Any] {
        let data = try #require(snapshot.files["summary.json"])
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The gzip tool, to compress fixtures the way an export would be.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let tool = ["/usr/bin/gzip", "/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(tool, "gzip is needed to build the compressed fixtures")
        let scratch = try Scratch()
        let plain = try scratch.write("plain", bytes: bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-n", "-9", plain]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip failed")
        return Array(try Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
    }

    // MARK: 1. Golden files

    /// The sample export on its run date gives exactly the recorded output folder.
    /// `AVISO_RECORD_GOLDEN=1` rewrites the goldens instead (and flags the run as a failure).
    @Test func samplesMatchGoldenFiles() throws {
        let scratch = try Scratch()
        let snapshot = try Self.runSamples("csv", out: scratch.path("out"))
        #expect(snapshot.names == Self.outputFiles.sorted())
        let golden = AvisoBinary.packageRoot.appendingPathComponent("Tests/AvisoEndToEndTests/Golden/samples-\(Self.sampleDate)")
        if ProcessInfo.processInfo.environment["AVISO_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            for name in Self.outputFiles {
                try #require(snapshot.files[name]).write(to: golden.appendingPathComponent(name))
            }
            Issue.record("AVISO_RECORD_GOLDEN=1: goldens re-recorded in \(golden.path); read them, then run again without the variable")
            return
        }
        for name in Self.outputFiles {
            let expected = try? Data(contentsOf: golden.appendingPathComponent(name))
            Self.expectSameBytes(snapshot.files[name], expected, "Golden/samples-\(Self.sampleDate)/\(name)")
        }
    }

    // MARK: 2. XML equivalence

    /// The XML export of the same records gives the same messages and letters; rejects differ
    /// only in where they were found (file name, record number instead of line).
    @Test func xmlExportGivesTheSameOutputAsCSV() throws {
        let scratch = try Scratch()
        let csv = try Self.runSamples("csv", out: scratch.path("csv"))
        let xml = try Self.runSamples("xml", out: scratch.path("xml"))
        for name in Self.outboundFiles + ["resend-results.csv"] {
            Self.expectSameBytes(xml.files[name], csv.files[name], "xml run's \(name)")
        }
        let csvRejects = CSVTable(csv.text("rejects.csv"))
        let xmlRejects = CSVTable(xml.text("rejects.csv"))
        #expect(xmlRejects.header == csvRejects.header)
        try #require(xmlRejects.records.count == csvRejects.records.count)
        // 3 input rows, 13 notifications, 4 letters and the samples' resends (4 rejected requests, 1 bad mobile).
        #expect(csvRejects.records.count == 25)
        for (x, c) in zip(xmlRejects.records, csvRejects.records) {
            try #require(x.count == 13 && c.count == 13, "rejects rows have 13 columns: \(x) / \(c)")
            var xRest = x, cRest = c
            for column in [1, 2, 3] { xRest[column] = ""; cRest[column] = "" }
            #expect(xRest == cRest)
            if c[0] == "INPUT" {
                // The sample charges file has one physical line per record, so record = line - 1.
                #expect(x[1] == c[1].replacingOccurrences(of: ".csv", with: ".xml"))
                #expect(x[2] == "")
                #expect(c[3] == "")
                #expect(x[3] == Int(c[2]).map { String($0 - 1) })
            } else {
                #expect(x[1...3] == c[1...3])
            }
        }
    }

    // MARK: 3. gzip

    /// How a fixture export is compressed.
    enum Compression: String, CaseIterable, CustomTestStringConvertible {
        /// charges.csv.gz and customers.csv.gz, found by their ending.
        case byEnding
        /// charges.csv.gz as two gzip members; accounts.csv gzipped under its plain name (magic bytes).
        case multiMemberAndMagic

        var testDescription: String { rawValue }
    }

    /// A gzipped export reads exactly like the plain one.
    @Test(arguments: Compression.allCases)
    func gzippedExportGivesTheSameOutput(_ compression: Compression) throws {
        let scratch = try Scratch()
        let plain = try Self.runSamples("csv", out: scratch.path("plain"))
        let export = try scratch.copy(folder: AvisoBinary.samples("csv"), to: "export")
        let manager = FileManager.default
        func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: export + "/" + name))) }
        switch compression {
        case .byEnding:
            for name in ["charges.csv", "customers.csv"] {
                try Data(try Self.gzip(try bytes(name))).write(to: URL(fileURLWithPath: export + "/" + name + ".gz"))
                try manager.removeItem(atPath: export + "/" + name)
            }
        case .multiMemberAndMagic:
            let charges = try bytes("charges.csv")
            let half = charges.count / 2
            let members = try Self.gzip(Array(charges[..<half])) + Self.gzip(Array(charges[half...]))
            try Data(members).write(to: URL(fileURLWithPath: export + "/charges.csv.gz"))
            try manager.removeItem(atPath: export + "/charges.csv")
            try Data(try Self.gzip(try bytes("accounts.csv"))).write(to: URL(fileURLWithPath: export + "/accounts.csv"))
        }
        let result = try Self.runAviso(date: Self.sampleDate, input: export, out: scratch.path("gz"))
        try #require(result.status == 0, "aviso failed: \(result.stderr)")
        let gz = try FolderSnapshot(scratch.path("gz/\(Self.sampleDate)"))
        for name in Self.outboundFiles + ["resend-results.csv"] {
            Self.expectSameBytes(gz.files[name], plain.files[name], "gzip run's \(name)")
        }
        let expectedRejects = plain.text("rejects.csv").replacingOccurrences(of: "\nINPUT,charges.csv,", with: "\nINPUT,charges.csv.gz,")
        Self.expectSameBytes(gz.files["rejects.csv"], Data(expectedRejects.utf8), "gzip run's rejects.csv")
        let inputs = try #require(try Self.summary(gz)["inputs"] as? [[String: Any]])
        let charges = try #require(inputs.first { $0["table"] as? String == "charges" })
        #expect(charges["file"] as? String == "charges.csv.gz")
        #expect(charges["gzip"] as? Bool == true)
        #expect(charges["rowsRead"] as? Int == 300)
    }

    // MARK: 4. Determinism

    /// Two runs of the same inputs into different folders give byte-identical files.
    @Test func twoRunsGiveIdenticalBytes() throws {
        let scratch = try Scratch()
        let first = try Self.runSamples("csv", out: scratch.path("first"))
        let second = try Self.runSamples("csv", out: scratch.path("second/nested"))
        #expect(first.names == Self.outputFiles.sorted())
        #expect(second.names == first.names)
        for name in first.names {
            Self.expectSameBytes(second.files[name], first.files[name], "second run's \(name)")
        }
    }

    // MARK: 5. Atomic replacement

    /// A rerun replaces the date's folder as a whole and touches no other date's folder.
    @Test func rerunReplacesTheWholeFolderAndNothingElse() throws {
        let scratch = try Scratch()
        let out = scratch.path("out")
        _ = try Self.runSamples("csv", out: out, date: "2026-12-03")
        let otherDate = try FolderSnapshot(out + "/2026-12-03")
        let first = try Self.runSamples("csv", out: out)
        try "left by hand".write(toFile: out + "/\(Self.sampleDate)/stale.txt", atomically: false, encoding: .utf8)

        // A smaller export: the header and the first 40 charges (all of them sound).
        let export = try scratch.copy(folder: AvisoBinary.samples("csv"), to: "export")
        let chargesPath = export + "/charges.csv"
        let lines = try String(contentsOfFile: chargesPath, encoding: .utf8).components(separatedBy: "\r\n")
        try (lines.prefix(41).joined(separator: "\r\n") + "\r\n").write(toFile: chargesPath, atomically: false, encoding: .utf8)

        let rerun = try Self.runAviso(date: Self.sampleDate, input: export, out: out)
        try #require(rerun.status == 0, "rerun failed: \(rerun.stderr)")
        let replaced = try FolderSnapshot(out + "/\(Self.sampleDate)")
        let fresh = try FolderSnapshot({ () throws -> String in
            let result = try Self.runAviso(date: Self.sampleDate, input: export, out: scratch.path("fresh"))
            try #require(result.status == 0, "fresh run failed: \(result.stderr)")
            return scratch.path("fresh/\(Self.sampleDate)")
        }())
        #expect(replaced.names == Self.outputFiles.sorted(), "stale.txt must go with the old run")
        // report.html compares with the previous recorded run (12-03 here, none for the fresh
        // folder), and summary.json carries its checksum; every other file must be equal.
        for name in Self.outputFiles where name != "report.html" && name != "summary.json" {
            Self.expectSameBytes(replaced.files[name], fresh.files[name], "rerun's \(name)")
        }
        #expect(replaced.files["email.jsonl"] != first.files["email.jsonl"])
        let inputs = try #require(try Self.summary(replaced)["inputs"] as? [[String: Any]])
        #expect(inputs.first { $0["table"] as? String == "charges" }?["rowsRead"] as? Int == 40)

        let otherAfter = try FolderSnapshot(out + "/2026-12-03")
        #expect(otherAfter == otherDate, "the 2026-12-03 folder must be untouched (bytes and modification times)")
        // The run ledger lives in OUT/.aviso; the published folders are the visible entries.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }.sorted() == ["2026-12-03", Self.sampleDate])
    }

    // MARK: 6. A failed run publishes nothing

    /// A run that fails on malformed XML exits 3, names the place, and leaves the published
    /// folder of that date exactly as it was.
    @Test func failedRunLeavesThePublishedFolderAlone() throws {
        let scratch = try Scratch()
        let out = scratch.path("out")
        let before = try Self.runSamples("xml", out: out)
        let export = try scratch.copy(folder: AvisoBinary.samples("xml"), to: "export")
        let chargesPath = export + "/charges.xml"
        var lines = try String(contentsOfFile: chargesPath, encoding: .utf8).components(separatedBy: "\n")
        // Break the 150th charge's status element: a mismatched end tag.
        let statusLines = lines.indices.filter { lines[$0].contains("</status>") }
        let broken = statusLines[149]
        lines[broken] = lines[broken].replacingOccurrences(of: "</status>", with: "</statu>")
        try lines.joined(separator: "\n").write(toFile: chargesPath, atomically: false, encoding: .utf8)

        let result = try Self.runAviso(date: Self.sampleDate, input: export, out: out)
        #expect(result.status == 3)
        #expect(result.stderr.contains("charges.xml:\(broken + 1)"), "stderr: \(result.stderr)")
        let after = try FolderSnapshot(out + "/\(Self.sampleDate)")
        #expect(after == before, "the published folder must be untouched (bytes and modification times)")
        #expect(try Self.stagingLeftovers(out) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") } == [Self.sampleDate])
    }

    // MARK: 7. Non-business days

    /// A run date that is not a business day, and the holiday name its summary must give.
    struct QuietDay: Sendable, CustomTestStringConvertible {
        let date: String
        let holidays: [String]
        var testDescription: String { date }
    }

    /// On a weekend or holiday nothing scheduled goes out, but input rejects are still listed.
    @Test(arguments: [
        QuietDay(date: "2026-12-05", holidays: []),
        QuietDay(date: "2026-11-20", holidays: ["Dia Nacional de Zumbi e da Consciência Negra"]),
    ])
    func nonBusinessDayEmitsNothingScheduled(_ day: QuietDay) throws {
        let scratch = try Scratch()
        let snapshot = try Self.runSamples("csv", out: scratch.path("out"), date: day.date)
        #expect(snapshot.names == Self.outputFiles.sorted())
        for name in ["email.jsonl", "sms.jsonl", "whatsapp.jsonl", "voice.jsonl"] {
            #expect(snapshot.files[name] == Data(), "\(name) must be empty")
        }
        var total = Array(repeating: "", count: 18)
        total[0] = "TOTAL"
        total[2] = "0"
        total[15] = "0.00"
        total[17] = "0.00"
        #expect(snapshot.text("postal-manifest.csv") == Self.manifestHeader + "\n" + total.joined(separator: ",") + "\n")
        let rejects = CSVTable(snapshot.text("rejects.csv"))
        #expect(rejects.header.joined(separator: ",") == Self.rejectsHeader)
        // Input rejects are listed on every run; a resend request is rejected or deferred, never sent.
        #expect(rejects.records.filter { $0[0] == "INPUT" }.map { Array($0.prefix(12)) } == Self.sampleInputRejects)
        #expect(rejects.records.allSatisfy { $0[0] == "INPUT" || $0[0] == "RESEND" })
        let resends = CSVTable(snapshot.text("resend-results.csv"))
        #expect(resends.header.joined(separator: ",") == "id,payment,requestedAt,outcome,reason,channels")
        #expect(resends.records.allSatisfy { $0[3] == "DEFERRED" || $0[3] == "REJECTED" })
        let summary = try Self.summary(snapshot)
        #expect(summary["runDate"] as? String == day.date)
        #expect(summary["businessDay"] as? Bool == false)
        #expect(summary["holidays"] as? [String] == day.holidays)
        #expect((summary["notifications"] as? [String: Any])?["total"] as? Int == 0)
        #expect((summary["letters"] as? [String: Any])?["count"] as? Int == 0)
    }

    /// A date is a holiday if any loaded calendar lists it: an extra calendar closing the sample
    /// date makes it a non-business day named after that calendar's entry.
    @Test func extraCalendarHolidayMakesTheRunDateQuiet() throws {
        let scratch = try Scratch()
        let closures = try scratch.write("closures.csv", "# covers: 2026-2027\ndate,name\n2026-12-04,Fechamento bancário local\n")
        let result = try Self.runAviso(date: Self.sampleDate, input: AvisoBinary.samples("csv"), out: scratch.path("out"), extra: ["--holidays", closures])
        try #require(result.status == 0, "aviso failed: \(result.stderr)")
        let snapshot = try FolderSnapshot(scratch.path("out/\(Self.sampleDate)"))
        for name in ["email.jsonl", "sms.jsonl", "whatsapp.jsonl", "voice.jsonl"] {
            #expect(snapshot.files[name] == Data(), "\(name) must be empty")
        }
        let summary = try Self.summary(snapshot)
        #expect(summary["businessDay"] as? Bool == false)
        #expect(summary["holidays"] as? [String] == ["Fechamento bancário local"])
        let rejects = CSVTable(snapshot.text("rejects.csv")).records
        #expect(rejects.filter { $0[0] == "INPUT" }.map { Array($0.prefix(12)) } == Self.sampleInputRejects)
        #expect(rejects.allSatisfy { $0[0] == "INPUT" || $0[0] == "RESEND" })
        #expect(!snapshot.text("resend-results.csv").contains(",SENT,"))
    }
}
