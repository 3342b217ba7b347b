import Testing
@testable import AvisoCore

@Suite struct BusinessCalendarTests {
    static let national = BusinessCalendar(calendars: [BrazilBankingCalendar.builtIn])

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    @Test(arguments: [
        // date, nextBD, prevBD
        ("2026-12-07", "2026-12-07", "2026-12-07"),  // a Monday: itself both ways
        ("2026-12-05", "2026-12-07", "2026-12-04"),  // Saturday
        ("2026-12-06", "2026-12-07", "2026-12-04"),  // Sunday
        ("2026-02-14", "2026-02-18", "2026-02-13"),  // Saturday before Carnival
        ("2026-02-16", "2026-02-18", "2026-02-13"),  // Carnival Monday
        ("2026-02-17", "2026-02-18", "2026-02-13"),  // Carnival Tuesday
        ("2026-04-03", "2026-04-06", "2026-04-02"),  // Good Friday
        ("2026-04-04", "2026-04-06", "2026-04-02"),  // Holy Saturday
        ("2026-12-25", "2026-12-28", "2026-12-24"),  // Christmas, a Friday
        ("2026-12-31", "2026-12-31", "2026-12-31"),  // New Year's Eve is a banking business day
        ("2027-01-01", "2027-01-04", "2026-12-31"),  // New Year, a Friday, prev crosses the year
        ("2027-01-02", "2027-01-04", "2026-12-31"),
        ("2026-11-20", "2026-11-23", "2026-11-19"),  // Consciência Negra, a Friday
        ("2023-11-20", "2023-11-20", "2023-11-20"),  // a plain Monday before 2024
        ("2026-06-04", "2026-06-05", "2026-06-03"),  // Corpus Christi, a Thursday
    ])
    func nextAndPreviousBusinessDay(date: String, next: String, previous: String) throws {
        #expect(try Self.national.nextBusinessDay(onOrAfter: Self.day(date)).iso == next)
        #expect(try Self.national.previousBusinessDay(onOrBefore: Self.day(date)).iso == previous)
    }

    @Test(arguments: [
        ("2026-12-23", 1, "2026-12-24"),
        ("2026-12-23", 2, "2026-12-28"),
        ("2026-12-23", 3, "2026-12-29"),
        ("2026-12-23", 6, "2027-01-04"),
        ("2026-12-25", 1, "2026-12-28"),  // a holiday start: the start never counts
        ("2026-02-13", 1, "2026-02-18"),
        ("2026-02-13", 5, "2026-02-24"),
        ("2026-04-01", 2, "2026-04-06"),
        ("2026-12-05", 0, "2026-12-05"),
    ])
    func nthBusinessDayAfter(date: String, n: Int, expected: String) throws {
        #expect(try Self.national.businessDay(n, after: Self.day(date)).iso == expected)
    }

    @Test func tableAgreesWithTheDefinitionEveryDayOf2000To2099() throws {
        let holidays = BrazilBankingCalendar.builtIn.holidays
        var day = Self.day("2000-01-01")
        let last = Self.day("2099-12-31")
        var businessDays = 0
        while day <= last {
            let expected = !day.isWeekend && holidays[day] == nil
            #expect(try Self.national.isBusinessDay(day) == expected, "\(day.iso)")
            if expected { businessDays += 1 }
            day = day + 1
        }
        // 36 525 days, 10 436 weekend days; holidays on weekdays make up the rest.
        #expect(businessDays == 36_525 - 10_436 - holidays.keys.filter { !$0.isWeekend }.count)
    }

    @Test func weekendHolidayIsAHolidayAndNotABusinessDay() throws {
        let sunday = Self.day("2026-11-15")
        #expect(sunday.weekday == 0)
        #expect(try Self.national.isHoliday(sunday))
        #expect(try !Self.national.isBusinessDay(sunday))
        #expect(try !Self.national.isHoliday(Self.day("2026-11-14")))
        #expect(Self.national.holidayNames(on: sunday) == ["Proclamação da República"])
    }

    static let saoPaulo = HolidayCalendar(
        name: "sao-paulo.csv",
        coveredYears: [2026],
        holidays: [
            day("2026-01-25"): "Aniversário de São Paulo",
            day("2026-07-09"): "Revolução Constitucionalista",
            day("2026-11-20"): "Consciência Negra",
        ])

