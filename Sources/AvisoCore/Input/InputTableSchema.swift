/// What a run reads from one export file: its base name, the XML record element, the fields
/// it uses (everything else in the file is ignored), which are required, and how a row decodes.
protocol InputTableSchema: SendableMetatype {
    associatedtype Row: Sendable
    /// File base name and XML root element (`charges`).
    static var baseName: String { get }
    /// XML record element (`charge`).
    static var recordName: String { get }
    /// Fields read, in the order they are checked.
    static var fields: [String] { get }
    /// Required fields: a CSV without one of these columns can't be read at all.
    static var required: [String] { get }
    /// Decodes one sound record, or says which field is wrong and why.
    static func decode(_ cursor: FieldCursor) throws(RowError) -> Row
    /// The row's `id` field as read (for a reject), or nil when the table has none.
    static func id(of row: Row) -> String?
    /// The buffer of the row's packed text, for the next rows to pack into once the row is let
    /// go (see `PackedTextSpares`), or nil when rows keep none worth reusing.
    static func textBuffer(of row: consuming Row) -> [UInt8]?
}

extension InputTableSchema {
    /// Rows keep no buffer worth reusing, unless the table says otherwise.
    static func textBuffer(of row: consuming Row) -> [UInt8]? { nil }
}
