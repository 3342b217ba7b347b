/// Writes `rejects.csv`: every refused input row, notification, letter and resend request.
///
/// Order: by kind (INPUT, NOTIFICATION, LETTER, RESEND); input rejects by file name, line and
/// record number (a missing number first); the others by payment, slot (in RULES.md's table
/// order, then `RESEND`, then no slot), recipient, channel (email, sms, whatsapp, voice),
/// resend request and reason. Remaining ties are broken on every other column so that the
/// order never depends on the order rejects were found in. Strings compare by UTF-8 bytes.
public enum RejectsWriter {
    /// The header line's fields.
    public static let header = [
        "kind", "file", "line", "record", "id", "field", "payment", "slot", "recipient", "channel",
        "resendRequest", "reason", "detail",
    ]

    /// Whether `a` goes before `b` in the file.
    public static func precedes(_ a: RejectRecord, _ b: RejectRecord) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        if a.kind == .input {
            if let order = OutboundFileWriter.byteOrder(a.file, b.file) { return order }
            if let order = optionalOrder(a.line, b.line) { return order }
            if let order = optionalOrder(a.record, b.record) { return order }
        }
        if let order = OutboundFileWriter.byteOrder(a.payment, b.payment) { return order }
        let slotA = slotRank(a.slot), slotB = slotRank(b.slot)
        if slotA != slotB { return slotA < slotB }
        if let order = OutboundFileWriter.byteOrder(a.slot, b.slot) { return order }
        if let order = OutboundFileWriter.byteOrder(a.recipient, b.recipient) { return order }
        let channelA = channelRank(a.channel), channelB = channelRank(b.channel)
        if channelA != channelB { return channelA < channelB }
        if let order = OutboundFileWriter.byteOrder(a.channel, b.channel) { return order }
        if let order = OutboundFileWriter.byteOrder(a.resendRequest, b.resendRequest) { return order }
        if let order = OutboundFileWriter.byteOrder(a.reason, b.reason) { return order }
        // Total order for determinism: every remaining column.
        if let order = OutboundFileWriter.byteOrder(a.file, b.file) { return order }
        if let order = optionalOrder(a.line, b.line) { return order }
        if let order = optionalOrder(a.record, b.record) { return order }
        if let order = OutboundFileWriter.byteOrder(a.id, b.id) { return order }
        if let order = OutboundFileWriter.byteOrder(a.field, b.field) { return order }
        return OutboundFileWriter.byteOrder(a.detail, b.detail) ?? false
    }

    /// The rejects in file order.
    public static func sorted(_ rejects: [RejectRecord]) -> [RejectRecord] {
        order(rejects).map { rejects[$0] }
    }

    /// The positions of `rejects` in the file's order. Positions are sorted, not the rejects: a
    /// merge sort moving 100k rejects of a dozen strings each retained and released them all
    /// at every step.
    static func order(_ rejects: [RejectRecord]) -> [Int] {
        rejects.withUnsafeBufferPointer { records in
            records.indices.sorted { precedes(records[$0], records[$1]) }
        }
    }

    /// The whole file, sorted.
    public static func bytes(_ rejects: [RejectRecord]) -> [UInt8] {
        var csv = CSVWriter()
        csv.writeRow(header)
        for index in order(rejects) { csv.writeRow(fields(rejects[index])) }
        return csv.bytes
    }

    /// Writes the file at `path`, sorted.
    /// - Throws: `AvisoError(.output)`.
    public static func write(_ rejects: [RejectRecord], to path: String) throws {
        let order = order(rejects)
        let file = try OutputFile(path: path)
        CSVWriter.appendRow(header, to: &file.buffer)
        for index in order {
            CSVWriter.appendRow(fields(rejects[index]), to: &file.buffer)
            try file.flushIfLarge()
        }
        try file.close()
    }

    static func fields(_ r: RejectRecord) -> [String] {
        [
            r.kind.name, r.file, r.line.map { String($0) } ?? "", r.record.map { String($0) } ?? "",
            r.id, r.field, r.payment, r.slot, r.recipient, r.channel, r.resendRequest, r.reason, r.detail,
        ]
    }

    /// Slots in table order, then `RESEND`, then any other name, then no slot.
    static func slotRank(_ name: String) -> Int {
        if name.isEmpty { return Slot.allCases.count + 2 }
        if name == "RESEND" { return Slot.allCases.count }
        for slot in Slot.allCases where slot.name == name { return slot.rawValue }
        return Slot.allCases.count + 1
    }

    /// Channels in their declared order, then any other name, then none.
    static func channelRank(_ name: String) -> Int {
        if name.isEmpty { return Channel.allCases.count + 1 }
        for channel in Channel.allCases where channel.name == name { return channel.rawValue }
        return Channel.allCases.count
    }

    /// nil when equal; an absent number goes first.
    private static func optionalOrder(_ a: Int?, _ b: Int?) -> Bool? {
        switch (a, b) {
        case (nil, nil): return nil
        case (nil, _): return true
        case (_, nil): return false
        case let (x?, y?): return x == y ? nil : x < y
        }
    }
}