    @Test func combinedCalendarHolidayInAny() throws {
        let combined = BusinessCalendar(calendars: [BrazilBankingCalendar.builtIn, Self.saoPaulo])
        let july9 = Self.day("2026-07-09")
        #expect(try Self.national.isBusinessDay(july9))
        #expect(try !combined.isBusinessDay(july9))
        #expect(try combined.nextBusinessDay(onOrAfter: july9).iso == "2026-07-10")
        #expect(try combined.previousBusinessDay(onOrBefore: july9).iso == "2026-07-08")
        #expect(try combined.businessDay(1, after: Self.day("2026-07-08")).iso == "2026-07-10")
        #expect(combined.holidayNames(on: Self.day("2026-11-20"))
                == ["Dia Nacional de Zumbi e da Consciência Negra", "Consciência Negra"])
        #expect(combined.holidayNames(on: july9) == ["Revolução Constitucionalista"])
        #expect(combined.holidayNames(on: Self.day("2026-07-10")).isEmpty)
    }

    @Test func combinedCalendarCoversOnlyYearsEveryCalendarCovers() throws {
        let combined = BusinessCalendar(calendars: [BrazilBankingCalendar.builtIn, Self.saoPaulo])
        #expect(combined.covers(Self.day("2026-01-01")))
        #expect(combined.covers(Self.day("2026-12-31")))
        #expect(!combined.covers(Self.day("2025-12-31")))
        #expect(!combined.covers(Self.day("2027-01-01")))
        #expect(Self.national.covers(Self.day("2027-01-01")))
        let error = try #require(throws: AvisoError.self) {
            try combined.isBusinessDay(Self.day("2027-03-01"))
        }
        #expect(error.category == .calendar)
        #expect(error.file == nil)
        #expect(error.message
                == "date 2027-03-01 is in year 2027, and the holiday calendar sao-paulo.csv (covers 2026) does not cover it")
        #expect(error.hint == "load a calendar that covers 2027 with --holidays, or choose another run date")
    }

    /// The one-look-up forms answer as `covers` then `nextBusinessDay` / `previousBusinessDay`
    /// do, for every day of the years around a calendar's edges: nil where it does not cover,
    /// the same day where it does, and the same error where the walk runs off (the last days
    /// of 2026 for next, the first for previous, in a calendar that covers only 2026).
    @Test func coveredFormsMatchCoversThenWalk() throws {
        let combined = BusinessCalendar(calendars: [BrazilBankingCalendar.builtIn, Self.saoPaulo])
        // Covering 2025 and 2027 but not 2026: uncovered days inside the table.
        let gapped = BusinessCalendar(calendars: [
            BrazilBankingCalendar.builtIn, HolidayCalendar(name: "gapped.csv", coveredYears: [2025, 2027], holidays: [:]),
        ])
        for (calendar, walksOff) in [(combined, true), (gapped, true), (Self.national, false)] {
            var day = Self.day("2024-12-01")
            var walkedOff = 0
            while day <= Self.day("2028-01-31") {
                func check(_ fused: () throws(AvisoError) -> Day?, _ walk: () throws(AvisoError) -> Day) {
                    var expected: Result<Day?, AvisoError>
                    if !calendar.covers(day) {
                        expected = .success(nil)
                    } else {
                        do throws(AvisoError) { expected = .success(try walk()) } catch { expected = .failure(error); walkedOff += 1 }
                    }
                    var found: Result<Day?, AvisoError>
                    do throws(AvisoError) { found = .success(try fused()) } catch { found = .failure(error) }
                    switch (expected, found) {
                    case let (.success(a), .success(b)): #expect(a == b, "\(day.iso)")
                    case let (.failure(a), .failure(b)): #expect(a.message == b.message, "\(day.iso)")
                    default: Issue.record("\(day.iso): \(expected) against \(found)")
                    }
                }
                check({ () throws(AvisoError) in try calendar.nextBusinessDay(ifCovered: day) },
                      { () throws(AvisoError) in try calendar.nextBusinessDay(onOrAfter: day) })
                check({ () throws(AvisoError) in try calendar.previousBusinessDay(ifCovered: day) },
                      { () throws(AvisoError) in try calendar.previousBusinessDay(onOrBefore: day) })
                day = day + 1
            }
            // The combined calendar covers 2026 alone: from its last days off the walk forward
            // runs into 2027, from its first (New Year) the walk back into 2025; the gapped one
            // runs into 2026 from both sides.
            #expect((walkedOff > 0) == walksOff)
        }
    }

    @Test(arguments: ["2100-01-04", "1999-12-31", "2150-06-01"])
    func uncoveredDateThrowsNamingYearAndCalendar(iso: String) throws {
        let day = Self.day(iso)
        let expected = "date \(iso) is in year \(day.year), and the holiday calendar brazil-banking (covers 2000-2099) does not cover it"
        for attempt in 0..<4 {
            let error = try #require(throws: AvisoError.self) {
                switch attempt {
                case 0: _ = try Self.national.isBusinessDay(day)
                case 1: _ = try Self.national.nextBusinessDay(onOrAfter: day)
                case 2: _ = try Self.national.previousBusinessDay(onOrBefore: day)
                default: _ = try Self.national.isHoliday(day)
                }
            }
            #expect(error.category == .calendar)
            #expect(error.message == expected)
        }
        #expect(!Self.national.covers(day))
    }

    @Test func walkingOffTheCoveredYearsThrowsInsteadOfAssumingNoHoliday() throws {
        let onlyNationalEve = HolidayCalendar(
            name: "closures.ics", coveredYears: [2026],
            holidays: [Self.day("2026-12-31"): "Fechamento", Self.day("2026-01-01"): "Ano Novo"])
        let calendar = BusinessCalendar(calendars: [onlyNationalEve])
        let forward = try #require(throws: AvisoError.self) {
            try calendar.nextBusinessDay(onOrAfter: Self.day("2026-12-31"))
        }
        #expect(forward.message == "date 2027-01-01 is in year 2027, and the holiday calendar closures.ics (covers 2026) does not cover it")
        let backward = try #require(throws: AvisoError.self) {
            try calendar.previousBusinessDay(onOrBefore: Self.day("2026-01-01"))
        }
        #expect(backward.message == "date 2025-12-31 is in year 2025, and the holiday calendar closures.ics (covers 2026) does not cover it")
        let counting = try #require(throws: AvisoError.self) {
            try calendar.businessDay(1, after: Self.day("2026-12-30"))
        }
        #expect(counting.message.hasPrefix("date 2027-01-01 is in year 2027"))
        // The start of a count need not be covered itself.
        #expect(try calendar.businessDay(1, after: Self.day("2025-12-31")).iso == "2026-01-02")
    }

    @Test func disjointCalendarsCoverNothingAndNameEveryCalendarMissingTheYear() throws {
        let a = HolidayCalendar(name: "a.csv", coveredYears: [2026], holidays: [:])
        let b = HolidayCalendar(name: "b.csv", coveredYears: [2027, 2028], holidays: [:])
        let calendar = BusinessCalendar(calendars: [a, b])
        #expect(!calendar.covers(Self.day("2026-06-01")))
        #expect(!calendar.covers(Self.day("2027-06-01")))
        let one = try #require(throws: AvisoError.self) { try calendar.isBusinessDay(Self.day("2026-06-01")) }
        #expect(one.message == "date 2026-06-01 is in year 2026, and the holiday calendar b.csv (covers 2027-2028) does not cover it")
        let both = try #require(throws: AvisoError.self) { try calendar.isBusinessDay(Self.day("2030-06-03")) }
        #expect(both.message
                == "date 2030-06-03 is in year 2030, and the holiday calendars a.csv (covers 2026), b.csv (covers 2027-2028) do not cover it")
    }

    @Test func coverageWithAGapLeavesTheGapUncovered() throws {
        let gappy = HolidayCalendar(name: "gappy.csv", coveredYears: [2026, 2028], holidays: [:])
        let calendar = BusinessCalendar(calendars: [gappy])
        #expect(calendar.covers(Self.day("2026-03-02")))
        #expect(!calendar.covers(Self.day("2027-03-01")))
        #expect(calendar.covers(Self.day("2028-03-01")))
        #expect(gappy.coveredDescription == "2026, 2028")
        #expect(try calendar.isBusinessDay(Self.day("2028-03-01")))
        #expect(throws: AvisoError.self) { try calendar.nextBusinessDay(onOrAfter: Self.day("2026-12-31") + 1) }
    }

    /// nextBD and prevBD answer from precomputed indexes; a walk day by day through
    /// `isBusinessDay` (which throws on an uncovered day) is the definition they must match,
    /// on every day around a gap in coverage and runs of holidays at its edges.
    @Test func nextAndPreviousAgreeWithAWalkAroundGapsAndHolidayRuns() throws {
        var holidays: [Day: String] = [:]
        for iso in ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2028-01-03", "2028-01-04", "2028-01-05",
                    "2028-06-01", "2028-06-02", "2028-06-05"] {
            holidays[Self.day(iso)] = "Fechamento"
        }
        let calendar = BusinessCalendar(calendars: [HolidayCalendar(name: "gappy.csv", coveredYears: [2026, 2028], holidays: holidays)])
        func walk(_ day: Day, by step: Int32) throws(AvisoError) -> Day {
            var d = day
            while try !calendar.isBusinessDay(d) { d = Day(number: d.number + step) }
            return d
        }
        func outcome(_ body: () throws(AvisoError) -> Day) -> String {
            do { return try body().iso } catch { return "throws: " + error.message }
        }
        var day = Self.day("2025-12-20")
        var answered = 0
        while day <= Self.day("2029-01-10") {
            let current = day
            #expect(outcome { () throws(AvisoError) in try calendar.nextBusinessDay(onOrAfter: current) }
                    == outcome { () throws(AvisoError) in try walk(current, by: 1) }, "nextBD(\(current.iso))")
            #expect(outcome { () throws(AvisoError) in try calendar.previousBusinessDay(onOrBefore: current) }
                    == outcome { () throws(AvisoError) in try walk(current, by: -1) }, "prevBD(\(current.iso))")
            if (try? calendar.nextBusinessDay(onOrAfter: current)) != nil { answered += 1 }
            day = day + 1
        }
        // The two covered years answer, but for the days whose walk runs off them: 26–31 December
        // 2026 (a weekend, then four holidays) and 30–31 December 2028 (a weekend).
        #expect(answered == 365 + 366 - 6 - 2)
    }
}
