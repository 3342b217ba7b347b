/// Accounts and customers: names, documents, e-mails, phones in the mixed formats real
/// exports carry, addresses with CEPs inside their state's range.
extension ExportGenerator {
    static let accountFields = ["id", "name", "email", "mobilePhone", "phone"]
    static let customerFields = [
        "id", "account", "name", "cpfCnpj", "email", "additionalEmails", "phone", "mobilePhone",
        "address", "addressNumber", "complement", "province", "postalCode", "cityName", "state",
        "notificationDisabled", "postalService", "deleted",
    ]

    static let accountPrefix = Array("acc_".utf8)
    static let customerPrefix = Array("cus_".utf8)
    static let trueWords: [[UInt8]] = ["true", "true", "true", "sim", "1", "TRUE", "Sim"].map { Array($0.utf8) }
    static let falseWords: [[UInt8]] = ["false", "false", "false", "não", "0", "nao", "False"].map { Array($0.utf8) }
    static let mailboxes: [[UInt8]] = ["financeiro", "cobranca", "contato", "atendimento", "secretaria"].map { Array($0.utf8) }

    // MARK: - Accounts

    func account(_ b: inout ByteBuilder, _ index: Int, _ rng: inout SplitMix64, _ layout: RecordLayout, _ words: EncodedVocabulary) {
        layout.begin(&b)
        let bad = isBadRow(index, rows: options.accounts, spacing: Self.accountBadSpacing, .accounts)
        // The only bad account row is a duplicate id: any other would cascade to its customers.
        layout.start(&b, 0); b.append(Self.accountPrefix); b.padded(idNumber(bad ? index - 1 : index, .accounts), 12); layout.end(&b, 0)
        let business = rng.below(words.businessNames.count)
        layout.value(&b, 1, words.businessNames[business])
        layout.start(&b, 2)
        b.append(Self.mailboxes[rng.below(Self.mailboxes.count)]); b.byte(0x40)
        b.append(words.businessSlugs[business]); b.decimal(index); b.append(Self.comBr)
        layout.end(&b, 2)
        let city = words.cities[words.cityByWeight[rng.below(1024)]]
        layout.start(&b, 3)
        if rng.chance(perMille: 20) {
            landline(&b, ddd: city.ddd, &rng, style: 0)
        } else {
            mobile(&b, ddd: city.ddd, &rng, style: rng.below(7))
        }
        layout.end(&b, 3)
        if rng.chance(perMille: 600) {
            layout.start(&b, 4); landline(&b, ddd: city.ddd, &rng, style: rng.below(3)); layout.end(&b, 4)
        } else {
            layout.absent(&b, 4)
        }
        layout.finish(&b)
    }

    static let comBr = Array(".com.br".utf8)

    // MARK: - Customers

