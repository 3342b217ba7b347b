/// Writes `resend-results.csv`: one line per resend request seen in the run, in the order given.
public enum ResendResultsWriter {
    /// One line of the file.
    public struct Row: Sendable, Equatable {
        /// The request id.
        public var id: String
        /// The charge id.
        public var payment: String
        /// The request's time as given in the export.
        public var requestedAt: String
        /// SENT, REJECTED or DEFERRED.
        public var outcome: ResendDecision.Outcome
        /// The reason code of a rejection (`CHARGE_NOT_OPEN`), else empty.
        public var reason: String
        /// The channels the request sends (or would send, when deferred).
        public var channels: [Channel]

        /// A row with every field given.
        public init(id: String, payment: String, requestedAt: String, outcome: ResendDecision.Outcome, reason: String = "", channels: [Channel] = []) {
            self.id = id
            self.payment = payment
            self.requestedAt = requestedAt
            self.outcome = outcome
            self.reason = reason
            self.channels = channels
        }
    }

    /// The header line's fields.
    public static let header = ["id", "payment", "requestedAt", "outcome", "reason", "channels"]

    /// The whole file. Channels are joined by `|` in channel order (`email|sms|whatsapp`).
    public static func bytes(_ rows: [Row]) -> [UInt8] {
        var csv = CSVWriter()
        csv.writeRow(header)
        for row in rows { csv.writeRow(fields(row)) }
        return csv.bytes
    }

    /// Writes the file at `path`.
    /// - Throws: `AvisoError(.output)`.
    public static func write(_ rows: [Row], to path: String) throws {
        let file = try OutputFile(path: path)
        CSVWriter.appendRow(header, to: &file.buffer)
        for row in rows {
            CSVWriter.appendRow(fields(row), to: &file.buffer)
            try file.flushIfLarge()
        }
        try file.close()
    }

    static func fields(_ row: Row) -> [String] {
        let channels = row.channels.sorted().map(\.name).joined(separator: "|")
        return [row.id, row.payment, row.requestedAt, row.outcome.rawValue, row.reason, channels]
    }
}
