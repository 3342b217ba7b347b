/// What planning a charge needs besides the charge itself: the run date's planner and, when the
/// run reports a look ahead, its window. Shared by reference by the decoding threads: the
/// window is a struct of arrays and planners, and copying it for each of 10M charges (a retain
/// and a release per reference, contended across threads) cost a few percent of the reading's
/// CPU.
final class PlanningRules: Sendable {
    /// The run date's planner.
    let planner: NotificationPlanner
    /// The look ahead's window; nil when the run reports none.
    let window: UpcomingSends?

    init(planner: NotificationPlanner, window: UpcomingSends?) {
        self.planner = planner
        self.window = window
    }
}