    // swiftlint:disable:next function_body_length
    func customer(_ b: inout ByteBuilder, _ index: Int, _ rng: inout SplitMix64, _ layout: RecordLayout, _ words: EncodedVocabulary) {
        let bad = isBadRow(index, rows: options.customers, spacing: Self.customerBadSpacing, .customers)
        let badKind = bad ? rng.below(2) : -1
        layout.begin(&b)
        layout.start(&b, 0); b.append(Self.customerPrefix); b.padded(idNumber(badKind == 1 ? index - 1 : index, .customers), 12); layout.end(&b, 0)
        layout.start(&b, 1); b.append(Self.accountPrefix); b.padded(idNumber(accountIndex(ofCustomer: index), .accounts), 12); layout.end(&b, 1)

        let given = rng.below(words.givenNames.count)
        let middle = rng.below(words.surnames.count)
        let last = rng.below(words.surnames.count)
        layout.start(&b, 2)
        b.append(words.givenNames[given]); b.byte(0x20); b.append(words.surnames[middle]); b.byte(0x20); b.append(words.surnames[last])
        layout.end(&b, 2)

        let document = rng.below(100)
        if document < 3 {
            layout.absent(&b, 3)
        } else {
            layout.start(&b, 3)
            if document < 10 { cnpj(&b, &rng, formatted: rng.chance(perMille: 500)) } else { cpf(&b, &rng, formatted: rng.chance(perMille: 500)) }
            layout.end(&b, 3)
        }

        let mail = rng.below(1000)
        if mail < 25 {
            layout.absent(&b, 4)
        } else {
            layout.start(&b, 4)
            if mail < 35 {
                // A malformed address (no dot in the domain, or two @): rejected as NO_VALID_EMAIL.
                b.append(words.givenFolded[given]); b.append(words.surnamesFolded[last])
                b.append(rng.chance(perMille: 500) ? Self.badDomainA : Self.badDomainB)
            } else {
                email(&b, given: words.givenFolded[given], last: words.surnamesFolded[last], &rng, words)
            }
            layout.end(&b, 4)
        }
        if rng.chance(perMille: 40) {
            // One or two more addresses, `;` or `,` separated (the latter quoted in CSV).
            let comma = rng.chance(perMille: 300) && layout.format == .csv
            layout.start(&b, 5)
            if comma { b.byte(0x22) }
            email(&b, given: words.givenFolded[rng.below(words.givenFolded.count)], last: words.surnamesFolded[last], &rng, words)
            if rng.chance(perMille: 400) {
                b.byte(comma ? 0x2C : 0x3B)
                if rng.chance(perMille: 500) { b.byte(0x20) }
                email(&b, given: words.givenFolded[rng.below(words.givenFolded.count)], last: words.surnamesFolded[last], &rng, words)
            }
            if comma { b.byte(0x22) }
            layout.end(&b, 5)
        } else {
            layout.absent(&b, 5)
        }

        let city = words.cities[words.cityByWeight[rng.below(1024)]]
        if rng.chance(perMille: 350) {
            layout.start(&b, 6); landline(&b, ddd: city.ddd, &rng, style: rng.below(3)); layout.end(&b, 6)
        } else {
            layout.absent(&b, 6)
        }
        let phone = rng.below(1000)
        if phone < 40 {
            layout.absent(&b, 7)
        } else {
            layout.start(&b, 7)
            if phone < 55 {
                badMobile(&b, ddd: city.ddd, &rng)
            } else {
                mobile(&b, ddd: city.ddd, &rng, style: rng.below(7))
            }
            layout.end(&b, 7)
        }

        layout.value(&b, 8, city.streets[rng.below(city.streets.count)])
        if rng.chance(perMille: 10) {
            layout.absent(&b, 9)
        } else {
            layout.start(&b, 9); b.decimal(rng.within(1...3200)); layout.end(&b, 9)
        }
        if rng.chance(perMille: 400) {
            layout.value(&b, 10, words.complements[rng.below(words.complements.count)])
        } else {
            layout.absent(&b, 10)
        }
        layout.value(&b, 11, city.neighbourhoods[rng.below(city.neighbourhoods.count)])
        let cep = rng.below(1000)
        if cep < 5 {
            layout.absent(&b, 12)
        } else {
            layout.start(&b, 12)
            if cep < 10 {
                // A CEP of another state: POSTAL_INVALID_CEP when this customer is mailed.
                let other = city.stateIndex == words.cities[0].stateIndex ? words.cities[3] : words.cities[0]
                postalCode(&b, low: other.cepLow, high: other.cepHigh, &rng, dashed: true)
            } else {
                postalCode(&b, low: city.cepLow, high: city.cepHigh, &rng, dashed: rng.chance(perMille: 700))
            }
            layout.end(&b, 12)
        }
        layout.value(&b, 13, city.name)
        layout.value(&b, 14, city.state)

        if badKind == 0 {
            layout.start(&b, 15); b.append(Self.maybe); layout.end(&b, 15)
        } else {
            boolean(&b, 15, rng.chance(perMille: 10), &rng, layout, emptyShare: 400)
        }
        boolean(&b, 16, rng.chance(perMille: 30), &rng, layout, emptyShare: 500)
        boolean(&b, 17, rng.chance(perMille: 5), &rng, layout, emptyShare: 600)
        layout.finish(&b)
    }

    static let maybe = Array("talvez".utf8)
    static let badDomainA = Array("@gmail".utf8)
    static let badDomainB = Array("@@bol.com.br".utf8)

    /// A boolean field: true in one of its spellings, or false as a spelling or (with
    /// `emptyShare`/1000) left empty.
    @inline(__always)
    func boolean(_ b: inout ByteBuilder, _ field: Int, _ value: Bool, _ rng: inout SplitMix64, _ layout: RecordLayout, emptyShare: Int) {
        if value {
            layout.value(&b, field, Self.trueWords[rng.below(Self.trueWords.count)])
        } else if rng.chance(perMille: emptyShare) {
            layout.absent(&b, field)
        } else {
            layout.value(&b, field, Self.falseWords[rng.below(Self.falseWords.count)])
        }
    }

    @inline(__always)
    func email(_ b: inout ByteBuilder, given: [UInt8], last: [UInt8], _ rng: inout SplitMix64, _ words: EncodedVocabulary) {
        switch rng.below(5) {
        case 0: b.append(given); b.byte(0x2E); b.append(last)
        case 1: b.append(given); b.append(last)
        case 2: b.append(given); b.byte(0x2E); b.append(last); b.decimal(rng.within(1...99))
        case 3: b.append(given); b.byte(0x5F); b.append(last)
        default: b.byte(given[0]); b.append(last); b.decimal(rng.within(100...999))
        }
        b.byte(0x40)
        b.append(words.emailDomains[rng.below(words.emailDomains.count)])
    }

