/// A run of whole CSV records cut out of a file by `CSVRecordReader.nextChunk`, to be parsed
/// on another thread by a `CSVRecordReader(chunk:layout:)`. The chunk owns its bytes, or, cut
/// from a mapped file, borrows them from the mapping it keeps alive (`borrow`); it is handed
/// from one thread to the next and never shared, hence `@unchecked Sendable`.
final class CSVChunk: PipelineChunk, @unchecked Sendable {
    /// The chunk's bytes: its records, and any blank lines between or after them.
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    /// How many bytes of `bytes` are valid.
    private(set) var count = 0
    private var capacity: Int
    /// What the file's header decided.
    let layout: CSVLayout
    /// Physical line (1-based) at the chunk's first byte.
    let firstLine: Int
    /// Record number of the chunk's first record.
    let firstNumber: Int
    /// How many records the splitter found in the chunk; a chunk parser stops after these.
    var records = 0
    /// The mapped file whose pages `bytes` points into; nil when the chunk owns its bytes.
    private var mapping: MappedFile?

    /// An empty chunk of a file with `layout`, whose first byte is on `firstLine` and whose
    /// first record is number `firstNumber`, with room for `capacity` bytes to start with.
    init(layout: CSVLayout, firstLine: Int, firstNumber: Int, capacity: Int) {
        self.layout = layout
        self.firstLine = firstLine
        self.firstNumber = firstNumber
        self.capacity = max(16, capacity)
        bytes = .allocate(capacity: self.capacity)
    }

    /// An empty chunk as above that will borrow its bytes (`borrow`): nothing allocated.
    init(layout: CSVLayout, firstLine: Int, firstNumber: Int, borrowingFrom mapping: MappedFile) {
        self.layout = layout
        self.firstLine = firstLine
        self.firstNumber = firstNumber
        self.mapping = mapping
        capacity = 0
        bytes = UnsafeMutablePointer(mutating: mapping.base)
    }

    deinit {
        if let mapping {
            // Parsed: its pages of the file are not needed in memory any more.
            mapping.release(bytes, count: count)
        } else {
            bytes.deallocate()
        }
    }

    /// Where the chunk's first byte is in its mapped file; nil when the chunk owns its bytes.
    var fileOffset: Int? {
        mapping.map { UnsafeRawPointer($0.base).distance(to: UnsafeRawPointer(bytes)) }
    }

    /// Makes the chunk's bytes the `length` bytes at `from`, inside the mapping it was made to
    /// borrow from; it holds nothing before. The bytes are only ever read.
    func borrow(_ from: UnsafePointer<UInt8>, _ length: Int) {
        precondition(mapping != nil && count == 0, "only an empty chunk made to borrow borrows")
        bytes = UnsafeMutablePointer(mutating: from)
        count = length
    }

    /// Appends up to `length` bytes that `read` writes at the pointer it is given and counts
    /// (its return value, at most `length`; negative for none), growing the storage as needed.
    func append(reading length: Int, _ read: (UnsafeMutablePointer<UInt8>) -> Int) -> Int {
        precondition(mapping == nil, "a chunk borrowing a mapping's bytes takes no copies")
        if count + length > capacity {
            capacity = CSVRecordReader.grow(&bytes, keeping: count, to: max(capacity * 2, count + length))
        }
        let got = read(bytes + count)
        if got > 0 { count += min(got, length) }
        return got
    }

    /// Empties a chunk that owns its bytes, keeping its storage, to be filled again (a reader
    /// of it then `restart`s).
    func removeAll() {
        precondition(mapping == nil, "only a chunk owning its bytes is refilled")
        count = 0
        records = 0
    }

    /// Appends `length` bytes at `from`, growing the storage as needed.
    func append(_ from: UnsafePointer<UInt8>, _ length: Int) {
        guard length > 0 else { return }
        _ = append(reading: length) { target in
            target.update(from: from, count: length)
            return length
        }
    }
}
