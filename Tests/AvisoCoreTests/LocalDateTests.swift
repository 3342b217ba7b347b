import Foundation
import Testing
@testable import AvisoCore

@Suite struct LocalDateTests {
    /// 2026-12-05 01:00:00 UTC, when a cron job on a UTC machine fires.
    static let cronInstant: Double = 1_796_432_400

    @Test func cronAtOneUTCIsStillYesterdayInSaoPaulo() throws {
        let now = Date(timeIntervalSince1970: Self.cronInstant)
        #expect(try LocalDate.today(timeZone: "America/Sao_Paulo", now: now).iso == "2026-12-04")
        #expect(try LocalDate.today(timeZone: "UTC", now: now).iso == "2026-12-05")
    }

    @Test func midnightInSaoPauloStartsTheNextDay() throws {
        // 03:00 UTC is 00:00 in São Paulo (UTC−3, no daylight saving since 2019).
        let now = Date(timeIntervalSince1970: Self.cronInstant + 7_200)
        #expect(try LocalDate.today(timeZone: "America/Sao_Paulo", now: now).iso == "2026-12-05")
    }

    @Test func unknownZoneIsAUsageError() {
        #expect(throws: AvisoError.self) { try LocalDate.today(timeZone: "Nowhere/City") }
    }
}
