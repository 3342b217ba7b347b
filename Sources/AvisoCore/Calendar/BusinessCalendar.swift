/// The loaded holiday calendars combined: a date is a holiday if any calendar lists it, and
/// covered only if every calendar covers its year. Answers in O(1) from a precomputed table.
public struct BusinessCalendar: Sendable {
    /// The calendars, in the order loaded.
    public let calendars: [HolidayCalendar]
    private let firstDay: Int32
    private let isBusiness: [Bool]
    private let isCovered: [Bool]

    /// Combines calendars. At least one is required.
    public init(calendars: [HolidayCalendar]) {
        precondition(!calendars.isEmpty, "a business calendar needs at least one holiday calendar")
        self.calendars = calendars
        var years = calendars[0].coveredYears
        for calendar in calendars.dropFirst() { years.formIntersection(calendar.coveredYears) }
        let minYear = years.min() ?? 2000
        let maxYear = years.max() ?? 2000
        let first = Day(year: minYear, month: 1, day: 1)!.number
        let last = Day(year: maxYear, month: 12, day: 31)!.number
        var business = [Bool](repeating: false, count: Int(last - first) + 1)
        var covered = [Bool](repeating: false, count: business.count)
        for i in business.indices {
            let day = Day(number: first + Int32(i))
            guard years.contains(day.year) else { continue }
            covered[i] = true
            business[i] = !day.isWeekend && !calendars.contains { $0.holidays[day] != nil }
        }
        self.firstDay = first
        self.isBusiness = business
        self.isCovered = covered
    }

    @inline(__always)
    private func index(_ day: Day) throws(AvisoError) -> Int {
        let i = Int(day.number - firstDay)
        guard i >= 0, i < isCovered.count, isCovered[i] else { throw uncoveredError(day) }
        return i
    }

    private func uncoveredError(_ day: Day) -> AvisoError {
        let year = day.year
        let missing = calendars.filter { !$0.coveredYears.contains(year) }.map(\.name)
        return AvisoError(
            .calendar,
            "date \(day.iso) is in year \(year), which the holiday calendar \(missing.joined(separator: ", ")) does not cover",
            hint: "load a calendar that covers \(year) with --holidays, or choose another run date"
        )
    }

    /// Whether the date's year is covered by every loaded calendar.
    public func covers(_ day: Day) -> Bool {
        let i = Int(day.number - firstDay)
        return i >= 0 && i < isCovered.count && isCovered[i]
    }

    /// Not Saturday, not Sunday, not a holiday in any loaded calendar. Throws for an uncovered date.
    public func isBusinessDay(_ day: Day) throws(AvisoError) -> Bool {
        isBusiness[try index(day)]
    }

    /// The names of the holidays on a date, from every calendar that lists it.
    public func holidayNames(on day: Day) -> [String] {
        calendars.compactMap { $0.holidays[day] }
    }

    /// nextBD(x): the first business day on or after `day`.
    public func nextBusinessDay(onOrAfter day: Day) throws(AvisoError) -> Day {
        var d = day
        while !(try isBusinessDay(d)) { d = d + 1 }
        return d
    }

    /// prevBD(x): the last business day on or before `day`.
    public func previousBusinessDay(onOrBefore day: Day) throws(AvisoError) -> Day {
        var d = day
        while !(try isBusinessDay(d)) { d = d - 1 }
        return d
    }

    /// The n-th business day after `day` (n ≥ 1); `day` itself never counts.
    public func businessDay(_ n: Int, after day: Day) throws(AvisoError) -> Day {
        var d = day
        var remaining = n
        while remaining > 0 {
            d = d + 1
            if try isBusinessDay(d) { remaining -= 1 }
        }
        return d
    }
}
