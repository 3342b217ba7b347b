/// Everything one successful run adds to the ledger; it replaces whatever an earlier run of the
/// same date had added.
public struct LedgerEntry: Sendable {
    /// One outbound message, as the ledger keeps it.
    public struct Message: Sendable, Equatable {
        /// The message id.
        public var id: String {
            get { idStorage.text }
            set { idStorage = .text(newValue) }
        }
        /// The id as the run's record keeps it (a digest's two words, not a String per message).
        var idStorage: RecordID
        public var payment: String
        public var slot: String
        public var recipient: String
        public var channel: String
        public var resendRequest: String?

        /// A message with every field given.
        public init(id: String, payment: String, slot: String, recipient: String, channel: String, resendRequest: String? = nil) {
            self.init(idStorage: .text(id), payment: payment, slot: slot, recipient: recipient, channel: channel, resendRequest: resendRequest)
        }

        /// A message whose id is kept as the record keeps it.
        init(idStorage: RecordID, payment: String, slot: String, recipient: String, channel: String, resendRequest: String?) {
            self.idStorage = idStorage
            self.payment = payment
            self.slot = slot
            self.recipient = recipient
            self.channel = channel
            self.resendRequest = resendRequest
        }

        /// Equal when every field is, the ids compared as text however they are kept.
        public static func == (a: Message, b: Message) -> Bool {
            a.payment == b.payment && a.slot == b.slot && a.recipient == b.recipient && a.channel == b.channel
                && a.resendRequest == b.resendRequest && RecordID.byteOrder(a.idStorage, b.idStorage) == nil
        }
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
