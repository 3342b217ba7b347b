import Testing
@testable import AvisoCore

/// Shared fixtures of the rules tests: a calendar with Brazil's real 2025–2027 national banking
/// holidays, and builders for charges, customers and accounts.
enum RulesFixtures {
    static func day(_ iso: String) -> Day {
        guard let day = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
        return day
    }

    static let holidays: [Day: String] = {
        let list: [(String, String)] = [
            ("2025-01-01", "Confraternização Universal"), ("2025-03-03", "Carnaval"), ("2025-03-04", "Carnaval"),
            ("2025-04-18", "Sexta-feira Santa"), ("2025-04-21", "Tiradentes"), ("2025-05-01", "Dia do Trabalho"),
            ("2025-06-19", "Corpus Christi"), ("2025-09-07", "Independência"), ("2025-10-12", "Nossa Senhora Aparecida"),
            ("2025-11-02", "Finados"), ("2025-11-15", "Proclamação da República"), ("2025-11-20", "Consciência Negra"),
            ("2025-12-25", "Natal"),
            ("2026-01-01", "Confraternização Universal"), ("2026-02-16", "Carnaval"), ("2026-02-17", "Carnaval"),
            ("2026-04-03", "Sexta-feira Santa"), ("2026-04-21", "Tiradentes"), ("2026-05-01", "Dia do Trabalho"),
            ("2026-06-04", "Corpus Christi"), ("2026-09-07", "Independência"), ("2026-10-12", "Nossa Senhora Aparecida"),
            ("2026-11-02", "Finados"), ("2026-11-15", "Proclamação da República"), ("2026-11-20", "Consciência Negra"),
            ("2026-12-25", "Natal"),
            ("2027-01-01", "Confraternização Universal"), ("2027-02-08", "Carnaval"), ("2027-02-09", "Carnaval"),
            ("2027-03-26", "Sexta-feira Santa"), ("2027-04-21", "Tiradentes"), ("2027-05-01", "Dia do Trabalho"),
            ("2027-05-27", "Corpus Christi"), ("2027-09-07", "Independência"), ("2027-10-12", "Nossa Senhora Aparecida"),
            ("2027-11-02", "Finados"), ("2027-11-15", "Proclamação da República"), ("2027-11-20", "Consciência Negra"),
            ("2027-12-25", "Natal"),
        ]
        var table: [Day: String] = [:]
        for (iso, name) in list { table[day(iso)] = name }
        return table
    }()

    static let calendar = BusinessCalendar(calendars: [
        HolidayCalendar(name: "test", coveredYears: Set(2025...2027), holidays: holidays),
    ])

    static func planner(_ run: String, _ configuration: RunConfiguration = RunConfiguration()) throws -> NotificationPlanner {
        try NotificationPlanner(runDate: day(run), calendar: calendar, configuration: configuration)
    }

    static func charge(
        due: String, created: String = "2025-12-01", status: ChargeStatus = .pending,
        billing: BillingType = .pix, identificationField: String? = nil, viewed: String? = nil,
        subscription: String? = nil, paymentDate: String? = nil, clientPaymentDate: String? = nil,
        deleted: Bool = false, postalService: Bool = false
    ) -> Charge {
        Charge(
            id: "pay_1", customer: "cus_1", billingType: billing, status: status, value: 15_000,
            dueDate: day(due), dateCreated: day(created), paymentDate: paymentDate.map(day),
            clientPaymentDate: clientPaymentDate.map(day), deleted: deleted, subscription: subscription,
            identificationField: identificationField, lastBankSlipViewedDate: viewed.map(day),
            postalService: postalService)
    }

    static let customer = Customer(
        id: "cus_1", account: "acc_1", name: "Maria Souza", email: "maria@example.com.br",
        additionalEmails: "financeiro@example.com.br; maria@example.com.br", phone: "(11) 3456-7890",
        mobilePhone: "(11) 98765-4321", address: "Avenida Paulista", addressNumber: "1000",
        province: "Bela Vista", postalCode: "01310-100", cityName: "São Paulo", state: "SP")

    static let account = Account(
        id: "acc_1", name: "Loja Exemplo", email: "contato@loja.example.com", mobilePhone: "21 99876-5432")

    /// Every slot on with the customer email only (WARNING_BEFORE 10 days, OVERDUE_REPEAT 7).
    static let emailOnly = SlotSettings(slots: Slot.allCases.map { slot in
        SlotSetting(enabled: true, scheduleOffset: slot == .warningBefore ? 10 : slot == .overdueRepeat ? 7 : 0,
                    customerEmail: true)
    })

    /// No slot enabled; tests switch on what they need.
    static let allOff = SlotSettings(slots: Slot.allCases.map { _ in SlotSetting(enabled: false, scheduleOffset: 0) })
}

/// One row of the slot table: a charge, a run date and the notifications expected, each as
/// `SLOT scheduledFor SHIFT` (customer email only).
struct SlotCase: Sendable, CustomTestStringConvertible {
    var label: String
    var run: String
    var charge: Charge
    var expected: [String]
    var testDescription: String { label }

    init(_ label: String, run: String, _ charge: Charge, _ expected: [String]) {
        self.label = label
        self.run = run
        self.charge = charge
        self.expected = expected
    }
}

