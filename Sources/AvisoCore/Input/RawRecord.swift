/// One record as a reader found it: the bytes of the fields the caller asked for, by position in
/// the caller's field list, plus where the record stands in its file. Values are trimmed of ASCII
/// white space; a value that is empty after trimming is absent.
public struct RawRecord: Sendable {
    /// The physical line (1-based) on which the record starts (XML: its start tag's).
    public var line: Int = 0
    /// 1-based position among the file's data records (CSV rows after the header, XML records).
    public var number: Int = 0
    /// A defect of the record itself (bad quotes, invalid UTF-8, too many fields); nil when sound.
    public var problem: RecordProblem?
    /// Where the record's bytes (its line end included) are in its file, when it was parsed
    /// from a chunk of a mapped file; nil otherwise.
    public var fileRange: Range<Int>?
    /// The bytes the values are read from: the field values one after the other, or (a CSV
    /// record) the record's own bytes as they were in the file, then any value rebuilt from
    /// doubled quotes. Empty while the record lends its reader's bytes instead (see
    /// `lendRecordBytes`): read values through `bytes(_:)`, `string(_:)` or `withValueBuffers`.
    public var storage: [UInt8] = []
    // The reader's own bytes of the record, when it lends them instead of a copy in `storage`:
    // valid until the reader reads on, which is before the record is read again.
    private var lentBytes: LentBytes?

