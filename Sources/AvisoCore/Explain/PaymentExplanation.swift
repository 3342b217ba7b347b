/// What `aviso explain` found for one payment id in an export on a run date: the rows of the
/// charges file that were rejected for that id, and the explanation of the row the run uses.
public struct PaymentExplanation: Sendable, Equatable {
    /// The payment (charge) id asked about.
    public var payment: String
    /// The run date D.
    public var runDate: Day
    /// Whether D is a business day.
    public var businessDay: Bool
    /// The holiday names on D.
    public var holidays: [String]
    /// The charges file as found (`charges.csv`), for messages.
    public var chargesFile: String
    /// INPUT rejects of the charges file whose row id is the payment (bad value, unknown
    /// customer, duplicate id …), in file order.
    public var rejectedRows: [RejectRecord]
    /// The explanation of the row the run uses (the first valid one); nil when there is none.
    public var charge: ChargeExplanation?
    /// Sound resend requests of the export that name this payment (handled separately by the run).
    public var resendRequests: [ResendRow]

    /// A result from its parts.
    public init(
        payment: String, runDate: Day, businessDay: Bool, holidays: [String], chargesFile: String,
        rejectedRows: [RejectRecord], charge: ChargeExplanation?, resendRequests: [ResendRow]
    ) {
        self.payment = payment
        self.runDate = runDate
        self.businessDay = businessDay
        self.holidays = holidays
        self.chargesFile = chargesFile
        self.rejectedRows = rejectedRows
        self.charge = charge
        self.resendRequests = resendRequests
    }
}