private typealias F = RulesFixtures

@Suite struct NotificationPlannerTests {
    static func short(_ n: PlannedNotification) -> String {
        "\(n.slot.name) \(n.scheduledFor.iso) \(n.shift.rawValue)"
    }

    static func full(_ n: PlannedNotification) -> String {
        "\(n.slot.name) \(n.recipient.name) \(n.channel.name) +\(n.scheduleOffset) \(n.scheduledFor.iso) \(n.shift.rawValue)"
    }

    static let createdCases: [SlotCase] = [
        SlotCase("created Wednesday, sent Thursday", run: "2026-12-03", F.charge(due: "2026-12-31", created: "2026-12-02"),
                 ["CREATED 2026-12-03 NONE"]),
        SlotCase("created Friday, aims at Saturday, pushed to Monday", run: "2026-12-07",
                 F.charge(due: "2027-01-20", created: "2026-12-04"), ["CREATED 2026-12-05 PUSHED_BACK"]),
        SlotCase("created Saturday, aims at Sunday", run: "2026-12-07", F.charge(due: "2027-01-20", created: "2026-12-05"),
                 ["CREATED 2026-12-06 PUSHED_BACK"]),
        SlotCase("aims at Friday holiday 11-20", run: "2026-11-23", F.charge(due: "2026-12-31", created: "2026-11-19"),
                 ["CREATED 2026-11-20 PUSHED_BACK"]),
        SlotCase("not on the holiday itself", run: "2026-11-20", F.charge(due: "2026-12-31", created: "2026-11-19"), []),
        SlotCase("created after its due date still gets it", run: "2026-12-10",
                 F.charge(due: "2026-12-01", created: "2026-12-09"), ["CREATED 2026-12-10 NONE"]),
        SlotCase("subscription charge gets no CREATED", run: "2026-12-03",
                 F.charge(due: "2026-12-31", created: "2026-12-02", subscription: "sub_1"), []),
        SlotCase("aims at Carnival Saturday, goes Ash Wednesday", run: "2026-02-18",
                 F.charge(due: "2026-03-31", created: "2026-02-13"), ["CREATED 2026-02-14 PUSHED_BACK"]),
        SlotCase("aims at Christmas", run: "2026-12-28", F.charge(due: "2027-01-29", created: "2026-12-24"),
                 ["CREATED 2026-12-25 PUSHED_BACK"]),
        SlotCase("aims at New Year", run: "2027-01-04", F.charge(due: "2027-01-29", created: "2026-12-31"),
                 ["CREATED 2027-01-01 PUSHED_BACK"]),
        SlotCase("aims at Good Friday", run: "2026-04-06", F.charge(due: "2026-04-30", created: "2026-04-02"),
                 ["CREATED 2026-04-03 PUSHED_BACK"]),
        SlotCase("paid charge gets RECEIVED, not CREATED", run: "2026-12-03",
                 F.charge(due: "2026-12-31", created: "2026-12-02", status: .received, paymentDate: "2026-12-02"),
                 ["RECEIVED 2026-12-03 NONE"]),
        SlotCase("deleted charge gets nothing", run: "2026-12-03",
                 F.charge(due: "2026-12-31", created: "2026-12-02", deleted: true), []),
        SlotCase("status OVERDUE created late: CREATED and a repeat together", run: "2026-12-03",
                 F.charge(due: "2026-11-25", created: "2026-12-02", status: .overdue),
                 ["CREATED 2026-12-03 NONE", "OVERDUE_REPEAT 2026-12-03 NONE"]),
    ]

    static let warningBeforeCases: [SlotCase] = [
        SlotCase("N=10 aims at Sunday, pulled to Friday", run: "2026-12-04", F.charge(due: "2026-12-16"),
                 ["WARNING_BEFORE 2026-12-06 PULLED_FORWARD"]),
        SlotCase("N=10 aims at Saturday, pulled to Friday", run: "2026-12-04", F.charge(due: "2026-12-15"),
                 ["WARNING_BEFORE 2026-12-05 PULLED_FORWARD"]),
        SlotCase("N=10 on a Monday", run: "2026-11-30", F.charge(due: "2026-12-10"), ["WARNING_BEFORE 2026-11-30 NONE"]),
        SlotCase("aims at Friday holiday", run: "2026-11-19", F.charge(due: "2026-11-30"),
                 ["WARNING_BEFORE 2026-11-20 PULLED_FORWARD"]),
        SlotCase("aims at Carnival Tuesday, pulled to Friday before", run: "2026-02-13", F.charge(due: "2026-02-27"),
                 ["WARNING_BEFORE 2026-02-17 PULLED_FORWARD"]),
        SlotCase("aims at Ash Wednesday", run: "2026-02-18", F.charge(due: "2026-02-28"),
                 ["WARNING_BEFORE 2026-02-18 NONE"]),
        SlotCase("aims at Good Friday", run: "2026-04-02", F.charge(due: "2026-04-13"),
                 ["WARNING_BEFORE 2026-04-03 PULLED_FORWARD"]),
        SlotCase("aims at Christmas", run: "2026-12-24", F.charge(due: "2027-01-04"),
                 ["WARNING_BEFORE 2026-12-25 PULLED_FORWARD"]),
        SlotCase("aims at New Year", run: "2026-12-31", F.charge(due: "2027-01-11"),
                 ["WARNING_BEFORE 2027-01-01 PULLED_FORWARD"]),
        SlotCase("subscription charges get warnings", run: "2026-12-04", F.charge(due: "2026-12-16", subscription: "sub_9"),
                 ["WARNING_BEFORE 2026-12-06 PULLED_FORWARD"]),
        SlotCase("paid: no warning", run: "2026-12-04",
                 F.charge(due: "2026-12-16", status: .received, paymentDate: "2026-11-10"), []),
        SlotCase("deleted: no warning", run: "2026-12-04", F.charge(due: "2026-12-16", deleted: true), []),
        SlotCase("refunded: no warning", run: "2026-12-04", F.charge(due: "2026-12-16", status: .refunded), []),
        SlotCase("day after the pulled date: nothing", run: "2026-12-07", F.charge(due: "2026-12-16"), []),
    ]

