import Foundation
import Testing
@testable import AvisoCore

@Suite struct LocalDateTests {
    @Test(arguments: [
        // 2026-12-05 01:00 UTC is still 2026-12-04 22:00 in São Paulo (UTC−3).
        (1_764_896_400.0 + 86_400 * 365, "America/Sao_Paulo", "2026-12-04"),
        (1_764_896_400.0 + 86_400 * 365, "UTC", "2026-12-05"),
        // 2026-12-05 03:00 UTC is midnight in São Paulo.
        (1_764_896_400.0 + 86_400 * 365 + 7_200, "America/Sao_Paulo", "2026-12-05"),
    ])
    func todayIsTheLocalDateOfTheConfiguredZone(epoch: Double, zone: String, iso: String) throws {
        #expect(try LocalDate.today(timeZone: zone, now: Date(timeIntervalSince1970: epoch)).iso == iso)
    }

    @Test func unknownZoneIsAUsageError() {
        #expect(throws: AvisoError.self) { try LocalDate.today(timeZone: "Nowhere/City") }
    }
}
