/// A few byte strings made once for the life of the process (a `static let`), read by index
/// without a reference count.
///
/// An array of arrays held in a `static let` is one heap object per string: appending one
/// retains and releases it, an atomic write to its header. When the composing threads append
/// the same few strings for every message of a run, both cores write those headers' cache
/// lines in turn (`perf` at 10M charges: `swift_retain` called from the JSON line writer was
/// the largest single cost of writing the day's files). Here the strings lie in one allocation
/// that is never freed, so a read is a load and a copy.
struct PermanentByteTable: @unchecked Sendable {
    // Every string's bytes, one after the other; never freed.
    private let bytes: UnsafePointer<UInt8>
    // String `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first); never freed.
    private let ends: UnsafePointer<Int>
    /// How many strings the table holds.
    let count: Int

    /// A table of `strings`, in order. Meant for a `static let`: its memory is never given back.
    init(_ strings: [[UInt8]]) {
        let total = strings.reduce(0) { $0 + $1.count }
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, total))
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: max(1, strings.count))
        var end = 0
        for (index, string) in strings.enumerated() {
            string.withUnsafeBufferPointer { source in
                if let from = source.baseAddress { (bytes + end).update(from: from, count: source.count) }
            }
            end += string.count
            ends[index] = end
        }
        self.bytes = UnsafePointer(bytes)
        self.ends = UnsafePointer(ends)
        count = strings.count
    }

    /// The bytes of string `index`.
    @inline(__always)
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "no string \(index) in a table of \(count)")
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: bytes + start, count: ends[index] - start)
    }
}
