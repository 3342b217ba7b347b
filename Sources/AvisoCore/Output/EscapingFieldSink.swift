/// A `JSONFieldSink` appending to an array, writing any day and escaping any text: the way
/// every record's fields can be written (`OutboundRecord.appendFields`).
struct EscapingFieldSink: JSONFieldSink {
    /// The bytes written so far (the caller's array, moved in and out).
    var bytes: [UInt8]

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes.append(contentsOf: bytes)
    }

    @inline(__always)
    mutating func write(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func write(integer value: Int64) {
        TextBytes.appendInteger(value, to: &bytes)
    }

    mutating func write(isoDay day: Day) -> Bool {
        TextBytes.appendISO(day, to: &bytes)
        return true
    }

    mutating func write(jsonString text: UnsafeBufferPointer<UInt8>) -> Bool {
        JSONWriter.appendEscaped(utf8: text, to: &bytes)
        return true
    }
}
