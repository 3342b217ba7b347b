/// Why a charge gets (or does not get) each notification and its letter on a run date: the
/// output of `NotificationPlanner.explain`, computed on the same code path as the run.
public struct ChargeExplanation: Sendable, Equatable {
    /// The run date D.
    public var runDate: Day
    /// Whether D is a business day (on any other day nothing scheduled goes out).
    public var businessDay: Bool
    /// The holiday names on D, from every loaded calendar.
    public var holidays: [String]
    /// The charge as read.
    public var charge: Charge
    /// Its customer.
    public var customer: Customer
    /// The customer's account.
    public var account: Account
    /// Why the run leaves the charge out, if it does.
    public var leftOut: LeftOutReason?
    /// effDue = nextBD(dueDate); nil when the calendars do not cover it.
    public var effectiveDue: Day?
    /// The eight slots, in the order of `Slot`.
    public var slots: [SlotExplanation]
    /// The postal decision.
    public var postal: PostalExplanation
    /// Exactly what `notifications(for:…)` returns for the charge.
    public var notifications: [PlannedNotification]
    /// Exactly what `letter(for:customer:)` returns for the charge.
    public var letter: LetterDecision?

    /// An explanation from its parts.
    public init(
        runDate: Day, businessDay: Bool, holidays: [String], charge: Charge, customer: Customer,
        account: Account, leftOut: LeftOutReason?, effectiveDue: Day?, slots: [SlotExplanation],
        postal: PostalExplanation, notifications: [PlannedNotification], letter: LetterDecision?
    ) {
        self.runDate = runDate
        self.businessDay = businessDay
        self.holidays = holidays
        self.charge = charge
        self.customer = customer
        self.account = account
        self.leftOut = leftOut
        self.effectiveDue = effectiveDue
        self.slots = slots
        self.postal = postal
        self.notifications = notifications
        self.letter = letter
    }

    /// The explanation of one slot.
    public subscript(slot: Slot) -> SlotExplanation { slots[slot.rawValue] }
}
