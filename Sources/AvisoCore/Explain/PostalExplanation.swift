/// The postal (Correios) side of a charge on the run date.
public struct PostalExplanation: Sendable, Equatable {
    /// The customer's `postalService`.
    public var customerRequested: Bool
    /// The charge's own `postalService`.
    public var chargeRequested: Bool
    /// Why the charge gets no letter at all; nil when it is eligible.
    public var ineligibility: PostalIneligibility?
    /// max(dateCreated + 1, dueDate − mailingWindowDays): the date inside nextBD() of S.
    public var scheduledFor: Day
    /// The letter's send date S; nil when the calendars do not cover what it needs.
    public var sendDate: Day?
    /// The checks at S: mailed (with the delivery estimate) or refused and why. Authoritative
    /// when `decidedOnRunDate`; otherwise what they give today for S (nil when not eligible).
    public var decision: LetterDecision?
    /// Whether the run for D decides this letter (S = D, eligible, charge considered).
    public var decidedOnRunDate: Bool

    /// A postal explanation from its parts.
    public init(
        customerRequested: Bool, chargeRequested: Bool, ineligibility: PostalIneligibility?,
        scheduledFor: Day, sendDate: Day?, decision: LetterDecision?, decidedOnRunDate: Bool
    ) {
        self.customerRequested = customerRequested
        self.chargeRequested = chargeRequested
        self.ineligibility = ineligibility
        self.scheduledFor = scheduledFor
        self.sendDate = sendDate
        self.decision = decision
        self.decidedOnRunDate = decidedOnRunDate
    }
}
