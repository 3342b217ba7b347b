/// An export file found for one of the tables: where it is and how to read it.
public struct LocatedInput: Sendable, Equatable {
    /// CSV or XML.
    public enum Format: String, Sendable {
        case csv
        case xml
    }

    /// The table's base name (`charges`).
    public var table: String
    /// The path to open.
    public var path: String
    /// The file name shown in rejects and messages (`charges.csv.gz`).
    public var fileName: String
    public var format: Format

    public init(table: String, path: String, fileName: String, format: Format) {
        self.table = table
        self.path = path
        self.fileName = fileName
        self.format = format
    }
}
