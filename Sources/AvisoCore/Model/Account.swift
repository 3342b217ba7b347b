/// A merchant on the platform. Its contacts receive the "para mim" (PROVIDER) notifications.
///
/// Its texts live in one shared, immutable box, so that handing an account along with each of
/// millions of charges costs one reference count, not one per text.
public struct Account: Sendable, Equatable {
    // Immutable once made; its name's bytes are its own, freed with it (hence `@unchecked`).
    private final class Texts: @unchecked Sendable {
        let id: String
        let name: String
        let email: String?
        let mobilePhone: String?
        let phone: String?
        /// The id as an outbound record keeps it, made once for all of the account's records.
        let recordID: ShortText
        /// The name's UTF-8 bytes, read in place for every message context of the account.
        let nameBytes: UnsafeMutableBufferPointer<UInt8>

        init(id: String, name: String, email: String?, mobilePhone: String?, phone: String?) {
            self.id = id
            self.name = name
            self.email = email
            self.mobilePhone = mobilePhone
            self.phone = phone
            recordID = ShortText(id)
            nameBytes = .allocate(capacity: name.utf8.count)
            _ = nameBytes.initialize(from: name.utf8)
        }

        deinit {
            nameBytes.deallocate()
        }
    }

    // The texts: held by an account made on its own (`owner`, the same object), only pointed
    // at by a lent account (`lent()`, `owner` nil), whose copies then cost no reference count.
    // Both decoding threads hand each charge's account to its planning and its messages: a
    // copy was a retain and a release of an object every charge of the account shares, about
    // 190 of 34k `perf` samples at 10M charges for the retains alone, and the account's id
    // and name copied were two more.
    private let owner: Texts?
    private let lentTexts: Unmanaged<Texts>

    // The texts, read without a reference count: loaded from an `unowned(unsafe)` stored
    // property, they were retained and released around each read (the account's record id,
    // read for every charge with messages on both decoding threads: 118 of 34k `perf` samples
    // at 10M charges).
    @inline(__always)
    private func withTexts<R>(_ body: (Texts) throws -> R) rethrows -> R {
        try lentTexts._withUnsafeGuaranteedRef(body)
    }

    /// The account id (`acc_…`).
    public var id: String { withTexts { $0.id } }
    /// The merchant's name.
    public var name: String { withTexts { $0.name } }
    /// Where "para mim" emails go.
    public var email: String? { withTexts { $0.email } }
    /// Where "para mim" SMS and WhatsApp messages go.
    public var mobilePhone: String? { withTexts { $0.mobilePhone } }
    /// Landline.
    public var phone: String? { withTexts { $0.phone } }

    public init(id: String, name: String, email: String? = nil, mobilePhone: String? = nil, phone: String? = nil) {
        let texts = Texts(id: id, name: name, email: email, mobilePhone: mobilePhone, phone: phone)
        owner = texts
        lentTexts = Unmanaged.passUnretained(texts)
    }

    private init(lending texts: Texts) {
        owner = nil
        lentTexts = Unmanaged.passUnretained(texts)
    }

    /// This account without a hold on its texts: a copy of it costs no reference count. It must
    /// not be used after every account holding the texts is gone (the list it was lent from:
    /// `ExportSnapshot.lentAccounts`).
    func lent() -> Account {
        withTexts { Account(lending: $0) }
    }

    /// The id as an outbound record keeps it (`ShortText`), made when the account was.
    var recordID: ShortText { withTexts { $0.recordID } }

    /// Calls `body` with the UTF-8 bytes of the name, read in place.
    func withNameBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withTexts { try body(UnsafeRawBufferPointer($0.nameBytes)) }
    }

    public static func == (lhs: Account, rhs: Account) -> Bool {
        lhs.lentTexts.toOpaque() == rhs.lentTexts.toOpaque() || (lhs.id == rhs.id && lhs.name == rhs.name && lhs.email == rhs.email
            && lhs.mobilePhone == rhs.mobilePhone && lhs.phone == rhs.phone)
    }
}
