/// What the report's look ahead needs of a charge's customer and account to count the charge's
/// notifications without making the customer: each recipient's `ContactReach` and the
/// customer's two switches the planner reads (notificationDisabled silences the customer's
/// notifications; postalService may make a letter due, which the look ahead then works out
/// from the customer itself).
struct RecipientReach: Sendable, Equatable {
    /// The customer's reach (recipient CUSTOMER).
    var customer: ContactReach
    /// The account's reach (recipient PROVIDER).
    var provider: ContactReach
    /// The customer's notificationDisabled.
    var notificationDisabled: Bool
    /// The customer's postalService.
    var postalService: Bool

    /// Whether a notification to `recipient` on `channel` finds a contact.
    @inline(__always)
    func reaches(_ recipient: Recipient, _ channel: Channel) -> Bool {
        recipient == .customer ? customer.reaches(channel) : provider.reaches(channel)
    }
}
