import Testing
@testable import AvisoCore

/// `ChargePlan` asks for the customer only when a step needs more than whether it is deleted,
/// and plans exactly as when it is handed the customer outright.
@Suite struct ChargePlanTests {
    /// Counts the fetches of a customer (the plan runs on one thread here).
    final class Fetches: @unchecked Sendable {
        var count = 0
    }

    static func plans(_ charge: Charge, customer: Customer, on run: String) throws -> (eager: ChargePlan, lazy: ChargePlan, fetches: Int) {
        let planner = try RulesFixtures.planner(run)
        let window = try UpcomingSends(after: planner.runDate, businessDays: 7, calendar: RulesFixtures.calendar, configuration: RunConfiguration())
        let eager = ChargePlan(charge: charge, customer: customer, account: RulesFixtures.account, settings: .builtIn,
                               planner: planner, upcoming: window)
        let fetches = Fetches()
        let lazy = ChargePlan(charge: charge, customerDeleted: customer.deleted, customer: { fetches.count += 1; return customer },
                              account: RulesFixtures.account, settings: .builtIn, planner: planner, upcoming: window)
        return (eager, lazy, fetches.count)
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
        let (eager, lazy, fetches) = try Self.plans(charge, customer: RulesFixtures.customer, on: "2026-12-04")
        #expect(Self.summary(lazy) == Self.summary(eager))
        #expect((fetches > 0) == needed)
        #expect(fetches <= 2)
    }

    @Test func aDeletedCustomerIsLeftOutWithoutBeingFetched() throws {
        var customer = RulesFixtures.customer
        customer.deleted = true
        let charge = RulesFixtures.charge(due: "2026-12-14", created: "2026-11-01")
        let (eager, lazy, fetches) = try Self.plans(charge, customer: customer, on: "2026-12-04")
        #expect(lazy.leftOut && eager.leftOut)
        #expect(Self.summary(lazy) == Self.summary(eager))
        #expect(fetches == 0)
    }
}
