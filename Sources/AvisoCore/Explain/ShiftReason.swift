/// Why a send date moved off the date a rule aimed at: that date is a weekend day, a holiday
/// of a loaded calendar, or both.
public struct ShiftReason: Sendable, Equatable {
    /// 0 = Sunday, 6 = Saturday, when the aimed-at date falls on a weekend; else nil.
    public var weekendDay: Int?
    /// The names of the holidays on the aimed-at date, from every calendar that lists it.
    public var holidays: [String]

    /// A reason from its parts.
    public init(weekendDay: Int?, holidays: [String]) {
        self.weekendDay = weekendDay
        self.holidays = holidays
    }
}
