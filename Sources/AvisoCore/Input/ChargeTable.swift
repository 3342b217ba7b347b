/// charges: **id**, **customer**, **billingType**, **status**, **value**, **dueDate**,
/// **dateCreated** and the optional fields the rules and messages use.
enum ChargeTable: InputTableSchema {
    static let baseName = "charges"
    static let recordName = "charge"
    static let fields = [
        "id", "customer", "billingType", "status", "value", "dueDate", "dateCreated",
        "originalDueDate", "paymentDate", "clientPaymentDate", "deleted", "subscription",
        "description", "nossoNumero", "identificationField", "invoiceUrl", "bankSlipUrl",
        "lastBankSlipViewedDate", "postalService",
    ]
    static let required = ["id", "customer", "billingType", "status", "value", "dueDate", "dateCreated"]

    /// The record fields of `Charge.TextField`'s positions, in that order.
    static let textFields = [0, 1, 11, 12, 13, 14, 15, 16]

    static func decode(_ c: FieldCursor) throws(RowError) -> Charge {
        guard c.has(0) else { throw c.missing(0) }
        guard c.has(1) else { throw c.missing(1) }
        let charge = Charge(
            text: c.packedText(textFields),
            billingType: try c.requiredEnum(2, BillingType.self),
            status: try c.requiredEnum(3, ChargeStatus.self),
            value: try c.requiredMoney(4), dueDate: try c.requiredDate(5),
            dateCreated: try c.requiredDate(6), originalDueDate: try c.date(7),
            paymentDate: try c.date(8), clientPaymentDate: try c.date(9),
            deleted: try c.boolean(10, absent: false),
            lastBankSlipViewedDate: try c.date(17), postalService: try c.boolean(18, absent: false)
        )
        if charge.status.isPaid, !charge.deleted, charge.payDate == nil {
            throw RowError(
                field: "paymentDate", reason: "PAID_WITHOUT_PAY_DATE",
                detail: "status \(charge.status.rawValue) needs paymentDate or clientPaymentDate"
            )
        }
        return charge
    }

    static func id(of row: Charge) -> String? { row.id }

    /// Most charges are only counted where they are decoded: their text's buffer is packed into again.
    static func textBuffer(of row: consuming Charge) -> [UInt8]? { row.text.bufferForReuse }
}
