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

    static func decode(_ c: FieldCursor) throws(RowError) -> Charge {
        let charge = Charge(
            id: try c.requiredString(0), customer: try c.requiredString(1),
            billingType: try c.requiredEnum(2, BillingType.self),
            status: try c.requiredEnum(3, ChargeStatus.self),
            value: try c.requiredMoney(4), dueDate: try c.requiredDate(5),
            dateCreated: try c.requiredDate(6), originalDueDate: try c.date(7),
            paymentDate: try c.date(8), clientPaymentDate: try c.date(9),
            deleted: try c.boolean(10, absent: false), subscription: c.string(11),
            description: c.string(12), nossoNumero: c.string(13), identificationField: c.string(14),
            invoiceUrl: c.string(15), bankSlipUrl: c.string(16),
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
}
