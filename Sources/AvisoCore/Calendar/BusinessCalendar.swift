/// The loaded holiday calendars combined: a date is a holiday if any calendar lists it, and
/// covered only if every calendar covers its year. Answers in O(1) from a precomputed table.
public struct BusinessCalendar: Sendable {
    /// The calendars, in the order loaded.
    public let calendars: [HolidayCalendar]
    /// Day number of the table's first entry (1 January of the first covered year).
    private let firstDay: Int32
    // One byte per day from firstDay to 31 December of the last covered year.
    private let table: [DayKind]
    // Per day of `table`, the index of the first business day on or after it (`nextBusiness`)
    // and of the last on or before it (`previousBusiness`); -1 when the walk there meets an
    // uncovered day first (the walk then throws, as it always did). The planner asks these of
    // every charge several times; a walk through weekends and holidays cost a loop each time.
    private let nextBusiness: [Int32]
    private let previousBusiness: [Int32]

    private enum DayKind: UInt8, Sendable {
        case uncovered, business, weekend, holiday
    }

    /// Combines calendars. At least one is required.
    public init(calendars: [HolidayCalendar]) {
        precondition(!calendars.isEmpty, "a business calendar needs at least one holiday calendar")
        self.calendars = calendars
        var years = calendars[0].coveredYears
        for calendar in calendars.dropFirst() { years.formIntersection(calendar.coveredYears) }
        // Day numbers exist for years 1...9999 only; a year outside them can't be asked about.
        years = years.filter { (1...9999).contains($0) }
        guard let minYear = years.min(), let maxYear = years.max() else {
            self.firstDay = 0
            self.table = []
            self.nextBusiness = []
            self.previousBusiness = []
            return
        }
        let first = Day(year: minYear, month: 1, day: 1)!.number
        let last = Day(year: maxYear, month: 12, day: 31)!.number
        var table = [DayKind](repeating: .uncovered, count: Int(last - first) + 1)
        for year in years {
            let start = Int(Day(year: year, month: 1, day: 1)!.number - first)
            let end = Int(Day(year: year, month: 12, day: 31)!.number - first)
            for i in start...end {
                table[i] = Day(number: first + Int32(i)).isWeekend ? .weekend : .business
            }
        }
        for calendar in calendars {
            for day in calendar.holidays.keys {
                let i = Int(day.number) - Int(first)
                if i >= 0, i < table.count, table[i] != .uncovered { table[i] = .holiday }
            }
        }
        self.firstDay = first
        self.table = table
        (nextBusiness, previousBusiness) = Self.businessDayIndexes(table)
    }

    private static func businessDayIndexes(_ table: [DayKind]) -> (next: [Int32], previous: [Int32]) {
        // Walking the days in `order`, each day gets the last business day met (-1 after an
        // uncovered one): backwards that is the next business day, forwards the previous.
        func lastBusinessDay(walking order: some Sequence<Int>) -> [Int32] {
            var indexes = [Int32](repeating: -1, count: table.count)
            var found: Int32 = -1
            for i in order {
                switch table[i] {
                case .uncovered: found = -1
                case .business: found = Int32(i)
                case .weekend, .holiday: break
                }
                indexes[i] = found
            }
            return indexes
        }
        return (lastBusinessDay(walking: table.indices.reversed()), lastBusinessDay(walking: table.indices))
    }

    @inline(__always)
    private func kind(_ day: Day) throws(AvisoError) -> DayKind {
        let i = Int(day.number) - Int(firstDay)
        guard i >= 0, i < table.count else { throw uncoveredError(day) }
        let kind = table[i]
        guard kind != .uncovered else { throw uncoveredError(day) }
        return kind
    }

    private func uncoveredError(_ day: Day) -> AvisoError {
        let year = day.year
        let missing = calendars.filter { !$0.coveredYears.contains(year) }
            .map { "\($0.name) (covers \($0.coveredDescription))" }
        let subject = missing.count == 1
            ? "the holiday calendar \(missing[0]) does not cover it"
            : "the holiday calendars \(missing.joined(separator: ", ")) do not cover it"
        return AvisoError(
            .calendar,
            "date \(day.iso) is in year \(year), and \(subject)",
            hint: "load a calendar that covers \(year) with --holidays, or choose another run date"
        )
    }

