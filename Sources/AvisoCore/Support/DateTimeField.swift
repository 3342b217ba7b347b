/// A date-time as written in the resends file: local fields plus an optional UTC offset.
public struct DateTimeValue: Sendable, Equatable {
    public var day: Day
    /// Milliseconds since local midnight.
    public var millisecondOfDay: Int64
    /// Offset from UTC in seconds when the text carried one (`Z` is 0); nil means local time.
    public var offsetSeconds: Int?

    public init(day: Day, millisecondOfDay: Int64, offsetSeconds: Int?) {
        self.day = day
        self.millisecondOfDay = millisecondOfDay
        self.offsetSeconds = offsetSeconds
    }
}

/// Parses `requestedAt`: `YYYY-MM-DD[T or space]HH:MM[:SS[.fff]]` with an optional `Z`, `±HH:MM`,
/// `±HHMM` or `±HH`. A date alone is not a date-time.
public enum DateTimeField {
    public static func parse(_ bytes: ArraySlice<UInt8>) -> DateTimeValue? {
        let b = Array(bytes)
        guard b.count >= 16, let day = DateField.parse(b[0..<10]) else { return nil }
        guard b[4] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") else { return nil }
        var i = 11
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in i..<(i + count) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                value = value * 10 + Int(b[k] - 48)
            }
            i += count
            return value
        }
        guard let hour = digits(2), hour < 24, i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let minute = digits(2), minute < 60 else { return nil }
        var second = 0
        var millis = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = digits(2), s < 60 else { return nil }
            second = s
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var count = 0
                var fraction = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if count < 3 { fraction = fraction * 10 + Int(b[i] - 48) }
                    count += 1
                    i += 1
                }
                guard count >= 1, count <= 9 else { return nil }
                if count < 3 { for _ in count..<3 { fraction *= 10 } }
                millis = fraction
            }
        }
        var offset: Int?
        if i < b.count {
            let sign = b[i]
            if sign == UInt8(ascii: "Z"), i + 1 == b.count {
                offset = 0
                i += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                i += 1
                guard let oh = digits(2), oh <= 14 else { return nil }
                var om = 0
                if i < b.count {
                    if b[i] == UInt8(ascii: ":") { i += 1 }
                    guard let m = digits(2), m < 60 else { return nil }
                    om = m
                }
                guard i == b.count else { return nil }
                offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        let ms = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millis)
        return DateTimeValue(day: day, millisecondOfDay: ms, offsetSeconds: offset)
    }
}
