/// Appending text to UTF-8 byte buffers without building intermediate `String`s: literals,
/// strings, scalars, integers and dates, each byte-identical to its `String` counterpart
/// (`String(n)`, `Day.iso`, `Day.brazilian`).
enum TextBytes {
    /// The first 16 bytes of `bytes` as two big-endian words, zero-padded: two texts whose
    /// words differ are in the words' order by their bytes (the padding can only make texts
    /// tie, never swap them); texts whose words tie must be compared in full. Sorts settle most
    /// comparisons on these instead of `memcmp` or `String` copies.
    @inline(__always)
    static func leadingWords(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var high: UInt64 = 0, low: UInt64 = 0
        for k in 0..<8 {
            high = high << 8 | UInt64(k < bytes.count ? bytes[k] : 0)
            low = low << 8 | UInt64(8 + k < bytes.count ? bytes[8 + k] : 0)
        }
        return (high, low)
    }

    /// Calls `body` with the UTF-8 bytes of `text`: the string's own storage when it is
    /// contiguous (every native string), else a copy.
    @inline(__always)
    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    static func append(_ text: String, to out: inout [UInt8]) {
        withUTF8(text) { out.append(contentsOf: $0) }
    }

    /// Appends the bytes of a literal.
    @inline(__always)
    static func append(literal: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of `value`, with `-` when negative (as `String(value)`).
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, to: &out)
    }

    /// Appends the decimal digits of `value`.
    static func appendDigits(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Written into a stack buffer (20 digits at most) and appended at once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            let count = digitCount(value)
            writeDigits(value, count: count, at: raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[..<count]))
        }
    }

    /// How many decimal digits `value` has (1 for 0).
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var rest = value
        while rest >= 10 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// Writes the `count` (`digitCount(value)`) decimal digits of `value` at `target`.
    @inline(__always)
    static func writeDigits(_ value: UInt64, count: Int, at target: UnsafeMutablePointer<UInt8>) {
        var rest = value
        for k in stride(from: count - 1, through: 0, by: -1) {
            target[k] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// Grows `out` by up to `count` bytes written by `body` through a pointer; `body` returns
    /// how many it wrote (at most `count`), and `out` keeps just those.
    @inline(__always)
    static func append(atMost count: Int, to out: inout [UInt8], _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        guard count > 0 else { return }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        let written = out.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
        precondition(written <= count)
        out.removeLast(count - written)
    }

    /// Writes one scalar as UTF-8 at `p` and returns its length.
    @inline(__always)
    static func write(_ scalar: Unicode.Scalar, at p: UnsafeMutablePointer<UInt8>) -> Int {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            p[0] = UInt8(v)
            return 1
        case 0x80..<0x800:
            p[0] = UInt8(0xC0 | v >> 6)
            p[1] = UInt8(0x80 | v & 0x3F)
            return 2
        case 0x800..<0x10000:
            p[0] = UInt8(0xE0 | v >> 12)
            p[1] = UInt8(0x80 | v >> 6 & 0x3F)
            p[2] = UInt8(0x80 | v & 0x3F)
            return 3
        default:
            p[0] = UInt8(0xF0 | v >> 18)
            p[1] = UInt8(0x80 | v >> 12 & 0x3F)
            p[2] = UInt8(0x80 | v >> 6 & 0x3F)
            p[3] = UInt8(0x80 | v & 0x3F)
            return 4
        }
    }

    /// Appends `String(value)` left-padded with zeros to `width` characters (as `Day.pad`).
    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        let magnitude = value.magnitude
        var length = value < 0 ? 1 : 0
        var rest = magnitude
        repeat {
            length += 1
            rest /= 10
        } while rest > 0
        for _ in length..<max(length, width) { out.append(UInt8(ascii: "0")) }
        appendInteger(Int64(value), to: &out)
    }

    /// Appends `YYYY-MM-DD` (as `Day.iso`).
    static func appendISO(_ day: Day, to out: inout [UInt8]) {
        let (y, m, d) = day.components
        appendDate((y, 4), (m, 2), (d, 2), separator: UInt8(ascii: "-"), fourDigitYear: (1000...9999).contains(y), to: &out)
    }

    /// Appends `DD/MM/YYYY` (as `Day.brazilian`).
    static func appendBrazilian(_ day: Day, to out: inout [UInt8]) {
        let (y, m, d) = day.components
        appendDate((d, 2), (m, 2), (y, 4), separator: UInt8(ascii: "/"), fourDigitYear: (1000...9999).contains(y), to: &out)
    }

    /// Three (value, width) parts with a separator between them: fixed-width digits when the
    /// year has four digits (the fast path), else the general padding.
    @inline(__always)
    private static func appendDate(_ first: (Int, Int), _ second: (Int, Int), _ third: (Int, Int),
                                   separator: UInt8, fourDigitYear: Bool, to out: inout [UInt8]) {
        guard fourDigitYear else {
            appendPadded(first.0, width: first.1, to: &out)
            out.append(separator)
            appendPadded(second.0, width: second.1, to: &out)
            out.append(separator)
            appendPadded(third.0, width: third.1, to: &out)
            return
        }
        var bytes: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &bytes) { raw in
            let count = writeFixedDate(first, second, third, separator: separator, at: raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[..<count]))
        }
    }

    /// Writes three (value, width) parts of a date whose year has four digits, each in exactly
    /// its width (2 or 4) of digits, with a separator between them, at `target`; returns how
    /// many bytes it wrote (10).
    @inline(__always)
    static func writeFixedDate(_ first: (Int, Int), _ second: (Int, Int), _ third: (Int, Int), separator: UInt8,
                               at target: UnsafeMutablePointer<UInt8>) -> Int {
        var at = 0
        @inline(__always) func part(_ value: Int, _ width: Int) {
            if width == 4 {
                target[at] = UInt8(ascii: "0") + UInt8(value / 1000)
                target[at + 1] = UInt8(ascii: "0") + UInt8(value / 100 % 10)
                at += 2
            }
            target[at] = UInt8(ascii: "0") + UInt8(value / 10 % 10)
            target[at + 1] = UInt8(ascii: "0") + UInt8(value % 10)
            at += 2
        }
        part(first.0, first.1)
        target[at] = separator
        at += 1
        part(second.0, second.1)
        target[at] = separator
        at += 1
        part(third.0, third.1)
        return at
    }
}
