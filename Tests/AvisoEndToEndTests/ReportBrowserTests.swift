import Foundation
import Testing
@testable import AvisoCore

/// Opens report.html in headless Chromium: it must load from a file with no network, render to a
/// real screenshot and keep the run's totals in the DOM. Skipped when no Chromium is installed,
/// unless AVISO_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure. With
/// AVISO_REPORT_SCREENSHOT=/path.png the screenshot (and the page, as /path.png.html) are kept.
@Suite(.serialized) struct ReportBrowserTests {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/snap/bin/chromium"]

    static var browser: String? {
        if let path = ProcessInfo.processInfo.environment["AVISO_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) { return path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var browserRequired: Bool {
        ProcessInfo.processInfo.environment["AVISO_REQUIRE_BROWSER"] == "1"
    }

    /// A run like the samples': three accounts (one named with markup), every channel, letters,
    /// rejects, a previous run and a forecast, so every section of the page is drawn.
    static func sampleInput() -> ReportInput {
        let runDate = Day(year: 2026, month: 12, day: 4)!
        var report = RunReport(runDate: runDate, businessDay: true, holidays: [])
        report.messagesByChannel = [.email: 1077, .sms: 61, .whatsapp: 4, .voice: 2]
        report.messagesBySlot = ["CREATED": 321, "WARNING_BEFORE": 112, "WARNING_DUE": 330, "LINHA_DIGITAVEL": 113, "OVERDUE_FIRST": 121, "OVERDUE_REPEAT": 128, "RECEIVED": 19]
        report.messagesByRecipient = [.customer: 1130, .provider: 14]
        report.rejectsByReason = ["BAD_NUMBER": 1, "NO_VALID_EMAIL": 3, "NO_VALID_MOBILE": 10, "POSTAL_TOO_LATE": 2]
        report.rejectsByKind = [.input: 1, .notification: 13, .letter: 2]
        report.letters = 7
        report.lettersFaceValue = 494_780
        report.lettersFees = 2240
        var a = AccountFees()
        a.messages = [.email: 600, .sms: 30, .whatsapp: 4, .voice: 1]
        a.fees = [.whatsapp: 32, .voice: 25]
        a.letters = 3
        a.postalFees = 960
        var b = AccountFees()
        b.messages = [.email: 400, .sms: 20, .voice: 1]
        b.fees = [.voice: 25]
        b.letters = 4
        b.postalFees = 1280
        var c = AccountFees()
        c.messages = [.email: 77, .sms: 11]
        report.feesByAccount = ["acc_forcaviva": a, "acc_saolucas": b, "acc_amigofiel": c]
        var table = TableStatistics(table: "charges", fileName: "charges.csv", format: "csv", gzip: false)
        table.rowsRead = 300
        table.rowsUsed = 294
        table.rowsRejected = 3
        table.rowsLeftOut = 3
        report.tables = [table]

        var rejects: [RejectRecord] = []
        var bad = RejectRecord(kind: .input, reason: "BAD_NUMBER")
        bad.file = "charges.csv"
        bad.line = 42
        bad.id = "pay_458115374430"
        bad.field = "value"
        bad.detail = "expected a positive amount like 1234.56, found '1,234.56'"
        rejects.append(bad)
        for n in 1...3 {
            var r = RejectRecord(kind: .notification, reason: "NO_VALID_MOBILE")
            r.payment = "pay_00\(n)"
            r.slot = "WARNING_DUE"
            r.recipient = "CUSTOMER"
            r.channel = "sms"
            r.detail = "\"(11) 3456-7890\" is not a valid mobile number"
            rejects.append(r)
        }
        var late = RejectRecord(kind: .letter, reason: "POSTAL_TOO_LATE")
        late.payment = "pay_044793393938"
        late.detail = "estimated delivery 2026-12-22 is after the effective due date 2026-12-21"
        rejects.append(late)

        var quality = AccountDataQuality(account: "acc_saolucas", accountName: "Clínica Bem-Estar São Lucas")
        quality.customers = 14
        quality.badEmail = 2
        quality.badMobile = 3
        quality.incompleteAddress = 1
        quality.examples = ["email": ["cus_1", "cus_2"], "mobile": ["cus_3", "cus_4", "cus_5"], "address": ["cus_6"]]

        var forecast: [ForecastDay] = []
        for offset in 1...15 {
            let date = runDate + offset
            var day = ForecastDay(date: date, businessDay: !date.isWeekend)
            day.messagesByChannel = [.email: 60 + (offset * 37) % 50, .sms: 20 + (offset * 13) % 25, .whatsapp: offset % 4, .voice: offset % 2]
            day.letters = offset % 3
            forecast.append(day)
        }

        var configuration = RunConfiguration()
        configuration.whatsappFee = 8
        configuration.voiceFee = 25
        configuration.postalFee = 320
        return ReportInput(
            report: report, configuration: configuration,
            previous: PreviousRun(runDate: runDate - 1, messagesByChannel: [.email: 1000, .sms: 70, .whatsapp: 2], letters: 9, rejects: 25, fees: 3000),
            forecast: forecast, dataQuality: [quality], rejectExamples: rejects,
            accountNames: ["acc_forcaviva": "Academia Força Viva Ltda", "acc_saolucas": "Clínica Bem-Estar São Lucas", "acc_amigofiel": "<script>Pet Shop</script>"],
            lettersByState: ["SP": (letters: 5, value: 300_000), "RJ": (letters: 2, value: 194_780)]
        )
    }

    /// Runs the browser with a fresh profile; returns exit status and standard output.
    static func run(_ browser: String, _ arguments: [String], profile: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--hide-scrollbars", "--user-data-dir=" + profile.path,
        ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read before waiting, so a large DOM cannot fill the pipe and stall the browser.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func rendersInHeadlessChromium() throws {
        guard let browser = Self.browser else {
            if Self.browserRequired {
                Issue.record("AVISO_REQUIRE_BROWSER=1 but no Chromium found (looked at AVISO_CHROMIUM and \(Self.candidates.joined(separator: ", ")))")
            } else {
                print("ReportBrowserTests: skipped, no Chromium installed (apt-get install -y chromium; set AVISO_REQUIRE_BROWSER=1 to make this a failure)")
            }
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-report-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let screenshot = folder.appendingPathComponent("report.png")
        try Data(ReportPage.render(Self.sampleInput())).write(to: page)

        let shot = try Self.run(browser, ["--screenshot=" + screenshot.path, "--window-size=1280,4000", page.absoluteString], profile: folder.appendingPathComponent("profile-shot"))
        #expect(shot.status == 0)
        let png = try #require(FileManager.default.contents(atPath: screenshot.path))
        #expect(png.count > 10_000)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        if let keep = ProcessInfo.processInfo.environment["AVISO_REPORT_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: screenshot.path, toPath: keep)
            try? FileManager.default.removeItem(atPath: keep + ".html")
            try FileManager.default.copyItem(atPath: page.path, toPath: keep + ".html")
        }

        let dump = try Self.run(browser, ["--dump-dom", page.absoluteString], profile: folder.appendingPathComponent("profile-dom"))
        #expect(dump.status == 0)
        let dom = dump.output
        // The run's totals as the browser parsed them: 1.144 messages, 7 letters, 16 rejects and
        // R$ 23,22 of fees (1017 + 1305 + 0 centavos over the three accounts).
        #expect(dom.contains("<p class=\"v\">1.144</p>"))
        #expect(dom.contains("<p class=\"v\">7</p>"))
        #expect(dom.contains("<p class=\"v\">16</p>"))
        #expect(dom.contains("<p class=\"v\">R$ 23,22</p>"))
        #expect(dom.contains("Sexta-feira, 04/12/2026"))
        // The escaped name arrived as text, not as a script element.
        #expect(dom.contains("&lt;script&gt;Pet Shop&lt;/script&gt;"))
        #expect(!dom.contains("<script>"))
    }
}
