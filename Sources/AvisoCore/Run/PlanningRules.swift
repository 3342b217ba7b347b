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

    /// What `body` makes of the look ahead's window, lent without a reference count; nil when
    /// the run reports no look ahead.
    @inline(__always)
    func withWindow<Result>(_ body: (LookAheadWindow) throws -> Result) rethrows -> Result? {
        guard lentWindow.count > 0 else { return nil }
        return try lentWindow.with(0, body)
    }
}
