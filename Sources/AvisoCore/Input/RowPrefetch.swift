/// Loads a row's `prepare` will make from memory it shares with millions of other rows (a
/// customer's index slot, its id with its summary, its account's settings), asked for a few
/// rows ahead of `prepare`.
///
/// Each of these loads is a cache miss at millions of customers, and each depends on the one
/// before (the slot says where the id is, the summary beside the id which account's settings
/// apply), so a row's `prepare` waited for several misses in a row. A reader
/// with a prefetch prepares a row four records after decoding it, and runs these steps for it
/// in between: `start` as it is decoded, `next` a record later, `last` a record after that,
/// `final` one more. Each step reads what the one before asked for (arrived by then: decoding
/// and preparing a record take longer than a miss) and asks for the next. Only hints: a step
/// may ask for nothing, and what it asks for changes no result.
struct RowPrefetch<Row>: Sendable {
    /// A token no step is called with: the row (or the step) has nothing to ask for.
    static var nothing: UInt64 { .max }

    /// First step, from the row: asks for the first load; returns the token for `next`.
    let start: @Sendable (Row) -> UInt64
    /// Second step, from `start`'s token: asks for the second load; returns the token for `last`.
    let next: @Sendable (UInt64) -> UInt64
    /// Third step, from `next`'s token: asks for the third load; returns the token for `final`.
    let last: @Sendable (UInt64) -> UInt64
    /// Fourth step, from `last`'s token.
    let final: @Sendable (UInt64) -> Void
}
