/// Records handed from a reading thread to a decoding one, packed: every record's field bytes
/// back to back in one buffer, and their bounds, lines and numbers in flat lists. A record
/// kept as a `RawRecord` of its own took three allocations (its bytes and two bound lists,
/// copied when the reader went on to the next record) on the reading thread, which bounds
/// an XML run, and three frees on the decoding one.
struct RawRecordBatch: Sendable {
    /// The fields each record has (the reader's wanted fields).
    let fieldCount: Int
    private var bytes: [UInt8] = []
    // Per record and field, the start and end of the value in `bytes`; -1 when absent.
    private var starts: [Int] = []
    private var ends: [Int] = []
    // Per record, where its bytes start in `bytes` (and the next record's, at the end).
    private var bases: [Int] = [0]
    private var lines: [Int] = []
    private var numbers: [Int] = []
    // The few records with a defect, by index.
    private var problems: [Int: RecordProblem] = [:]

    /// An empty batch of records with `fieldCount` fields, with room for `records` records of
    /// `bytes` bytes in all.
    init(fieldCount: Int, records: Int = 0, bytes: Int = 0) {
        self.fieldCount = fieldCount
        self.bytes.reserveCapacity(bytes)
        starts.reserveCapacity(records * fieldCount)
        ends.reserveCapacity(records * fieldCount)
        bases.reserveCapacity(records + 1)
        lines.reserveCapacity(records)
        numbers.reserveCapacity(records)
    }

    /// Bytes of field values the batch holds (to size the next one).
    var byteCount: Int { bytes.count }

    /// Number of records.
    var count: Int { numbers.count }

    /// Adds a copy of `record` at the end.
    mutating func append(_ record: RawRecord) {
        precondition(record.starts.count == fieldCount, "a record of another table")
        let base = bytes.count
        record.withValueBytes { bytes.append(contentsOf: $0) }
        for field in 0..<fieldCount {
            let start = record.starts[field]
            starts.append(start < 0 ? -1 : base + start)
            ends.append(start < 0 ? -1 : base + record.ends[field])
        }
        if let problem = record.problem { problems[count] = problem }
        lines.append(record.line)
        numbers.append(record.number)
        bases.append(bytes.count)
    }

    /// Overwrites `record` (of this batch's table) with record `index` as it was appended.
    func load(_ index: Int, into record: inout RawRecord) {
        precondition(record.starts.count == fieldCount, "a record of another table")
        let base = bases[index]
        record.storage.removeAll(keepingCapacity: true)
        record.storage.append(contentsOf: bytes[base..<bases[index + 1]])
        for field in 0..<fieldCount {
            let start = starts[index * fieldCount + field]
            record.starts[field] = start < 0 ? -1 : start - base
            record.ends[field] = start < 0 ? -1 : ends[index * fieldCount + field] - base
        }
        record.problem = problems.isEmpty ? nil : problems[index]
        record.line = lines[index]
        record.number = numbers[index]
    }
}
