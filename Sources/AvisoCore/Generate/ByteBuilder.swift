/// A fixed-capacity output buffer that records are formatted into, byte by byte, with
/// hand-written integer and date formatting. The owner drains it (`bytes`, then `clear`) into a
/// sink whenever `count` passes a threshold, so a whole export never sits in memory.
/// Non-copyable: it owns its memory and frees it when it goes away.
struct ByteBuilder: ~Copyable {
    /// The buffer's memory.
    private let base: UnsafeMutablePointer<UInt8>
    /// Bytes the buffer can hold.
    let capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The bytes written so far (valid until the next mutation).
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: count)
    }

    /// Forgets the bytes written, keeping the memory.
    mutating func clear() {
        count = 0
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        precondition(count < capacity, "ByteBuilder overflow")
        base[count] = value
        count += 1
    }

    @inline(__always)
    mutating func append(_ value: [UInt8]) {
        value.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        let n = value.count
        precondition(count + n <= capacity, "ByteBuilder overflow")
        if n > 0 { (base + count).update(from: value.baseAddress!, count: n) }
        count += n
    }

    /// Appends the UTF-8 bytes of a string (for the rare values built at run time).
    mutating func append(_ value: String) {
        var text = value
        text.withUTF8 { append($0) }
    }

    /// Appends `value` in decimal, without leading zeros.
    @inline(__always)
    mutating func decimal(_ value: Int) {
        precondition(value >= 0)
        var v = UInt64(value)
        var digits = 1
        var probe = v
        while probe >= 10 { probe /= 10; digits += 1 }
        precondition(count + digits <= capacity, "ByteBuilder overflow")
        var at = count + digits - 1
        repeat {
            base[at] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            at -= 1
        } while v > 0
        count += digits
    }

    /// Appends the low `width` decimal digits of `value`, zero-padded (`padded(7, 2)` → `07`).
    @inline(__always)
    mutating func padded(_ value: UInt64, _ width: Int) {
        precondition(count + width <= capacity, "ByteBuilder overflow")
        var v = value
        var at = count + width - 1
        while at >= count {
            base[at] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            at -= 1
        }
        count += width
    }

    /// `YYYY-MM-DD`.
    @inline(__always)
    mutating func isoDate(_ day: Day) {
        let (y, m, d) = day.components
        padded(UInt64(y), 4); byte(0x2D); padded(UInt64(m), 2); byte(0x2D); padded(UInt64(d), 2)
    }

    /// `DD/MM/YYYY`, as Brazilian spreadsheets write dates.
    @inline(__always)
    mutating func brazilianDate(_ day: Day) {
        let (y, m, d) = day.components
        padded(UInt64(d), 2); byte(0x2F); padded(UInt64(m), 2); byte(0x2F); padded(UInt64(y), 4)
    }

    /// ` HH:MM:SS` after a date, from seconds since midnight (`separator` is space or `T`).
    @inline(__always)
    mutating func time(_ seconds: Int, separator: UInt8) {
        byte(separator)
        padded(UInt64(seconds / 3600), 2); byte(0x3A)
        padded(UInt64(seconds / 60 % 60), 2); byte(0x3A)
        padded(UInt64(seconds % 60), 2)
    }

    /// Centavos as reais with a dot and two decimals: `1234.56`.
    @inline(__always)
    mutating func money(_ centavos: Int64) {
        decimal(Int(centavos / 100)); byte(0x2E); padded(UInt64(centavos % 100), 2)
    }

    /// Centavos the Brazilian way, with dot thousands and a decimal comma: `1.234,56`.
    @inline(__always)
    mutating func brazilianMoney(_ centavos: Int64) {
        thousands(Int(centavos / 100))
        byte(0x2C); padded(UInt64(centavos % 100), 2)
    }

    /// `value` in decimal with a dot between groups of three digits.
    private mutating func thousands(_ value: Int) {
        if value >= 1000 {
            thousands(value / 1000)
            byte(0x2E); padded(UInt64(value % 1000), 3)
        } else {
            decimal(value)
        }
    }
}
