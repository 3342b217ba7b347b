import Foundation

/// The totals of an earlier run, read back from its summary.json, for the report's comparison.
public struct PreviousRun: Sendable, Equatable {
    /// The earlier run's date.
    public var runDate: Day
    /// Messages per channel.
    public var messagesByChannel: [Channel: Int]
    /// Letters mailed.
    public var letters: Int
    /// Rejects of every kind.
    public var rejects: Int
    /// All fees, in centavos.
    public var fees: Int64

    /// The earlier run's totals.
    public init(runDate: Day, messagesByChannel: [Channel: Int], letters: Int, rejects: Int, fees: Int64) {
        self.runDate = runDate
        self.messagesByChannel = messagesByChannel
        self.letters = letters
        self.rejects = rejects
        self.fees = fees
    }

    /// Messages in total.
    public var messages: Int { messagesByChannel.values.reduce(0, +) }

    /// Reads `runDate`, `notifications.byChannel`, `letters.count`, `rejects.total` and
    /// `fees.total` from a summary.json. Nil when the bytes are not such a document (a missing
    /// channel counts as zero; anything else missing or of the wrong type gives nil).
    public static func load(summaryJSON bytes: [UInt8]) -> PreviousRun? {
        // Not a hot path: one small file per run.
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)),
              let root = object as? [String: Any],
              // Day(iso:) also takes DD/MM/YYYY; summary.json writes ISO, so insist on it.
              let dateText = root["runDate"] as? String, let runDate = Day(iso: dateText), runDate.iso == dateText,
              let notifications = root["notifications"] as? [String: Any],
              let byChannel = notifications["byChannel"] as? [String: Any],
              let letters = (root["letters"] as? [String: Any]).flatMap({ integer($0["count"]) }),
              let rejects = (root["rejects"] as? [String: Any]).flatMap({ integer($0["total"]) }),
              let fees = (root["fees"] as? [String: Any]).flatMap({ integer($0["total"]) })
        else { return nil }
        var messages: [Channel: Int] = [:]
        for channel in Channel.allCases {
            guard let value = byChannel[channel.name] else { continue }
            guard let count = integer(value) else { return nil }
            messages[channel] = Int(count)
        }
        return PreviousRun(runDate: runDate, messagesByChannel: messages, letters: Int(letters), rejects: Int(rejects), fees: fees)
    }

    /// A JSON integer (an NSNumber that is neither a boolean nor fractional).
    private static func integer(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber else { return nil }
        // JSONSerialization gives booleans as NSNumber too (type code "c"); `true` is not a count.
        if number.objCType.pointee == CChar(UInt8(ascii: "c")) { return nil }
        let integer = number.int64Value
        guard number.doubleValue == Double(integer) else { return nil }
        return integer
    }
}
