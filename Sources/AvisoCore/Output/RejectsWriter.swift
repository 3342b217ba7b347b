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
        // The two file names ranked between themselves: 0 and 1 in their order, 0 when equal.
        let fileOrder = OutboundFileWriter.byteOrder(a.file, b.file)
        return withUnsafePointer(to: a) { a in
            withUnsafePointer(to: b) { b in
                precedes(a, b, Ranks(a.pointee, file: fileOrder == false ? 1 : 0), Ranks(b.pointee, file: fileOrder == true ? 1 : 0))
            }
        }
    }

    /// A reject's file, slot and channel in the file's order and its payment's first bytes,
    /// worked out once per reject: finding them compares names, and comparing the strings
    /// themselves copied them (a retain and a release of each string read through the
    /// rejects' buffer), which at every comparison of a sort was a cost.
    private struct Ranks {
        var file: Int
        var slot: Int
        var channel: Int
        // The payment's first 16 UTF-8 bytes (`TextBytes.leadingWords`): words that differ
        // order two payments as their bytes do; equal words leave it to the strings.
        var payment: (UInt64, UInt64)

        init(_ reject: borrowing RejectRecord, file: Int) {
            self.file = file
            slot = RejectsWriter.slotRank(reject.slot)
            channel = RejectsWriter.channelRank(reject.channel)
            payment = TextBytes.withUTF8(reject.payment, TextBytes.leadingWords)
        }
    }

    /// `precedes` on rejects read in place, with their ranks: a sort that passed the rejects
    /// themselves copied (retained and released) a dozen strings of each at every comparison.
    private static func precedes(_ a: UnsafePointer<RejectRecord>, _ b: UnsafePointer<RejectRecord>, _ rankA: Ranks, _ rankB: Ranks) -> Bool {
        if a.pointee.kind != b.pointee.kind { return a.pointee.kind < b.pointee.kind }
        if a.pointee.kind == .input {
            if rankA.file != rankB.file { return rankA.file < rankB.file }
            if let order = optionalOrder(a.pointee.line, b.pointee.line) { return order }
            if let order = optionalOrder(a.pointee.record, b.pointee.record) { return order }
        }
        if rankA.payment != rankB.payment { return rankA.payment < rankB.payment }
        if let order = OutboundFileWriter.byteOrder(a.pointee.payment, b.pointee.payment) { return order }
        if rankA.slot != rankB.slot { return rankA.slot < rankB.slot }
        if let order = OutboundFileWriter.byteOrder(a.pointee.slot, b.pointee.slot) { return order }
        if let order = OutboundFileWriter.byteOrder(a.pointee.recipient, b.pointee.recipient) { return order }
        if rankA.channel != rankB.channel { return rankA.channel < rankB.channel }
        if let order = OutboundFileWriter.byteOrder(a.pointee.channel, b.pointee.channel) { return order }
        if let order = OutboundFileWriter.byteOrder(a.pointee.resendRequest, b.pointee.resendRequest) { return order }
        if let order = OutboundFileWriter.byteOrder(a.pointee.reason, b.pointee.reason) { return order }
        // Total order for determinism: every remaining column.
        if rankA.file != rankB.file { return rankA.file < rankB.file }
        if let order = optionalOrder(a.pointee.line, b.pointee.line) { return order }
        if let order = optionalOrder(a.pointee.record, b.pointee.record) { return order }
        if let order = OutboundFileWriter.byteOrder(a.pointee.id, b.pointee.id) { return order }
        if let order = OutboundFileWriter.byteOrder(a.pointee.field, b.pointee.field) { return order }
        return OutboundFileWriter.byteOrder(a.pointee.detail, b.pointee.detail) ?? false
    }

    /// The rejects in file order.
    public static func sorted(_ rejects: [RejectRecord]) -> [RejectRecord] {
        order(rejects).map { rejects[$0] }
    }

    /// The positions of `rejects` in the file's order. Positions are sorted, not the rejects: a
    /// merge sort moving 100k rejects of a dozen strings each retained and released them all
    /// at every step. Rejects already in order cost one comparison each (the sort finds one
    /// run).
    static func order(_ rejects: [RejectRecord]) -> [Int] {
        rejects.withUnsafeBufferPointer { records in
            guard let base = records.baseAddress else { return [] }
            // The files' ranks: their distinct names (by bytes: a run has a handful, one per
            // input file) in byte order.
            var names: [[UInt8]] = []
            let nameIndex = records.indices.map { index in
                TextBytes.withUTF8(records[index].file) { bytes in
                    if let known = names.firstIndex(where: { $0.elementsEqual(bytes) }) { return known }
                    names.append(Array(bytes))
                    return names.count - 1
                }
            }
            var rankOfName = [Int](repeating: 0, count: names.count)
            let byteOrdered = names.indices.sorted { x, y in
                names[x].withUnsafeBufferPointer { a in names[y].withUnsafeBufferPointer { b in OutboundFileWriter.byteOrder(a, b) ?? false } }
            }
            for (rank, name) in byteOrdered.enumerated() { rankOfName[name] = rank }
            let ranks = records.indices.map { Ranks(records[$0], file: rankOfName[nameIndex[$0]]) }
            return ranks.withUnsafeBufferPointer { ranks in
                records.indices.sorted { precedes(base + $0, base + $1, ranks[$0], ranks[$1]) }
            }
        }
    }

    /// The whole file, sorted.
    public static func bytes(_ rejects: [RejectRecord]) -> [UInt8] {
        bytes(inOrder: sorted(rejects))
    }

    /// The whole file, with `rejects` written in the order given (already the file's).
    static func bytes(inOrder rejects: [RejectRecord]) -> [UInt8] {
        var csv = CSVWriter()
        csv.writeRow(header)
        for index in rejects.indices { csv.writeRow(fields(rejects[index])) }
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
