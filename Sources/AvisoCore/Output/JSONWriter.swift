import CSystemSupport

/// A small deterministic JSON writer appending UTF-8 bytes to a buffer.
///
/// Keys are written in the order they are given (never through a dictionary), numbers are
/// integers or fixed-point decimals (no floating-point formatting), and strings are escaped so
/// that the output is valid JSON and safe in JavaScript (U+2028 and U+2029 are escaped too).
/// Compact mode writes no whitespace at all; pretty mode indents by two spaces, one member or
/// element a line, with `": "` between key and value.
///
/// Usage: `beginObject()`, then `key(_:)` followed by one value (or a nested container) per
/// member, then `endObject()`. The writer trusts its caller to nest correctly; it keeps only the
/// state it needs to place commas and indentation.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]
    /// Whether to indent (two spaces a level) and break lines.
    public let pretty: Bool

    // One entry per open container: whether it already holds a member or element.
    private var hasContent: [Bool] = []
    // Set between `key(_:)` and its value, so that the value is not preceded by a separator.
    private var afterKey = false

    /// A writer appending to `bytes` (empty by default).
    public init(pretty: Bool = false, bytes: [UInt8] = []) {
        self.pretty = pretty
        self.bytes = bytes
    }

    // MARK: Containers

    /// Opens an object (`{`).
    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        hasContent.append(false)
    }

    /// Closes the innermost object (`}`).
    public mutating func endObject() {
        closeContainer(UInt8(ascii: "}"))
    }

    /// Opens an array (`[`).
    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        hasContent.append(false)
    }

    /// Closes the innermost array (`]`).
    public mutating func endArray() {
        closeContainer(UInt8(ascii: "]"))
    }

    /// Writes a member name; the next value written belongs to it.
    public mutating func key(_ name: String) {
        beforeValue()
        JSONWriter.appendEscaped(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    // MARK: Values

    /// Writes a string value, escaped.
    public mutating func string(_ value: String) {
        beforeValue()
        JSONWriter.appendEscaped(value, to: &bytes)
    }

    /// Writes an integer value.
    public mutating func int(_ value: Int64) {
        beforeValue()
        JSONWriter.appendInteger(value, to: &bytes)
    }

    /// Writes an integer value.
    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: value ? JSONWriter.trueBytes : JSONWriter.falseBytes)
    }

    /// Writes `null`.
    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: JSONWriter.nullBytes)
    }

    /// Writes a fixed-point number given as an integer count of `10^-places` units:
    /// `fixed(123456, places: 2)` writes `1234.56`, `fixed(-5, places: 2)` writes `-0.05`.
    public mutating func fixed(_ units: Int64, places: Int) {
        beforeValue()
        JSONWriter.appendFixed(units, places: places, to: &bytes)
    }

    /// Writes the ratio `numerator / denominator` rounded half away from zero to `places`
    /// decimals, always with exactly `places` decimals (`0.0125`). Integer arithmetic only, so
    /// the text never depends on floating-point formatting. A zero denominator writes 0.
    public mutating func ratio(_ numerator: Int64, _ denominator: Int64, places: Int = 4) {
        beforeValue()
        JSONWriter.appendFixed(JSONWriter.scaledRatio(numerator, denominator, places: places), places: places, to: &bytes)
    }

    /// Writes a decimal with exactly `places` decimals, rounded half away from zero (for ratios
    /// held as `Double`, such as a configured maximum reject ratio). Non-finite values write 0.
    public mutating func decimal(_ value: Double, places: Int = 4) {
        beforeValue()
        var units: Int64 = 0
        if value.isFinite {
            var scale = 1.0
            for _ in 0..<max(0, places) { scale *= 10 }
            let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
            if abs(scaled) < 9.0e18 { units = Int64(scaled) }
        }
        JSONWriter.appendFixed(units, places: places, to: &bytes)
    }

    // MARK: Member shorthands

    /// Writes a member with a string value.
    public mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// Writes a member with an integer value.
    public mutating func field(_ name: String, _ value: Int64) {
        key(name)
        int(value)
    }

    /// Writes a member with an integer value.
    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// Writes a member with a Boolean value.
    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// Writes a member whose value is an array of strings.
    public mutating func field(_ name: String, _ values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Writes a member with a string value, or `null` when absent.
    public mutating func field(_ name: String, orNull value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    // MARK: Layout

    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = hasContent.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        hasContent[hasContent.count - 1] = true
        if pretty { newline(depth: hasContent.count) }
    }

    private mutating func closeContainer(_ byte: UInt8) {
        let hadContent = hasContent.removeLast()
        if pretty && hadContent { newline(depth: hasContent.count) }
        bytes.append(byte)
    }

    private mutating func newline(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(depth * 2) { bytes.append(UInt8(ascii: " ")) }
    }

    // MARK: Encoding primitives

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)

    /// Appends `values` as a compact JSON array of strings.
    static func appendArray(_ values: [String], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendEscaped(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends `text` as a quoted JSON string: `"` and `\` escaped, control characters as `\n`,
    /// `\r`, `\t`, `\b`, `\f` or `\u00XX`, DEL as `\u007f`, and U+2028/U+2029 as `\u2028`/`\u2029`.
    /// Everything else is copied as UTF-8.
    public static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        TextBytes.withUTF8(text) { appendEscaped(utf8: $0, to: &bytes) }
    }

    /// Whether `text` goes into a JSON string as it is: none of its bytes is one
    /// `appendEscaped(utf8:to:)` looks at (0xE2 counts, though only U+2028 and U+2029 change).
    static func isPlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        var block = 0
        while block < text.count {
            let count = min(64, text.count - block)
            if aviso_json_escape_mask(base + block, count) != 0 { return false }
            block += count
        }
        return true
    }

    /// `appendEscaped(_:to:)` for text given as UTF-8 bytes. Runs of bytes that need no escape
    /// are copied in one append; the bytes that need a look are found 64 at a time
    /// (`aviso_json_escape_mask`), where a look at every eight bytes cost most of the work.
    static func appendEscaped(utf8 text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let n = text.count
        var run = 0
        var block = 0
        if let base = text.baseAddress {
            while block < n {
                let count = min(64, n - block)
                var marks = aviso_json_escape_mask(base + block, count)
                while marks != 0 {
                    let i = block + marks.trailingZeroBitCount
                    marks &= marks - 1
                    // (U+2028's escape takes three bytes, but its last two are never marked.)
                    let byte = text[i]
                    if byte == 0xE2 {
                        // Only U+2028 and U+2029 are escaped; any other E2 sequence is copied.
                        guard i + 2 < n, text[i + 1] == 0x80, text[i + 2] == 0xA8 || text[i + 2] == 0xA9 else { continue }
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
                        bytes.append(contentsOf: text[i + 2] == 0xA8 ? lineSeparator : paragraphSeparator)
                        run = i + 3
                        continue
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
                    appendEscape(of: byte, to: &bytes)
                    run = i + 1
                }
                block += count
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<n]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the escape of `byte`: a control character, `"`, `\\` or DEL.
    @inline(__always)
    private static func appendEscape(of byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hexDigit(byte >> 4))
            bytes.append(hexDigit(byte & 0x0F))
        }
    }

    private static let lineSeparator: [UInt8] = Array("\\u2028".utf8)
    private static let paragraphSeparator: [UInt8] = Array("\\u2029".utf8)

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Appends the decimal digits of `value` (with `-` when negative).
    public static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        TextBytes.appendInteger(value, to: &bytes)
    }

    /// Appends `units × 10^-places` with exactly `places` decimals (none when `places` ≤ 0).
    public static func appendFixed(_ units: Int64, places: Int, to bytes: inout [UInt8]) {
        guard places > 0 else { appendInteger(units, to: &bytes); return }
        var magnitude = units.magnitude
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        var fraction: [UInt8] = []
        for _ in 0..<places {
            fraction.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        var whole: [UInt8] = []
        repeat {
            whole.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes.append(contentsOf: whole.reversed())
        bytes.append(UInt8(ascii: "."))
        bytes.append(contentsOf: fraction.reversed())
    }

    /// `numerator / denominator` in units of `10^-places`, rounded half away from zero.
    static func scaledRatio(_ numerator: Int64, _ denominator: Int64, places: Int) -> Int64 {
        guard denominator != 0 else { return 0 }
        var scale: Int64 = 1
        for _ in 0..<max(0, places) { scale *= 10 }
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        // Work with the full product so large counts cannot overflow before the division.
        let product = n.multipliedFullWidth(by: UInt64(scale))
        guard product.high < d else { return negative ? Int64.min : Int64.max }
        let (quotient, remainder) = d.dividingFullWidth(product)
        let rounded = remainder >= d - remainder ? (quotient == .max ? quotient : quotient + 1) : quotient
        let result = Int64(clamping: rounded)
        return negative ? -result : result
    }
}
