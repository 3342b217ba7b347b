/// Where an outbound record's own JSON fields are written (`OutboundRecord.writeFields`), so
/// that the fields are listed once for both ways of writing them: into the chunk's array, any
/// text escaped (`EscapingFieldSink`), or into a stack buffer, only text that needs no escape
/// (`RawByteWriter`).
protocol JSONFieldSink {
    /// Writes bytes as they are (a literal's, a prepared field's).
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Writes one byte.
    mutating func write(byte: UInt8)
    /// Writes the decimal digits of `value`, with `-` when negative.
    mutating func write(integer value: Int64)
    /// Writes `YYYY-MM-DD` (as `Day.iso`); false when this sink cannot write this day.
    mutating func write(isoDay day: Day) -> Bool
    /// Writes UTF-8 text as a quoted JSON string; false when this sink cannot write this text.
    mutating func write(jsonString text: UnsafeBufferPointer<UInt8>) -> Bool
}

extension JSONFieldSink {
    /// Writes the bytes of a literal.
    @inline(__always)
    mutating func write(literal: StaticString) {
        write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// `write(jsonString:)` of a String's UTF-8 bytes.
    @inline(__always)
    mutating func write(jsonString text: String) -> Bool {
        TextBytes.withUTF8(text) { write(jsonString: $0) }
    }
}

extension RawByteWriter: JSONFieldSink {
    /// Only a day of a four-digit year (see `write(isoDayOfFourDigitYear:)`).
    @inline(__always)
    mutating func write(isoDay day: Day) -> Bool {
        write(isoDayOfFourDigitYear: day)
    }

    /// Only text that needs no escape (see `write(plainJSONString:)`).
    @inline(__always)
    mutating func write(jsonString text: UnsafeBufferPointer<UInt8>) -> Bool {
        write(plainJSONString: text)
    }
}