    /// A valid mobile (DDD, 9, eight digits) in one of seven spellings.
    @inline(__always)
    func mobile(_ b: inout ByteBuilder, ddd: Int, _ rng: inout SplitMix64, style: Int) {
        let head = UInt64(rng.within(6...9) * 1000 + rng.below(1000))
        let tail = UInt64(rng.below(10_000))
        let area = UInt64(ddd)
        switch style {
        case 0: b.byte(0x28); b.padded(area, 2); b.append(Self.closeSpace9); b.padded(head, 4); b.byte(0x2D); b.padded(tail, 4)
        case 1: b.padded(area, 2); b.byte(0x39); b.padded(head, 4); b.padded(tail, 4)
        case 2: b.append(Self.plus55); b.padded(area, 2); b.byte(0x39); b.padded(head, 4); b.padded(tail, 4)
        case 3: b.append(Self.plus55); b.byte(0x20); b.padded(area, 2); b.append(Self.space9); b.padded(head, 4); b.byte(0x2D); b.padded(tail, 4)
        case 4: b.padded(area, 2); b.append(Self.space9); b.padded(head, 4); b.byte(0x2E); b.padded(tail, 4)
        case 5: b.byte(0x35); b.byte(0x35); b.padded(area, 2); b.byte(0x39); b.padded(head, 4); b.padded(tail, 4)
        default: b.byte(0x30); b.padded(area, 2); b.byte(0x39); b.padded(head, 4); b.padded(tail, 4)
        }
    }

    /// A mobile that fails RULES.md's test: no area code, an unused DDD, or a landline.
    func badMobile(_ b: inout ByteBuilder, ddd: Int, _ rng: inout SplitMix64) {
        switch rng.below(3) {
        case 0: b.byte(0x39); b.padded(UInt64(rng.within(6000...9999)), 4); b.byte(0x2D); b.padded(UInt64(rng.below(10_000)), 4)
        case 1: mobile(&b, ddd: 20, &rng, style: 0)
        default: landline(&b, ddd: ddd, &rng, style: 0)
        }
    }

    /// A landline (DDD, 2–5, seven digits) in one of three spellings.
    @inline(__always)
    func landline(_ b: inout ByteBuilder, ddd: Int, _ rng: inout SplitMix64, style: Int) {
        let head = UInt64(rng.within(2...5) * 1000 + rng.below(1000))
        let tail = UInt64(rng.below(10_000))
        switch style {
        case 0: b.byte(0x28); b.padded(UInt64(ddd), 2); b.byte(0x29); b.byte(0x20); b.padded(head, 4); b.byte(0x2D); b.padded(tail, 4)
        case 1: b.padded(UInt64(ddd), 2); b.padded(head, 4); b.padded(tail, 4)
        default: b.append(Self.plus55); b.byte(0x20); b.padded(UInt64(ddd), 2); b.byte(0x20); b.padded(head, 4); b.byte(0x2D); b.padded(tail, 4)
        }
    }

    static let plus55 = Array("+55".utf8)
    static let closeSpace9 = Array(") 9".utf8)
    static let space9 = Array(" 9".utf8)

    /// A CEP whose first five digits lie in `low...high`: `01310-100` or `01310100`.
    @inline(__always)
    func postalCode(_ b: inout ByteBuilder, low: Int, high: Int, _ rng: inout SplitMix64, dashed: Bool) {
        b.padded(UInt64(rng.within(low...max(low, high))), 5)
        if dashed { b.byte(0x2D) }
        b.padded(UInt64(rng.below(1000)), 3)
    }

    /// A CPF with valid check digits, plain or as `000.000.000-00`.
    func cpf(_ b: inout ByteBuilder, _ rng: inout SplitMix64, formatted: Bool) {
        var d = [Int](repeating: 0, count: 11)
        for i in 0..<9 { d[i] = rng.below(10) }
        d[9] = Self.checkDigit(d[0..<9], weights: [10, 9, 8, 7, 6, 5, 4, 3, 2])
        d[10] = Self.checkDigit(d[0..<10], weights: [11, 10, 9, 8, 7, 6, 5, 4, 3, 2])
        for i in 0..<11 {
            if formatted && (i == 3 || i == 6) { b.byte(0x2E) }
            if formatted && i == 9 { b.byte(0x2D) }
            b.byte(UInt8(48 + d[i]))
        }
    }

    /// A CNPJ (head office, `0001`) with valid check digits, plain or as `00.000.000/0001-00`.
    func cnpj(_ b: inout ByteBuilder, _ rng: inout SplitMix64, formatted: Bool) {
        var d = [Int](repeating: 0, count: 14)
        for i in 0..<8 { d[i] = rng.below(10) }
        d[11] = 1
        d[12] = Self.checkDigit(d[0..<12], weights: [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
        d[13] = Self.checkDigit(d[0..<13], weights: [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
        for i in 0..<14 {
            if formatted && (i == 2 || i == 5) { b.byte(0x2E) }
            if formatted && i == 8 { b.byte(0x2F) }
            if formatted && i == 12 { b.byte(0x2D) }
            b.byte(UInt8(48 + d[i]))
        }
    }

    /// The modulo-11 check digit of CPF and CNPJ: 0 when the remainder is below 2.
    static func checkDigit(_ digits: ArraySlice<Int>, weights: [Int]) -> Int {
        var sum = 0
        for (digit, weight) in zip(digits, weights) { sum += digit * weight }
        let r = sum % 11
        return r < 2 ? 0 : 11 - r
    }
}
