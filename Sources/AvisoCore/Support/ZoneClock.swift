import Foundation

/// Converts between instants and local dates of one IANA time zone (the run's `timeZone`).
/// Used for resend timestamps only: few values, so Foundation's zone rules are fine here.
public struct ZoneClock: Sendable {
    public let zone: TimeZone

    public init(identifier: String) throws {
        guard let zone = TimeZone(identifier: identifier) else {
            throw AvisoError(.usage, "unknown time zone '\(identifier)'", hint: "use an IANA name such as America/Sao_Paulo")
        }
        self.zone = zone
    }

    /// Milliseconds since the Unix epoch for a parsed date-time; local fields use this zone.
    public func instant(_ value: DateTimeValue) -> Int64 {
        let localMillis = Int64(value.day.number) * 86_400_000 + value.millisecondOfDay
        if let offset = value.offsetSeconds { return localMillis - Int64(offset) * 1000 }
        // Guess with the offset at the local time read as UTC, then correct once. A guess is right
        // when it reads back as the written local time; in a forward gap (a local time that
        // never existed, clocks moved ahead) neither does, and the later instant is the one
        // that keeps the written date.
        let first = localMillis - Int64(offsetSeconds(atMillis: localMillis)) * 1000
        let second = localMillis - Int64(offsetSeconds(atMillis: first)) * 1000
        for guess in [second, first] where guess + Int64(offsetSeconds(atMillis: guess)) * 1000 == localMillis {
            return guess
        }
        return max(first, second)
    }

    /// The local date of an instant in this zone.
    public func localDay(ofMillis millis: Int64) -> Day {
        let local = millis + Int64(offsetSeconds(atMillis: millis)) * 1000
        let days = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        return Day(number: Int32(days))
    }

    private func offsetSeconds(atMillis millis: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
