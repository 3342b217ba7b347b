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

    /// The record fields of `Customer.TextField`'s positions, in that order.
    static let textFields = Array(0..<15)

    static func decode(_ c: FieldCursor) throws(RowError) -> Customer {
        for field in 0..<3 where !c.has(field) { throw c.missing(field) }
        var customer = Customer(
            text: c.packedText(textFields),
            notificationDisabled: try c.boolean(15, absent: false),
            postalService: try c.boolean(16, absent: false),
            deleted: try c.boolean(17, absent: false)
        )
        customer.fileRow = c.fileRange
        return customer
    }

    static func id(of row: Customer) -> String? { row.id }
}
