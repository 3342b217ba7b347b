/// A notification the rules decided on for the run date: which slot, for whom, by which channel,
/// when the rule aimed and how the send date shifted, and the contact it goes to (or why not).
public struct PlannedNotification: Sendable, Equatable {
    public var slot: Slot
    public var recipient: Recipient
    public var channel: Channel
    /// The slot's offset in days (WARNING_BEFORE's N, OVERDUE_REPEAT's N); 0 for fixed slots.
    public var scheduleOffset: Int
    /// The date inside nextBD()/prevBD() of the send-date formula.
    public var scheduledFor: Day
    /// How the send date relates to `scheduledFor`.
    public var shift: Shift
    /// Where it goes, or why it cannot.
    public var contact: ContactResult

    public init(slot: Slot, recipient: Recipient, channel: Channel, scheduleOffset: Int, scheduledFor: Day, shift: Shift, contact: ContactResult) {
        self.slot = slot
        self.recipient = recipient
        self.channel = channel
        self.scheduleOffset = scheduleOffset
        self.scheduledFor = scheduledFor
        self.shift = shift
        self.contact = contact
    }
}

/// The checked destination of a notification.
public enum ContactResult: Sendable, Equatable {
    /// Valid email addresses (primary first, then additional ones, duplicates dropped).
    case email([String])
    /// A valid Brazilian number in E.164 form (`+5511987654321`).
    case phone(String)
    /// No valid contact: reason code (`NO_VALID_EMAIL`, `NO_VALID_MOBILE`, `NO_VALID_PHONE`) and detail.
    case rejected(reason: String, detail: String)

    /// Where the message goes (an outbound record's `to`): the addresses, or the number alone;
    /// empty when rejected.
    public var destinations: [String] {
        switch self {
        case .email(let addresses): return addresses
        case .phone(let number): return [number]
        case .rejected: return []
        }
    }

    /// Whether there is no valid contact.
    public var isRejected: Bool {
        if case .rejected = self { return true }
        return false
    }
}

/// The postal decision for a charge whose letter is due in this run.
public struct LetterDecision: Sendable, Equatable {
    /// The send date S of the letter.
    public var sendDate: Day
    /// S plus the state's delivery business days; nil when it could not be estimated (no valid state).
    public var estimatedDelivery: Day?
    /// Mailed, or rejected with a reason (`POSTAL_ADDRESS_INCOMPLETE`, `POSTAL_INVALID_CEP`, `POSTAL_TOO_LATE`).
    public var outcome: Outcome

    /// Whether the letter is mailed.
    public enum Outcome: Sendable, Equatable {
        /// Printed and mailed; the CEP as 8 digits.
        case mail(postalCode: String)
        case rejected(reason: String, detail: String)
    }

    public init(sendDate: Day, estimatedDelivery: Day?, outcome: Outcome) {
        self.sendDate = sendDate
        self.estimatedDelivery = estimatedDelivery
        self.outcome = outcome
    }
}
