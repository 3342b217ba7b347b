/// Parses dates as the export files write them: `YYYY-MM-DD` or `DD/MM/YYYY`, optionally
/// followed by a time (` 14:31:07`, `T09:05:00-03:00`) which is ignored. Works on bytes.
public enum DateField {
    /// The day, or nil when the bytes are not one of the accepted forms or not a real date.
    public static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Day? where Bytes.Index == Int {
        let start = bytes.startIndex
        guard bytes.count >= 10 else { return nil }
        if bytes.count > 10 {
            let next = bytes[start + 10]
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: "T") else { return nil }
        }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let b = bytes[start + i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        if bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-") {
            guard let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) else { return nil }
            return Day(year: y, month: m, day: d)
        }
        if bytes[start + 2] == UInt8(ascii: "/"), bytes[start + 5] == UInt8(ascii: "/") {
            guard let d = digits(0, 2), let m = digits(3, 2), let y = digits(6, 4) else { return nil }
            return Day(year: y, month: m, day: d)
        }
        return nil
    }
}
