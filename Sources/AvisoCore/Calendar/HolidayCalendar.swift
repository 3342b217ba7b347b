/// One holiday calendar: its name, the years it covers, and its holidays. Covering a year means
/// the calendar speaks for it: a covered date that is not listed is not a holiday.
public struct HolidayCalendar: Sendable, Equatable {
    /// Where the calendar came from (file name, or `brazil-banking`), named in errors.
    public var name: String
    /// The years this calendar covers.
    public var coveredYears: Set<Int>
    /// Holiday name by day.
    public var holidays: [Day: String]

    public init(name: String, coveredYears: Set<Int>, holidays: [Day: String]) {
        self.name = name
        self.coveredYears = coveredYears
        self.holidays = holidays
    }
}
