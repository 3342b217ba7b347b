/// What planning a charge needs besides the charge itself: the run date's planner and, when the
/// run reports a look ahead, its window, both classes shared by reference by the decoding
/// threads (as structs of arrays they were copied for each of 10M charges, a retain and a
/// release per reference, contended across threads).
final class PlanningRules: Sendable {
    /// The run date's planner.
    var planner: NotificationPlanner { lentPlanner.objects[0] }
    /// The look ahead's window; nil when the run reports none.
    var window: LookAheadWindow? { lentWindow.objects.first }
    // The two, lent to every charge without a reference count (see `LentObjects`).
    private let lentPlanner: LentObjects<NotificationPlanner>
    private let lentWindow: LentObjects<LookAheadWindow>

    /// The rules of a run date, with the window of `lookAhead` when the run reports one.
    init(planner: NotificationPlanner, lookAhead: UpcomingSends?) {
        lentPlanner = LentObjects([planner])
        lentWindow = LentObjects(lookAhead.map { [$0.window] } ?? [])
    }

    /// What `body` makes of the run date's planner, lent without a reference count.
    @inline(__always)
    func withPlanner<Result>(_ body: (NotificationPlanner) throws -> Result) rethrows -> Result {
        try lentPlanner.with(0, body)
    }

    /// A charge's candidate dates for the look ahead's window (bit 0 its first day) and, when
    /// no formula met an uncovered date, for the run date (bit 0), from one evaluation over the
    /// run date and the window. Nil when the window would not ask (no window, a deleted
    /// customer), when it lies 64 days or more past the run date, or when the evaluation throws
    /// (each then works its own out, as before, and meets the same error).
    func sharedCandidates(of charge: Charge, customerDeleted: Bool, settings: SlotSettings) -> (window: UInt64, runDate: UInt64?)? {
        guard !customerDeleted else { return nil }
        // Lent, not copied: a copy of the window or planner is a reference count both decoding threads contend for.
        let span: (first: Day, last: Day)?? = withWindow { $0.hasDays ? ($0.firstDay, $0.lastDay) : nil }
        guard let span = span ?? nil else { return nil }
        return withPlanner { planner in
            let runDate = planner.runDate
            guard span.first > runDate, span.last - runDate < 64 else { return nil }
            var skipped = false
            guard let dates = try? planner.candidateSendDates(of: charge, settings: settings, from: runDate, through: span.last,
                                                              skippingUncovered: true, skipped: &skipped) else { return nil }
            return (dates >> UInt64(span.first - runDate), skipped ? nil : dates)
        }
    }

    /// What `body` makes of the look ahead's window, lent without a reference count; nil when
    /// the run reports no look ahead.
    @inline(__always)
    func withWindow<Result>(_ body: (LookAheadWindow) throws -> Result) rethrows -> Result? {
        guard lentWindow.count > 0 else { return nil }
        return try lentWindow.with(0, body)
    }
}
