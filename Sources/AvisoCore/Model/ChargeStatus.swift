/// A charge's status on the platform.
public enum ChargeStatus: String, Sendable, CaseIterable {
    case pending = "PENDING"
    case overdue = "OVERDUE"
    case received = "RECEIVED"
    case confirmed = "CONFIRMED"
    case receivedInCash = "RECEIVED_IN_CASH"
    case refunded = "REFUNDED"
    case refundRequested = "REFUND_REQUESTED"
    case refundInProgress = "REFUND_IN_PROGRESS"
    case chargebackRequested = "CHARGEBACK_REQUESTED"
    case chargebackDispute = "CHARGEBACK_DISPUTE"
    case awaitingChargebackReversal = "AWAITING_CHARGEBACK_REVERSAL"
    case dunningRequested = "DUNNING_REQUESTED"
    case dunningReceived = "DUNNING_RECEIVED"
    case awaitingRiskAnalysis = "AWAITING_RISK_ANALYSIS"

    /// PENDING or OVERDUE: the charge still waits for payment.
    public var isOpen: Bool { self == .pending || self == .overdue }

    /// RECEIVED, CONFIRMED or RECEIVED_IN_CASH: the charge was paid.
    public var isPaid: Bool { self == .received || self == .confirmed || self == .receivedInCash }
}
