import Testing
@testable import AvisoCore

private typealias F = RulesFixtures

@Suite struct PostalRulesTests {
    static var postalCustomer: Customer {
        var customer = F.customer
        customer.postalService = true
        return customer
    }

    static func boleto(due: String, created: String = "2026-11-01", status: ChargeStatus = .pending,
                       billing: BillingType = .boleto, identificationField: String? = "23793.38128 60000.000003",
                       postalService: Bool = false, deleted: Bool = false) -> Charge {
        F.charge(due: due, created: created, status: status, billing: billing, identificationField: identificationField,
                 paymentDate: status.isPaid ? "2026-11-02" : nil, deleted: deleted, postalService: postalService)
    }

    static func letter(run: String, _ charge: Charge, _ customer: Customer = postalCustomer,
                       days: [String: Int] = [:]) throws -> LetterDecision? {
        var configuration = RunConfiguration()
        configuration.deliveryBusinessDaysByState = days
        return try F.planner(run, configuration).letter(for: charge, customer: customer)
    }

    // MARK: - Send date and delivery estimate

    @Test(arguments: [
        // due 12-30, created long before: S = nextBD(12-30 − 22 = 12-08); 7 business days → 12-17
        ("window start", "2026-12-08", "2026-12-30", "2026-11-01", "2026-12-17"),
        // created late: S = nextBD(created + 1 = Friday 12-11) → 12-22
        ("created after the window opened", "2026-12-11", "2026-12-30", "2026-12-10", "2026-12-22"),
        // due Sunday 12-27: window aims at Saturday 12-05, pushed to Monday 12-07 → 12-16
        ("window on a Saturday", "2026-12-07", "2026-12-27", "2026-11-01", "2026-12-16"),
        // S Monday 11-16; the Friday holiday 11-20 does not count: 17,18,19,23,24,25,26
        ("delivery over the Friday holiday", "2026-11-16", "2026-12-08", "2026-11-01", "2026-11-26"),
        // S Monday 12-21; Christmas does not count: 22,23,24,28,29,30,31
        ("delivery over Christmas", "2026-12-21", "2027-01-04", "2026-12-20", "2026-12-31"),
        // due 03-10: window aims at Carnival Monday 02-16 → Ash Wednesday; 19,20,23,24,25,26,27
        ("window on Carnival", "2026-02-18", "2026-03-10", "2026-01-05", "2026-02-27"),
    ])
    func mailedWithEstimate(label: String, run: String, due: String, created: String, estimate: String) throws {
        let decision = try #require(try Self.letter(run: run, Self.boleto(due: due, created: created)), "\(label)")
        #expect(decision == LetterDecision(sendDate: F.day(run), estimatedDelivery: F.day(estimate),
                                           outcome: .mail(postalCode: "01310100")), "\(label)")
    }

    @Test(arguments: ["2026-12-07", "2026-12-09", "2026-12-10", "2026-12-30"])
    func onlyOnItsSendDate(run: String) throws {
        #expect(try Self.letter(run: run, Self.boleto(due: "2026-12-30")) == nil)
    }

    /// Created 12-08, so S = Wednesday 12-09; the state's delivery days decide.
    @Test(arguments: [
        ("due Friday 12-18, 7 days → 12-18: on effDue, mailed", "2026-12-18", 7, "2026-12-18", nil as String?),
        ("due Friday 12-18, 8 days → 12-21: late", "2026-12-18", 8, "2026-12-21",
         "estimated delivery 2026-12-21 is after the effective due date 2026-12-18"),
        ("due Saturday 12-19, effDue Monday 12-21, 8 days → 12-21: mailed", "2026-12-19", 8, "2026-12-21", nil),
        ("due Saturday 12-19, 9 days → 12-22: late", "2026-12-19", 9, "2026-12-22",
         "estimated delivery 2026-12-22 is after the effective due date 2026-12-21"),
    ])
    func tooLateOnlyWhenStrictlyAfterEffectiveDue(label: String, due: String, days: Int, estimate: String,
                                                  lateDetail: String?) throws {
        let decision = try #require(try Self.letter(run: "2026-12-09", Self.boleto(due: due, created: "2026-12-08"),
                                                    days: ["SP": days]), "\(label)")
        let outcome: LetterDecision.Outcome = lateDetail.map { .rejected(reason: "POSTAL_TOO_LATE", detail: $0) }
            ?? .mail(postalCode: "01310100")
        #expect(decision == LetterDecision(sendDate: F.day("2026-12-09"), estimatedDelivery: F.day(estimate),
                                           outcome: outcome), "\(label)")
    }

    @Test func tooLateAcrossNewYear() throws {
        let charge = Self.boleto(due: "2027-01-04", created: "2026-12-20")
        #expect(try Self.letter(run: "2026-12-21", charge, days: ["SP": 8])?.outcome == .mail(postalCode: "01310100"))
        #expect(try Self.letter(run: "2026-12-21", charge, days: ["SP": 9]) == LetterDecision(
            sendDate: F.day("2026-12-21"), estimatedDelivery: F.day("2027-01-05"),
            outcome: .rejected(reason: "POSTAL_TOO_LATE",
                               detail: "estimated delivery 2027-01-05 is after the effective due date 2027-01-04")))
    }

    @Test func deliveryDaysLookedUpByUpperCasedState() throws {
        var customer = Self.postalCustomer
        customer.state = "rj"
        customer.postalCode = "20040-020"
        let decision = try Self.letter(run: "2026-12-08", Self.boleto(due: "2026-12-30"), customer, days: ["RJ": 3])
        #expect(decision == LetterDecision(sendDate: F.day("2026-12-08"), estimatedDelivery: F.day("2026-12-11"),
                                           outcome: .mail(postalCode: "20040020")))
    }

    // MARK: - Rejects, first that applies

    static func customer(_ change: (inout Customer) -> Void) -> Customer {
        var customer = postalCustomer
        change(&customer)
        return customer
    }

    @Test(arguments: [
        ("street and number missing",
         customer { $0.address = nil; $0.addressNumber = nil }, "2026-12-17" as String?,
         LetterDecision.Outcome.rejected(reason: "POSTAL_ADDRESS_INCOMPLETE", detail: "missing address, addressNumber")),
        ("everything missing, no estimate without a state",
         customer { $0.address = nil; $0.addressNumber = nil; $0.province = nil; $0.cityName = nil; $0.state = nil;
             $0.postalCode = nil }, nil,
         .rejected(reason: "POSTAL_ADDRESS_INCOMPLETE",
                   detail: "missing address, addressNumber, province, cityName, state")),
        ("blank neighbourhood counts as missing, before a bad CEP",
         customer { $0.province = "  "; $0.postalCode = "123" }, "2026-12-17",
         .rejected(reason: "POSTAL_ADDRESS_INCOMPLETE", detail: "missing province")),
        ("city missing, before an unknown state",
         customer { $0.cityName = nil; $0.state = "XX" }, nil,
         .rejected(reason: "POSTAL_ADDRESS_INCOMPLETE", detail: "missing cityName")),
        ("CEP missing", customer { $0.postalCode = nil }, "2026-12-17",
         .rejected(reason: "POSTAL_INVALID_CEP", detail: "postalCode missing")),
        ("CEP of 7 digits", customer { $0.postalCode = "0131010" }, "2026-12-17",
         .rejected(reason: "POSTAL_INVALID_CEP", detail: "postalCode \"0131010\" is not 8 digits")),
        ("CEP of 9 digits", customer { $0.postalCode = "01310-1000" }, "2026-12-17",
         .rejected(reason: "POSTAL_INVALID_CEP", detail: "postalCode \"01310-1000\" is not 8 digits")),
        ("CEP with a letter", customer { $0.postalCode = "01310-10a" }, "2026-12-17",
         .rejected(reason: "POSTAL_INVALID_CEP", detail: "postalCode \"01310-10a\" is not 8 digits")),
        ("CEP with a slash", customer { $0.postalCode = "01310/100" }, "2026-12-17",
         .rejected(reason: "POSTAL_INVALID_CEP", detail: "postalCode \"01310/100\" is not 8 digits")),
        ("unknown state", customer { $0.state = "XX" }, nil,
         .rejected(reason: "POSTAL_INVALID_CEP", detail: "unknown state \"XX\"")),
        ("CEP of another state", customer { $0.state = "RJ" }, "2026-12-17",
         .rejected(reason: "POSTAL_INVALID_CEP", detail: "CEP 01310100 is outside the CEP range of RJ")),
        ("CEP with dots and spaces", customer { $0.postalCode = "01.310 100" }, "2026-12-17",
         .mail(postalCode: "01310100")),
        ("lower-case state", customer { $0.state = "sp" }, "2026-12-17", .mail(postalCode: "01310100")),
        ("notificationDisabled still gets its letter", customer { $0.notificationDisabled = true }, "2026-12-17",
         .mail(postalCode: "01310100")),
    ] as [(String, Customer, String?, LetterDecision.Outcome)])
    func rejectsInOrder(label: String, customer: Customer, estimate: String?, outcome: LetterDecision.Outcome) throws {
        let decision = try #require(try Self.letter(run: "2026-12-08", Self.boleto(due: "2026-12-30"), customer), "\(label)")
        #expect(decision == LetterDecision(sendDate: F.day("2026-12-08"), estimatedDelivery: estimate.map(F.day),
                                           outcome: outcome), "\(label)")
    }

    @Test func invalidCEPComesBeforeTooLate() throws {
        var customer = Self.postalCustomer
        customer.postalCode = "99999-999"
        let decision = try Self.letter(run: "2026-12-09", Self.boleto(due: "2026-12-18", created: "2026-12-08"), customer,
                                       days: ["SP": 20])
        #expect(decision == LetterDecision(
            sendDate: F.day("2026-12-09"), estimatedDelivery: F.day("2027-01-08"),
            outcome: .rejected(reason: "POSTAL_INVALID_CEP", detail: "CEP 99999999 is outside the CEP range of SP")))
    }

    // MARK: - Eligibility

    @Test(arguments: [
        ("boleto, customer flag", boleto(due: "2026-12-30"), true, true),
        ("UNDEFINED billing", boleto(due: "2026-12-30", billing: .undefined), true, true),
        ("status OVERDUE is open", boleto(due: "2026-12-30", status: .overdue), true, true),
        ("charge flag only", boleto(due: "2026-12-30", postalService: true), false, true),
        ("neither flag", boleto(due: "2026-12-30"), false, false),
        ("PIX", boleto(due: "2026-12-30", billing: .pix), true, false),
        ("credit card", boleto(due: "2026-12-30", billing: .creditCard), true, false),
        ("no linha digitável", boleto(due: "2026-12-30", identificationField: nil), true, false),
        ("paid", boleto(due: "2026-12-30", status: .received), true, false),
        ("refunded", boleto(due: "2026-12-30", status: .refunded), true, false),
        ("deleted", boleto(due: "2026-12-30", deleted: true), true, false),
    ])
    func eligibility(label: String, charge: Charge, customerFlag: Bool, mailed: Bool) throws {
        var customer = Self.postalCustomer
        customer.postalService = customerFlag
        #expect(PostalRules.isEligible(charge, customer: customer) == mailed, "\(label)")
        let decision = try Self.letter(run: "2026-12-08", charge, customer)
        let expected: LetterDecision.Outcome? = mailed ? .mail(postalCode: "01310100") : nil
        #expect(decision?.outcome == expected, "\(label)")
    }

    @Test func uncoveredDeliveryEstimateThrows() throws {
        // S = nextBD(2028-01-21 − 22 = 2027-12-30); the estimate runs into 2028.
        let charge = Self.boleto(due: "2028-01-21", created: "2027-12-01")
        let error = #expect(throws: AvisoError.self) { try Self.letter(run: "2027-12-30", charge) }
        #expect(error?.category == .calendar)
        #expect(error?.message.contains("2028-01-01") == true)
    }

    // MARK: - CEP

    @Test(arguments: [
        ("01310-100", "01310100"), ("01310100", "01310100"), ("01.310-100", "01310100"), (" 01310 100 ", "01310100"),
        ("0131010", nil), ("013101000", nil), ("01310_100", nil), ("", nil), ("--------", nil), ("01310-10O", nil),
    ] as [(String, String?)])
    func normalizesCEP(raw: String, expected: String?) {
        #expect(PostalRules.normalizedCEP(raw) == expected)
    }

    @Test(arguments: [
        ("SP", "01000000", true), ("SP", "00999999", false), ("SP", "19999999", true), ("SP", "20000000", false),
        ("RJ", "20000000", true), ("RJ", "28999999", true), ("RJ", "29000000", false), ("ES", "29000000", true),
        ("MG", "39999999", true), ("MG", "40000000", false), ("BA", "48999999", true), ("SE", "49000000", true),
        ("PA", "68899999", true), ("PA", "68900000", false), ("AP", "68900000", true), ("AP", "68999999", true),
        ("AM", "69000000", true), ("AM", "69299999", true), ("AM", "69300000", false), ("RR", "69300000", true),
        ("RR", "69399999", true), ("AM", "69400000", true), ("AM", "69899999", true), ("AM", "69900000", false),
        ("AC", "69900000", true), ("AC", "69999999", true),
        ("DF", "70000000", true), ("DF", "72799999", true), ("DF", "72800000", false), ("GO", "72800000", true),
        ("GO", "72999999", true), ("DF", "73000000", true), ("GO", "73000000", false), ("DF", "73699999", true),
        ("DF", "73700000", false), ("GO", "73700000", true), ("GO", "76799999", true), ("GO", "76800000", false),
        ("RO", "76800000", true), ("TO", "77999999", true), ("MT", "78899999", true), ("MT", "78900000", false),
        ("MS", "79000000", true), ("PR", "87999999", true), ("SC", "88000000", true), ("SC", "89999999", true),
        ("RS", "90000000", true), ("RS", "99999999", true), ("RS", "89999999", false),
        ("PE", "56999999", true), ("AL", "57000000", true), ("PB", "58999999", true), ("RN", "59000000", true),
        ("CE", "63999999", true), ("PI", "64000000", true), ("MA", "65999999", true), ("MA", "66000000", false),
        ("sp", "01310100", true), ("XX", "01310100", false), ("SP", "0131010", false),
    ])
    func cepRangesAtTheirEdges(state: String, cep: String, inside: Bool) {
        #expect(PostalRules.cep(cep, isInside: state) == inside)
    }

    @Test func everyStateHasRanges() {
        let states = ["AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA", "PB", "PE",
                      "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO"]
        #expect(states.filter { PostalRules.cepRanges(state: $0) == nil } == [])
        #expect(states.filter { PostalRules.cepRanges(state: $0)?.count == 2 } == ["AM", "DF", "GO"])
    }
}
