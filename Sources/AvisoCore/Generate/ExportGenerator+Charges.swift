/// Charges: due dates spread over months around the run date (weekends and holidays
/// included), mostly open, a few percent paid with their pay dates and a few overdue,
/// subscriptions, boletos with their linha digitável, Pix and cards.
extension ExportGenerator {
    static let chargeFields = ["object"] + [
        "id", "customer", "billingType", "status", "value", "dueDate", "dateCreated",
        "originalDueDate", "paymentDate", "clientPaymentDate", "deleted", "subscription",
        "description", "nossoNumero", "identificationField", "invoiceUrl", "bankSlipUrl",
        "lastBankSlipViewedDate", "postalService",
    ]

    static let payment = Array("payment".utf8)
    static let chargePrefix = Array("pay_".utf8)
    static let subscriptionPrefix = Array("sub_".utf8)
    static let invoiceURL = Array("https://pagar.exemplo.com.br/i/".utf8)
    static let bankSlipURL = Array("https://pagar.exemplo.com.br/b/pdf/".utf8)
    static let trueWord = Array("true".utf8)
    static let falseWord = Array("false".utf8)
    static let billingTypes: [[UInt8]] = [BillingType.boleto, .pix, .creditCard, .debitCard, .transfer, .deposit, .undefined].map { Array($0.rawValue.utf8) }
    static let pricePoints: [Int64] = [4990, 8990, 12000, 15000, 19990, 25000, 35000, 48000, 85000, 149000, 230000]

    static func status(_ status: ChargeStatus) -> [UInt8] { Array(status.rawValue.utf8) }
    static let pending = status(.pending)
    static let overdue = status(.overdue)
    static let received = status(.received)
    static let confirmed = status(.confirmed)
    static let receivedInCash = status(.receivedInCash)
    static let otherStatuses: [[UInt8]] = [
        ChargeStatus.refunded, .refundRequested, .refundInProgress, .chargebackRequested, .chargebackDispute,
        .awaitingChargebackReversal, .dunningRequested, .dunningReceived, .awaitingRiskAnalysis,
    ].map(status)
    static let badValue = Array("R$120.00".utf8)
    static let badStatus = Array("pending".utf8)
    static let badBillingType = Array("BOLETO_BANCARIO".utf8)
    static let badDate = Array("2026-02-30".utf8)

    /// How a charge's status came out.
    private enum Standing { case open, paid, other }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    func charge(_ b: inout ByteBuilder, _ index: Int, _ rng: inout SplitMix64, _ layout: RecordLayout, _ words: EncodedVocabulary) {
        let runDate = options.runDate
        let bad = isBadRow(index, rows: options.charges, spacing: Self.chargeBadSpacing, .charges)
        // 0 BAD_NUMBER, 1 BAD_ENUM status, 2 BAD_ENUM billingType, 3 DUPLICATE_ID, 4 BAD_DATE,
        // 5 PAID_WITHOUT_PAY_DATE.
        let badKind = bad ? rng.below(6) : -1
        let customerIndex = rng.below(options.customers)

        let billingRoll = rng.below(1000)
        let billing: BillingType
        switch billingRoll {
        case ..<450: billing = .boleto
        case ..<750: billing = .pix
        case ..<900: billing = .creditCard
        case ..<930: billing = .debitCard
        case ..<980: billing = .undefined
        case ..<990: billing = .transfer
        default: billing = .deposit
        }
        let billingText: [UInt8]
        switch billing {
        case .boleto: billingText = Self.billingTypes[0]
        case .pix: billingText = Self.billingTypes[1]
        case .creditCard: billingText = Self.billingTypes[2]
        case .debitCard: billingText = Self.billingTypes[3]
        case .transfer: billingText = Self.billingTypes[4]
        case .deposit: billingText = Self.billingTypes[5]
        case .undefined: billingText = Self.billingTypes[6]
        }
        let isBoleto = billing == .boleto || (billing == .undefined && rng.chance(perMille: 500))

        let past = rng.chance(perMille: 100)
        var due: Day
        var created: Day
        if past {
            due = runDate - (1 + rng.below(90))
            created = due - rng.within(1...30)
        } else {
            due = runDate + rng.below(121)
            created = runDate - (1 + rng.below(45))
        }
        // Created on the run date itself: not in that run yet (left out, not rejected).
        if rng.chance(perMille: 5) { created = runDate }
        let createdSeconds = rng.below(86_400)

