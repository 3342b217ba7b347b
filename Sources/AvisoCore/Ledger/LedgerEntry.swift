/// Everything one successful run adds to the ledger; it replaces whatever an earlier run of the
/// same date had added.
public struct LedgerEntry: Sendable {
    /// One outbound message, as the ledger keeps it.
    public struct Message: Sendable, Equatable {
        public var id: String
        public var payment: String
        public var slot: String
        public var recipient: String
        public var channel: String
        public var resendRequest: String?
    }

    public var runDate: Day
    /// Wall-clock start and end (UTC, ISO 8601); kept in the ledger only, never in output files.
    public var startedAt: String
    public var finishedAt: String
    public var businessDay: Bool
    /// File name → SHA-256 of each input and output file.
    public var inputs: [(file: String, sha256: String)]
    public var outputs: [(file: String, sha256: String)]
    public var messageCount: Int
    public var letterCount: Int
    public var rejectCount: Int
    public var toolVersion: String
    public var resendDecisions: [ResendDecision]
    public var messages: [Message]
}
