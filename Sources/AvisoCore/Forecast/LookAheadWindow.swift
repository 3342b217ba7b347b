/// The look ahead's window as each charge is planned against it: the business days after the
/// run date, each with its own planner. Immutable, and a class so that the decoding threads
/// share it by reference (as a struct of arrays it was copied, a retain and a release per
/// array, for each of millions of charges). `UpcomingSends` adds up what it works out.
final class LookAheadWindow: Sendable {
    /// The run's configuration (fees).
    let configuration: RunConfiguration
    /// One planner per business day of the window, in date order.
    var planners: [NotificationPlanner] { lentPlanners.objects }
    /// The first and last day of the window (the first planner's date, the last one's).
    let firstDay: Day
    let lastDay: Day

    // The planners lent without a reference count (see `LentObjects`): every charge's
    // candidate dates are asked of the first, and those of a charge with candidates of each.
    private let lentPlanners: LentObjects<NotificationPlanner>
    // For each day from `firstDay` (a bit of the candidate dates), the index of its planner,
    // or -1 when it is not a business day: a charge's dates are visited by their bits, not
    // every planner by its date (about ten a charge, for the half of the charges with any).
    private let plannerOfDay: [Int]

    /// Whether the window has any day (a planner per business day).
    var hasDays: Bool { lentPlanners.count > 0 }

    init(configuration: RunConfiguration, planners: [NotificationPlanner], firstDay: Day, lastDay: Day) {
        self.configuration = configuration
        lentPlanners = LentObjects(planners)
        self.firstDay = firstDay
        self.lastDay = lastDay
        var plannerOfDay = Array(repeating: -1, count: 64)
        for (index, planner) in planners.enumerated() {
            let day = planner.runDate - firstDay
            precondition(day >= 0 && day < 64, "a window's planners are within 64 days of its first day")
            plannerOfDay[day] = index
        }
        self.plannerOfDay = plannerOfDay
    }

    /// What a charge would emit on the window's dates, checking each contact once in
    /// `contacts` (shared with the run date's planning of the same charge).
    /// The customer is asked for only when the charge could send on a date of the window (most
    /// charges have none, and fetching a customer is a cache miss at millions of customers),
    /// and not even then when `reach` is given and no letter of the charge can be due (neither
    /// the customer nor the charge asks for postal service): the notifications are then counted
    /// by `reach` (`NotificationPlanner.countNotifications`), which gives the same entries.
    /// `candidates`: the charge's candidate dates on the window (bit 0 `firstDay`), when the
    /// caller worked them out already (skipping uncovered dates, as the window does).
    func contribution(charge: Charge, customerDeleted: Bool, reach: RecipientReach?, customer fetch: () -> Customer,
                      account: @autoclosure () -> Account, settings: SlotSettings,
                      contacts: inout ContactCache, candidates known: UInt64? = nil) throws -> UpcomingSends.Contribution {
        var contribution = UpcomingSends.Contribution()
        guard lentPlanners.count > 0, !customerDeleted else { return contribution }
        let candidates = try known ?? candidateDates(charge: charge, settings: settings)
        guard candidates != 0 else { return contribution }
        // Counted by reach, the customer is not made; a letter needs its address, so a charge
        // that could go by post is planned with the customer (most of a postal customer's
        // charges cannot: paid, not a boleto, no linha digitável).
        let countedReach = reach.flatMap { PostalRules.ineligibility(of: charge, customerPostalService: $0.postalService) == nil ? nil : $0 }
        let customer: Customer? = countedReach == nil ? fetch() : nil
        // Dates in order, as the planners are.
        var dates = candidates
        while dates != 0 {
            let index = plannerOfDay[dates.trailingZeroBitCount]
            dates &= dates - 1
            guard index >= 0 else { continue }
            try lentPlanners.with(index) { planner in
                guard charge.dateCreated < planner.runDate else { return }
                if let countedReach {
                    try planner.countNotifications(for: charge, reach: countedReach, settings: settings) { slot, channel, rejected in
                        contribution.append(.notification(day: index, slot: slot, channel: channel, rejected: rejected))
                    }
                    return
                }
                guard let customer else { return }
                for planned in try planner.notifications(for: charge, customer: customer, account: account(), settings: settings, contacts: &contacts) {
                    var rejected = false
                    if case .rejected = planned.contact { rejected = true }
                    contribution.append(.notification(day: index, slot: planned.slot, channel: planned.channel, rejected: rejected))
                }
                if let letter = try planner.letter(for: charge, customer: customer), case .mail = letter.outcome {
                    contribution.append(.letter(day: index))
                }
            }
        }
        return contribution
    }

    /// Every send date in the window of the charge's enabled slots and of its letter, as a bit
    /// per day from the window's first day (no allocation: this runs for every charge). Dates
    /// outside the calendars are passed over.
    private func candidateDates(charge: Charge, settings: SlotSettings) throws -> UInt64 {
        try lentPlanners.with(0) {
            try $0.candidateSendDates(of: charge, settings: settings, from: firstDay, through: lastDay, skippingUncovered: true)
        }
    }
}
