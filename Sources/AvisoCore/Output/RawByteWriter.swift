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

    /// Writes the bytes of a literal.
    @inline(__always)
    mutating func write(literal: StaticString) {
        write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
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
        var rest = value.magnitude
        var length = 1
        var scale: UInt64 = 10
        while length < 20, rest >= scale {
            length += 1
            scale = scale &* 10
        }
        guard let at = claim(length) else { return }
        for k in stride(from: length - 1, through: 0, by: -1) {
            at[k] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// Writes `YYYY-MM-DD` for a day of a four-digit year (as `Day.iso`); false, with nothing
    /// written, for any other year (true also when it did not fit: see `overflowed`).
    mutating func write(isoDayOfFourDigitYear day: Day) -> Bool {
        let (y, m, d) = day.components
        guard (1000...9999).contains(y) else { return false }
        guard let at = claim(10) else { return true }
        at[0] = UInt8(ascii: "0") + UInt8(y / 1000)
        at[1] = UInt8(ascii: "0") + UInt8(y / 100 % 10)
        at[2] = UInt8(ascii: "0") + UInt8(y / 10 % 10)
        at[3] = UInt8(ascii: "0") + UInt8(y % 10)
        at[4] = UInt8(ascii: "-")
        at[5] = UInt8(ascii: "0") + UInt8(m / 10)
        at[6] = UInt8(ascii: "0") + UInt8(m % 10)
        at[7] = UInt8(ascii: "-")
        at[8] = UInt8(ascii: "0") + UInt8(d / 10)
        at[9] = UInt8(ascii: "0") + UInt8(d % 10)
        return true
    }

}
