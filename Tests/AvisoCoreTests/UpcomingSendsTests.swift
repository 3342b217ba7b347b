import Foundation
import Testing
@testable import AvisoCore

/// The report's look ahead (planned only on each charge's candidate send dates) must equal the
/// forecast (every charge planned on every date), which itself equals the real runs.
@Suite struct UpcomingSendsTests {
    @Test(arguments: ["2026-12-04", "2026-11-27", "2026-12-18", "2026-11-19"])
    func lookAheadEqualsTheForecastOfTheNextTenBusinessDays(runDate: String) throws {
        let options = try SampleExport.options(runDate)
        let calendar = BusinessCalendar(calendars: options.calendars)
        var upcoming = try UpcomingSends(after: options.runDate, businessDays: 10, calendar: calendar, configuration: options.configuration)
        let snapshot = try ExportSnapshot(directory: options.inputDirectory, explicit: options.explicitInputs, maxRejectRatio: options.configuration.maxRejectRatio)
        var rejects = snapshot.rejects
        _ = try snapshot.readCharges(rejects: &rejects) { charge, customer, account, settings in
            try upcoming.add(charge: charge, customer: customer, account: account, settings: settings)
            return .used
        }
        let days = upcoming.days
        #expect(days.count == 10)
        #expect(days.allSatisfy { $0.businessDay })
        let last = try #require(days.last).date
        let forecast = try Forecaster(options: options).forecast(from: options.runDate + 1, days: last - options.runDate)
        #expect(days == forecast.filter { $0.businessDay })
        // The look ahead is not empty on the samples: it would prove nothing otherwise.
        #expect(days.map(\.messages).reduce(0, +) > 0)
    }

    /// The run's own way: customers' reach worked out as the snapshot reads them (audits on),
    /// charges planned on the decoding threads with the window, look-ahead-only charges handed
    /// over as notes.
    @Test(arguments: ["2026-12-04", "2026-11-27", "2026-12-18", "2026-11-19"])
    func theRunsWayEqualsTheForecast(runDate: String) throws {
        let options = try SampleExport.options(runDate)
        let calendar = BusinessCalendar(calendars: options.calendars)
        var upcoming: UpcomingSends? = try UpcomingSends(after: options.runDate, businessDays: 10, calendar: calendar,
                                                         configuration: options.configuration)
        let rules = PlanningRules(planner: try NotificationPlanner(runDate: options.runDate, calendar: calendar, configuration: options.configuration),
                                  lookAhead: upcoming)
        let snapshot = try ExportSnapshot(directory: options.inputDirectory, explicit: options.explicitInputs,
                                          maxRejectRatio: options.configuration.maxRejectRatio, audits: true)
        var rejects = snapshot.rejects
        let reached = AtomicCounter()
        var notes = 0
        var plans = 0
        _ = try snapshot.readCharges(rejects: &rejects, prepare: { charge, customerDeleted, reach, fetch, account, settings, _ -> PreparedRow<ChargePlan> in
            if reach != nil { reached.add(1) }
            let plan = ChargePlan(charge: charge, customerDeleted: customerDeleted, reach: reach, customer: fetch, account: account(),
                                  settings: settings, rules: rules)
            if plan.isQuiet { return .counted(leftOut: plan.leftOut) }
            if let note = plan.lookAheadNote { return .counted(leftOut: plan.leftOut, note: note) }
            return .work(plan)
        }, noteCounted: { note in
            notes += 1
            upcoming?.add(packed: note)
        }) { _, _, plan in
            plans += 1
            if case .success(let contribution)? = plan.upcoming { upcoming?.add(contribution) }
            return plan.leftOut ? .leftOut : .used
        }
        let days = try #require(upcoming).days
        let last = try #require(days.last).date
        let forecast = try Forecaster(options: options).forecast(from: options.runDate + 1, days: last - options.runDate)
        #expect(days == forecast.filter { $0.businessDay })
        // Both ways of handing a charge over, and the reach, were used.
        #expect(notes > 0 && plans > 0 && reached.value > 0)
    }
}
