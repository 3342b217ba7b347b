/// What happened to one input file's rows in a run.
public struct TableStatistics: Sendable, Equatable {
    /// Table base name (`charges`).
    public var table: String
    /// File name as found.
    public var fileName: String
    /// CSV or XML.
    public var format: String
    /// Whether the file was gzipped (by name).
    public var gzip: Bool
    /// Data records read.
    public var rowsRead = 0
    /// Records used by the run.
    public var rowsUsed = 0
    /// Records rejected (listed in rejects.csv).
    public var rowsRejected = 0
    /// Sound records the run left out (not yet created on the run date, deleted customers …).
    public var rowsLeftOut = 0
    /// SHA-256 of the file's bytes as stored.
    public var sha256 = ""

    public init(table: String, fileName: String, format: String, gzip: Bool) {
        self.table = table
        self.fileName = fileName
        self.format = format
        self.gzip = gzip
    }
}
