/// One holiday calendar: its name, the years it covers, and its holidays. Covering a year means
/// the calendar speaks for it: a covered date that is not listed is not a holiday.
public struct HolidayCalendar: Sendable, Equatable {
    /// Where the calendar came from (file name, or `brazil-banking`), named in errors.
    public var name: String
    /// The years this calendar covers.
    public var coveredYears: Set<Int>
    /// Holiday name by day. Two holidays on one date share an entry, their names joined with
    /// `nameSeparator`.
    public var holidays: [Day: String]

    /// Joins the names of two holidays that fall on the same date.
    public static let nameSeparator = " / "

    /// A calendar from its parts, taken as given.
    public init(name: String, coveredYears: Set<Int>, holidays: [Day: String]) {
        self.name = name
        self.coveredYears = coveredYears
        self.holidays = holidays
    }

    /// Whether the calendar speaks for the year of `day`.
    public func covers(_ day: Day) -> Bool {
        coveredYears.contains(day.year)
    }

    /// The covered years as ascending, non-overlapping ranges (2000...2099, or 2026...2026 and
    /// 2028...2028 for a gap): how errors and summaries describe a calendar's coverage.
    public var coveredRanges: [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        for year in coveredYears.sorted() {
            if let last = ranges.last, last.upperBound + 1 == year {
                ranges[ranges.count - 1] = last.lowerBound...year
            } else {
                ranges.append(year...year)
            }
        }
        return ranges
    }

    /// `coveredRanges` as text: `2000-2099`, `2026, 2028-2029`, or `none`.
    public var coveredDescription: String {
        let ranges = coveredRanges
        guard !ranges.isEmpty else { return "none" }
        return ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ", ")
    }
}
