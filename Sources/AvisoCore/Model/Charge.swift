/// One bill (cobrança). Money is in integer centavos; dates are day numbers.
public struct Charge: Sendable, Equatable {
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
    public var lastBankSlipViewedDate: Day?
    public var postalService: Bool
    /// The text fields, packed (see `PackedText`), in `TextField` order.
    public var text: PackedText

    /// Positions of the text fields in `text`.
    public enum TextField {
        public static let id = 0, customer = 1, subscription = 2, description = 3, nossoNumero = 4
        public static let identificationField = 5, invoiceUrl = 6, bankSlipUrl = 7
    }

    /// The charge id (`pay_…`).
    public var id: String {
        get { text.string(TextField.id) ?? "" }
        set { text.set(TextField.id, newValue) }
    }
    /// The id of the customer who pays it.
    public var customer: String {
        get { text.string(TextField.customer) ?? "" }
        set { text.set(TextField.customer, newValue) }
    }
    /// The subscription that generated it, if any.
    public var subscription: String? {
        get { text.string(TextField.subscription) }
        set { text.set(TextField.subscription, newValue) }
    }
    /// What the charge is for, as the merchant wrote it.
    public var description: String? {
        get { text.string(TextField.description) }
        set { text.set(TextField.description, newValue) }
    }
    /// The boleto's nosso número.
    public var nossoNumero: String? {
        get { text.string(TextField.nossoNumero) }
        set { text.set(TextField.nossoNumero, newValue) }
    }
    /// The linha digitável of the boleto.
    public var identificationField: String? {
        get { text.string(TextField.identificationField) }
        set { text.set(TextField.identificationField, newValue) }
    }
    /// The payment page.
    public var invoiceUrl: String? {
        get { text.string(TextField.invoiceUrl) }
        set { text.set(TextField.invoiceUrl, newValue) }
    }
    /// The boleto PDF.
    public var bankSlipUrl: String? {
        get { text.string(TextField.bankSlipUrl) }
        set { text.set(TextField.bankSlipUrl, newValue) }
    }

    /// A charge from its fields, texts as Strings (tests, explain, generated data).
    public init(
        id: String, customer: String, billingType: BillingType, status: ChargeStatus, value: Int64,
        dueDate: Day, dateCreated: Day, originalDueDate: Day? = nil, paymentDate: Day? = nil,
        clientPaymentDate: Day? = nil, deleted: Bool = false, subscription: String? = nil,
        description: String? = nil, nossoNumero: String? = nil, identificationField: String? = nil,
        invoiceUrl: String? = nil, bankSlipUrl: String? = nil, lastBankSlipViewedDate: Day? = nil,
        postalService: Bool = false
    ) {
        self.init(
            text: PackedText([id, customer, subscription, description, nossoNumero, identificationField, invoiceUrl, bankSlipUrl]),
            billingType: billingType, status: status, value: value, dueDate: dueDate, dateCreated: dateCreated,
            originalDueDate: originalDueDate, paymentDate: paymentDate, clientPaymentDate: clientPaymentDate,
            deleted: deleted, lastBankSlipViewedDate: lastBankSlipViewedDate, postalService: postalService
        )
    }

    /// A charge whose text is already packed (the reader's path: no String per field).
    init(text: PackedText, billingType: BillingType, status: ChargeStatus, value: Int64, dueDate: Day,
         dateCreated: Day, originalDueDate: Day?, paymentDate: Day?, clientPaymentDate: Day?,
         deleted: Bool, lastBankSlipViewedDate: Day?, postalService: Bool) {
        self.text = text
        self.billingType = billingType
        self.status = status
        self.value = value
        self.dueDate = dueDate
        self.dateCreated = dateCreated
        self.originalDueDate = originalDueDate
        self.paymentDate = paymentDate
        self.clientPaymentDate = clientPaymentDate
        self.deleted = deleted
        self.lastBankSlipViewedDate = lastBankSlipViewedDate
        self.postalService = postalService
    }

    /// Open: PENDING or OVERDUE and not deleted.
    public var isOpen: Bool { !deleted && status.isOpen }

    /// Paid: RECEIVED, CONFIRMED or RECEIVED_IN_CASH and not deleted.
    public var isPaid: Bool { !deleted && status.isPaid }

    /// Whether a subscription generated it (read without decoding the text).
    public var hasSubscription: Bool { text.has(TextField.subscription) }

    /// Whether it has a linha digitável that is not blank (read without decoding the text).
    public var hasIdentificationField: Bool {
        text.withBytes(TextField.identificationField) { PostalRules.isPresent($0) }
    }

    /// paymentDate when present, else clientPaymentDate.
    public var payDate: Day? { paymentDate ?? clientPaymentDate }
}
