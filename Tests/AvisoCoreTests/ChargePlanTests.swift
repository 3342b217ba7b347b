import Testing
@testable import AvisoCore

/// `ChargePlan` asks for the customer only when a step needs more than whether it is deleted,
/// and plans exactly as when it is handed the customer outright.
@Suite struct ChargePlanTests {
    /// Counts the fetches of a customer (the plan runs on one thread here).
    final class Fetches: @unchecked Sendable {
        var count = 0
    }

    /// The plan made by `ChargePlan` (counting its fetches of the customer), and the summary of
    /// planning the same charge directly: the left-out rule, then the planner's notifications
    /// and letter for the run date unscreened, and the look ahead's contribution, each handed
    /// the customer outright.
    static func plans(_ charge: Charge, customer: Customer, on run: String) throws -> (direct: String, lazy: ChargePlan, fetches: Int) {
        let planner = try RulesFixtures.planner(run)
        let window = try UpcomingSends(after: planner.runDate, businessDays: 7, calendar: RulesFixtures.calendar, configuration: RunConfiguration())
        let fetches = Fetches()
        let lazy = ChargePlan(charge: charge, customerDeleted: customer.deleted, customer: { fetches.count += 1; return customer },
                              account: RulesFixtures.account, settings: .builtIn, rules: PlanningRules(planner: planner, lookAhead: window))
        var contacts = ContactCache()
        let contribution = try window.window.contribution(charge: charge, customerDeleted: customer.deleted, reach: nil, customer: { customer },
                                                   account: RulesFixtures.account, settings: .builtIn, contacts: &contacts)
        let leftOut = LeftOutReason.of(charge: charge, customerDeleted: customer.deleted, runDate: planner.runDate) != nil
        var notifications: [PlannedNotification] = []
        var letter: LetterDecision?
        if !leftOut {
            notifications = try planner.notifications(for: charge, customer: customer, account: RulesFixtures.account, settings: .builtIn, contacts: &contacts)
            letter = try planner.letter(for: charge, customer: customer)
        }
        let direct = "\(leftOut) \(notifications) \(String(describing: letter)) nil \(contribution.entries.count) entries"
        return (direct, lazy, fetches.count)
    }

    static func summary(_ plan: ChargePlan) -> String {
        let entries: String
        switch plan.upcoming {
        case .success(let contribution)?: entries = "\(contribution.entries.count) entries"
        case .failure(let error)?: entries = "failure \(error)"
        case nil: entries = "no look ahead"
        }
        return "\(plan.leftOut) \(plan.notifications) \(String(describing: plan.letter)) \(String(describing: plan.failure)) \(entries)"
    }

    @Test(arguments: [
        // due, created, status, whether the customer is needed
        ("2027-03-15", "2026-11-01", ChargeStatus.pending, false),   // nothing today nor in the window
        ("2026-12-14", "2026-11-01", ChargeStatus.pending, true),    // WARNING_BEFORE today (10 days)
        ("2026-12-08", "2026-11-01", ChargeStatus.pending, true),    // due in the window
        ("2026-10-01", "2026-09-01", ChargeStatus.received, false),  // paid long ago, nothing
        ("2026-12-10", "2026-12-05", ChargeStatus.pending, true),    // left out today, planned in the look ahead
    ])
    func theCustomerIsFetchedOnlyWhenNeeded(due: String, created: String, status: ChargeStatus, needed: Bool) throws {
        let paid = status.isPaid ? "2026-10-01" : nil
        let charge = RulesFixtures.charge(due: due, created: created, status: status, paymentDate: paid)
        let (direct, lazy, fetches) = try Self.plans(charge, customer: RulesFixtures.customer, on: "2026-12-04")
        #expect(Self.summary(lazy) == direct)
        #expect((fetches > 0) == needed)
        #expect(fetches <= 2)
    }

    @Test func aDeletedCustomerIsLeftOutWithoutBeingFetched() throws {
        var customer = RulesFixtures.customer
        customer.deleted = true
        let charge = RulesFixtures.charge(due: "2026-12-14", created: "2026-11-01")
        let (direct, lazy, fetches) = try Self.plans(charge, customer: customer, on: "2026-12-04")
        #expect(lazy.leftOut)
        #expect(Self.summary(lazy) == direct)
        #expect(fetches == 0)
    }

    /// A plan keeps its few decisions in a box it may share with its copies: changing one plan
    /// must leave every copy as it was.
    @Test func aCopyOfAPlanKeepsItsOwnDecisions() throws {
        var plan = ChargePlan(charge: RulesFixtures.charge(due: "2027-03-15"), customerDeleted: false, customer: { RulesFixtures.customer },
                              account: RulesFixtures.account, settings: .builtIn,
                              rules: PlanningRules(planner: try RulesFixtures.planner("2026-12-04"), lookAhead: nil))
        let untouched = plan
        #expect(plan.isQuiet)
        let first = PlannedNotification(slot: .warningDue, recipient: .customer, channel: .email, scheduleOffset: 0,
                                        scheduledFor: RulesFixtures.day("2026-12-04"), shift: .none, contact: .email(["ana@example.com"]))
        plan.notifications = [first]
        var contribution = UpcomingSends.Contribution()
        contribution.append(.letter(day: 1))
        plan.upcoming = .success(contribution)
        let copy = plan
        plan.notifications.append(first)
        plan.letter = LetterDecision(sendDate: RulesFixtures.day("2026-12-04"), estimatedDelivery: nil, outcome: .rejected(reason: "X", detail: ""))
        plan.failure = AvisoError(.calendar, "not covered")
        plan.upcoming = .failure(AvisoError(.calendar, "not covered"))
        #expect(copy.notifications.count == 1)
        #expect(copy.letter == nil)
        #expect(copy.failure == nil)
        if case .success(let kept)? = copy.upcoming { #expect(kept.entries.count == 1) } else { Issue.record("the copy's look ahead changed") }
        #expect(!copy.isQuiet)
        #expect(copy.lookAheadNote == nil)
        #expect(untouched.isQuiet && untouched.notifications.isEmpty && untouched.upcoming == nil)
        #expect(plan.notifications.count == 2 && plan.letter != nil && plan.failure != nil)
        // Back to nothing: quiet again, though its box stays.
        plan.notifications = []
        plan.letter = nil
        plan.failure = nil
        plan.upcoming = nil
        #expect(plan.isQuiet)
        #expect(copy.notifications.count == 1)
    }
}
