import Testing
@testable import AvisoCore

/// requestedAt: `YYYY-MM-DD[T or space]HH:MM[:SS[.fff]]` with an optional `Z`, `±HH:MM`,
/// `±HHMM` or `±HH` (FORMATS.md); anything else is BAD_DATETIME.
@Suite struct DateTimeFieldTests {
    static func parse(_ text: String) -> DateTimeValue? {
        DateTimeField.parse(Array(text.utf8)[...])
    }

    static func ms(_ h: Int64, _ m: Int64, _ s: Int64 = 0, _ f: Int64 = 0) -> Int64 {
        ((h * 60 + m) * 60 + s) * 1000 + f
    }

    struct Accepted: Sendable, CustomTestStringConvertible {
        var text: String
        var day: String
        var millisecondOfDay: Int64
        var offsetSeconds: Int?
        var testDescription: String { text }
    }

    static let accepted: [Accepted] = [
        Accepted(text: "2026-12-03T10:15", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: nil),
        Accepted(text: "2026-12-03 10:15", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: nil),
        Accepted(text: "2026-12-03T10:15:42", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42), offsetSeconds: nil),
        Accepted(text: "2026-12-03 10:15:42", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42), offsetSeconds: nil),
        Accepted(text: "2026-12-03T10:15:42.123", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42, 123), offsetSeconds: nil),
        Accepted(text: "2026-12-03T10:15:42.5", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42, 500), offsetSeconds: nil),
        Accepted(text: "2026-12-03T10:15:42.05", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42, 50), offsetSeconds: nil),
        Accepted(text: "2026-12-03T10:15:42.123456", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42, 123), offsetSeconds: nil),
        Accepted(text: "2026-12-03T10:15Z", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: 0),
        Accepted(text: "2026-12-03T10:15:42Z", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42), offsetSeconds: 0),
        Accepted(text: "2026-12-03T10:15:42.999Z", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42, 999), offsetSeconds: 0),
        Accepted(text: "2026-12-03T10:15-03:00", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: -10_800),
        Accepted(text: "2026-12-03T10:15:42-03:00", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42), offsetSeconds: -10_800),
        Accepted(text: "2026-12-03 10:15:42.250+05:30", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42, 250), offsetSeconds: 19_800),
        Accepted(text: "2026-12-03T10:15-0300", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: -10_800),
        Accepted(text: "2026-12-03T10:15:00+0545", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: 20_700),
        Accepted(text: "2026-12-03T10:15-03", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: -10_800),
        Accepted(text: "2026-12-03T10:15:42+02", day: "2026-12-03", millisecondOfDay: ms(10, 15, 42), offsetSeconds: 7200),
        Accepted(text: "2026-12-03T10:15+00:00", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: 0),
        Accepted(text: "2026-12-03T10:15-00:00", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: 0),
        Accepted(text: "2026-12-03T10:15-09:30", day: "2026-12-03", millisecondOfDay: ms(10, 15), offsetSeconds: -34_200),
        Accepted(text: "2026-12-03T00:00", day: "2026-12-03", millisecondOfDay: 0, offsetSeconds: nil),
        Accepted(text: "2026-12-03T23:59:59.999", day: "2026-12-03", millisecondOfDay: 86_399_999, offsetSeconds: nil),
        Accepted(text: "2028-02-29T12:00", day: "2028-02-29", millisecondOfDay: ms(12, 0), offsetSeconds: nil),
        Accepted(text: "1999-12-31T23:59", day: "1999-12-31", millisecondOfDay: ms(23, 59), offsetSeconds: nil),
    ]

    @Test(arguments: accepted)
    func acceptsEveryDocumentedForm(_ c: Accepted) throws {
        let value = try #require(Self.parse(c.text))
        #expect(value == DateTimeValue(day: Day(iso: c.day)!, millisecondOfDay: c.millisecondOfDay, offsetSeconds: c.offsetSeconds))
    }

    @Test func parsesASliceThatDoesNotStartAtZero() throws {
        let bytes = Array("id,2026-12-03T10:15Z,x".utf8)
        let value = try #require(DateTimeField.parse(bytes[3..<20]))
        #expect(value == DateTimeValue(day: Day(iso: "2026-12-03")!, millisecondOfDay: Self.ms(10, 15), offsetSeconds: 0))
    }

    static let refused: [String] = [
        // A date alone (with or without a separator) is not a date-time.
        "2026-12-03",
        "2026-12-03T",
        "2026-12-03 ",
        "2026-12-03T10",
        "2026-12-03T10:",
        "2026-12-03T10:1",
        // Hours, minutes, seconds out of range.
        "2026-12-03T24:00",
        "2026-12-03T24:00:00",
        "2026-12-03T12:60",
        "2026-12-03T12:30:60",
        "2026-12-03T99:00",
        // Not two digits.
        "2026-12-03T9:30",
        "2026-12-03T09:5",
        "2026-12-03T10:15:4",
        "2026-12-03Tab:cd",
        // Separators.
        "2026-12-03X10:15",
        "2026-12-03_10:15",
        "2026-12-03  10:15",
        "2026-12-03T10.15",
        "2026-12-03T10:15:42,123",
        // A fraction needs seconds and at least one digit.
        "2026-12-03T10:15.123",
        "2026-12-03T10:15:42.",
        "2026-12-03T10:15:42.Z",
        // Bad offsets.
        "2026-12-03T10:15+3",
        "2026-12-03T10:15+3:00",
        "2026-12-03T10:15+03:0",
        "2026-12-03T10:15+030",
        "2026-12-03T10:15+03:",
        "2026-12-03T10:15+03:60",
        "2026-12-03T10:15+0360",
        "2026-12-03T10:15+15:00",
        "2026-12-03T10:15+99",
        "2026-12-03T10:15+",
        "2026-12-03T10:15-",
        "2026-12-03T10:15+03:00:00",
        "2026-12-03T10:15 -03:00",
        "2026-12-03T10:15UTC",
        "2026-12-03T10:15BRT",
        // Trailing text.
        "2026-12-03T10:15Z ",
        "2026-12-03T10:15ZZ",
        "2026-12-03T10:15Z+03:00",
        "2026-12-03T10:15:42x",
        "2026-12-03T10:15:42.123abc",
        "2026-12-03T10:15-03:00 ",
        "2026-12-03T10:15-03:00x",
        // Not a real date, or not the ISO date form.
        "2026-02-30T10:15",
        "2026-13-01T10:15",
        "2027-02-29T10:15",
        "03/12/2026 10:15",
        "03/12/2026T10:15",
        "2026/12/03T10:15",
        "20261203T101500",
        "",
        "T10:15",
    ]

    @Test(arguments: refused)
    func refuses(_ text: String) {
        #expect(Self.parse(text) == nil)
    }
}
