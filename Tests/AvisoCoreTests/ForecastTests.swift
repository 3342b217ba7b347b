import Foundation
import Testing
@testable import AvisoCore

private typealias F = RulesFixtures

@Suite struct ForecastTests {
    /// A dry run's counts in the shape of a forecast day (the samples have no resends).
    static func forecastDay(of report: RunReport) -> ForecastDay {
        var day = ForecastDay(date: report.runDate, businessDay: report.businessDay)
        day.messagesByChannel = report.messagesByChannel
        for (name, count) in report.messagesBySlot {
            guard let slot = Slot.allCases.first(where: { $0.name == name }) else {
                Issue.record("unexpected slot \(name) in the run")
                continue
            }
            day.messagesBySlot[slot] = count
        }
        day.rejectedNotifications = report.rejectsByKind[.notification, default: 0]
        day.letters = report.letters
        for fees in report.feesByAccount.values {
            for (channel, fee) in fees.fees { day.feesByChannel[channel, default: 0] += fee }
        }
        day.postalFees = report.lettersFees
        return day
    }

    @Test func forecastEqualsTheDryRunsOfEveryDate() throws {
        let from = F.day("2026-11-30")
        let forecast = try Forecaster(options: SampleExport.options("2026-11-30")).forecast(from: from, days: 12)
        #expect(forecast.map(\.date) == (0..<12).map { from + $0 })
        for day in forecast {
            let reports = try NightlyRun(options: SampleExport.options(day.date.iso)).execute()
            let report = try #require(reports.last)
            #expect(report.outputFolder == nil)
            #expect(day == Self.forecastDay(of: report), "\(day.date.iso)")
        }
        // 12-05 and 12-06 are a weekend: zeros.
        #expect(forecast.filter { !$0.businessDay }.map(\.date.iso) == ["2026-12-05", "2026-12-06"])
        for day in forecast where !day.businessDay {
            #expect(day.messages == 0 && day.rejectedNotifications == 0 && day.letters == 0 && day.totalFees == 0)
            #expect(day.messagesByChannel.isEmpty && day.messagesBySlot.isEmpty)
        }
        // The golden run of 12-04 (summary.json of the samples).
        let friday = try #require(forecast.first { $0.date.iso == "2026-12-04" })
        #expect(friday.messagesBySlot[.created] == 21)
        #expect(friday.messages == 144)
        #expect(friday.messagesByChannel[.whatsapp] == 4)
        #expect(friday.messagesByChannel[.voice] == 2)
        #expect(friday.rejectedNotifications == 13)
        #expect(friday.letters == 7)
        #expect(friday.postalFees == 2240)
        #expect(friday.feesByChannel[.whatsapp] == 32)
        #expect(friday.feesByChannel[.voice] == 50)
        #expect(friday.totalFees == 2322)
    }

    @Test func xmlExportForecastsTheSame() throws {
        let from = F.day("2026-12-01")
        let csv = try Forecaster(options: SampleExport.options("2026-12-01")).forecast(from: from, days: 10)
        let xml = try Forecaster(options: SampleExport.options("2026-12-01", input: SampleExport.xml)).forecast(from: from, days: 10)
        #expect(csv == xml)
        #expect(csv.reduce(0) { $0 + $1.messages } > 100)
    }

    @Test func noDaysNoForecast() throws {
        #expect(try Forecaster(options: SampleExport.options("2026-12-01")).forecast(from: F.day("2026-12-01"), days: 0).isEmpty)
    }

    @Test func uncoveredDateFailsLikeTheRun() throws {
        var options = try SampleExport.options("2026-12-28")
        options.calendars = [HolidayCalendar(name: "only-2026", coveredYears: [2026], holidays: [F.day("2026-12-25"): "Natal"])]
        #expect(throws: AvisoError.self) { try Forecaster(options: options).forecast(from: F.day("2026-12-28"), days: 10) }
        do {
            _ = try Forecaster(options: options).forecast(from: F.day("2026-12-28"), days: 10)
        } catch let error as AvisoError {
            #expect(error.category == .calendar)
            #expect(error.message.hasPrefix("date 2027-01-01 is in year 2027"))
        }
    }

