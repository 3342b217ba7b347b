/// What planning a charge needs besides the charge itself: the run date's planner and, when the
/// run reports a look ahead, its window, both classes shared by reference by the decoding
/// threads (as structs of arrays they were copied for each of 10M charges, a retain and a
/// release per reference, contended across threads).
final class PlanningRules: Sendable {
    /// The run date's planner.
    let planner: NotificationPlanner
    /// The look ahead's window; nil when the run reports none.
    let window: LookAheadWindow?
    // The same two, unretained (`planner` and `window` keep them alive): every charge reaches
    // them through these, as a copy of either reference was a retain and a release of an
    // object both decoding threads use, two contended atomic operations per charge.
    private let unretainedPlanner: Unmanaged<NotificationPlanner>
    private let unretainedWindow: Unmanaged<LookAheadWindow>?

    /// The rules of a run date, with the window of `lookAhead` when the run reports one.
    init(planner: NotificationPlanner, lookAhead: UpcomingSends?) {
        self.planner = planner
        self.window = lookAhead?.window
        unretainedPlanner = Unmanaged.passUnretained(planner)
        unretainedWindow = window.map { Unmanaged.passUnretained($0) }
    }

    /// What `body` makes of the run date's planner, lent without a reference count.
    @inline(__always)
    func withPlanner<Result>(_ body: (NotificationPlanner) throws -> Result) rethrows -> Result {
        try unretainedPlanner._withUnsafeGuaranteedRef(body)
    }

    /// What `body` makes of the look ahead's window, lent without a reference count; nil when
    /// the run reports no look ahead.
    @inline(__always)
    func withWindow<Result>(_ body: (LookAheadWindow) throws -> Result) rethrows -> Result? {
        guard let unretainedWindow else { return nil }
        return try unretainedWindow._withUnsafeGuaranteedRef(body)
    }
}
