/// What the preparing step of a `TableReader` made of one sound row, off the caller's thread:
/// work for the caller's `handle`, or nothing but a count. Most rows of a large charges file
/// send nothing on the run date; such a row is settled where it is decoded and reaches the
/// caller's thread as a count alone, without its row, so that the one thread that must see
/// rows in file order does not also copy and free millions of rows that change nothing.
enum PreparedRow<Work: Sendable>: Sendable {
    /// Work for `handle`, which gets the row with it.
    case work(Work)
    /// Nothing for `handle` to do: the row is counted as used, or as left out, and its `note`
    /// (if any) goes to the caller's `noteCounted`.
    case counted(leftOut: Bool, note: CountedNote? = nil)
}
