import Testing
@testable import AvisoCore

/// The look ahead counts a charge's notifications by `ContactReach` instead of by the contacts
/// themselves: each verdict must be the one the run's `ContactCache` gives, and the counted
/// entries the ones the full planning gives.
@Suite struct ContactReachTests {
    static let emails: [String?] = [
        nil, "", "ana@example.com.br", " ana@example.com.br", "ana@x", "ana", "a@b.co;c@d.ef", "á@b.co",
        "a b@c.de", "a@b.co\u{00A0}",
    ]
    static let additionals: [String?] = [nil, "x; bia@y.com", "a@b, c", " "]
    static let mobiles: [String?] = [nil, "(11) 98765-4321", "1132654321", "9", "+55 21 99876-5432", "  ", "011 98765-4321"]
    static let phones: [String?] = [nil, "(11) 3456-7890", "abc", "11987654321", "0"]

    static func customer(email: String?, additional: String?, mobile: String?, phone: String?,
                         disabled: Bool = false, postal: Bool = false) -> Customer {
        Customer(id: "cus_1", account: "acc_1", name: "Ana", email: email, additionalEmails: additional, phone: phone,
                 mobilePhone: mobile, address: "Rua A", addressNumber: "1", province: "Centro", postalCode: "01310-100",
                 cityName: "São Paulo", state: "SP", notificationDisabled: disabled, postalService: postal)
    }

    static func rejected(_ result: ContactResult) -> Bool {
        if case .rejected = result { return true }
        return false
    }

