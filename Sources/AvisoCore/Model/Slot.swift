/// The eight notification slots every customer has, in the order of RULES.md's table (which is
/// also the order of records within a payment in the outbound files).
public enum Slot: Int, Sendable, CaseIterable, Comparable {
    case created = 0
    case updated
    case warningBefore
    case warningDue
    case linhaDigitavel
    case overdueFirst
    case overdueRepeat
    case received

    /// The name written in outbound files (`WARNING_DUE`).
    public var name: String {
        switch self {
        case .created: return "CREATED"
        case .updated: return "UPDATED"
        case .warningBefore: return "WARNING_BEFORE"
        case .warningDue: return "WARNING_DUE"
        case .linhaDigitavel: return "LINHA_DIGITAVEL"
        case .overdueFirst: return "OVERDUE_FIRST"
        case .overdueRepeat: return "OVERDUE_REPEAT"
        case .received: return "RECEIVED"
        }
    }

    /// The slot whose `name` this is, or nil.
    public static func named(_ name: String) -> Slot? {
        allCases.first { $0.name == name }
    }

    /// The platform's event for the slot.
    public var event: NotificationEvent {
        switch self {
        case .created: return .paymentCreated
        case .updated: return .paymentUpdated
        case .warningBefore, .warningDue: return .paymentDueDateWarning
        case .linhaDigitavel: return .sendLinhaDigitavel
        case .overdueFirst, .overdueRepeat: return .paymentOverdue
        case .received: return .paymentReceived
        }
    }

    /// Output priority (FORMATS.md): 1 overdue, 2 due-day, 3 warning before, 4 created, 5 received.
    /// Priority 0 belongs to manual resends.
    public var priority: Int {
        switch self {
        case .overdueFirst, .overdueRepeat: return 1
        case .warningDue, .linhaDigitavel: return 2
        case .warningBefore: return 3
        case .created, .updated: return 4
        case .received: return 5
        }
    }

    /// The slot an event and offset name in a settings row: a warning or overdue event with an
    /// offset above zero is the repeating/early slot; fixed-offset events ignore the offset.
    public static func forSetting(event: NotificationEvent, offset: Int) -> Slot {
        switch event {
        case .paymentCreated: return .created
        case .paymentUpdated: return .updated
        case .paymentDueDateWarning: return offset > 0 ? .warningBefore : .warningDue
        case .sendLinhaDigitavel: return .linhaDigitavel
        case .paymentOverdue: return offset > 0 ? .overdueRepeat : .overdueFirst
        case .paymentReceived: return .received
        }
    }

    public static func < (lhs: Slot, rhs: Slot) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A platform notification event, as named in settings rows and outbound records.
public enum NotificationEvent: String, Sendable, CaseIterable {
    case paymentCreated = "PAYMENT_CREATED"
    case paymentUpdated = "PAYMENT_UPDATED"
    case paymentDueDateWarning = "PAYMENT_DUEDATE_WARNING"
    case sendLinhaDigitavel = "SEND_LINHA_DIGITAVEL"
    case paymentOverdue = "PAYMENT_OVERDUE"
    case paymentReceived = "PAYMENT_RECEIVED"
}
