/// On which channels one party (a customer, or an account as the "para mim" recipient) has a
/// contact the rules accept, without the contact itself: one bit per kind of contact. The
/// report's look ahead counts a charge's notifications of the coming days, and for a count
/// only whether a notification would be rejected for its contact matters. Worked out once per
/// customer where the customers are decoded, it spares the look ahead making the customer of
/// each charge it counts and checking the same contacts again for each of its charges.
///
/// The verdicts must be those of `ContactCache` (the run's own checks): both ask the same
/// `ContactRules` functions of the same fields, this one with two shortcuts (a plain valid
/// primary address is enough for email, a valid mobile is also a voice number), and
/// `ContactReachTests` holds the two together on every channel.
struct ContactReach: OptionSet, Sendable {
    let rawValue: UInt8

    /// Email is not rejected (NO_VALID_EMAIL).
    static let email = ContactReach(rawValue: 1 << 0)
    /// SMS and WhatsApp are not rejected (NO_VALID_MOBILE).
    static let mobile = ContactReach(rawValue: 1 << 1)
    /// Voice is not rejected (NO_VALID_PHONE for a customer, NO_VALID_MOBILE for an account).
    static let voice = ContactReach(rawValue: 1 << 2)
    // `CustomerDirectory` keeps these three bits in a byte with others.

    /// A customer's reach: its email list, its mobile, and for voice its mobile or landline.
    init(customer: Customer) {
        var reach: ContactReach = []
        if Self.hasPlainValidEmail(customer) {
            reach.insert(.email)
        } else if Self.accepts(ContactRules.emailAddresses(primary: customer.email, additional: customer.additionalEmails)) {
            reach.insert(.email)
        }
        // The numbers are judged on their bytes, as `ContactRules.mobile` and `voice` judge
        // them, with no String made for a number or its E.164 form.
        let mobileKind = Self.phoneKind(customer, Customer.TextField.mobilePhone)
        if mobileKind == .mobile {
            // A valid mobile is also the voice call's number.
            reach.formUnion([.mobile, .voice])
        } else if mobileKind != nil || Self.phoneKind(customer, Customer.TextField.phone) != nil {
            reach.insert(.voice)
        }
        self = reach
    }

    /// An account's reach as the provider recipient: its email, and its mobile for every phone
    /// channel (voice included).
    init(provider account: Account) {
        var reach: ContactReach = []
        if Self.accepts(ContactRules.emailAddresses(primary: account.email, additional: nil)) { reach.insert(.email) }
        if Self.accepts(ContactRules.mobile(account.mobilePhone)) { reach.formUnion([.mobile, .voice]) }
        self = reach
    }

    /// Whether the customer's primary email is one plain valid address: then the email rule
    /// can't reject it, and the full rule (which splits, trims and collects every address) is
    /// not needed. A value with `,` or `;` or with white space or a non-ASCII byte at either
    /// end is not plain (the rule would split or trim it): false, and the rule decides.
    static func hasPlainValidEmail(_ customer: Customer) -> Bool {
        // Checked on the bytes: most customers' email is plain, and then no String is made for
        // it, nor for the list the rule would build.
        customer.text.withBytes(Customer.TextField.email) { bytes in
            guard let bytes else { return false }
            return ContactRules.isPlainAddress(bytes) && ContactRules.isValidEmail(utf8: bytes)
        }
    }

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Whether a notification on `channel` finds a contact in this reach.
    @inline(__always)
    func reaches(_ channel: Channel) -> Bool {
        switch channel {
        case .email: return contains(.email)
        case .sms, .whatsapp: return contains(.mobile)
        case .voice: return contains(.voice)
        }
    }

    /// The kind of the customer's number in text field `field`, nil when it has none or it is
    /// neither a mobile nor a landline.
    private static func phoneKind(_ customer: Customer, _ field: Int) -> ContactRules.PhoneKind? {
        customer.text.withBytes(field) { bytes in
            bytes.flatMap { ContactRules.phoneKind(utf8: $0.assumingMemoryBound(to: UInt8.self)) }
        }
    }

    private static func accepts(_ result: ContactResult) -> Bool {
        if case .rejected = result { return false }
        return true
    }
}