    @Test func dryRunWithAnExistingLedgerPublishesNothing() throws {
        let out = try SampleExport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try NightlyRun(options: SampleExport.options("2026-12-04", outputRoot: out, dryRun: false)).execute()
        let report = try #require(try NightlyRun(options: SampleExport.options("2026-12-07", outputRoot: out)).execute().last)
        #expect(report.outputFolder == nil)
        #expect(report.messages > 0)
        let folders = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("20") }
        #expect(folders == ["2026-12-04"])
        #expect(try Ledger(path: out + "/ledger.sqlite").runDates(after: F.day("2026-12-04")).isEmpty)
    }

    // MARK: - Output formats

    static let sample: [ForecastDay] = {
        var friday = ForecastDay(date: F.day("2026-12-04"), businessDay: true)
        friday.messagesByChannel = [.email: 3, .sms: 2, .whatsapp: 1]
        friday.messagesBySlot = [.warningDue: 4, .overdueFirst: 2]
        friday.rejectedNotifications = 1
        friday.letters = 2
        friday.feesByChannel = [.email: 0, .sms: 0, .whatsapp: 8]
        friday.postalFees = 640
        return [friday, ForecastDay(date: F.day("2026-12-05"), businessDay: false)]
    }()

    @Test func csvHasAHeaderAndOneLinePerDay() {
        let text = String(decoding: ForecastWriter.render(Self.sample, format: .csv), as: UTF8.self)
        #expect(text == """
            date,businessDay,email,sms,whatsapp,voice,CREATED,UPDATED,WARNING_BEFORE,WARNING_DUE,LINHA_DIGITAVEL,OVERDUE_FIRST,OVERDUE_REPEAT,RECEIVED,rejectedNotifications,letters,feeWhatsapp,feeVoice,feePostal,feeTotal
            2026-12-04,true,3,2,1,0,0,0,0,4,0,2,0,0,1,2,8,0,640,648
            2026-12-05,false,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0

            """)
    }

    @Test func jsonIsOneObjectPerDay() throws {
        let bytes = ForecastWriter.render(Self.sample, format: .json)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
        #expect(array.count == 2)
        let first = array[0]
        #expect(first["date"] as? String == "2026-12-04")
        #expect(first["businessDay"] as? Bool == true)
        #expect(first["messages"] as? [String: Int] == ["email": 3, "sms": 2, "whatsapp": 1, "voice": 0])
        #expect(first["slots"] as? [String: Int] == [
            "CREATED": 0, "UPDATED": 0, "WARNING_BEFORE": 0, "WARNING_DUE": 4, "LINHA_DIGITAVEL": 0,
            "OVERDUE_FIRST": 2, "OVERDUE_REPEAT": 0, "RECEIVED": 0,
        ])
        #expect(first["rejectedNotifications"] as? Int == 1)
        #expect(first["letters"] as? Int == 2)
        #expect(first["fees"] as? [String: Int] == ["whatsapp": 8, "voice": 0, "postal": 640, "total": 648])
        #expect(array[1]["businessDay"] as? Bool == false)
        let text = String(decoding: bytes, as: UTF8.self)
        // Keys in a fixed order, whatever dictionary order is.
        #expect(text.range(of: "\"date\"")!.lowerBound < text.range(of: "\"businessDay\"")!.lowerBound)
        #expect(text.range(of: "\"email\"")!.lowerBound < text.range(of: "\"voice\"")!.lowerBound)
        #expect(text.hasSuffix("]\n"))
    }

    @Test func tableShowsEveryDayAndATotal() {
        let text = ForecastWriter.table(Self.sample)
        #expect(text == """
            date        day  messages  email  sms  whatsapp  voice  rejected  letters  fees
            2026-12-04  Fri  6         3      2    1         0      1         2        R$ 6,48
            2026-12-05  Sat  -                                                         not a business day
            total            6         3      2    1         0      1         2        R$ 6,48

            """)
    }
}
