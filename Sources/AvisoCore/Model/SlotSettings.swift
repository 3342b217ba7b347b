/// The eight slot settings in force for one customer, indexed by `Slot`.
public struct SlotSettings: Sendable, Equatable {
    public var slots: [SlotSetting]

    public init(slots: [SlotSetting]) {
        precondition(slots.count == Slot.allCases.count)
        self.slots = slots
    }

    public subscript(slot: Slot) -> SlotSetting {
        get { slots[slot.rawValue] }
        set { slots[slot.rawValue] = newValue }
    }

    /// The platform's built-in defaults (RULES.md): every slot on with customer email and SMS;
    /// WARNING_BEFORE 10 days, OVERDUE_REPEAT every 7 days; account email on OVERDUE_FIRST and
    /// RECEIVED; WhatsApp and voice off.
    public static let builtIn = SlotSettings(slots: Slot.allCases.map { slot in
        let offset: Int
        switch slot {
        case .warningBefore: offset = 10
        case .overdueRepeat: offset = 7
        default: offset = 0
        }
        return SlotSetting(
            enabled: true, scheduleOffset: offset, customerEmail: true, customerSMS: true,
            providerEmail: slot == .overdueFirst || slot == .received
        )
    })
}