        var standing = Standing.open
        var status = Self.pending
        let roll = rng.below(1000)
        if past {
            if roll < 600 { standing = .paid } else if roll < 900 { status = Self.overdue } else if roll >= 950 { standing = .other }
        } else {
            if roll < 25 { standing = .paid } else if roll < 40 { standing = .other }
        }
        var paymentDate: Day?
        var clientPaymentDate: Day?
        if standing == .paid {
            let latest = max(created, runDate - 1)
            var paid = past ? due + rng.within(-5...5) : created + rng.below(max(1, latest - created + 1))
            paid = min(max(paid, created), latest)
            let kind = rng.below(10)
            switch billing {
            case .creditCard, .debitCard:
                if kind < 5 { status = Self.confirmed; clientPaymentDate = paid } else { status = Self.received; paymentDate = paid; clientPaymentDate = paid }
            case .boleto, .undefined:
                if kind < 8 { status = Self.received; paymentDate = paid; clientPaymentDate = paid } else if kind < 9 { status = Self.receivedInCash; paymentDate = paid } else { status = Self.confirmed; clientPaymentDate = paid }
            default:
                if kind < 9 { status = Self.received; paymentDate = paid } else { status = Self.receivedInCash; paymentDate = paid }
            }
        } else if standing == .other {
            status = Self.otherStatuses[rng.below(Self.otherStatuses.count)]
        }
        if badKind == 5 {
            status = Self.received
            paymentDate = nil
            clientPaymentDate = nil
        }

        let value: Int64 = rng.below(10) < 6
            ? Self.pricePoints[rng.below(Self.pricePoints.count)]
            : Int64(rng.within(1000...500_000))
        let brazilianMoney = rng.chance(perMille: 30)
        let brazilianDates = rng.chance(perMille: 30)

        layout.begin(&b)
        layout.value(&b, 0, Self.payment)
        let id = idNumber(badKind == 3 ? index - 1 : index, .charges)
        layout.start(&b, 1); b.append(Self.chargePrefix); b.padded(id, 12); layout.end(&b, 1)
        layout.start(&b, 2); b.append(Self.customerPrefix); b.padded(idNumber(customerIndex, .customers), 12); layout.end(&b, 2)
        layout.value(&b, 3, badKind == 2 ? Self.badBillingType : billingText)
        layout.value(&b, 4, badKind == 1 ? Self.badStatus : status)
        layout.start(&b, 5)
        if badKind == 0 {
            b.append(Self.badValue)
        } else if brazilianMoney {
            let quote = layout.format == .csv
            if quote { b.byte(0x22) }
            b.brazilianMoney(value)
            if quote { b.byte(0x22) }
        } else {
            b.money(value)
        }
        layout.end(&b, 5)
        layout.start(&b, 6)
        if badKind == 4 { b.append(Self.badDate) } else { date(&b, due, brazilian: brazilianDates) }
        layout.end(&b, 6)
        layout.start(&b, 7); b.isoDate(created); b.time(createdSeconds, separator: 0x20); layout.end(&b, 7)
        if rng.chance(perMille: 30) {
            layout.start(&b, 8); b.isoDate(due - rng.within(1...20)); layout.end(&b, 8)
        } else {
            layout.absent(&b, 8)
        }
        if let paymentDate {
            layout.start(&b, 9); date(&b, paymentDate, brazilian: brazilianDates); layout.end(&b, 9)
        } else {
            layout.absent(&b, 9)
        }
        if let clientPaymentDate {
            layout.start(&b, 10); date(&b, clientPaymentDate, brazilian: brazilianDates); layout.end(&b, 10)
        } else {
            layout.absent(&b, 10)
        }
        let deleted = rng.below(1000)
        if deleted < 10 && badKind != 5 {
            layout.value(&b, 11, Self.trueWord)
        } else if deleted < 110 {
            layout.value(&b, 11, Self.falseWord)
        } else {
            layout.absent(&b, 11)
        }
        if rng.chance(perMille: 300) {
            layout.start(&b, 12)
            b.append(Self.subscriptionPrefix); b.padded(idNumber(customerIndex &* 3 &+ rng.below(3), .subscriptions), 12)
            layout.end(&b, 12)
        } else {
            layout.absent(&b, 12)
        }
        if rng.chance(perMille: 900) {
            layout.value(&b, 13, words.descriptions[rng.below(words.descriptions.count)])
        } else {
            layout.absent(&b, 13)
        }
        if isBoleto {
            layout.start(&b, 14); b.padded(UInt64(rng.below(100_000_000)), 8); layout.end(&b, 14)
            layout.start(&b, 15)
            BoletoLine.write(&b, bank: BoletoLine.banks[rng.below(BoletoLine.banks.count)], rng: &rng, dueDate: due, value: value)
            layout.end(&b, 15)
        } else {
            layout.absent(&b, 14)
            layout.absent(&b, 15)
        }
        layout.start(&b, 16); b.append(Self.invoiceURL); b.padded(id, 12); layout.end(&b, 16)
        if isBoleto {
            layout.start(&b, 17); b.append(Self.bankSlipURL); b.padded(id, 12); layout.end(&b, 17)
        } else {
            layout.absent(&b, 17)
        }
        if isBoleto && rng.chance(perMille: 250) {
            let latest = max(created, runDate - 1)
            layout.start(&b, 18); b.isoDate(created + rng.below(latest - created + 1)); layout.end(&b, 18)
        } else {
            layout.absent(&b, 18)
        }
        if rng.chance(perMille: 5) {
            layout.value(&b, 19, Self.trueWord)
        } else {
            layout.absent(&b, 19)
        }
        layout.finish(&b)
    }

    @inline(__always)
    func date(_ b: inout ByteBuilder, _ day: Day, brazilian: Bool) {
        if brazilian { b.brazilianDate(day) } else { b.isoDate(day) }
    }
}
