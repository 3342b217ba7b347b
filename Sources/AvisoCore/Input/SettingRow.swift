/// One decoded notification-settings row: whose it is and the slot setting it replaces whole.
public struct SettingRow: Sendable, Equatable {
    /// Whose default the row sets.
    public enum Owner: Sendable, Hashable {
        /// The row is the default of an account (its `customer` is empty).
        case account(String)
        /// The row is a customer's own.
        case customer(String)
    }

    public var owner: Owner
    public var slot: Slot
    public var setting: SlotSetting
}

/// notifications: **event**, **scheduleOffset**, customer, account, enabled and channel switches.
enum SettingTable: InputTableSchema {
    static let baseName = "notifications"
    static let recordName = "notification"
    static let fields = [
        "event", "scheduleOffset", "customer", "account", "enabled", "emailEnabledForProvider",
        "smsEnabledForProvider", "emailEnabledForCustomer", "smsEnabledForCustomer",
        "phoneCallEnabledForCustomer", "whatsappEnabledForCustomer",
    ]
    static let required = ["event", "scheduleOffset"]

    static func decode(_ c: FieldCursor) throws(RowError) -> SettingRow {
        let event = try c.requiredEnum(0, NotificationEvent.self)
        let offset = try c.requiredInteger(1, in: 0...90)
        let owner: SettingRow.Owner
        if let customer = c.string(2) {
            owner = .customer(customer)
        } else if let account = c.string(3) {
            owner = .account(account)
        } else {
            throw RowError(field: "account", reason: "MISSING_FIELD", detail: "a settings row needs a customer, or an account when it is the account's default")
        }
        let slot = Slot.forSetting(event: event, offset: offset)
        let setting = SlotSetting(
            enabled: try c.boolean(4, absent: true),
            scheduleOffset: (slot == .warningBefore || slot == .overdueRepeat) ? offset : 0,
            customerEmail: try c.boolean(7, absent: false),
            customerSMS: try c.boolean(8, absent: false),
            customerWhatsApp: try c.boolean(10, absent: false),
            customerVoice: try c.boolean(9, absent: false),
            providerEmail: try c.boolean(5, absent: false),
            providerSMS: try c.boolean(6, absent: false)
        )
        return SettingRow(owner: owner, slot: slot, setting: setting)
    }

    static func id(of row: SettingRow) -> String? { nil }
}