    static let warningDueCases: [SlotCase] = [
        SlotCase("due Saturday, pulled to Friday", run: "2026-12-04", F.charge(due: "2026-12-05"),
                 ["WARNING_DUE 2026-12-05 PULLED_FORWARD"]),
        SlotCase("due Sunday, pulled to Friday", run: "2026-12-04", F.charge(due: "2026-12-06"),
                 ["WARNING_DUE 2026-12-06 PULLED_FORWARD"]),
        SlotCase("due Wednesday", run: "2026-12-09", F.charge(due: "2026-12-09"), ["WARNING_DUE 2026-12-09 NONE"]),
        SlotCase("due Friday holiday 11-20", run: "2026-11-19", F.charge(due: "2026-11-20"),
                 ["WARNING_DUE 2026-11-20 PULLED_FORWARD"]),
        SlotCase("due Carnival Tuesday", run: "2026-02-13", F.charge(due: "2026-02-17"),
                 ["WARNING_DUE 2026-02-17 PULLED_FORWARD"]),
        SlotCase("due Carnival Monday", run: "2026-02-13", F.charge(due: "2026-02-16"),
                 ["WARNING_DUE 2026-02-16 PULLED_FORWARD"]),
        SlotCase("due Ash Wednesday", run: "2026-02-18", F.charge(due: "2026-02-18"), ["WARNING_DUE 2026-02-18 NONE"]),
        SlotCase("due Christmas", run: "2026-12-24", F.charge(due: "2026-12-25"),
                 ["WARNING_DUE 2026-12-25 PULLED_FORWARD"]),
        SlotCase("due Sunday after New Year, pulled over two years' edge", run: "2026-12-31", F.charge(due: "2027-01-03"),
                 ["WARNING_DUE 2027-01-03 PULLED_FORWARD"]),
        SlotCase("due Good Friday", run: "2026-04-02", F.charge(due: "2026-04-03"),
                 ["WARNING_DUE 2026-04-03 PULLED_FORWARD"]),
        SlotCase("due Easter Sunday", run: "2026-04-02", F.charge(due: "2026-04-05"),
                 ["WARNING_DUE 2026-04-05 PULLED_FORWARD"]),
        SlotCase("on the effective due Monday nothing fires", run: "2026-12-07", F.charge(due: "2026-12-05"), []),
        SlotCase("paid: nothing", run: "2026-12-09",
                 F.charge(due: "2026-12-09", status: .confirmed, paymentDate: "2026-12-01"), []),
    ]

    static let linhaDigitavelCases: [SlotCase] = [
        SlotCase("boleto due Saturday goes with WARNING_DUE", run: "2026-12-04",
                 F.charge(due: "2026-12-05", billing: .boleto, identificationField: "23793.38128"),
                 ["WARNING_DUE 2026-12-05 PULLED_FORWARD", "LINHA_DIGITAVEL 2026-12-05 PULLED_FORWARD"]),
        SlotCase("UNDEFINED billing counts as boleto", run: "2026-12-09",
                 F.charge(due: "2026-12-09", billing: .undefined, identificationField: "23793.38128"),
                 ["WARNING_DUE 2026-12-09 NONE", "LINHA_DIGITAVEL 2026-12-09 NONE"]),
        SlotCase("boleto due Carnival Monday", run: "2026-02-13",
                 F.charge(due: "2026-02-16", billing: .boleto, identificationField: "23793.38128"),
                 ["WARNING_DUE 2026-02-16 PULLED_FORWARD", "LINHA_DIGITAVEL 2026-02-16 PULLED_FORWARD"]),
        SlotCase("viewed boleto: no linha", run: "2026-12-04",
                 F.charge(due: "2026-12-05", billing: .boleto, identificationField: "23793.38128", viewed: "2026-12-01"),
                 ["WARNING_DUE 2026-12-05 PULLED_FORWARD"]),
        SlotCase("no identificationField: no linha", run: "2026-12-04", F.charge(due: "2026-12-05", billing: .boleto),
                 ["WARNING_DUE 2026-12-05 PULLED_FORWARD"]),
        SlotCase("PIX: no linha", run: "2026-12-04",
                 F.charge(due: "2026-12-05", billing: .pix, identificationField: "23793.38128"),
                 ["WARNING_DUE 2026-12-05 PULLED_FORWARD"]),
        SlotCase("credit card: no linha", run: "2026-12-04",
                 F.charge(due: "2026-12-05", billing: .creditCard, identificationField: "23793.38128"),
                 ["WARNING_DUE 2026-12-05 PULLED_FORWARD"]),
        SlotCase("paid boleto: nothing", run: "2026-12-04",
                 F.charge(due: "2026-12-05", status: .received, billing: .boleto, identificationField: "23793.38128",
                          paymentDate: "2026-11-01"), []),
    ]

