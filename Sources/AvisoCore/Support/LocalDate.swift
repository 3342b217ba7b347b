import Foundation

/// Today's date in a given time zone: cron at 01:00 UTC is still yesterday in São Paulo.
public enum LocalDate {
    /// The local date of `now` in the named IANA time zone.
    public static func today(timeZone name: String, now: Date = Date()) throws -> Day {
        guard let zone = TimeZone(identifier: name) else {
            throw AvisoError(.usage, "unknown time zone '\(name)'", hint: "use an IANA name such as America/Sao_Paulo")
        }
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: now)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return Day(number: Int32(days))
    }
}
