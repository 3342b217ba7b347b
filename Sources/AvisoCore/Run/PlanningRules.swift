/// What planning a charge needs besides the charge itself: the run date's planner and, when the
/// run reports a look ahead, its window, both classes shared by reference by the decoding
/// threads (as structs of arrays they were copied for each of 10M charges, a retain and a
/// release per reference, contended across threads).
final class PlanningRules: Sendable {
    /// The run date's planner.
    let planner: NotificationPlanner
    /// The look ahead's window; nil when the run reports none.
    let window: LookAheadWindow?

    /// The rules of a run date, with the window of `lookAhead` when the run reports one.
    init(planner: NotificationPlanner, lookAhead: UpcomingSends?) {
        self.planner = planner
        self.window = lookAhead?.window
    }
}
