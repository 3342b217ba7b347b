/// One bill (cobrança). Money is in integer centavos; dates are day numbers.
public struct Charge: Sendable, Equatable {
    public var id: String
    public var customer: String
    public var billingType: BillingType
    public var status: ChargeStatus
    /// Face value in centavos.
    public var value: Int64
    public var dueDate: Day
    public var dateCreated: Day
    public var originalDueDate: Day?
    public var paymentDate: Day?
    public var clientPaymentDate: Day?
    public var deleted: Bool
    public var subscription: String?
    public var description: String?
    public var nossoNumero: String?
    /// The linha digitável of the boleto.
    public var identificationField: String?
    public var invoiceUrl: String?
    public var bankSlipUrl: String?
    public var lastBankSlipViewedDate: Day?
    public var postalService: Bool

    public init(
        id: String, customer: String, billingType: BillingType, status: ChargeStatus, value: Int64,
        dueDate: Day, dateCreated: Day, originalDueDate: Day? = nil, paymentDate: Day? = nil,
        clientPaymentDate: Day? = nil, deleted: Bool = false, subscription: String? = nil,
        description: String? = nil, nossoNumero: String? = nil, identificationField: String? = nil,
        invoiceUrl: String? = nil, bankSlipUrl: String? = nil, lastBankSlipViewedDate: Day? = nil,
        postalService: Bool = false
    ) {
        self.id = id
        self.customer = customer
        self.billingType = billingType
        self.status = status
        self.value = value
        self.dueDate = dueDate
        self.dateCreated = dateCreated
        self.originalDueDate = originalDueDate
        self.paymentDate = paymentDate
        self.clientPaymentDate = clientPaymentDate
        self.deleted = deleted
        self.subscription = subscription
        self.description = description
        self.nossoNumero = nossoNumero
        self.identificationField = identificationField
        self.invoiceUrl = invoiceUrl
        self.bankSlipUrl = bankSlipUrl
        self.lastBankSlipViewedDate = lastBankSlipViewedDate
        self.postalService = postalService
    }

    /// Open: PENDING or OVERDUE and not deleted.
    public var isOpen: Bool { !deleted && status.isOpen }

    /// Paid: RECEIVED, CONFIRMED or RECEIVED_IN_CASH and not deleted.
    public var isPaid: Bool { !deleted && status.isPaid }

    /// paymentDate when present, else clientPaymentDate.
    public var payDate: Day? { paymentDate ?? clientPaymentDate }
}