    /// A reader's bytes a record reads its values from. Sendable unchecked: a record lending
    /// them is read on its reader's thread, before the reader reads on, and never handed to
    /// another thread meanwhile (`RawRecordBatch` copies a record's bytes).
    private struct LentBytes: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }

    private var lent: UnsafeBufferPointer<UInt8>? { lentBytes?.bytes }
    /// For each wanted field, its start and end offsets in `storage`; start < 0 when absent.
    /// A field's end means something only while its start is 0 or more: `reset` marks the
    /// starts alone, and every reader looks at a start before its end.
    public var starts: [Int]
    public var ends: [Int]
    // While a CSV record is scanned: the fields whose value was rebuilt into `storage` (a quoted
    // value with doubled quotes or text after its closing quote), one bit each. Every other
    // value is placed by its offset in the record's bytes, copied once (`adoptRecordBytes`).
    private var rebuilt: UInt64 = 0

    /// An empty record for `fieldCount` wanted fields.
    public init(fieldCount: Int) {
        starts = Self.absentFields(fieldCount)
        ends = Self.absentFields(fieldCount)
    }

    /// `count` fields marked absent (-1). Made through `reserveCapacity`, which the compiler
    /// specializes: `Array(repeating:count:)` allocates through a generic entry that looks the
    /// array type up at run time (about 550 instructions), and a customer's row read back for
    /// a charge makes a record each time.
    private static func absentFields(_ count: Int) -> [Int] {
        var fields: [Int] = []
        fields.reserveCapacity(count)
        for _ in 0..<count { fields.append(-1) }
        return fields
    }

    /// Forgets the previous record's values, keeping capacity.
    public mutating func reset() {
        lentBytes = nil
        if !storage.isEmpty { storage.removeAll(keepingCapacity: true) }
        // Through the buffer: a subscript write per field checked the array's uniqueness and
        // bounds each time (some 200 instructions a record, for every record of every file).
        // The ends are left as they are (see `starts`): filling them too was a second `memset`
        // per record, about 0.4% of a 10M run's samples.
        starts.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        rebuilt = 0
        problem = nil
        fileRange = nil
        line = 0
        number = 0
    }

    /// Stores the value of wanted field `field`, trimming ASCII white space; empty stays absent.
    /// A field already set is kept (the first occurrence wins).
    public mutating func set<C: Collection>(_ field: Int, _ bytes: C) where C.Element == UInt8 {
        guard starts[field] < 0 else { return }
        let start = storage.count
        storage.append(contentsOf: bytes)
        var lo = start
        var hi = storage.count
        while lo < hi, RawRecord.isSpace(storage[lo]) { lo += 1 }
        while hi > lo, RawRecord.isSpace(storage[hi - 1]) { hi -= 1 }
        if lo == hi {
            storage.removeSubrange(start...)
            return
        }
        starts[field] = lo
        ends[field] = hi
    }

    /// The most wanted fields a CSV record can have (one bit each marks a rebuilt value).
    static let maxRebuiltFields = UInt64.bitWidth

    /// Places wanted field `field` at `offset..<offset + count` of the record's bytes, which
    /// `adoptRecordBytes` copies once the record's end is known (a CSV scan: one copy per record
    /// rather than one per field). The caller trimmed the value and found it non-empty. A field
    /// already set is kept (the first occurrence wins).
    @inline(__always)
    mutating func place(_ field: Int, offset: Int, count: Int) {
        guard starts[field] < 0 else { return }
        starts[field] = offset
        ends[field] = offset + count
    }

    /// Stores a value the scan had to rebuild (see `place`) in `storage`, as `set` does.
    mutating func setRebuilt(_ field: Int, _ bytes: [UInt8]) {
        precondition(field < Self.maxRebuiltFields, "a record rebuilds at most 64 fields")
        guard starts[field] < 0 else { return }
        set(field, bytes)
        if starts[field] >= 0 { rebuilt |= 1 << UInt64(field) }
    }

    /// Whether a value was rebuilt into `storage` (see `setRebuilt`).
    var hasRebuiltValues: Bool { rebuilt != 0 }

    /// Reads the record's values from its reader's bytes (`count` at `bytes`, where the values
    /// `place` located are) instead of a copy: for a reader whose bytes stay where they are
    /// until the record has been read (a chunk's, see `CSVRecordReader.lendsRecordBytes`). Only
    /// for a record with no rebuilt value and nothing in `storage`.
    mutating func lendRecordBytes(_ bytes: UnsafePointer<UInt8>, count: Int) {
        precondition(rebuilt == 0 && storage.isEmpty, "a record lends its reader's bytes only when it has none of its own")
        lentBytes = LentBytes(bytes: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Puts the record's bytes (`count` at `bytes`) at the front of `storage`, where the values
    /// `place` located are: rebuilt values, already stored, move after them.
    mutating func adoptRecordBytes(_ bytes: UnsafePointer<UInt8>, count: Int) {
        if rebuilt == 0 {
            storage.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
            return
        }
        storage.insert(contentsOf: UnsafeBufferPointer(start: bytes, count: count), at: 0)
        var fields = rebuilt
        while fields != 0 {
            let field = fields.trailingZeroBitCount
            starts[field] += count
            ends[field] += count
            fields &= fields - 1
        }
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Whether the field has a value (present and not blank), without making a slice of it.
    @inline(__always)
    public func has(_ field: Int) -> Bool {
        starts[field] >= 0
    }

    /// Lends the record's value offsets and bytes: each field's `starts` and `ends` in
    /// `storage`, -1 for a field with no value. Read through these, no array is copied or
    /// retained per field.
    @inline(__always)
    func withValueBuffers<R>(_ body: (_ starts: UnsafeBufferPointer<Int>, _ ends: UnsafeBufferPointer<Int>,
                                      _ storage: UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try starts.withUnsafeBufferPointer { starts in
            try ends.withUnsafeBufferPointer { ends in
                if let lent { return try body(starts, ends, lent) }
                return try storage.withUnsafeBufferPointer { try body(starts, ends, $0) }
            }
        }
    }

    /// The bytes the values are read from, whether lent or in `storage`.
    @inline(__always)
    func withValueBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let lent { return try body(lent) }
        return try storage.withUnsafeBufferPointer(body)
    }

    /// The trimmed bytes of wanted field `field`, or nil when absent or empty.
    @inline(__always)
    public func bytes(_ field: Int) -> ArraySlice<UInt8>? {
        let s = starts[field]
        guard s >= 0 else { return nil }
        if let lent { return ArraySlice(UnsafeBufferPointer(rebasing: lent[s..<ends[field]])) }
        return storage[s..<ends[field]]
    }

    /// The value of wanted field `field` as a String, or nil when absent or empty.
    public func string(_ field: Int) -> String? {
        guard let b = bytes(field) else { return nil }
        return String(decoding: b, as: UTF8.self)
    }
}

/// What can be wrong with a record as a whole, before its values are looked at.
public enum RecordProblem: Sendable, Equatable {
    /// A quote inside an unquoted field, text after a closing quote, or a quote never closed.
    case badQuotes(String)
    /// Bytes that are not valid UTF-8.
    case badUTF8(String)
    /// More fields than the header names.
    case fieldCount(String)

    /// The reject reason code (FORMATS.md).
    public var reason: String {
        switch self {
        case .badQuotes: return "BAD_QUOTES"
        case .badUTF8: return "BAD_UTF8"
        case .fieldCount: return "FIELD_COUNT"
        }
    }

    /// A human explanation of what was found.
    public var detail: String {
        switch self {
        case .badQuotes(let d), .badUTF8(let d), .fieldCount(let d): return d
        }
    }
}

/// Reads records one at a time from a CSV or XML file, for a fixed list of wanted fields.
public protocol RecordReader: AnyObject {
    /// The wanted field names, in the order `RawRecord` indexes them.
    var fields: [String] { get }
    /// Overwrites `record` with the next record; returns false at end of file.
    /// Throws `AvisoError` when the file itself can't be trusted (broken gzip, malformed XML…).
    func next(into record: inout RawRecord) throws -> Bool
}
