/// An outbound channel; each has its own output file.
public enum Channel: Int, Sendable, CaseIterable, Comparable {
    case email = 0
    case sms
    case whatsapp
    case voice

    /// The lower-case name used in file names and records (`whatsapp`).
    public var name: String {
        switch self {
        case .email: return "email"
        case .sms: return "sms"
        case .whatsapp: return "whatsapp"
        case .voice: return "voice"
        }
    }

    public static func < (lhs: Channel, rhs: Channel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Who a notification is for: the charge's customer, or the merchant's own contacts ("para mim").
public enum Recipient: Int, Sendable, CaseIterable, Comparable {
    case customer = 0
    case provider

    /// `CUSTOMER` or `PROVIDER`.
    public var name: String { self == .customer ? "CUSTOMER" : "PROVIDER" }

    public static func < (lhs: Recipient, rhs: Recipient) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How the send date relates to the date the rule aimed at.
public enum Shift: String, Sendable {
    case none = "NONE"
    case pulledForward = "PULLED_FORWARD"
    case pushedBack = "PUSHED_BACK"
}
