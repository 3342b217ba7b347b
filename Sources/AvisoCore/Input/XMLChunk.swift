/// A run of whole root children of an XML export, cut out of the file by `XMLChunkSplitter`,
/// to be parsed on another thread as a document of its own: the file's prolog (everything up to
/// and including the root's start tag), the chunk's bytes, then the root's end tag (the last
/// chunk carries the file's own end tag and what follows it). A chunk owns its bytes, or, cut
/// from a mapped file, borrows them from the mapping it keeps alive; it is handed from one
/// thread to the next and never shared, hence `@unchecked Sendable`.
final class XMLChunk: PipelineChunk, @unchecked Sendable {
    /// What every chunk of the file starts and ends with.
    let frame: XMLFrame
    /// The chunk's bytes.
    let bytes: UnsafePointer<UInt8>
    /// How many bytes of `bytes` are the chunk's.
    let count: Int
    /// Record number of the chunk's first record.
    let firstNumber: Int
    /// How many records (root children named as the table's records) the chunk holds.
    let records: Int
    /// Physical line (1-based) of the chunk's first byte in the file.
    let firstLine: Int
    /// What turns a line of the chunk's document (`document()`) into the file's: the chunk's
    /// first byte is on the prolog's last line there.
    var lineShift: Int { firstLine - 1 - frame.prologLineFeeds }
    /// Whether the chunk ends with the file's own end of the root (or the file's end): no end
    /// tag is added after it.
    let isLast: Bool
    /// Whether all of the chunk's blank text lies between tags no value is read from
    /// (`XMLChunkSplitter.blanksAreLayout`): its parse may then drop such text unmade.
    let blanksAreLayout: Bool
    /// The mapped file whose pages `bytes` points into; nil when the chunk owns its bytes.
    private let mapping: MappedFile?

    /// A chunk owning a copy of `count` bytes at `from`.
    init(frame: XMLFrame, copying from: UnsafePointer<UInt8>, count: Int, firstNumber: Int, records: Int,
         firstLine: Int, isLast: Bool, blanksAreLayout: Bool) {
        let owned = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, count))
        owned.update(from: from, count: count)
        self.frame = frame
        bytes = UnsafePointer(owned)
        self.count = count
        self.firstNumber = firstNumber
        self.records = records
        self.firstLine = firstLine
        self.isLast = isLast
        self.blanksAreLayout = blanksAreLayout
        mapping = nil
    }

    /// A chunk borrowing `count` bytes at `from` inside `mapping`.
    init(frame: XMLFrame, borrowing from: UnsafePointer<UInt8>, count: Int, in mapping: MappedFile, firstNumber: Int,
         records: Int, firstLine: Int, isLast: Bool, blanksAreLayout: Bool) {
        self.frame = frame
        bytes = from
        self.count = count
        self.firstNumber = firstNumber
        self.records = records
        self.firstLine = firstLine
        self.isLast = isLast
        self.blanksAreLayout = blanksAreLayout
        self.mapping = mapping
    }

    deinit {
        if let mapping {
            // Parsed: its pages of the file are not needed in memory any more.
            mapping.release(bytes, count: count)
        } else {
            UnsafeMutablePointer(mutating: bytes).deallocate()
        }
    }

    /// The chunk as a document of its own: prolog, bytes, and the root's end tag unless the
    /// chunk carries the file's own.
    func document() -> SegmentedByteSource {
        return SegmentedByteSource(
            [.init(frame.prolog), .init(bytes, count, keeping: self), .init(isLast ? [] : frame.closingTag)]
        )
    }
}
