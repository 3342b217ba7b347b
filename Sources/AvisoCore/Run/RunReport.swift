/// What a run did, for summary.json and the command's closing line.
public struct RunReport: Sendable {
    public var runDate: Day
    public var businessDay: Bool
    /// Holiday names on the run date, if it is one.
    public var holidays: [String]
    public var tables: [TableStatistics] = []
    /// Outbound messages per slot name (RESEND for resends).
    public var messagesBySlot: [String: Int] = [:]
    public var messagesByChannel: [Channel: Int] = [:]
    public var messagesByRecipient: [Recipient: Int] = [:]
    /// Rejected notifications, letters, inputs and resends per reason code.
    public var rejectsByReason: [String: Int] = [:]
    public var rejectsByKind: [RejectRecord.Kind: Int] = [:]
    public var letters = 0
    public var lettersFaceValue: Int64 = 0
    public var lettersFees: Int64 = 0
    /// Fees per account and channel (postal as its own column), in centavos.
    public var feesByAccount: [String: AccountFees] = [:]
    /// Output file name → (records, SHA-256); summary.json itself excluded.
    public var outputs: [(file: String, records: Int, sha256: String)] = []
    /// The published folder, or nil for a dry run.
    public var outputFolder: String?
    /// Resend requests seen, by outcome.
    public var resendsByOutcome: [ResendDecision.Outcome: Int] = [:]
    /// Later dates already recorded in the ledger, whose results may be stale after this run.
    public var staleLaterRuns: [Day] = []
    /// Business days between the last recorded run and this one that have no run.
    public var missedBusinessDays: [Day] = []

    /// Messages sent in total.
    public var messages: Int { messagesByChannel.values.reduce(0, +) }

    public init(runDate: Day, businessDay: Bool, holidays: [String]) {
        self.runDate = runDate
        self.businessDay = businessDay
        self.holidays = holidays
    }
}

/// One account's billable items and fees for a run.
public struct AccountFees: Sendable, Equatable {
    public var messages: [Channel: Int] = [:]
    public var fees: [Channel: Int64] = [:]
    public var letters = 0
    public var postalFees: Int64 = 0

    /// All fees of the account, in centavos.
    public var total: Int64 { fees.values.reduce(0, +) + postalFees }

    public init() {}
}
