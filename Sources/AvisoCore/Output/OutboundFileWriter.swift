import Foundation

/// Writes the four outbound files of a run: `email.jsonl`, `sms.jsonl`, `whatsapp.jsonl` and
/// `voice.jsonl`, always all four (an empty file when a channel has nothing).
///
/// Records are ordered by priority, account, customer, payment, slot rank (RESEND first),
/// recipient, then resend request (none first) and id, comparing strings by their UTF-8 bytes.
public enum OutboundFileWriter {
    /// The file name of a channel's output (`whatsapp.jsonl`).
    public static func fileName(for channel: Channel) -> String {
        channel.name + ".jsonl"
    }

    /// Whether `a` goes before `b` in the outbound files.
    public static func precedes(_ a: OutboundRecord, _ b: OutboundRecord) -> Bool {
        if a.priority != b.priority { return a.priority < b.priority }
        if let order = byteOrder(a.account, b.account) { return order }
        if let order = byteOrder(a.customer, b.customer) { return order }
        if let order = byteOrder(a.payment, b.payment) { return order }
        if a.slotRank != b.slotRank { return a.slotRank < b.slotRank }
        if a.recipient != b.recipient { return a.recipient < b.recipient }
        if let order = byteOrder(a.resendRequest ?? "", b.resendRequest ?? "") { return order }
        if (a.resendRequest == nil) != (b.resendRequest == nil) { return a.resendRequest == nil }
        if let order = byteOrder(a.id, b.id) { return order }
        return a.channel < b.channel
    }

    /// The records in output order.
    public static func sorted(_ records: [OutboundRecord]) -> [OutboundRecord] {
        order(records).map { records[$0] }
    }

    /// The indices of `records` in output order (the order of `precedes`; records equal in it
    /// keep their relative order).
    static func order(_ records: [OutboundRecord]) -> [Int] {
        OutboundSortKeys(records).order(records)
    }

    /// For each channel (by `rawValue`), the indices of its records in output order: one sort.
    static func channelOrders(_ records: [OutboundRecord]) -> [[Int]] {
        // The channels are read in record order first, a byte each: read in output order, each
        // record was a cache miss (a 10M-charge day has 1.4M records of 192 bytes: 0.15 s on
        // the run's thread, with both arrays' uniqueness checked per append to a list of lists).
        // Each channel's indices then go to their own stretch of one array, in output order.
        let channels = records.withUnsafeBufferPointer { buffer in buffer.map { UInt8($0.channel.rawValue) } }
        var starts = [Int](repeating: 0, count: Channel.allCases.count + 1)
        for channel in channels { starts[Int(channel) + 1] += 1 }
        for channel in Channel.allCases { starts[channel.rawValue + 1] += starts[channel.rawValue] }
        var next = starts
        var grouped = [Int](repeating: 0, count: records.count)
        grouped.withUnsafeMutableBufferPointer { grouped in
            for index in order(records) {
                let channel = Int(channels[index])
                grouped[next[channel]] = index
                next[channel] += 1
            }
        }
        return Channel.allCases.map { Array(grouped[starts[$0.rawValue]..<starts[$0.rawValue + 1]]) }
    }

    /// The content of one channel's file: the records of that channel, sorted, one JSON line each.
    public static func fileBytes(_ records: [OutboundRecord], channel: Channel) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffers = MessageBuffers()
        for index in channelOrders(records)[channel.rawValue] {
            records[index].appendJSONLine(to: &bytes, buffers: &buffers)
        }
        return bytes
    }

    /// Writes the four files into `directory` and returns their names in channel order.
    /// - Throws: `AvisoError(.output)` when a file cannot be written.
    @discardableResult
    public static func write(_ records: [OutboundRecord], toDirectory directory: String) throws -> [String] {
        // Sort indices rather than records so that large runs are not copied.
        let lists = channelOrders(records)
        var names: [String] = []
        var buffers = MessageBuffers()
        for channel in Channel.allCases {
            let name = fileName(for: channel)
            let file = try OutputFile(path: directory + "/" + name)
            for index in lists[channel.rawValue] {
                records[index].appendJSONLine(to: &file.buffer, buffers: &buffers)
                try file.flushIfLarge()
            }
            try file.close()
            names.append(name)
        }
        return names
    }

    /// Byte-order comparison of two strings: nil when equal, else whether `a` < `b`.
    /// UTF-8 byte order equals Unicode code point order, independent of locale and normalization.
    static func byteOrder(_ a: String, _ b: String) -> Bool? {
        TextBytes.withUTF8(a) { x in TextBytes.withUTF8(b) { y in byteOrder(x, y) } }
    }

    /// `byteOrder(_:_:)` of two texts' UTF-8 bytes.
    static func byteOrder(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool? {
        let common = min(x.count, y.count)
        if common > 0, let p = x.baseAddress, let q = y.baseAddress {
            let c = memcmp(p, q, common)
            if c != 0 { return c < 0 }
        }
        return x.count == y.count ? nil : x.count < y.count
    }
}
