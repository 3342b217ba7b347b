/// A merchant on the platform. Its contacts receive the "para mim" (PROVIDER) notifications.
public struct Account: Sendable, Equatable {
    public var id: String
    public var name: String
    public var email: String?
    public var mobilePhone: String?
    public var phone: String?

    public init(id: String, name: String, email: String? = nil, mobilePhone: String? = nil, phone: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.mobilePhone = mobilePhone
        self.phone = phone
    }
}
