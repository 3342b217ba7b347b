/// Notification settings (account defaults and customers' own rows) and manual resend
/// requests.
extension ExportGenerator {
    static let settingFields = [
        "event", "scheduleOffset", "customer", "account", "enabled", "emailEnabledForProvider",
        "smsEnabledForProvider", "emailEnabledForCustomer", "smsEnabledForCustomer",
        "phoneCallEnabledForCustomer", "whatsappEnabledForCustomer",
    ]
    static let resendFields = ["id", "payment", "requestedAt"]

    /// One settings row to write.
    struct SettingPlan: Sendable {
        /// The customer index, or nil for an account's default row.
        var customer: Int?
        var account: Int
        /// 0 CREATED, 1 UPDATED, 2 WARNING_BEFORE, 3 WARNING_DUE, 4 LINHA_DIGITAVEL,
        /// 5 OVERDUE_FIRST, 6 OVERDUE_REPEAT, 7 RECEIVED.
        var slot: Int
        var offset: Int
        /// 0 `true`, 1 `false`, 2 empty (on).
        var enabled: Int
        /// Channel switches in field order 5…10, bit 0 = field 5.
        var switches: Int
        /// -1 sound; 0 BAD_ENUM event, 1 BAD_NUMBER offset, 2 DUPLICATE_SETTING (the row
        /// repeats the owner and slot of the row before).
        var bad = -1
    }

    static let slotEvents: [[UInt8]] = [
        NotificationEvent.paymentCreated, .paymentUpdated, .paymentDueDateWarning, .paymentDueDateWarning,
        .sendLinhaDigitavel, .paymentOverdue, .paymentOverdue, .paymentReceived,
    ].map { Array($0.rawValue.utf8) }
    static let warningOffsets = [5, 7, 10, 15]
    static let repeatOffsets = [3, 5, 7, 10, 15]
    static let switchShares = [300, 100, 900, 700, 50, 200]
    static let badEvent = Array("PAYMENT_DUE".utf8)
    static let resendPrefix = Array("rsd_".utf8)

    /// The settings rows, decided up front (they are few: about 0.8 per account and 0.75 % of
    /// customers) so bad rows can be placed by position. Owners whose own row is bad are skipped.
    func settingRows() -> [SettingPlan] {
        var rng = SplitMix64(seed: SplitMix64.mix(options.seed ^ (Salt.settings.rawValue << 56)))
        var rows: [SettingPlan] = []
        var slots = Array(0..<8)
        func add(customer: Int?, account: Int, count: Int) {
            // A partial Fisher–Yates shuffle: `count` distinct slots, so no accidental duplicates.
            for k in 0..<count {
                slots.swapAt(k, k + rng.below(8 - k))
                let slot = slots[k]
                let offset = slot == 2 ? Self.warningOffsets[rng.below(4)] : slot == 6 ? Self.repeatOffsets[rng.below(5)] : 0
                let e = rng.below(100)
                var switches = 0
                for (bit, share) in Self.switchShares.enumerated() where rng.chance(perMille: share) { switches |= 1 << bit }
                rows.append(SettingPlan(customer: customer, account: account, slot: slot, offset: offset, enabled: e < 85 ? 0 : e < 95 ? 1 : 2, switches: switches))
            }
        }
        for account in 0..<options.accounts where rng.chance(perMille: 400) {
            guard !isBadRow(account, rows: options.accounts, spacing: Self.accountBadSpacing, .accounts) else { continue }
            add(customer: nil, account: account, count: rng.within(1...3))
        }
        for customer in 0..<options.customers where rng.chance(perMille: 5) {
            let account = accountIndex(ofCustomer: customer)
            guard !isBadRow(customer, rows: options.customers, spacing: Self.customerBadSpacing, .customers),
                  !isBadRow(account, rows: options.accounts, spacing: Self.accountBadSpacing, .accounts) else { continue }
            add(customer: customer, account: account, count: rng.within(1...2))
        }
        for i in rows.indices where isBadRow(i, rows: rows.count, spacing: 500, .settings) {
            rows[i].bad = rng.below(3)
            if rows[i].bad == 2 {
                rows[i].customer = rows[i - 1].customer
                rows[i].account = rows[i - 1].account
                rows[i].slot = rows[i - 1].slot
                rows[i].offset = rows[i - 1].offset
            }
        }
        return rows
    }

    func setting(_ b: inout ByteBuilder, _ row: SettingPlan, _ layout: RecordLayout) {
        layout.begin(&b)
        layout.value(&b, 0, row.bad == 0 ? Self.badEvent : Self.slotEvents[row.slot])
        layout.start(&b, 1); b.decimal(row.bad == 1 ? 120 : row.offset); layout.end(&b, 1)
        if let customer = row.customer {
            layout.start(&b, 2); b.append(Self.customerPrefix); b.padded(idNumber(customer, .customers), 12); layout.end(&b, 2)
        } else {
            layout.absent(&b, 2)
        }
        layout.start(&b, 3); b.append(Self.accountPrefix); b.padded(idNumber(row.account, .accounts), 12); layout.end(&b, 3)
        switch row.enabled {
        case 0: layout.value(&b, 4, Self.trueWord)
        case 1: layout.value(&b, 4, Self.falseWord)
        default: layout.absent(&b, 4)
        }
        for bit in 0..<6 {
            layout.value(&b, 5 + bit, row.switches & (1 << bit) != 0 ? Self.trueWord : Self.falseWord)
        }
        layout.finish(&b)
    }

    /// A resend request for a random charge (open or not: closed ones are CHARGE_NOT_OPEN),
    /// requested one to three days before the run date, in the date-time spellings FORMATS.md
    /// accepts. Local times stay before 21:00, so the UTC spelling is still the same date.
    func resend(_ b: inout ByteBuilder, _ index: Int, rows: Int, _ rng: inout SplitMix64, _ layout: RecordLayout) {
        let bad = isBadRow(index, rows: rows, spacing: 500, .resends)
        let day = options.runDate - (1 + (rng.chance(perMille: 300) ? rng.within(1...2) : 0))
        let local = rng.within((8 * 3600)...(20 * 3600 + 59 * 60 + 59))
        layout.begin(&b)
        layout.start(&b, 0); b.append(Self.resendPrefix); b.padded(idNumber(index, .resends), 12); layout.end(&b, 0)
        layout.start(&b, 1); b.append(Self.chargePrefix); b.padded(idNumber(rng.below(max(1, options.charges)), .charges), 12); layout.end(&b, 1)
        layout.start(&b, 2)
        b.isoDate(day)
        if !bad {
            switch rng.below(5) {
            case 0: b.time(local, separator: 0x54); b.append(Self.minus0300)
            case 1: b.byte(0x20); b.padded(UInt64(local / 3600), 2); b.byte(0x3A); b.padded(UInt64(local / 60 % 60), 2)
            case 2: b.time(local + 3 * 3600, separator: 0x54); b.byte(0x5A)
            case 3: b.time(local, separator: 0x54); b.append(Self.millisMinus0300)
            default: b.time(local, separator: 0x54)
            }
        }
        layout.end(&b, 2)
        layout.finish(&b)
    }

    static let minus0300 = Array("-03:00".utf8)
    static let millisMinus0300 = Array(".250-0300".utf8)
}
