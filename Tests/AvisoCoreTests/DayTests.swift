import Testing
@testable import AvisoCore

@Suite struct DayTests {
    @Test(arguments: [
        ("1970-01-01", 0, 4),
        ("2026-12-05", 20_792, 6),
        ("2000-02-29", 11_016, 2),
        ("2099-12-31", 47_481, 4),
    ])
    func isoRoundTripAndWeekday(iso: String, number: Int32, weekday: Int) throws {
        let day = try #require(Day(iso: iso))
        #expect(day.number == number)
        #expect(day.iso == iso)
        #expect(day.weekday == weekday)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "04/12/2026"])
    func rejectsImpossibleOrMalformedISO(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test(arguments: [
        ("2026-12-05", "2026-12-05"),
        ("05/12/2026", "2026-12-05"),
        ("2026-12-05 14:31:07", "2026-12-05"),
        ("2026-12-05T09:05:00-03:00", "2026-12-05"),
        ("29/02/2024", "2024-02-29"),
        ("9999-12-31", "9999-12-31"),
        ("01/01/0001", "0001-01-01"),
    ])
    func parsesExportDateForms(text: String, iso: String) {
        #expect(DateField.parse(Array(text.utf8)[...])?.iso == iso)
    }

    @Test(arguments: ["2026-12-5", "5/12/2026", "2026-12-05X", "31/04/2026", "", "2026-12-0a",
                      "2026-12-0/", "2026-1 -05", "0000-01-01", "2026-12-32", "00/12/2026", "05/1:/2026", "2026.12.05", "202-12-05"])
    func refusesBadExportDates(text: String) {
        #expect(DateField.parse(Array(text.utf8)[...]) == nil)
    }

    @Test func brazilianFormat() throws {
        #expect(try #require(Day(iso: "2026-01-07")).brazilian == "07/01/2026")
    }

    /// Every day of three centuries, one after the other, refusing impossible dates, and the
    /// same day as the civil-date formula gives.
    @Test func everyDayOfThreeCenturiesFollowsTheOneBefore() {
        var previous: Int32?
        var mismatches: [String] = []
        for year in 1890...2210 {
            for month in 0...13 {
                for day in -1...33 {
                    let made = Day(year: year, month: month, day: day)
                    let exists = (1...12).contains(month) && day >= 1 && day <= Day.daysInMonth(year: year, month: month)
                    guard exists else {
                        if made != nil { mismatches.append("\(year)-\(month)-\(day) made") }
                        continue
                    }
                    guard let made else {
                        mismatches.append("\(year)-\(month)-\(day) refused")
                        continue
                    }
                    if made.number != Int32(Day.daysFromCivil(year: year, month: month, day: day)) { mismatches.append("\(year)-\(month)-\(day)") }
                    if let previous, made.number != previous + 1 { mismatches.append("\(year)-\(month)-\(day) not next") }
                    if made.components != (year, month, day) { mismatches.append("\(year)-\(month)-\(day) components") }
                    previous = made.number
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(Day(year: 2024, month: 2, day: 29) != nil && Day(year: 2100, month: 2, day: 29) == nil && Day(year: 2000, month: 2, day: 29) != nil)
        // The years a date may have: 1 to 9999.
        #expect(Day(year: 1, month: 1, day: 1)?.number == -719_162 && Day(year: 9999, month: 12, day: 31)?.number == 2_932_896)
        #expect(Day(year: 0, month: 12, day: 31) == nil && Day(year: 10_000, month: 1, day: 1) == nil)
    }
}
