/// A calendar date held as an integer day number (days since 1970-01-01), with no time and no
/// time zone. All date arithmetic in Aviso is integer arithmetic on this number.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int32

    /// Wraps a day number.
    public init(number: Int32) {
        self.number = number
    }

    /// The day for a proleptic Gregorian year, month (1–12) and day of month; nil when the
    /// combination does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        // Worked out, not looked up: every charge row has two or three dates, and tables held
        // in static arrays cost a `swift_once` call and a bounds check each time (three calls a
        // date; this initializer was 0.66% of a 10M run's samples with them).
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1 else { return nil }
        guard day <= 28 || day <= Day.daysInMonth(year: year, month: month) else { return nil }
        self.number = Int32(truncatingIfNeeded: Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
    @inline(__always)
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(number) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The year of this day.
    public var year: Int { components.year }

    /// Day of the week, 0 = Sunday … 6 = Saturday.
    public var weekday: Int {
        let n = Int(number)
        // 1970-01-01 was a Thursday (4).
        return ((n % 7) + 7 + 4) % 7
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool {
        let w = weekday
        return w == 0 || w == 6
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = components
        return Day.pad(y, 4) + "-" + Day.pad(m, 2) + "-" + Day.pad(d, 2)
    }

    /// `DD/MM/YYYY`, as Brazilian messages show dates.
    public var brazilian: String {
        let (y, m, d) = components
        return Day.pad(d, 2) + "/" + Day.pad(m, 2) + "/" + Day.pad(y, 4)
    }

    public var description: String { iso }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Parses `YYYY-MM-DD` (exactly), as used on the command line and in calendars.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), let parsed = DateField.parse(bytes[...]) else { return nil }
        self = parsed
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }
    public static func + (lhs: Day, rhs: Int) -> Day { Day(number: lhs.number + Int32(rhs)) }
    public static func - (lhs: Day, rhs: Int) -> Day { Day(number: lhs.number - Int32(rhs)) }
    public static func - (lhs: Day, rhs: Day) -> Int { Int(lhs.number - rhs.number) }
}
