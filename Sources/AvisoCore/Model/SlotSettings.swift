/// The eight slot settings in force for one customer, indexed by `Slot`.
///
/// The eight are held inline (no array): a planner is handed one per charge, on several
/// threads at once, and most accounts share the built-in defaults; a shared array would cost
/// each hand-over two atomic reference counts on one contended object. They are read and
/// written as raw bytes at `slot.rawValue` strides, which `SlotSetting`'s `BitwiseCopyable`
/// conformance keeps sound (a reference field added to it would not compile).
public struct SlotSettings: Sendable, Equatable {
    private typealias Eight = (SlotSetting, SlotSetting, SlotSetting, SlotSetting, SlotSetting, SlotSetting, SlotSetting, SlotSetting)
    private var storage: Eight

    /// The settings as a list in `Slot` order (eight entries).
    public var slots: [SlotSetting] {
        get { Slot.allCases.map { self[$0] } }
        set {
            precondition(newValue.count == Slot.allCases.count)
            for slot in Slot.allCases { self[slot] = newValue[slot.rawValue] }
        }
    }

    /// Settings from a list in `Slot` order (exactly eight entries).
    public init(slots: [SlotSetting]) {
        precondition(slots.count == Slot.allCases.count && Slot.allCases.count == 8)
        storage = (slots[0], slots[1], slots[2], slots[3], slots[4], slots[5], slots[6], slots[7])
    }

    public subscript(slot: Slot) -> SlotSetting {
        get {
            withUnsafeBytes(of: storage) {
                $0.load(fromByteOffset: slot.rawValue * MemoryLayout<SlotSetting>.stride, as: SlotSetting.self)
            }
        }
        set {
            withUnsafeMutableBytes(of: &storage) {
                $0.storeBytes(of: newValue, toByteOffset: slot.rawValue * MemoryLayout<SlotSetting>.stride, as: SlotSetting.self)
            }
        }
    }

    public static func == (a: SlotSettings, b: SlotSettings) -> Bool {
        Slot.allCases.allSatisfy { a[$0] == b[$0] }
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
