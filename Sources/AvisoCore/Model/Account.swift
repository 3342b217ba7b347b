/// A merchant on the platform. Its contacts receive the "para mim" (PROVIDER) notifications.
///
/// Its texts live in one shared, immutable box, so that handing an account along with each of
/// millions of charges costs one reference count, not one per text.
public struct Account: Sendable, Equatable {
    private final class Texts: Sendable {
        let id: String
        let name: String
        let email: String?
        let mobilePhone: String?
        let phone: String?

        init(id: String, name: String, email: String?, mobilePhone: String?, phone: String?) {
            self.id = id
            self.name = name
            self.email = email
            self.mobilePhone = mobilePhone
            self.phone = phone
        }
    }

    private let texts: Texts

    /// The account id (`acc_…`).
    public var id: String { texts.id }
    /// The merchant's name.
    public var name: String { texts.name }
    /// Where "para mim" emails go.
    public var email: String? { texts.email }
    /// Where "para mim" SMS and WhatsApp messages go.
    public var mobilePhone: String? { texts.mobilePhone }
    /// Landline.
    public var phone: String? { texts.phone }

    public init(id: String, name: String, email: String? = nil, mobilePhone: String? = nil, phone: String? = nil) {
        texts = Texts(id: id, name: name, email: email, mobilePhone: mobilePhone, phone: phone)
    }

    public static func == (lhs: Account, rhs: Account) -> Bool {
        lhs.texts === rhs.texts || (lhs.id == rhs.id && lhs.name == rhs.name && lhs.email == rhs.email
            && lhs.mobilePhone == rhs.mobilePhone && lhs.phone == rhs.phone)
    }
}
