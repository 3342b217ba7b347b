/// What a CSV file's header decided, once for the whole file: everything a parser of a
/// chunk of its records needs to read them exactly as a reader of the whole file would.
struct CSVLayout: Sendable {
    /// The name used in errors.
    let fileName: String
    /// The wanted field names, in the order `RawRecord` indexes them.
    let fields: [String]
    /// The header's column names, trimmed, in file order.
    let header: [String]
    /// Header column index → wanted field index, or -1.
    let columnMap: [Int]
    /// `,` or `;`.
    let delimiter: UInt8
    /// A quote still open this many bytes after its record's start is never closed.
    let quotedCap: Int
    /// A record longer than this fails the file.
    let maxRecordBytes: Int
}
