/// The payer of charges. Its contacts receive the "para meu cliente" (CUSTOMER) notifications.
public struct Customer: Sendable, Equatable {
    public var id: String
    public var account: String
    public var name: String
    public var cpfCnpj: String?
    public var email: String?
    /// Raw list as exported: addresses separated by `,` or `;`.
    public var additionalEmails: String?
    public var phone: String?
    public var mobilePhone: String?
    public var address: String?
    public var addressNumber: String?
    public var complement: String?
    /// Neighbourhood (bairro).
    public var province: String?
    public var postalCode: String?
    public var cityName: String?
    /// UF, two letters.
    public var state: String?
    public var notificationDisabled: Bool
    public var postalService: Bool
    public var deleted: Bool

    public init(
        id: String, account: String, name: String, cpfCnpj: String? = nil, email: String? = nil,
        additionalEmails: String? = nil, phone: String? = nil, mobilePhone: String? = nil,
        address: String? = nil, addressNumber: String? = nil, complement: String? = nil,
        province: String? = nil, postalCode: String? = nil, cityName: String? = nil, state: String? = nil,
        notificationDisabled: Bool = false, postalService: Bool = false, deleted: Bool = false
    ) {
        self.id = id
        self.account = account
        self.name = name
        self.cpfCnpj = cpfCnpj
        self.email = email
        self.additionalEmails = additionalEmails
        self.phone = phone
        self.mobilePhone = mobilePhone
        self.address = address
        self.addressNumber = addressNumber
        self.complement = complement
        self.province = province
        self.postalCode = postalCode
        self.cityName = cityName
        self.state = state
        self.notificationDisabled = notificationDisabled
        self.postalService = postalService
        self.deleted = deleted
    }
}