    @Test("a customer's reach agrees with the run's contact checks on every channel")
    func customerReachAgreesWithTheContactChecks() {
        var disagreements: [String] = []
        for email in Self.emails {
            for additional in Self.additionals {
                for mobile in Self.mobiles {
                    for phone in Self.phones {
                        let customer = Self.customer(email: email, additional: additional, mobile: mobile, phone: phone)
                        let reach = ContactReach(customer: customer)
                        var contacts = ContactCache()
                        for channel in Channel.allCases {
                            let run = contacts.result(.customer, channel, customer: customer, account: RulesFixtures.account)
                            if Self.rejected(run) == reach.reaches(channel) {
                                disagreements.append("\(channel) email \(String(describing: email)) additional \(String(describing: additional)) mobile \(String(describing: mobile)) phone \(String(describing: phone))")
                            }
                        }
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test("an account's reach agrees with the run's contact checks on every channel")
    func providerReachAgreesWithTheContactChecks() {
        var disagreements: [String] = []
        for email in Self.emails {
            for mobile in Self.mobiles {
                let account = Account(id: "acc_1", name: "Loja", email: email, mobilePhone: mobile, phone: "(11) 3456-7890")
                let reach = ContactReach(provider: account)
                var contacts = ContactCache()
                for channel in Channel.allCases {
                    let run = contacts.result(.provider, channel, customer: RulesFixtures.customer, account: account)
                    if Self.rejected(run) == reach.reaches(channel) {
                        disagreements.append("\(channel) email \(String(describing: email)) mobile \(String(describing: mobile))")
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test("the reach of a few customers, spelled out", arguments: [
        (customer(email: "ana@example.com.br", additional: nil, mobile: "(11) 98765-4321", phone: nil), ContactReach([.email, .mobile, .voice])),
        (customer(email: "ana", additional: "bia@y.com", mobile: nil, phone: nil), ContactReach([.email])),
        (customer(email: nil, additional: nil, mobile: "1132654321", phone: nil), ContactReach([.voice])),
        (customer(email: nil, additional: nil, mobile: "9", phone: "(11) 3456-7890"), ContactReach([.voice])),
        (customer(email: "ana@x", additional: nil, mobile: "9", phone: "abc"), ContactReach([])),
    ])
    func spelledOut(_ customer: Customer, _ expected: ContactReach) {
        #expect(ContactReach(customer: customer) == expected)
    }

    /// Every slot on for every channel of both recipients (collisions included), WARNING_BEFORE
    /// 5 days ahead, OVERDUE_REPEAT every 3 days.
    static let everything = SlotSettings(slots: Slot.allCases.map { slot in
        SlotSetting(enabled: true, scheduleOffset: slot == .warningBefore ? 5 : slot == .overdueRepeat ? 3 : 0,
                    customerEmail: true, customerSMS: true, customerWhatsApp: true, customerVoice: true,
                    providerEmail: true, providerSMS: true)
    })

    static let statuses: [ChargeStatus] = [.pending, .overdue, .received, .confirmed, .receivedInCash, .refunded]
    static let billings: [BillingType] = [.boleto, .pix, .creditCard, .undefined]

    @Test("the look ahead counted by reach gives the entries of planning with the customer", arguments: [UInt64(1), 2, 3])
    func countingByReachGivesTheFullPlanningsEntries(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let runDate = RulesFixtures.day("2026-12-04")
        let window = try UpcomingSends(after: runDate, businessDays: 10, calendar: RulesFixtures.calendar, configuration: RunConfiguration())
        let accounts = [RulesFixtures.account, Account(id: "acc_2", name: "Loja", email: "x", mobilePhone: nil)]
        var compared = 0
        var mismatches: [String] = []
        var withEntries = 0
        var counted = 0
        var postalCounted = 0
        for _ in 0..<3000 {
            let status = Self.statuses[random.below(Self.statuses.count)]
            let due = runDate + random.within(-40...40)
            let paid: Day? = status.isPaid && random.below(5) > 0 ? runDate + random.within(-15...10) : nil
            let charge = Charge(
                id: "pay_1", customer: "cus_1", billingType: Self.billings[random.below(Self.billings.count)], status: status,
                value: 1000, dueDate: due, dateCreated: min(due, runDate + 8) - random.within(1...30),
                paymentDate: paid, clientPaymentDate: status.isPaid && paid == nil ? runDate - 2 : nil,
                subscription: random.below(3) == 0 ? "sub_1" : nil,
                identificationField: random.below(2) == 0 ? "23793.38128 60000.000003 00000.000400 1 84340000015000" : nil,
                lastBankSlipViewedDate: random.below(4) == 0 ? runDate - 3 : nil, postalService: random.below(8) == 0)
            let customer = Self.customer(
                email: Self.emails[random.below(Self.emails.count)], additional: Self.additionals[random.below(Self.additionals.count)],
                mobile: Self.mobiles[random.below(Self.mobiles.count)], phone: Self.phones[random.below(Self.phones.count)],
                disabled: random.below(5) == 0, postal: random.below(8) == 0)
            let account = accounts[random.below(accounts.count)]
            let settings = random.below(2) == 0 ? SlotSettings.builtIn : Self.everything
            let reach = RecipientReach(customer: ContactReach(customer: customer), provider: ContactReach(provider: account),
                                       notificationDisabled: customer.notificationDisabled, postalService: customer.postalService)

            var fetches = 0
            var contacts = ContactCache()
            let byReach = try window.window.contribution(charge: charge, customerDeleted: false, reach: reach,
                                                  customer: { fetches += 1; return customer },
                                                  account: account, settings: settings, contacts: &contacts)
            contacts = ContactCache()
            let planned = try window.window.contribution(charge: charge, customerDeleted: false, reach: nil, customer: { customer },
                                                  account: account, settings: settings, contacts: &contacts)
            if byReach.entries.map({ "\($0)" }) != planned.entries.map({ "\($0)" }) {
                mismatches.append("charge \(charge) customer \(customer): by reach \(byReach.entries), planned \(planned.entries)")
            }
            compared += 1
            if !planned.entries.isEmpty { withEntries += 1 }
            if fetches == 0, !planned.entries.isEmpty { counted += 1 }
            // A charge whose letter may be due is worked out from the customer itself; any
            // other (a postal customer's PIX or paid charge too) by reach alone.
            if PostalRules.ineligibility(of: charge, customer: customer) == nil {
                if !planned.entries.isEmpty { #expect(fetches == 1) }
            } else {
                #expect(fetches == 0)
                if customer.postalService || charge.postalService, !planned.entries.isEmpty { postalCounted += 1 }
            }
        }
        #expect(compared == 3000)
        #expect(mismatches.isEmpty, "\(mismatches.count) charges differ; first: \(mismatches.first ?? "")")
        // The comparison means something only if many charges have entries, most counted by reach.
        #expect(withEntries > 600)
        #expect(counted > withEntries / 2)
        // Postal customers' and charges' entries counted by reach (no letter possible) were compared too.
        #expect(postalCounted > 50)
    }

    @Test("the directory keeps each customer's reach with its switches, and nil when not judged")
    func theDirectoryKeepsTheReach() {
        var directory = CustomerDirectory()
        let judged = Self.customer(email: "ana", additional: nil, mobile: "1132654321", phone: nil, disabled: true, postal: true)
        var plain = Self.customer(email: "bia@example.com", additional: nil, mobile: nil, phone: nil)
        plain.id = "cus_2"
        let added = (directory.add(judged, account: 0, reach: ContactReach(customer: judged)), directory.add(plain, account: 0))
        #expect(added == (true, true))
        let provider = ContactReach([.email])
        #expect(directory.recipientReach(at: 0, provider: provider)
            == RecipientReach(customer: [.voice], provider: provider, notificationDisabled: true, postalService: true))
        #expect(directory.recipientReach(at: 1, provider: provider) == nil)
    }
}