    static let overdueFirstCases: [SlotCase] = [
        SlotCase("due Saturday: effDue Monday, OVERDUE_FIRST Tuesday unshifted", run: "2026-12-08",
                 F.charge(due: "2026-12-05"), ["OVERDUE_FIRST 2026-12-08 NONE"]),
        SlotCase("status OVERDUE behaves the same", run: "2026-12-08", F.charge(due: "2026-12-05", status: .overdue),
                 ["OVERDUE_FIRST 2026-12-08 NONE"]),
        SlotCase("due Friday: aims at Saturday, pushed to Monday", run: "2026-12-07", F.charge(due: "2026-12-04"),
                 ["OVERDUE_FIRST 2026-12-05 PUSHED_BACK"]),
        SlotCase("due Thursday before the Friday holiday", run: "2026-11-23", F.charge(due: "2026-11-19"),
                 ["OVERDUE_FIRST 2026-11-20 PUSHED_BACK"]),
        SlotCase("due on the Friday holiday", run: "2026-11-24", F.charge(due: "2026-11-20"),
                 ["OVERDUE_FIRST 2026-11-24 NONE"]),
        SlotCase("due Friday before Carnival", run: "2026-02-18", F.charge(due: "2026-02-13"),
                 ["OVERDUE_FIRST 2026-02-14 PUSHED_BACK"]),
        SlotCase("due Carnival Monday: effDue Wednesday", run: "2026-02-19", F.charge(due: "2026-02-16"),
                 ["OVERDUE_FIRST 2026-02-19 NONE"]),
        SlotCase("due Christmas Eve", run: "2026-12-28", F.charge(due: "2026-12-24"),
                 ["OVERDUE_FIRST 2026-12-25 PUSHED_BACK"]),
        SlotCase("due Christmas: effDue Monday 12-28", run: "2026-12-29", F.charge(due: "2026-12-25"),
                 ["OVERDUE_FIRST 2026-12-29 NONE"]),
        SlotCase("due New Year's Eve", run: "2027-01-04", F.charge(due: "2026-12-31"),
                 ["OVERDUE_FIRST 2027-01-01 PUSHED_BACK"]),
        SlotCase("due the day before Good Friday", run: "2026-04-06", F.charge(due: "2026-04-02"),
                 ["OVERDUE_FIRST 2026-04-03 PUSHED_BACK"]),
        SlotCase("paid: nothing", run: "2026-12-08",
                 F.charge(due: "2026-12-05", status: .confirmed, paymentDate: "2026-11-02"), []),
        SlotCase("deleted: nothing", run: "2026-12-08", F.charge(due: "2026-12-05", deleted: true), []),
    ]

    static let overdueRepeatCases: [SlotCase] = [
        SlotCase("k=1", run: "2026-12-10", F.charge(due: "2026-12-02"), ["OVERDUE_REPEAT 2026-12-10 NONE"]),
        SlotCase("k=2", run: "2026-12-17", F.charge(due: "2026-12-02"), ["OVERDUE_REPEAT 2026-12-17 NONE"]),
        SlotCase("between repeats: nothing", run: "2026-12-11", F.charge(due: "2026-12-02"), []),
        SlotCase("counted from effDue, not the Saturday due date", run: "2026-12-15", F.charge(due: "2026-12-05"),
                 ["OVERDUE_REPEAT 2026-12-15 NONE"]),
        SlotCase("aims at Saturday, pushed to Monday", run: "2026-11-23", F.charge(due: "2026-11-13"),
                 ["OVERDUE_REPEAT 2026-11-21 PUSHED_BACK"]),
        SlotCase("aims at Christmas", run: "2026-12-28", F.charge(due: "2026-12-17"),
                 ["OVERDUE_REPEAT 2026-12-25 PUSHED_BACK"]),
        SlotCase("aims at New Year", run: "2027-01-04", F.charge(due: "2026-12-24"),
                 ["OVERDUE_REPEAT 2027-01-01 PUSHED_BACK"]),
        SlotCase("aims at Carnival Tuesday", run: "2026-02-18", F.charge(due: "2026-02-09"),
                 ["OVERDUE_REPEAT 2026-02-17 PUSHED_BACK"]),
        SlotCase("aims at Good Friday", run: "2026-04-06", F.charge(due: "2026-03-26"),
                 ["OVERDUE_REPEAT 2026-04-03 PUSHED_BACK"]),
        SlotCase("paid: nothing", run: "2026-12-10",
                 F.charge(due: "2026-12-02", status: .received, paymentDate: "2026-11-30"), []),
    ]

