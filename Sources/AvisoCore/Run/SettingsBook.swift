/// Resolves which slot settings apply to a customer: its own row beats its account's default
/// row, which beats the built-in default; a row replaces the slot whole.
struct SettingsBook: Sendable {
    private var accountRows: [String: [Slot: SlotSetting]] = [:]
    private var customerRows: [String: [Slot: SlotSetting]] = [:]
    private var accountCache: [String: SlotSettings] = [:]

    /// Adds a row; returns false when the owner already has a row for that slot (the first wins).
    mutating func add(_ row: SettingRow) -> Bool {
        switch row.owner {
        case .account(let id):
            if accountRows[id, default: [:]][row.slot] != nil { return false }
            accountRows[id, default: [:]][row.slot] = row.setting
        case .customer(let id):
            if customerRows[id, default: [:]][row.slot] != nil { return false }
            customerRows[id, default: [:]][row.slot] = row.setting
        }
        return true
    }

    /// Freezes account defaults into full settings (call once after all rows are added).
    mutating func prepare() {
        for (account, rows) in accountRows {
            var settings = SlotSettings.builtIn
            for (slot, setting) in rows { settings[slot] = setting }
            accountCache[account] = settings
        }
    }

    /// The ids of the customers that have rows of their own, in no particular order.
    var customersWithRows: Dictionary<String, [Slot: SlotSetting]>.Keys { customerRows.keys }

    /// The settings in force for any customer of an account that has no rows of its own.
    func settings(account: String) -> SlotSettings {
        accountCache[account] ?? .builtIn
    }

    /// The settings in force for a customer of an account.
    func settings(customer: String, account: String) -> SlotSettings {
        var settings = accountCache[account] ?? .builtIn
        if let rows = customerRows[customer] {
            for (slot, setting) in rows { settings[slot] = setting }
        }
        return settings
    }
}
