/// accounts: **id**, **name**, email, mobilePhone, phone.
enum AccountTable: InputTableSchema {
    static let baseName = "accounts"
    static let recordName = "account"
    static let fields = ["id", "name", "email", "mobilePhone", "phone"]
    static let required = ["id", "name"]

    static func decode(_ c: FieldCursor) throws(RowError) -> Account {
        Account(
            id: try c.requiredString(0), name: try c.requiredString(1),
            email: c.string(2), mobilePhone: c.string(3), phone: c.string(4)
        )
    }

    static func id(of row: Account) -> String? { row.id }
}