    static let receivedCases: [SlotCase] = [
        SlotCase("paid Friday, aims at Saturday", run: "2026-12-07",
                 F.charge(due: "2026-12-20", status: .received, paymentDate: "2026-12-04"), ["RECEIVED 2026-12-05 PUSHED_BACK"]),
        SlotCase("paid Wednesday", run: "2026-12-10",
                 F.charge(due: "2026-12-20", status: .received, paymentDate: "2026-12-09"), ["RECEIVED 2026-12-10 NONE"]),
        SlotCase("CONFIRMED with clientPaymentDate before the Friday holiday", run: "2026-11-23",
                 F.charge(due: "2026-12-20", status: .confirmed, clientPaymentDate: "2026-11-19"),
                 ["RECEIVED 2026-11-20 PUSHED_BACK"]),
        SlotCase("RECEIVED_IN_CASH on Christmas Eve", run: "2026-12-28",
                 F.charge(due: "2026-12-20", status: .receivedInCash, paymentDate: "2026-12-24"),
                 ["RECEIVED 2026-12-25 PUSHED_BACK"]),
        SlotCase("paymentDate wins over clientPaymentDate", run: "2026-12-10",
                 F.charge(due: "2026-12-20", status: .received, paymentDate: "2026-12-09", clientPaymentDate: "2026-12-01"),
                 ["RECEIVED 2026-12-10 NONE"]),
        SlotCase("clientPaymentDate ignored when paymentDate present", run: "2026-12-02",
                 F.charge(due: "2026-12-20", status: .received, paymentDate: "2026-12-09", clientPaymentDate: "2026-12-01"), []),
        SlotCase("paid Friday before Carnival", run: "2026-02-18",
                 F.charge(due: "2026-02-20", status: .received, paymentDate: "2026-02-13"), ["RECEIVED 2026-02-14 PUSHED_BACK"]),
        SlotCase("paid late: RECEIVED only", run: "2026-12-10",
                 F.charge(due: "2026-11-01", status: .received, paymentDate: "2026-12-09"), ["RECEIVED 2026-12-10 NONE"]),
        SlotCase("refunded: nothing", run: "2026-12-10",
                 F.charge(due: "2026-12-20", status: .refunded, paymentDate: "2026-12-09"), []),
        SlotCase("deleted: nothing", run: "2026-12-10",
                 F.charge(due: "2026-12-20", status: .received, paymentDate: "2026-12-09", deleted: true), []),
    ]

    func plan(_ row: SlotCase, settings: SlotSettings = F.emailOnly) throws -> [PlannedNotification] {
        try F.planner(row.run).notifications(for: row.charge, customer: F.customer, account: F.account, settings: settings)
    }

    @Test(arguments: createdCases)
    func created(row: SlotCase) throws {
        #expect(try plan(row).map(Self.short) == row.expected)
    }

    @Test(arguments: warningBeforeCases)
    func warningBefore(row: SlotCase) throws {
        let result = try plan(row)
        #expect(result.map(Self.short) == row.expected)
        #expect(result.allSatisfy { $0.scheduleOffset == 10 })
    }

    @Test(arguments: warningDueCases)
    func warningDue(row: SlotCase) throws {
        #expect(try plan(row).map(Self.short) == row.expected)
    }

    @Test(arguments: linhaDigitavelCases)
    func linhaDigitavel(row: SlotCase) throws {
        #expect(try plan(row).map(Self.short) == row.expected)
    }

    @Test(arguments: overdueFirstCases)
    func overdueFirst(row: SlotCase) throws {
        let result = try plan(row)
        #expect(result.map(Self.short) == row.expected)
        #expect(result.allSatisfy { $0.scheduleOffset == 0 })
    }

    @Test(arguments: overdueRepeatCases)
    func overdueRepeat(row: SlotCase) throws {
        let result = try plan(row)
        #expect(result.map(Self.short) == row.expected)
        #expect(result.allSatisfy { $0.scheduleOffset == 7 })
    }

    @Test(arguments: receivedCases)
    func received(row: SlotCase) throws {
        #expect(try plan(row).map(Self.short) == row.expected)
    }

