/// One line of `rejects.csv`: an input row, notification, letter or resend that was refused.
public struct RejectRecord: Sendable, Equatable {
    /// What was refused.
    public enum Kind: Int, Sendable, Comparable {
        case input = 0
        case notification
        case letter
        case resend

        /// `INPUT`, `NOTIFICATION`, `LETTER` or `RESEND`.
        public var name: String {
            switch self {
            case .input: return "INPUT"
            case .notification: return "NOTIFICATION"
            case .letter: return "LETTER"
            case .resend: return "RESEND"
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    /// Input file name as given (INPUT), else empty.
    public var file: String = ""
    /// CSV line of an INPUT reject.
    public var line: Int?
    /// XML record number of an INPUT reject.
    public var record: Int?
    /// The row's own id (INPUT).
    public var id: String = ""
    /// The field at fault (INPUT).
    public var field: String = ""
    public var payment: String = ""
    public var slot: String = ""
    public var recipient: String = ""
    public var channel: String = ""
    public var resendRequest: String = ""
    /// Reason code, e.g. `BAD_DATE`, `NO_VALID_EMAIL`, `POSTAL_TOO_LATE`.
    public var reason: String
    /// What was found, in words.
    public var detail: String = ""

    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
