/// An error that stops a run, phrased for the operator: what was expected, what was found,
/// where, and what to do. Its category decides the process exit code at the CLI edge.
public struct AvisoError: Error, Sendable, CustomStringConvertible {
    /// Broad classes of failure, each with its own documented exit code.
    public enum Category: Sendable {
        /// Bad command line or configuration (exit 2).
        case usage
        /// An input file that can't be trusted: missing, unreadable, malformed, too many rejects (exit 3).
        case input
        /// A date outside the years the loaded holiday calendars cover, or a bad calendar (exit 4).
        case calendar
        /// Output could not be written or published (exit 5).
        case output
        /// Another run holds the state (exit 6).
        case busy
    }

    public var category: Category
    /// The file concerned, if any.
    public var file: String?
    /// Line (CSV) or record (XML) number in that file, if any.
    public var line: Int?
    /// What went wrong, in one sentence.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ category: Category, file: String? = nil, line: Int? = nil, _ message: String, hint: String? = nil) {
        self.category = category
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = ""
        if let file {
            text += file
            if let line { text += ":\(line)" }
            text += ": "
        }
        text += message
        if let hint { text += " (\(hint))" }
        return text
    }
}