    /// Whether the date's year is covered by every loaded calendar.
    public func covers(_ day: Day) -> Bool {
        let i = Int(day.number) - Int(firstDay)
        return i >= 0 && i < table.count && table[i] != .uncovered
    }

    /// Not Saturday, not Sunday, not a holiday in any loaded calendar. Throws for an uncovered date.
    public func isBusinessDay(_ day: Day) throws(AvisoError) -> Bool {
        try kind(day) == .business
    }

    /// Whether any loaded calendar lists the date (whatever its weekday). Throws for an
    /// uncovered date.
    public func isHoliday(_ day: Day) throws(AvisoError) -> Bool {
        _ = try kind(day)
        return calendars.contains { $0.holidays[day] != nil }
    }

    /// The names of the holidays on a date, from every calendar that lists it, in load order.
    public func holidayNames(on day: Day) -> [String] {
        calendars.compactMap { $0.holidays[day] }
    }

    /// nextBD(x): the first business day on or after `day`. Throws when it would have to look at
    /// an uncovered date.
    public func nextBusinessDay(onOrAfter day: Day) throws(AvisoError) -> Day {
        if case .found(let found) = lookUp(day, in: nextBusiness) { return found }
        var d = day
        while try kind(d) != .business { d = d + 1 }
        return d
    }

    /// nextBD(x) for a covered `day`, nil for an uncovered one (`covers` false): one table
    /// look-up where `covers` then `nextBusinessDay` made two, for the look ahead's dates of
    /// every charge. Throws as `nextBusinessDay` when the walk from a covered day runs off.
    @inline(__always)
    public func nextBusinessDay(ifCovered day: Day) throws(AvisoError) -> Day? {
        switch lookUp(day, in: nextBusiness) {
        case .found(let found): return found
        case .uncovered: return nil
        case .walk: return try nextBusinessDay(onOrAfter: day)
        }
    }

    /// prevBD(x) for a covered `day`, nil for an uncovered one, as `nextBusinessDay(ifCovered:)`.
    @inline(__always)
    public func previousBusinessDay(ifCovered day: Day) throws(AvisoError) -> Day? {
        switch lookUp(day, in: previousBusiness) {
        case .found(let found): return found
        case .uncovered: return nil
        case .walk: return try previousBusinessDay(onOrBefore: day)
        }
    }

    /// What a business-day index table (`nextBusiness` or `previousBusiness`) says of `day`.
    private enum LookUp {
        /// The business day the table gives.
        case found(Day)
        /// A day outside the calendars' years (or before or after the table).
        case uncovered
        /// A covered day the table has no answer for: the walk from it meets an uncovered day.
        case walk
    }

    /// The one look-up the four business-day functions start with.
    @inline(__always)
    private func lookUp(_ day: Day, in indexes: [Int32]) -> LookUp {
        let i = Int(day.number) - Int(firstDay)
        guard i >= 0, i < indexes.count else { return .uncovered }
        // A found index means a covered day: an uncovered one is -1 in both tables.
        if indexes[i] >= 0 { return .found(Day(number: firstDay + indexes[i])) }
        return table[i] == .uncovered ? .uncovered : .walk
    }

    /// prevBD(x): the last business day on or before `day`. Throws when it would have to look at
    /// an uncovered date.
    public func previousBusinessDay(onOrBefore day: Day) throws(AvisoError) -> Day {
        if case .found(let found) = lookUp(day, in: previousBusiness) { return found }
        var d = day
        while try kind(d) != .business { d = d - 1 }
        return d
    }

    /// The n-th business day after `day` (n ≥ 1); `day` itself never counts, and need not be
    /// covered. n ≤ 0 gives `day` back. Throws when it would have to look at an uncovered date.
    public func businessDay(_ n: Int, after day: Day) throws(AvisoError) -> Day {
        var d = day
        var remaining = n
        while remaining > 0 {
            d = d + 1
            if try kind(d) == .business { remaining -= 1 }
        }
        return d
    }

    /// The business days strictly between `start` and `end`, in order. A day outside the
    /// covered years throws, unless `skippingUncovered` (then it is left out).
    public func businessDays(after start: Day, before end: Day, skippingUncovered: Bool = false) throws(AvisoError) -> [Day] {
        var days: [Day] = []
        var d = start + 1
        while d < end {
            if !(skippingUncovered && !covers(d)), try isBusinessDay(d) { days.append(d) }
            d = d + 1
        }
        return days
    }
}
