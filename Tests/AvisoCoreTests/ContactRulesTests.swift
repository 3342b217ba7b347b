import Testing
@testable import AvisoCore

@Suite struct ContactRulesTests {
    // MARK: - Phones

    @Test(arguments: [
        ("(11) 98765-4321", "+5511987654321"),
        ("11987654321", "+5511987654321"),
        ("11 98765 4321", "+5511987654321"),
        ("11.98765.4321", "+5511987654321"),
        ("+55 (11) 98765-4321", "+5511987654321"),
        ("+5511987654321", "+5511987654321"),
        ("5511987654321", "+5511987654321"),        // leading 55 with 13 digits
        ("55 11 98765-4321", "+5511987654321"),
        ("011987654321", "+5511987654321"),         // trunk 0 with 12 digits
        ("(011) 98765-4321", "+5511987654321"),
        ("55987654321", "+5555987654321"),          // DDD 55 itself: 11 digits, no 55 dropped
        ("(99) 99999-0000", "+5599999990000"),
    ])
    func validMobiles(raw: String, e164: String) {
        #expect(ContactRules.mobile(raw) == .phone(e164))
    }

    @Test(arguments: [
        "(11) 3456-7890",       // landline
        "1198765432",           // 10 digits
        "119876543210",         // 12 digits, no prefix rule applies
        "(11) 88765-4321",      // 11 digits not starting with 9
        "10987654321",          // DDD 10
        "20987654321",          // DDD 20
        "23987654321",          // DDD 23
        "+1 415 555 0100",      // foreign
        "+55 11 98765-4321 ramal 2",
        "11/98765-4321",        // slash is not cleaned up
        "11\t98765-4321",       // only spaces are dropped
        "+55011987654321",      // +55 dropped; no second prefix rule
        "0011987654321",        // 13 digits starting with 0
        "",
        "+55",
    ])
    func invalidMobiles(raw: String) {
        #expect(ContactRules.mobile(raw) == .rejected(reason: "NO_VALID_MOBILE",
                                                     detail: "\"\(raw)\" is not a valid mobile number"))
    }

    @Test func missingMobile() {
        #expect(ContactRules.mobile(nil) == .rejected(reason: "NO_VALID_MOBILE", detail: "no mobile number"))
    }

    @Test func trailingSpacesAreDroppedLikeInnerOnes() {
        #expect(ContactRules.mobile(" 11 98765-4321 ") == .phone("+5511987654321"))
    }

    static let validDDDs: [Int] = [
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38,
        41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69,
        71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
    ]

    @Test func exactlyTheSixtySevenDDDs() {
        #expect(Self.validDDDs.count == 67)
        let accepted = (0...99).filter { ContactRules.isValidDDD($0) }
        #expect(accepted == Self.validDDDs)
    }

    @Test(arguments: [(10, false), (11, true), (19, true), (20, false), (21, true), (23, false), (25, false),
                      (29, false), (30, false), (36, false), (39, false), (40, false), (50, false), (52, false),
                      (56, false), (60, false), (70, false), (72, false), (76, false), (78, false), (80, false),
                      (90, false), (91, true), (99, true)])
    func dddEdgesThroughMobileAndLandline(ddd: Int, valid: Bool) {
        let dd = ddd < 10 ? "0\(ddd)" : "\(ddd)"
        let mobile = ContactRules.mobile("(\(dd)) 98765-4321")
        let landline = ContactRules.voice(mobilePhone: nil, phone: "(\(dd)) 3456-7890")
        if valid {
            #expect(mobile == .phone("+55\(dd)987654321"))
            #expect(landline == .phone("+55\(dd)34567890"))
        } else {
            #expect(mobile == .rejected(reason: "NO_VALID_MOBILE", detail: "\"(\(dd)) 98765-4321\" is not a valid mobile number"))
            #expect(landline == .rejected(reason: "NO_VALID_PHONE",
                                          detail: "no valid mobile or landline number in phone \"(\(dd)) 3456-7890\""))
        }
    }

    @Test(arguments: [
        ("(11) 2345-6789", ContactRules.PhoneKind.landline, "+551123456789"),
        ("(11) 3456-7890", .landline, "+551134567890"),
        ("(11) 4456-7890", .landline, "+551144567890"),
        ("(11) 5456-7890", .landline, "+551154567890"),
        ("551134567890", .landline, "+551134567890"),      // leading 55 with 12 digits
        ("01134567890", .landline, "+551134567890"),       // trunk 0 with 11 digits
        ("+55 11 3456-7890", .landline, "+551134567890"),
        ("(11) 98765-4321", .mobile, "+5511987654321"),
    ])
    func classifiesLandlinesAndMobiles(raw: String, kind: ContactRules.PhoneKind, e164: String) throws {
        let result = try #require(ContactRules.classifyPhone(raw))
        #expect(result.kind == kind)
        #expect(result.e164 == e164)
    }

    @Test(arguments: ["(11) 1456-7890", "(11) 6456-7890", "(11) 7456-7890", "(11) 8456-7890", "(11) 0456-7890",
                      "(11) 9456-7890", "(11) 345-7890"])
    func landlineMustStartWithTwoToFive(raw: String) {
        #expect(ContactRules.classifyPhone(raw) == nil)
        #expect(ContactRules.voice(mobilePhone: raw, phone: nil)
                == .rejected(reason: "NO_VALID_PHONE", detail: "no valid mobile or landline number in mobilePhone \"\(raw)\""))
    }

    @Test(arguments: [
        ("(11) 98765-4321", "(21) 3456-7890", "+5511987654321"),   // mobile first
        ("(11) 3456-7890", "(21) 98765-4321", "+551134567890"),    // a landline in mobilePhone still comes first
        ("12345", "(21) 3456-7890", "+552134567890"),              // bad mobilePhone: falls back to phone
        ("(20) 98765-4321", "(21) 98765-4321", "+5521987654321"),  // bad DDD in mobilePhone
    ])
    func voicePicksTheFirstValidNumber(mobile: String, phone: String, expected: String) {
        #expect(ContactRules.voice(mobilePhone: mobile, phone: phone) == .phone(expected))
    }

    /// The phone rule as RULES.md words it, plainly on Strings: the reference the byte-level
    /// classifier is held to.
    static func referencePhone(_ raw: String) -> (kind: ContactRules.PhoneKind, e164: String)? {
        var digits = raw.filter { !" .-()".contains($0) }
        if digits.hasPrefix("+55") {
            digits.removeFirst(3)
        } else if (digits.count == 12 || digits.count == 13) && digits.hasPrefix("55") {
            digits.removeFirst(2)
        } else if (digits.count == 11 || digits.count == 12) && digits.hasPrefix("0") {
            digits.removeFirst(1)
        }
        guard digits.count == 10 || digits.count == 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              ContactRules.isValidDDD(Int(digits.prefix(2))!) else { return nil }
        let lead = digits[digits.index(digits.startIndex, offsetBy: 2)]
        if digits.count == 11 && lead == "9" { return (.mobile, "+55" + digits) }
        if digits.count == 10 && "2345".contains(lead) { return (.landline, "+55" + digits) }
        return nil
    }

    @Test("numbers are classified on their bytes as the rule says, whatever their length or bytes")
    func classifierAgreesWithTheReference() {
        var random = SplitMix64(seed: 41)
        let alphabet = Array("0123456789999555+ .-()x9é\t")
        var inputs = ["", "+55", "+55 (11) 98765-43210", "0055 11 98765 4321", "+55 11 98765-4321 ", "11 98765-4321 9",
                      "(11) 98765-4321", "5511987654321", "011987654321", "+5511 3456 7890", "++5511987654321",
                      String(repeating: "9", count: 40), "(11) 9876５-4321"]
        for _ in 0..<20_000 {
            let length = random.within(0...18)
            inputs.append(String((0..<length).map { _ in alphabet[random.below(alphabet.count)] }))
        }
        // Numbers that are nearly valid: a valid one with one byte changed, dropped or doubled.
        for _ in 0..<5_000 {
            var number = Array(["(11) 98765-4321", "+55 21 3456-7890", "011 4456 7890", "5531987654321"][random.below(4)])
            let at = random.below(number.count)
            switch random.below(3) {
            case 0: number[at] = alphabet[random.below(alphabet.count)]
            case 1: number.remove(at: at)
            default: number.insert(number[at], at: at)
            }
            inputs.append(String(number))
        }
        var mismatches: [String] = []
        var valid = 0
        for raw in inputs {
            let expected = Self.referencePhone(raw)
            let found = ContactRules.classifyPhone(raw)
            let kind = Array(raw.utf8).withUnsafeBufferPointer { ContactRules.phoneKind(utf8: $0) }
            if found?.kind != expected?.kind || found?.e164 != expected?.e164 || kind != expected?.kind {
                mismatches.append(raw.debugDescription)
            }
            if expected != nil { valid += 1 }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // Not trivially in agreement: many of them are numbers.
        #expect(valid > 1_000)
    }

    @Test func voiceWithOnlyPhone() {
        #expect(ContactRules.voice(mobilePhone: nil, phone: "0 11 3456 7890") == .phone("+551134567890"))
    }

    @Test func voiceRejections() {
        #expect(ContactRules.voice(mobilePhone: nil, phone: nil) == .rejected(reason: "NO_VALID_PHONE", detail: "no phone number"))
        #expect(ContactRules.voice(mobilePhone: "123", phone: "(23) 3456-7890") == .rejected(
            reason: "NO_VALID_PHONE", detail: "no valid mobile or landline number in mobilePhone \"123\", phone \"(23) 3456-7890\""))
    }

    // MARK: - Email

    @Test(arguments: [
        ("maria@example.com", true),
        ("maria.souza+boletos@mail.example.com.br", true),
        ("a@b.co", true),
        ("joão@exemplo.com.br", true),
        ("a@b@c.com", false),              // two @
        ("maria.example.com", false),      // no @
        ("a@localhost", false),            // one label only
        ("a@b..com", false),               // empty label
        ("a@.com", false),
        ("a@com.", false),
        ("@b.com", false),                 // empty local part
        ("maria souza@example.com", false),
        ("maria@exam ple.com", false),
        ("maria\t@example.com", false),
        ("maria\u{00A0}@example.com", false),  // no-break space
        ("", false),
    ])
    func emailValidity(address: String, valid: Bool) {
        #expect(ContactRules.isValidEmail(address) == valid)
        // The same inside a longer text (a Substring, as the address lists are split into).
        let list = "x@y.com, " + address + " ;z"
        let start = list.index(list.startIndex, offsetBy: 9)
        let piece = list[start..<list.index(start, offsetBy: address.count)]
        #expect(piece == address)
        #expect(ContactRules.isValidEmail(piece) == valid)
        // The same on the address's bytes, as a customer's reach checks it.
        #expect(Array(address.utf8).withUnsafeBytes { ContactRules.isValidEmail(utf8: $0) } == valid)
    }

    @Test func emailLengthLimitIs254Bytes() {
        let domain = "@example.com"                                     // 12 bytes
        let ok = String(repeating: "a", count: 254 - domain.utf8.count) + domain
        let tooLong = "a" + ok
        #expect(ok.utf8.count == 254)
        #expect(ContactRules.isValidEmail(ok))
        #expect(!ContactRules.isValidEmail(tooLong))
        #expect(ContactRules.emailAddresses(primary: tooLong, additional: ok) == .email([ok]))
        // The limit is in bytes: 131 characters, but 257 bytes.
        let accented = String(repeating: "é", count: 126) + "@b.co"
        #expect(accented.utf8.count == 257)
        #expect(!ContactRules.isValidEmail(accented))
    }

    @Test(arguments: [
        ("maria@example.com", nil, ["maria@example.com"]),
        ("maria@example.com", "financeiro@example.com, compras@example.com;diretoria@example.com",
         ["maria@example.com", "financeiro@example.com", "compras@example.com", "diretoria@example.com"]),
        (nil, "financeiro@example.com", ["financeiro@example.com"]),
        ("  maria@example.com  ", " ; financeiro@example.com ;; , ", ["maria@example.com", "financeiro@example.com"]),
        ("maria@example.com", "maria@example.com; outra@example.com, maria@example.com",
         ["maria@example.com", "outra@example.com"]),
        ("maria@example.com", "MARIA@example.com", ["maria@example.com", "MARIA@example.com"]),
        ("not-an-address", "a@b@c.com; financeiro@example.com", ["financeiro@example.com"]),
        ("maria@example.com,financeiro@example.com", nil, ["maria@example.com", "financeiro@example.com"]),
        // A lone primary, with no list or an empty one, takes the plain path when nothing in it
        // would be split or trimmed; these are the values next to that path's edge.
        ("maria@example.com", "", ["maria@example.com"]),
        (" maria@example.com", nil, ["maria@example.com"]),
        ("maria@example.com\t", "", ["maria@example.com"]),
        ("\u{00A0}maria@example.com", nil, ["maria@example.com"]),
        ("maria@example.com\u{2003}", nil, ["maria@example.com"]),
        ("maria@example.com;", nil, ["maria@example.com"]),
        ("joão@exemplo.com.br", nil, ["joão@exemplo.com.br"]),
        ("maria@example.com", "   ", ["maria@example.com"]),
    ] as [(String?, String?, [String])])
    func emailLists(primary: String?, additional: String?, expected: [String]) {
        #expect(ContactRules.emailAddresses(primary: primary, additional: additional) == .email(expected))
    }

    @Test(arguments: [
        (nil, nil, "no email address"),
        ("", " ; , ", "no email address"),
        ("maria@localhost", nil, "no valid email address in: maria@localhost"),
        ("a b@c.com", "x@y@z.com; x@y@z.com, @d.com", "no valid email address in: a b@c.com, x@y@z.com, @d.com"),
        ("", nil, "no email address"),
        ("a b@c.com", "", "no valid email address in: a b@c.com"),
        ("maria\u{00A0}silva@example.com", nil, "no valid email address in: maria\u{00A0}silva@example.com"),
        ("maria@example", "", "no valid email address in: maria@example"),
    ] as [(String?, String?, String)])
    func noValidEmail(primary: String?, additional: String?, detail: String) {
        #expect(ContactRules.emailAddresses(primary: primary, additional: additional)
                == .rejected(reason: "NO_VALID_EMAIL", detail: detail))
    }

    @Test(arguments: [
        ("maria@example.com", true), ("", false), (" maria@example.com", false), ("maria@example.com ", false),
        ("a@b.com,c@d.com", false), ("a@b.com;", false), ("\u{00A0}a@b.com", false), ("a@b.com\u{00A0}", false),
        ("ação@b.com", true), ("çaão@b.com", false), ("a@b.çom", true), ("x", true), ("\n", false),
    ] as [(String, Bool)])
    func plainAddresses(value: String, plain: Bool) {
        #expect(ContactRules.isPlainAddress(value.utf8) == plain)
        #expect(ContactRules.isPlainAddress(Array(value.utf8)) == plain)
    }
}