    @Test func specExampleDueSaturday() throws {
        let charge = F.charge(due: "2026-12-05")
        let friday = try F.planner("2026-12-04").notifications(
            for: charge, customer: F.customer, account: F.account, settings: .builtIn)
        #expect(friday.map(Self.full) == [
            "WARNING_DUE CUSTOMER email +0 2026-12-05 PULLED_FORWARD",
            "WARNING_DUE CUSTOMER sms +0 2026-12-05 PULLED_FORWARD",
        ])
        let tuesday = try F.planner("2026-12-08").notifications(
            for: charge, customer: F.customer, account: F.account, settings: .builtIn)
        #expect(tuesday.map(Self.full) == [
            "OVERDUE_FIRST CUSTOMER email +0 2026-12-08 NONE",
            "OVERDUE_FIRST CUSTOMER sms +0 2026-12-08 NONE",
            "OVERDUE_FIRST PROVIDER email +0 2026-12-08 NONE",
        ])
    }

    @Test func builtInContactsPerRecipientAndChannel() throws {
        let result = try F.planner("2026-12-08").notifications(
            for: F.charge(due: "2026-12-05"), customer: F.customer, account: F.account, settings: .builtIn)
        try #require(result.count == 3)
        #expect(result[0].contact == .email(["maria@example.com.br", "financeiro@example.com.br"]))
        #expect(result[1].contact == .phone("+5511987654321"))
        #expect(result[2].contact == .email(["contato@loja.example.com"]))
    }

    @Test func everyChannelAndRecipientSortedBySlotRecipientChannel() throws {
        var settings = F.allOff
        let everything = SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true, customerSMS: true,
                                     customerWhatsApp: true, customerVoice: true, providerEmail: true, providerSMS: true)
        settings[.created] = everything
        settings[.warningDue] = everything
        settings[.linhaDigitavel] = everything
        // Created Thursday, due Saturday, run Friday: three slots at once.
        let charge = F.charge(due: "2026-12-05", created: "2026-12-03", billing: .boleto, identificationField: "1234")
        let result = try F.planner("2026-12-04").notifications(
            for: charge, customer: F.customer, account: F.account, settings: settings)
        var expected: [String] = []
        for (slot, date, shift) in [("CREATED", "2026-12-04", "NONE"), ("WARNING_DUE", "2026-12-05", "PULLED_FORWARD"),
                                    ("LINHA_DIGITAVEL", "2026-12-05", "PULLED_FORWARD")] {
            for target in ["CUSTOMER email", "CUSTOMER sms", "CUSTOMER whatsapp", "CUSTOMER voice",
                           "PROVIDER email", "PROVIDER sms"] {
                expected.append("\(slot) \(target) +0 \(date) \(shift)")
            }
        }
        #expect(result.map(Self.full) == expected)
        #expect(result.map(\.contact) == Array(repeating: [
            ContactResult.email(["maria@example.com.br", "financeiro@example.com.br"]),
            .phone("+5511987654321"), .phone("+5511987654321"), .phone("+5511987654321"),
            .email(["contato@loja.example.com"]), .phone("+5521998765432"),
        ], count: 3).flatMap { $0 })
    }

    @Test func voiceFallsBackToLandlineAndBadContactsAreRejectedNotDropped() throws {
        var customer = F.customer
        customer.mobilePhone = "12345"
        customer.email = "maria at example"
        customer.additionalEmails = nil
        let account = Account(id: "acc_1", name: "Loja", email: "contato@loja", mobilePhone: "0800 123 4567")
        var settings = F.allOff
        settings[.overdueFirst] = SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true, customerSMS: true,
                                              customerWhatsApp: true, customerVoice: true, providerEmail: true,
                                              providerSMS: true)
        let result = try F.planner("2026-12-08").notifications(
            for: F.charge(due: "2026-12-05"), customer: customer, account: account, settings: settings)
        #expect(result.map { "\($0.recipient.name) \($0.channel.name)" } == [
            "CUSTOMER email", "CUSTOMER sms", "CUSTOMER whatsapp", "CUSTOMER voice", "PROVIDER email", "PROVIDER sms",
        ])
        #expect(result.map(\.contact) == [
            .rejected(reason: "NO_VALID_EMAIL", detail: "no valid email address in: maria at example"),
            .rejected(reason: "NO_VALID_MOBILE", detail: "\"12345\" is not a valid mobile number"),
            .rejected(reason: "NO_VALID_MOBILE", detail: "\"12345\" is not a valid mobile number"),
            .phone("+551134567890"),
            .rejected(reason: "NO_VALID_EMAIL", detail: "no valid email address in: contato@loja"),
            .rejected(reason: "NO_VALID_MOBILE", detail: "\"0800 123 4567\" is not a valid mobile number"),
        ])
    }

    @Test func notificationDisabledKeepsOnlyProviderNotifications() throws {
        var customer = F.customer
        customer.notificationDisabled = true
        let overdue = try F.planner("2026-12-08").notifications(
            for: F.charge(due: "2026-12-05"), customer: customer, account: F.account, settings: .builtIn)
        #expect(overdue.map(Self.full) == ["OVERDUE_FIRST PROVIDER email +0 2026-12-08 NONE"])
        let warning = try F.planner("2026-12-04").notifications(
            for: F.charge(due: "2026-12-05"), customer: customer, account: F.account, settings: .builtIn)
        #expect(warning.isEmpty)
    }

    /// WARNING_BEFORE with N = 2 on a charge due Sunday aims at Friday, the same day WARNING_DUE
    /// is pulled to; the winner is decided per recipient and channel.
    static let warningCollisionCases: [(String, SlotSetting, SlotSetting, [String])] = [
        ("same channels: WARNING_DUE wins everywhere",
         SlotSetting(enabled: true, scheduleOffset: 2, customerEmail: true, customerSMS: true),
         SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true, customerSMS: true),
         ["WARNING_DUE CUSTOMER email +0 2026-12-06 PULLED_FORWARD", "WARNING_DUE CUSTOMER sms +0 2026-12-06 PULLED_FORWARD"]),
        ("WhatsApp only on WARNING_BEFORE still goes",
         SlotSetting(enabled: true, scheduleOffset: 2, customerEmail: true, customerWhatsApp: true),
         SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true, customerSMS: true),
         ["WARNING_BEFORE CUSTOMER whatsapp +2 2026-12-04 NONE",
          "WARNING_DUE CUSTOMER email +0 2026-12-06 PULLED_FORWARD", "WARNING_DUE CUSTOMER sms +0 2026-12-06 PULLED_FORWARD"]),
        ("provider email only on WARNING_BEFORE still goes",
         SlotSetting(enabled: true, scheduleOffset: 2, customerSMS: true, providerEmail: true),
         SlotSetting(enabled: true, scheduleOffset: 0, customerSMS: true),
         ["WARNING_BEFORE PROVIDER email +2 2026-12-04 NONE", "WARNING_DUE CUSTOMER sms +0 2026-12-06 PULLED_FORWARD"]),
        ("WARNING_DUE disabled: WARNING_BEFORE goes whole",
         SlotSetting(enabled: true, scheduleOffset: 2, customerEmail: true, customerSMS: true),
         SlotSetting(enabled: false, scheduleOffset: 0, customerEmail: true, customerSMS: true),
         ["WARNING_BEFORE CUSTOMER email +2 2026-12-04 NONE", "WARNING_BEFORE CUSTOMER sms +2 2026-12-04 NONE"]),
    ]

    @Test(arguments: warningCollisionCases)
    func warningDueBeatsWarningBeforePerChannel(label: String, before: SlotSetting, due: SlotSetting, expected: [String]) throws {
        var settings = F.allOff
        settings[.warningBefore] = before
        settings[.warningDue] = due
        let result = try F.planner("2026-12-04").notifications(
            for: F.charge(due: "2026-12-06"), customer: F.customer, account: F.account, settings: settings)
        #expect(result.map(Self.full) == expected, "\(label)")
    }

    @Test func warningCollisionAcrossChristmas() throws {
        // Due Sunday 12-27, N = 2 aims at Christmas: both pulled to Thursday 12-24.
        var settings = F.emailOnly
        settings[.warningBefore].scheduleOffset = 2
        settings[.warningBefore].customerSMS = true
        let result = try F.planner("2026-12-24").notifications(
            for: F.charge(due: "2026-12-27"), customer: F.customer, account: F.account, settings: settings)
        #expect(result.map(Self.full) == [
            "WARNING_BEFORE CUSTOMER sms +2 2026-12-25 PULLED_FORWARD",
            "WARNING_DUE CUSTOMER email +0 2026-12-27 PULLED_FORWARD",
        ])
    }

    @Test func overdueFirstBeatsRepeatPerChannelAndRepeatTakesEarliestK() throws {
        // Due Thursday 12-24 (effDue itself). OVERDUE_FIRST aims at Christmas, REPEAT with N = 1
        // at 12-26, 12-27 and 12-28: all land on Monday 12-28.
        var settings = F.allOff
        settings[.overdueFirst] = SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true, providerEmail: true)
        settings[.overdueRepeat] = SlotSetting(enabled: true, scheduleOffset: 1, customerEmail: true, customerSMS: true,
                                               providerEmail: true)
        let result = try F.planner("2026-12-28").notifications(
            for: F.charge(due: "2026-12-24"), customer: F.customer, account: F.account, settings: settings)
        #expect(result.map(Self.full) == [
            "OVERDUE_FIRST CUSTOMER email +0 2026-12-25 PUSHED_BACK",
            "OVERDUE_FIRST PROVIDER email +0 2026-12-25 PUSHED_BACK",
            "OVERDUE_REPEAT CUSTOMER sms +1 2026-12-26 PUSHED_BACK",
        ])

        settings[.overdueFirst].enabled = false
        let alone = try F.planner("2026-12-28").notifications(
            for: F.charge(due: "2026-12-24"), customer: F.customer, account: F.account, settings: settings)
        #expect(alone.map(Self.full) == [
            "OVERDUE_REPEAT CUSTOMER email +1 2026-12-26 PUSHED_BACK",
            "OVERDUE_REPEAT CUSTOMER sms +1 2026-12-26 PUSHED_BACK",
            "OVERDUE_REPEAT PROVIDER email +1 2026-12-26 PUSHED_BACK",
        ])
    }

    /// Due Wednesday 2026-01-07, N = 7: k = 10 aims at Thursday 03-19, k = 11 at 03-26.
    @Test(arguments: [
        (10, "2026-03-19", ["OVERDUE_REPEAT 2026-03-19 NONE"]),
        (9, "2026-03-19", []),
        (9, "2026-03-12", ["OVERDUE_REPEAT 2026-03-12 NONE"]),
        (10, "2026-03-26", []),
        (11, "2026-03-26", ["OVERDUE_REPEAT 2026-03-26 NONE"]),
        (0, "2026-01-15", []),
        (1, "2026-01-15", ["OVERDUE_REPEAT 2026-01-15 NONE"]),
    ])
    func maxOverdueRepeats(max: Int, run: String, expected: [String]) throws {
        var configuration = RunConfiguration()
        configuration.maxOverdueRepeats = max
        let result = try F.planner(run, configuration).notifications(
            for: F.charge(due: "2026-01-07"), customer: F.customer, account: F.account, settings: F.emailOnly)
        #expect(result.map(Self.short) == expected)
    }

    @Test func customOffsetsAndDisabledSlots() throws {
        var settings = F.emailOnly
        settings[.warningBefore].scheduleOffset = 3
        settings[.overdueRepeat].scheduleOffset = 3
        // Due Wednesday 12-09: N = 3 aims at Sunday 12-06, pulled to Friday 12-04.
        let before = try F.planner("2026-12-04").notifications(
            for: F.charge(due: "2026-12-09"), customer: F.customer, account: F.account, settings: settings)
        #expect(before.map(Self.full) == ["WARNING_BEFORE CUSTOMER email +3 2026-12-06 PULLED_FORWARD"])
        // effDue 12-09; k = 1 aims at Sunday 12-13 → Monday 12-14.
        let repeating = try F.planner("2026-12-14").notifications(
            for: F.charge(due: "2026-12-09"), customer: F.customer, account: F.account, settings: settings)
        #expect(repeating.map(Self.full) == ["OVERDUE_REPEAT CUSTOMER email +3 2026-12-13 PUSHED_BACK"])

        settings[.warningBefore].enabled = false
        settings[.overdueRepeat].enabled = false
        for run in ["2026-12-04", "2026-12-14"] {
            let none = try F.planner(run).notifications(
                for: F.charge(due: "2026-12-09"), customer: F.customer, account: F.account, settings: settings)
            #expect(none.isEmpty, "run \(run)")
        }
    }

    @Test func zeroOffsetRepeatingSlotsNeverFire() throws {
        var settings = F.allOff
        settings[.warningBefore] = SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true)
        settings[.overdueRepeat] = SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true)
        for (run, due) in [("2026-12-09", "2026-12-09"), ("2026-12-10", "2026-12-02"), ("2026-12-03", "2026-12-02")] {
            let result = try F.planner(run).notifications(
                for: F.charge(due: due), customer: F.customer, account: F.account, settings: settings)
            #expect(result.isEmpty, "run \(run) due \(due)")
        }
    }

    @Test func updatedNeverFiresInTheNightlyRun() throws {
        var settings = F.allOff
        settings[.updated] = SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true, customerSMS: true,
                                         providerEmail: true)
        for run in ["2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08"] {
            let result = try F.planner(run).notifications(
                for: F.charge(due: "2026-12-05", created: "2026-12-02"), customer: F.customer, account: F.account,
                settings: settings)
            #expect(result.isEmpty, "run \(run)")
        }
    }

    @Test(arguments: ["2026-12-05", "2026-12-06", "2026-11-20", "2026-02-16", "2026-02-17", "2026-04-03", "2026-12-25",
                      "2027-01-01"])
    func nonBusinessRunDateEmitsNothing(run: String) throws {
        let planner = try F.planner(run)
        #expect(planner.runDateIsBusinessDay == false)
        #expect(planner.runDate == F.day(run))
        // A charge due on the run date with every slot on, a charge created the day before, a
        // charge paid the day before, and an eligible postal letter.
        let day = F.day(run)
        let charges = [
            F.charge(due: run, billing: .boleto, identificationField: "1"),
            F.charge(due: (day + 30).iso, created: (day - 1).iso),
            F.charge(due: (day + 30).iso, status: .received, paymentDate: (day - 1).iso),
            F.charge(due: (day + 10).iso, created: (day - 20).iso, billing: .boleto, identificationField: "1",
                     postalService: true),
        ]
        for charge in charges {
            #expect(try planner.notifications(for: charge, customer: F.customer, account: F.account,
                                              settings: .builtIn).isEmpty)
            #expect(try planner.letter(for: charge, customer: F.customer) == nil)
        }
    }

    @Test(arguments: ["2026-12-04", "2026-12-07", "2026-11-19", "2026-02-18", "2026-04-02"])
    func businessRunDate(run: String) throws {
        #expect(try F.planner(run).runDateIsBusinessDay)
    }

    @Test(arguments: ["2024-12-31", "2028-01-03"])
    func uncoveredRunDateThrows(run: String) {
        let error = #expect(throws: AvisoError.self) { try F.planner(run) }
        #expect(error?.category == .calendar)
        #expect(error?.message.contains(run) == true)
    }

    /// Charges whose needed dates fall outside 2025–2027 make the run fail.
    @Test(arguments: [
        ("due in 2028: effDue", "2027-12-30", F.charge(due: "2028-01-10", created: "2027-12-01"), "2028-01-10"),
        ("paid in 2028", "2027-12-30", F.charge(due: "2027-12-01", status: .received, paymentDate: "2028-02-01"),
         "2028-02-02"),
        ("created in 2024", "2025-01-02", F.charge(due: "2025-01-20", created: "2024-12-30"), "2024-12-31"),
        ("warning before aims into 2024", "2025-01-02", F.charge(due: "2025-01-05", created: "2025-01-01"), "2024-12-26"),
    ])
    func uncoveredChargeDateThrows(label: String, run: String, charge: Charge, uncovered: String) throws {
        let planner = try F.planner(run)
        let error = #expect(throws: AvisoError.self, "\(label)") {
            try planner.notifications(for: charge, customer: F.customer, account: F.account, settings: .builtIn)
        }
        #expect(error?.category == .calendar)
        #expect(error?.message.contains(uncovered) == true, "\(label): \(error?.message ?? "")")
    }

    @Test func chargesCreatedOnOrAfterTheRunDateAreIgnoredDefensively() throws {
        let planner = try F.planner("2026-12-04")
        let charge = F.charge(due: "2026-12-05", created: "2026-12-04")
        #expect(try planner.notifications(for: charge, customer: F.customer, account: F.account, settings: .builtIn).isEmpty)
    }
}
