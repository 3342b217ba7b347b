/// Everything the rules decided about one slot of a charge on the run date, step by step.
public struct SlotExplanation: Sendable, Equatable {
    /// What became of one switched-on channel of the slot, for one recipient.
    public struct Delivery: Sendable, Equatable {
        /// The outcome of a switched-on channel.
        public enum Outcome: Sendable, Equatable {
            /// The slot fires and the message goes out to `contact`.
            case sent
            /// The slot fires but the contact is unusable (`contact` holds the reason).
            case rejected
            /// The slot fires, but WARNING_DUE / OVERDUE_FIRST fires for the same recipient and
            /// channel and wins; nothing is produced, not even a reject.
            case lostCollision(to: Slot)
            /// The slot fires, but the customer has notificationDisabled.
            case customerNotificationsDisabled
            /// The slot does not fire on the run date.
            case slotDoesNotFire
        }

        /// CUSTOMER or PROVIDER.
        public var recipient: Recipient
        /// The channel switched on in the slot's setting.
        public var channel: Channel
        /// What happens on the run date.
        public var outcome: Outcome
        /// The contact the rules pick for this recipient and channel, or why there is none.
        /// For `.slotDoesNotFire`, `.lostCollision` and `.customerNotificationsDisabled` it says
        /// what would have been used.
        public var contact: ContactResult

        /// A delivery from its parts.
        public init(recipient: Recipient, channel: Channel, outcome: Outcome, contact: ContactResult) {
            self.recipient = recipient
            self.channel = channel
            self.outcome = outcome
            self.contact = contact
        }
    }

    /// The slot.
    public var slot: Slot
    /// The setting's `enabled`.
    public var enabled: Bool
    /// The setting's scheduleOffset as configured (WARNING_BEFORE's and OVERDUE_REPEAT's N).
    public var scheduleOffset: Int
    /// Whether the condition holds, or its first failing part; nil when it could not be worked
    /// out (a date the calendars do not cover).
    public var condition: SlotCondition?
    /// The date the rule aims at (inside nextBD()/prevBD()); nil when there is none.
    public var scheduledFor: Day?
    /// The send date S; nil when there is none or it could not be worked out.
    public var sendDate: Day?
    /// OVERDUE_REPEAT: the k of `scheduledFor` (the first repeat sent on or after D).
    public var repeatIndex: Int?
    /// How S relates to `scheduledFor`, when both are known.
    public var shift: Shift?
    /// Why S moved, when it did.
    public var shiftReason: ShiftReason?
    /// Whether the slot fires on the run date (the run emits its messages or rejects).
    public var fires: Bool
    /// One entry per switched-on recipient and channel, in recipient then channel order.
    public var deliveries: [Delivery]

    /// An explanation from its parts.
    public init(
        slot: Slot, enabled: Bool, scheduleOffset: Int, condition: SlotCondition?, scheduledFor: Day?,
        sendDate: Day?, repeatIndex: Int?, shift: Shift?, shiftReason: ShiftReason?, fires: Bool,
        deliveries: [Delivery]
    ) {
        self.slot = slot
        self.enabled = enabled
        self.scheduleOffset = scheduleOffset
        self.condition = condition
        self.scheduledFor = scheduledFor
        self.sendDate = sendDate
        self.repeatIndex = repeatIndex
        self.shift = shift
        self.shiftReason = shiftReason
        self.fires = fires
        self.deliveries = deliveries
    }
}
