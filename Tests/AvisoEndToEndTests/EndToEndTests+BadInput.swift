import Foundation
import Testing

/// Exports that can't be trusted, dates outside the calendars, and command-line mistakes:
/// each must stop the run with its documented exit code, say where, and publish nothing.
extension EndToEndTests {
    /// A minimal sound export: one account, one customer, one open charge.
    static func writeMinimalExport(_ scratch: Scratch, folder: String = "export") throws -> String {
        try scratch.write("\(folder)/accounts.csv", "id,name,email,mobilePhone\nacc_1,Loja Um,financeiro@lojaum.com.br,(11) 98765-4321\n")
        try scratch.write("\(folder)/customers.csv", "id,account,name,email,mobilePhone\ncus_1,acc_1,Maria Silva,maria@exemplo.com.br,(11) 99876-5432\n")
        try scratch.write("\(folder)/charges.csv", Self.minimalCharges)
        return scratch.path(folder)
    }

    /// The minimal export's charges file.
    static let minimalCharges = "id,customer,billingType,status,value,dueDate,dateCreated\npay_1,cus_1,PIX,PENDING,100.00,2026-12-10,2026-11-01\n"

    /// Runs on `export` for `date` and checks the exit code, the words stderr must hold, and that
    /// nothing was published.
    static func expectFailure(
        export: String, date: String = sampleDate, config: String? = nil, extra: [String] = [],
        status: Int32, mentions words: [String], in scratch: Scratch, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let out = scratch.path("out")
        let result = try runAviso(date: date, input: export, out: out, config: config, extra: extra)
        #expect(result.status == status, "exit code; stderr: \(result.stderr)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "stderr must mention \"\(word)\": \(result.stderr)", sourceLocation: sourceLocation)
        }
        let published = FileManager.default.fileExists(atPath: out + "/" + date)
        #expect(!published, "a failed run must not publish \(date)", sourceLocation: sourceLocation)
        if FileManager.default.fileExists(atPath: out) {
            #expect(try stagingLeftovers(out) == [], sourceLocation: sourceLocation)
        }
    }

    /// The minimal export itself runs, so every failure below is due to its one change.
    @Test func minimalExportRuns() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        let result = try Self.runAviso(date: Self.sampleDate, input: export, out: scratch.path("out"), config: nil)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let snapshot = try FolderSnapshot(scratch.path("out/\(Self.sampleDate)"))
        #expect(snapshot.names == Self.outputFiles.sorted())
        #expect(snapshot.text("rejects.csv") == Self.rejectsHeader + "\n")
    }

    @Test func missingRequiredFileStopsTheRun() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        try FileManager.default.removeItem(atPath: export + "/charges.csv")
        try Self.expectFailure(export: export, status: 3, mentions: ["charges"], in: scratch)
    }

    @Test func missingRequiredColumnStopsTheRun() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        try scratch.write("export/charges.csv", "id,customer,billingType,status,dueDate,dateCreated\npay_1,cus_1,PIX,PENDING,2026-12-10,2026-11-01\n")
        try Self.expectFailure(export: export, status: 3, mentions: ["charges.csv", "value"], in: scratch)
    }

    @Test func twoFilesWithOneBaseNameStopTheRun() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        try scratch.write("export/charges.xml", "<charges><charge><id>pay_1</id><customer>cus_1</customer><billingType>PIX</billingType><status>PENDING</status><value>100.00</value><dueDate>2026-12-10</dueDate><dateCreated>2026-11-01</dateCreated></charge></charges>\n")
        try Self.expectFailure(export: export, status: 3, mentions: ["charges.csv", "charges.xml"], in: scratch)
    }

    @Test func brokenGzipStopsTheRun() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        // Many rows so the compressed stream is long; then cut it in the middle.
        var charges = "id,customer,billingType,status,value,dueDate,dateCreated\n"
        for n in 1...2000 { charges += "pay_\(n),cus_1,PIX,PENDING,\(n).00,2026-12-10,2026-11-01\n" }
        let whole = try Self.gzip(Array(charges.utf8))
        try scratch.write("export/charges.csv.gz", bytes: Array(whole.prefix(whole.count / 2)))
        try FileManager.default.removeItem(atPath: export + "/charges.csv")
        try Self.expectFailure(export: export, status: 3, mentions: ["charges.csv.gz"], in: scratch)
    }

    @Test func malformedXMLStopsTheRunWithFileAndLine() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        try FileManager.default.removeItem(atPath: export + "/charges.csv")
        try scratch.write("export/charges.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <charges>
              <charge><id>pay_1</id><customer>cus_1</customer><billingType>PIX</billingType><status>PENDING</status><value>100.00</value><dueDate>2026-12-10</dueDate><dateCreated>2026-11-01</dateCreated></charge>
              <charge><id>pay_2</id><customer>cus_1</customer><billingType>PIX</billingType><status>PENDING</status><value>50.00</valeu><dueDate>2026-12-10</dueDate><dateCreated>2026-11-01</dateCreated></charge>
            </charges>

            """)
        try Self.expectFailure(export: export, status: 3, mentions: ["charges.xml:4"], in: scratch)
    }

    @Test func tooManyRejectedRowsStopTheRun() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        // 1 of 2 rows rejected is far above the default 1%.
        try scratch.write("export/charges.csv", Self.minimalCharges + "pay_2,cus_1,PIX,PENDING,abc,2026-12-10,2026-11-01\n")
        try Self.expectFailure(export: export, status: 3, mentions: ["charges.csv", "maxRejectRatio"], in: scratch)
    }

    @Test func rejectLimitIsStrictlyMoreThanTheRatio() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        try scratch.write("export/charges.csv", Self.minimalCharges + "pay_2,cus_1,PIX,PENDING,abc,2026-12-10,2026-11-01\n")
        // Exactly half the rows rejected with maxRejectRatio 0.5: not more than the limit.
        let config = try scratch.write("config.json", "{\"maxRejectRatio\": 0.5}")
        let result = try Self.runAviso(date: Self.sampleDate, input: export, out: scratch.path("out"), config: config)
        #expect(result.status == 0, "stderr: \(result.stderr)")
    }

    @Test func runDateOutsideTheCalendarStopsTheRun() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        try Self.expectFailure(export: export, date: "2100-01-04", status: 4, mentions: ["2100", "brazil-banking"], in: scratch)
    }

    @Test func chargeDateOutsideTheCalendarStopsTheRun() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        // Open and due in 2100: its WARNING_DUE date prevBD(2100-01-11) can't be decided.
        try scratch.write("export/charges.csv", "id,customer,billingType,status,value,dueDate,dateCreated\npay_1,cus_1,PIX,PENDING,100.00,2100-01-11,2026-11-01\n")
        try Self.expectFailure(export: export, status: 4, mentions: ["2100"], in: scratch)
    }

    @Test func dateUncoveredByAnExtraCalendarStopsTheRun() throws {
        let scratch = try Scratch()
        // Covered only if every loaded calendar covers the year: the samples hold open charges
        // due in 2027, whose effective due dates this calendar can't decide.
        let closures = try scratch.write("closures.csv", "# covers: 2026\ndate,name\n2026-12-24,Véspera de Natal\n")
        try Self.expectFailure(export: AvisoBinary.samples("csv"), extra: ["--holidays", closures], status: 4, mentions: ["2027", "closures.csv"], in: scratch)
    }

    @Test func unknownConfigurationKeyIsAUsageError() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        let config = try scratch.write("config.json", "{\"fees\": {\"whatsapp\": 5}, \"maxRejectRation\": 1}")
        try Self.expectFailure(export: export, config: config, status: 2, mentions: ["maxRejectRation"], in: scratch)
    }

    // The CLI documents --date as YYYY-MM-DD; whether it may also take DD/MM/YYYY is left open.
    @Test(arguments: ["2026-13-01", "2026-02-30", "2026-12-4", "tomorrow"])
    func badRunDateIsAUsageError(_ date: String) throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        try Self.expectFailure(export: export, date: date, status: 2, mentions: ["--date", date], in: scratch)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
    }

    @Test func dryRunWritesNothing() throws {
        let scratch = try Scratch()
        let out = scratch.path("out")
        let result = try Self.runAviso(date: Self.sampleDate, input: AvisoBinary.samples("csv"), out: out, extra: ["--dry-run"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "--dry-run must not create \(out)")
    }
}
