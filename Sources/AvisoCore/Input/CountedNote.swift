/// Sixteen bytes the preparing step of a `TableReader` may leave with a row it settles as only
/// counted (`PreparedRow.counted`), handed back to the caller on its thread in file order
/// (unless the row is rejected after all): what a counted row adds to the caller's totals,
/// without the row itself crossing threads. The run packs a charge's share of the report's
/// look ahead in one (`UpcomingSends.Contribution.packed`).
struct CountedNote: Sendable {
    /// The first 64 bits.
    var low: UInt64
    /// The last 64 bits.
    var high: UInt64
}
