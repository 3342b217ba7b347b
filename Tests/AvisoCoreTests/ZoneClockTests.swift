import Testing
@testable import AvisoCore

/// Local times of the run's zone → instants, and instants → local dates.
@Suite struct ZoneClockTests {
    static let hour: Int64 = 3_600_000
    static let dayMillis: Int64 = 86_400_000

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// Milliseconds since the epoch of a UTC date and time.
    static func utc(_ iso: String, _ h: Int64, _ m: Int64 = 0, _ s: Int64 = 0, _ f: Int64 = 0) -> Int64 {
        Int64(day(iso).number) * dayMillis + ((h * 60 + m) * 60 + s) * 1000 + f
    }

    static func value(_ text: String) -> DateTimeValue {
        DateTimeField.parse(Array(text.utf8)[...])!
    }

    static let saoPaulo = try! ZoneClock(identifier: "America/Sao_Paulo")

    struct InstantCase: Sendable, CustomTestStringConvertible {
        var zone: String
        var text: String
        var instant: Int64
        var testDescription: String { "\(text) in \(zone)" }
    }

    static let instantCases: [InstantCase] = [
        // São Paulo has been UTC−3 all year since 2019.
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03T10:00", instant: utc("2026-12-03", 13)),
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03 10:00:30.250", instant: utc("2026-12-03", 13, 0, 30, 250)),
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03T00:00", instant: utc("2026-12-03", 3)),
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03T21:00", instant: utc("2026-12-04", 0)),
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03T23:59:59.999", instant: utc("2026-12-04", 2, 59, 59, 999)),
        InstantCase(zone: "America/Sao_Paulo", text: "2026-07-15T12:00", instant: utc("2026-07-15", 15)),
        // Summer time of 2017/2018 (UTC−2 from 2017-10-15 to 2018-02-17).
        InstantCase(zone: "America/Sao_Paulo", text: "2018-01-15T12:00", instant: utc("2018-01-15", 14)),
        InstantCase(zone: "America/Sao_Paulo", text: "2018-03-15T12:00", instant: utc("2018-03-15", 15)),
        // An explicit offset wins over the zone.
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03T10:00Z", instant: utc("2026-12-03", 10)),
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03T10:00-03:00", instant: utc("2026-12-03", 13)),
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03T10:00+0530", instant: utc("2026-12-03", 4, 30)),
        InstantCase(zone: "America/Sao_Paulo", text: "2026-12-03T01:00+05", instant: utc("2026-12-02", 20)),
        InstantCase(zone: "America/Sao_Paulo", text: "2018-01-15T12:00-03:00", instant: utc("2018-01-15", 15)),
        // Other zones.
        InstantCase(zone: "UTC", text: "2026-12-03T10:00", instant: utc("2026-12-03", 10)),
        InstantCase(zone: "America/Manaus", text: "2026-12-03T10:00", instant: utc("2026-12-03", 14)),
        InstantCase(zone: "America/Noronha", text: "2026-12-03T10:00", instant: utc("2026-12-03", 12)),
        InstantCase(zone: "Asia/Kolkata", text: "2026-12-03T10:00", instant: utc("2026-12-03", 4, 30)),
        // Before the epoch.
        InstantCase(zone: "America/Sao_Paulo", text: "1969-12-31T22:00", instant: utc("1970-01-01", 1)),
    ]

    @Test(arguments: instantCases)
    func localOrOffsetTimeToInstant(_ c: InstantCase) throws {
        let clock = try ZoneClock(identifier: c.zone)
        #expect(clock.instant(Self.value(c.text)) == c.instant)
    }

    struct LocalDayCase: Sendable, CustomTestStringConvertible {
        var zone: String
        var instant: Int64
        var day: String
        var testDescription: String { "\(instant) in \(zone) → \(day)" }
    }

