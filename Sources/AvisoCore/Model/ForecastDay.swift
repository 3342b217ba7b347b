/// What the rules would emit on one future date from the export as it stands (no resends,
/// which can't be foreseen): counts per channel and slot, letters and fees.
public struct ForecastDay: Sendable, Equatable {
    public var date: Day
    public var businessDay: Bool
    /// Outbound messages per channel.
    public var messagesByChannel: [Channel: Int] = [:]
    /// Outbound messages per slot.
    public var messagesBySlot: [Slot: Int] = [:]
    /// Notifications that would be rejected for their contact.
    public var rejectedNotifications = 0
    /// Letters that would be mailed.
    public var letters = 0
    /// Fees per channel (WhatsApp, voice), in centavos.
    public var feesByChannel: [Channel: Int64] = [:]
    /// Postal fees, in centavos.
    public var postalFees: Int64 = 0

    /// Messages in total.
    public var messages: Int { messagesByChannel.values.reduce(0, +) }
    /// All fees, in centavos.
    public var totalFees: Int64 { feesByChannel.values.reduce(0, +) + postalFees }

    public init(date: Day, businessDay: Bool) {
        self.date = date
        self.businessDay = businessDay
    }
}

/// One account's contact-data problems, so the merchant can be told what to fix.
public struct AccountDataQuality: Sendable, Equatable {
    public var account: String
    public var accountName: String
    /// Customers considered (not deleted).
    public var customers = 0
    /// Customers with no valid email address (missing or invalid).
    public var badEmail = 0
    /// Customers whose mobile number is missing or invalid.
    public var badMobile = 0
    /// Postal customers whose CEP is missing, malformed or outside their state's range.
    public var badCEP = 0
    /// Postal customers whose address lacks street, number, neighbourhood, city or state.
    public var incompleteAddress = 0
    /// A few customer ids per problem, for the merchant to look up.
    public var examples: [String: [String]] = [:]

    public init(account: String, accountName: String) {
        self.account = account
        self.accountName = accountName
    }
}
