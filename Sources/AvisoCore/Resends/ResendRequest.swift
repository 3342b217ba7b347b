/// A manual resend request as the run handles it: from this export, or deferred by an earlier
/// run and remembered by the ledger.
public struct ResendRequest: Sendable, Equatable {
    public var id: String
    /// The charge id.
    public var payment: String
    /// The request time as an instant (ms since the Unix epoch), for ordering.
    public var requestedAtMillis: Int64
    /// The request time as written in the export.
    public var requestedAtText: String

    public init(id: String, payment: String, requestedAtMillis: Int64, requestedAtText: String) {
        self.id = id
        self.payment = payment
        self.requestedAtMillis = requestedAtMillis
        self.requestedAtText = requestedAtText
    }

    /// Processing order: requestedAt as an instant, then request id by byte order.
    public static func precedes(_ a: ResendRequest, _ b: ResendRequest) -> Bool {
        if a.requestedAtMillis != b.requestedAtMillis { return a.requestedAtMillis < b.requestedAtMillis }
        return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }
}

/// What earlier runs left that resends depend on: requests already handled, requests deferred
/// and still pending, and each charge's used allowances.
public struct ResendState: Sendable, Equatable {
    /// Request ids SENT or REJECTED by runs of earlier dates.
    public var handledRequestIDs: Set<String> = []
    /// Requests DEFERRED by earlier runs and not handled since.
    public var pendingDeferred: [ResendRequest] = []
    /// Email resends used per charge.
    public var emailResendsUsed: [String: Int] = [:]
    /// Charges whose single SMS/WhatsApp resend is used.
    public var phoneResendUsed: Set<String> = []

    public init() {}
}

/// The charge behind a resend request, when the run considers it (present, sound, not left out).
public struct ResendTarget: Sendable {
    public var charge: Charge
    public var customer: Customer
    public var account: Account
    public var settings: SlotSettings

    public init(charge: Charge, customer: Customer, account: Account, settings: SlotSettings) {
        self.charge = charge
        self.customer = customer
        self.account = account
        self.settings = settings
    }
}

/// The decision on one request.
public struct ResendDecision: Sendable, Equatable {
    /// SENT, REJECTED or DEFERRED.
    public enum Outcome: String, Sendable {
        case sent = "SENT"
        case rejected = "REJECTED"
        case deferred = "DEFERRED"
    }

    public var request: ResendRequest
    public var outcome: Outcome
    /// Reject reason (CHARGE_NOT_OPEN, RESEND_IN_PROGRESS, CUSTOMER_NOTIFICATIONS_DISABLED,
    /// RESEND_LIMIT_REACHED); empty otherwise.
    public var reason: String
    /// In words, for rejects.csv.
    public var detail: String
    /// Channels sent (SENT) or to be sent (DEFERRED), in email, sms, whatsapp order.
    public var channels: [Channel]
    /// The group's slot for the message: WARNING_DUE's event before due, OVERDUE's after.
    public var overdue: Bool
    /// Allowances this decision uses (SENT only).
    public var usesEmail: Bool
    public var usesPhone: Bool
}
