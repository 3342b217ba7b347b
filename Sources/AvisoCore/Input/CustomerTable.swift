/// customers: **id**, **account**, **name** and contact, address and flag fields.
enum CustomerTable: InputTableSchema {
    static let baseName = "customers"
    static let recordName = "customer"
    static let fields = [
        "id", "account", "name", "cpfCnpj", "email", "additionalEmails", "phone", "mobilePhone",
        "address", "addressNumber", "complement", "province", "postalCode", "cityName", "state",
        "notificationDisabled", "postalService", "deleted",
    ]
    static let required = ["id", "account", "name"]

    static func decode(_ c: FieldCursor) throws(RowError) -> Customer {
        Customer(
            id: try c.requiredString(0), account: try c.requiredString(1), name: try c.requiredString(2),
            cpfCnpj: c.string(3), email: c.string(4), additionalEmails: c.string(5), phone: c.string(6),
            mobilePhone: c.string(7), address: c.string(8), addressNumber: c.string(9),
            complement: c.string(10), province: c.string(11), postalCode: c.string(12),
            cityName: c.string(13), state: c.string(14),
            notificationDisabled: try c.boolean(15, absent: false),
            postalService: try c.boolean(16, absent: false),
            deleted: try c.boolean(17, absent: false)
        )
    }
}
