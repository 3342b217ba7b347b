/// The payer of charges. Its contacts receive the "para meu cliente" (CUSTOMER) notifications.
public struct Customer: Sendable, Equatable {
    public var notificationDisabled: Bool
    public var postalService: Bool
    public var deleted: Bool
    /// The text fields, packed (see `PackedText`), in `TextField` order.
    public var text: PackedText
    /// Where the customer's row is in its file, when it was read from a mapped CSV file (the
    /// run then keeps that place instead of a copy of its text, see `CustomerDirectory`); nil
    /// otherwise. Not part of what the customer is: `==` leaves it out.
    var fileRow: Range<Int>?

    public static func == (a: Customer, b: Customer) -> Bool {
        a.text == b.text && a.notificationDisabled == b.notificationDisabled && a.postalService == b.postalService
            && a.deleted == b.deleted
    }

    /// Positions of the text fields in `text`.
    public enum TextField {
        public static let id = 0, account = 1, name = 2, cpfCnpj = 3, email = 4, additionalEmails = 5
        public static let phone = 6, mobilePhone = 7, address = 8, addressNumber = 9, complement = 10
        public static let province = 11, postalCode = 12, cityName = 13, state = 14
    }

    /// The customer id (`cus_…`).
    public var id: String {
        get { text.string(TextField.id) ?? "" }
        set { text.set(TextField.id, newValue) }
    }
    /// The id of the merchant account it belongs to.
    public var account: String {
        get { text.string(TextField.account) ?? "" }
        set { text.set(TextField.account, newValue) }
    }
    /// Full name or company name.
    public var name: String {
        get { text.string(TextField.name) ?? "" }
        set { text.set(TextField.name, newValue) }
    }
    /// CPF or CNPJ, as exported.
    public var cpfCnpj: String? {
        get { text.string(TextField.cpfCnpj) }
        set { text.set(TextField.cpfCnpj, newValue) }
    }
    /// Primary email address.
    public var email: String? {
        get { text.string(TextField.email) }
        set { text.set(TextField.email, newValue) }
    }
    /// Raw list as exported: addresses separated by `,` or `;`.
    public var additionalEmails: String? {
        get { text.string(TextField.additionalEmails) }
        set { text.set(TextField.additionalEmails, newValue) }
    }
    /// Landline.
    public var phone: String? {
        get { text.string(TextField.phone) }
        set { text.set(TextField.phone, newValue) }
    }
    /// Mobile phone.
    public var mobilePhone: String? {
        get { text.string(TextField.mobilePhone) }
        set { text.set(TextField.mobilePhone, newValue) }
    }
    /// Street.
    public var address: String? {
        get { text.string(TextField.address) }
        set { text.set(TextField.address, newValue) }
    }
    /// House number.
    public var addressNumber: String? {
        get { text.string(TextField.addressNumber) }
        set { text.set(TextField.addressNumber, newValue) }
    }
    /// Apartment, block, etc.
    public var complement: String? {
        get { text.string(TextField.complement) }
        set { text.set(TextField.complement, newValue) }
    }
    /// Neighbourhood (bairro).
    public var province: String? {
        get { text.string(TextField.province) }
        set { text.set(TextField.province, newValue) }
    }
    /// CEP, as exported.
    public var postalCode: String? {
        get { text.string(TextField.postalCode) }
        set { text.set(TextField.postalCode, newValue) }
    }
    /// City.
    public var cityName: String? {
        get { text.string(TextField.cityName) }
        set { text.set(TextField.cityName, newValue) }
    }
    /// UF, two letters.
    public var state: String? {
        get { text.string(TextField.state) }
        set { text.set(TextField.state, newValue) }
    }

    public init(
        id: String, account: String, name: String, cpfCnpj: String? = nil, email: String? = nil,
        additionalEmails: String? = nil, phone: String? = nil, mobilePhone: String? = nil,
        address: String? = nil, addressNumber: String? = nil, complement: String? = nil,
        province: String? = nil, postalCode: String? = nil, cityName: String? = nil, state: String? = nil,
        notificationDisabled: Bool = false, postalService: Bool = false, deleted: Bool = false
    ) {
        self.notificationDisabled = notificationDisabled
        self.postalService = postalService
        self.deleted = deleted
        self.text = PackedText([
            id, account, name, cpfCnpj, email, additionalEmails, phone, mobilePhone, address,
            addressNumber, complement, province, postalCode, cityName, state,
        ])
    }

    /// A customer whose text is already packed (the reader's path: no String per field).
    init(text: PackedText, notificationDisabled: Bool, postalService: Bool, deleted: Bool) {
        self.text = text
        self.notificationDisabled = notificationDisabled
        self.postalService = postalService
        self.deleted = deleted
    }
}
