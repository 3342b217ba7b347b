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
}
