/// Parses dates as the export files write them: `YYYY-MM-DD` or `DD/MM/YYYY`, optionally
/// followed by a time (` 14:31:07`, `T09:05:00-03:00`) which is ignored. Works on bytes.
public enum DateField {
    /// The day, or nil when the bytes are not one of the accepted forms or not a real date.
    public static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Day? where Bytes.Index == Int {
        if let day = bytes.withContiguousStorageIfAvailable({ parse(contiguous: $0) }) { return day }
        return Array(bytes).withUnsafeBufferPointer { parse(contiguous: $0) }
    }

    /// `parse(_:)` on bytes in memory: the ten places read directly, with no loop and no
    /// optional per digit (every charge has two or three dates, millions a run).
    @inline(__always)
    static func parse(contiguous bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count >= 10, let p = bytes.baseAddress else { return nil }
        if bytes.count > 10, p[10] != UInt8(ascii: " "), p[10] != UInt8(ascii: "T") { return nil }
        // A byte below "0" wraps to 208 or more: one comparison tells a digit.
        @inline(__always) func digit(_ i: Int) -> Int { Int(p[i] &- UInt8(ascii: "0")) }
        let year: (Int, Int, Int, Int), month: (Int, Int), day: (Int, Int)
        if p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") {
            year = (digit(0), digit(1), digit(2), digit(3))
            month = (digit(5), digit(6))
            day = (digit(8), digit(9))
        } else if p[2] == UInt8(ascii: "/"), p[5] == UInt8(ascii: "/") {
            day = (digit(0), digit(1))
            month = (digit(3), digit(4))
            year = (digit(6), digit(7), digit(8), digit(9))
        } else {
            return nil
        }
        guard year.0 < 10, year.1 < 10, year.2 < 10, year.3 < 10, month.0 < 10, month.1 < 10,
              day.0 < 10, day.1 < 10 else { return nil }
        return Day(year: year.0 * 1000 + year.1 * 100 + year.2 * 10 + year.3,
                   month: month.0 * 10 + month.1, day: day.0 * 10 + day.1)
    }
}
