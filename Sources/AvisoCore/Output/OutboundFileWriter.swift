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
        records.sorted(by: precedes)
    }

    /// The content of one channel's file: the records of that channel, sorted, one JSON line each.
    public static func fileBytes(_ records: [OutboundRecord], channel: Channel) -> [UInt8] {
        var bytes: [UInt8] = []
        for record in sorted(records.filter { $0.channel == channel }) {
            record.appendJSONLine(to: &bytes)
        }
        return bytes
    }

    /// Writes the four files into `directory` and returns their names in channel order.
    /// - Throws: `AvisoError(.output)` when a file cannot be written.
    @discardableResult
    public static func write(_ records: [OutboundRecord], toDirectory directory: String) throws -> [String] {
        // Sort indices rather than records so that large runs are not copied twice.
        let order = records.indices.sorted { precedes(records[$0], records[$1]) }
        var names: [String] = []
        for channel in Channel.allCases {
            let name = fileName(for: channel)
            let file = try OutputFile(path: directory + "/" + name)
            for index in order where records[index].channel == channel {
                records[index].appendJSONLine(to: &file.buffer)
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
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return nil
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?):
                if x != y { return x < y }
            }
        }
    }
}