    static let localDayCases: [LocalDayCase] = [
        // Midnight in São Paulo is 03:00 UTC.
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("2026-12-04", 2, 59, 59, 999), day: "2026-12-03"),
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("2026-12-04", 3), day: "2026-12-04"),
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("2026-12-04", 0), day: "2026-12-03"),
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("2026-12-03", 23, 59), day: "2026-12-03"),
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("2027-01-01", 2, 30), day: "2026-12-31"),
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("2027-01-01", 3), day: "2027-01-01"),
        // Summer time: midnight was 02:00 UTC.
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("2018-01-16", 1, 59), day: "2018-01-15"),
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("2018-01-16", 2), day: "2018-01-16"),
        // Around the epoch: floor, not truncation, for negative local times.
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("1970-01-01", 2), day: "1969-12-31"),
        LocalDayCase(zone: "America/Sao_Paulo", instant: utc("1970-01-01", 3), day: "1970-01-01"),
        LocalDayCase(zone: "America/Sao_Paulo", instant: -1, day: "1969-12-31"),
        LocalDayCase(zone: "UTC", instant: -1, day: "1969-12-31"),
        LocalDayCase(zone: "UTC", instant: 0, day: "1970-01-01"),
        LocalDayCase(zone: "UTC", instant: utc("2026-12-03", 23, 59, 59, 999), day: "2026-12-03"),
        // East of UTC the local date runs ahead.
        LocalDayCase(zone: "Asia/Kolkata", instant: utc("2026-12-03", 18, 30), day: "2026-12-04"),
        LocalDayCase(zone: "Asia/Kolkata", instant: utc("2026-12-03", 18, 29, 59, 999), day: "2026-12-03"),
    ]

    @Test(arguments: localDayCases)
    func localDayOfAnInstant(_ c: LocalDayCase) throws {
        let clock = try ZoneClock(identifier: c.zone)
        #expect(clock.localDay(ofMillis: c.instant) == Self.day(c.day))
    }

    struct RoundTripCase: Sendable, CustomTestStringConvertible {
        var zone: String
        var text: String
        var testDescription: String { "\(text) in \(zone)" }
    }

    /// A local time without offset lies on its own written date. Includes local times that a
    /// summer-time change skipped (São Paulo 2018-11-04 00:00–00:59; Santiago 2026-09-06
    /// 00:00–00:59, when Chile moves its clocks at midnight): no instant has them, and the
    /// written date must still be the request's local date.
    static let roundTripCases: [RoundTripCase] = [
        RoundTripCase(zone: "America/Sao_Paulo", text: "2026-12-03T00:00"),
        RoundTripCase(zone: "America/Sao_Paulo", text: "2026-12-03T23:59:59.999"),
        RoundTripCase(zone: "America/Sao_Paulo", text: "2018-02-17T23:30"),
        RoundTripCase(zone: "America/Sao_Paulo", text: "2018-02-18T00:30"),
        RoundTripCase(zone: "America/Sao_Paulo", text: "2017-10-14T23:59"),
        RoundTripCase(zone: "America/Sao_Paulo", text: "2017-10-15T01:00"),
        RoundTripCase(zone: "America/Sao_Paulo", text: "2018-11-04T00:30"),
        RoundTripCase(zone: "America/Santiago", text: "2026-09-06T00:30"),
        RoundTripCase(zone: "America/Santiago", text: "2026-09-05T23:59"),
        RoundTripCase(zone: "Europe/Lisbon", text: "2026-03-29T01:30"),
    ]

    @Test(arguments: roundTripCases)
    func localTimeStaysOnItsWrittenDate(_ c: RoundTripCase) throws {
        let clock = try ZoneClock(identifier: c.zone)
        let value = Self.value(c.text)
        #expect(clock.localDay(ofMillis: clock.instant(value)) == value.day)
    }

    @Test func ordersRequestsAsInstantsAcrossOffsets() {
        let clock = Self.saoPaulo
        // 10:00 local = 13:00Z = 14:00+01:00: the same instant, written three ways.
        let local = clock.instant(Self.value("2026-12-03T10:00"))
        #expect(clock.instant(Self.value("2026-12-03T13:00Z")) == local)
        #expect(clock.instant(Self.value("2026-12-03T14:00+01:00")) == local)
        // 12:00Z is earlier than 10:00 local although its clock reading is later.
        #expect(clock.instant(Self.value("2026-12-03T12:00Z")) < local)
    }

    @Test func unknownZoneIsAUsageError() {
        do {
            _ = try ZoneClock(identifier: "America/Atlantis")
            Issue.record("an unknown zone must throw")
        } catch let error as AvisoError {
            #expect(error.category == .usage)
            #expect(error.message.contains("America/Atlantis"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
