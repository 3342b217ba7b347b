/// Bytes written through a pointer into a buffer the caller owns (a stack buffer for a line
/// of a channel file, or a key to hash), then used at once: for a line of many short
/// fields, where each `Array.append` was a call of some 100 instructions (the uniqueness and
/// capacity checks, a generic copy). A write that does not fit is dropped and marks the
/// writer `overflowed`: the caller then writes the line another way.
struct RawByteWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes written so far.
    private(set) var count = 0
    /// Whether a write did not fit (it and every later one were dropped).
    private(set) var overflowed = false

    /// A writer at the start of `buffer`.
    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    /// The bytes written so far.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Where `more` bytes go, or nil when they do not fit (the writer is then `overflowed`).
    @inline(__always)
    private mutating func claim(_ more: Int) -> UnsafeMutablePointer<UInt8>? {
        guard !overflowed, more <= capacity - count else {
            overflowed = true
            return nil
        }
        let at = base + count
        count += more
        return at
    }

    /// Writes `bytes`.
    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        claim(bytes.count)?.update(from: source, count: bytes.count)
    }

    /// Writes `text` between quotes as a JSON string when it needs no escape
    /// (`JSONWriter.isPlain`); false, with nothing written, when it does.
    @inline(__always)
    mutating func write(plainJSONString text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard JSONWriter.isPlain(text) else { return false }
        write(byte: UInt8(ascii: "\""))
        write(text)
        write(byte: UInt8(ascii: "\""))
        return true
    }

    /// Writes one byte.
    @inline(__always)
    mutating func write(byte: UInt8) {
        claim(1)?.pointee = byte
    }

    /// Writes the decimal digits of `value`, with `-` when negative (as `String(value)`).
    mutating func write(integer value: Int64) {
        if value < 0 { write(byte: UInt8(ascii: "-")) }
        let count = TextBytes.digitCount(value.magnitude)
        guard let at = claim(count) else { return }
        TextBytes.writeDigits(value.magnitude, count: count, at: at)
    }

    /// Writes `YYYY-MM-DD` for a day of a four-digit year (as `Day.iso`); false, with nothing
    /// written, for any other year (true also when it did not fit: see `overflowed`).
    mutating func write(isoDayOfFourDigitYear day: Day) -> Bool {
        let (y, m, d) = day.components
        guard (1000...9999).contains(y) else { return false }
        guard let at = claim(10) else { return true }
        _ = TextBytes.writeFixedDate((y, 4), (m, 2), (d, 2), separator: UInt8(ascii: "-"), at: at)
        return true
    }
}
