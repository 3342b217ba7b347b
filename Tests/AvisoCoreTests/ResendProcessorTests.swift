import Testing
@testable import AvisoCore

/// The manual-resend rules of RULES.md, one by one, with their reason codes.
@Suite struct ResendProcessorTests {
    static let calendar = BusinessCalendar(calendars: [BrazilBankingCalendar.builtIn])

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// Thursday 2026-12-03, a business day.
    static let thursday = day("2026-12-03")
    /// Instants used for requestedAt: only their order matters to the processor.
    static let t0: Int64 = 1_796_000_000_000

    static func charge(
        _ id: String = "pay_1", status: ChargeStatus = .pending, due: String = "2026-12-15",
        deleted: Bool = false
    ) -> Charge {
        Charge(
            id: id, customer: "cus_1", billingType: .boleto, status: status, value: 10_000,
            dueDate: day(due), dateCreated: day("2026-11-01"), deleted: deleted
        )
    }

    static func target(
        _ charge: Charge = charge(), notificationDisabled: Bool = false, settings: SlotSettings = .builtIn
    ) -> ResendTarget {
        ResendTarget(
            charge: charge,
            customer: Customer(id: "cus_1", account: "acc_1", name: "Ana", email: "ana@example.com", mobilePhone: "11987654321", notificationDisabled: notificationDisabled),
            account: Account(id: "acc_1", name: "Loja"),
            settings: settings
        )
    }

    static func request(_ id: String, _ payment: String = "pay_1", at offset: Int64 = 0) -> ResendRequest {
        ResendRequest(id: id, payment: payment, requestedAtMillis: t0 + offset, requestedAtText: "text-\(id)")
    }

    static func run(
        _ requests: [ResendRequest], state: ResendState = ResendState(), on date: Day = thursday,
        businessDay: Bool = true, targets: [String: ResendTarget]
    ) throws -> [ResendDecision] {
        let processor = ResendProcessor(runDate: date, businessDay: businessDay, calendar: calendar)
        return try processor.process(requests: requests, state: state) { targets[$0] }
    }

    /// Settings with every slot off, then the given slots switched on with the given channels.
    static func settings(_ on: [Slot: (email: Bool, sms: Bool, whatsapp: Bool, voice: Bool)], disabled: [Slot: SlotSetting] = [:]) -> SlotSettings {
        var result = SlotSettings(slots: Slot.allCases.map { _ in
            SlotSetting(enabled: false, scheduleOffset: 0, customerEmail: true, customerSMS: true, customerWhatsApp: true, customerVoice: true)
        })
        for (slot, c) in on {
            result[slot] = SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: c.email, customerSMS: c.sms, customerWhatsApp: c.whatsapp, customerVoice: c.voice)
        }
        for (slot, setting) in disabled { result[slot] = setting }
        return result
    }

    // MARK: Rule 1: open charges only

    struct NotOpenCase: Sendable, CustomTestStringConvertible {
        var name: String
        var charge: Charge?
        var detailMentions: String
        var testDescription: String { name }
    }

    static let notOpenCases: [NotOpenCase] = [
        NotOpenCase(name: "absent", charge: nil, detailMentions: "not among the charges"),
        NotOpenCase(name: "received", charge: charge(status: .received), detailMentions: "not open"),
        NotOpenCase(name: "confirmed", charge: charge(status: .confirmed), detailMentions: "not open"),
        NotOpenCase(name: "received in cash", charge: charge(status: .receivedInCash), detailMentions: "not open"),
        NotOpenCase(name: "deleted pending", charge: charge(status: .pending, deleted: true), detailMentions: "not open"),
        NotOpenCase(name: "deleted overdue", charge: charge(status: .overdue, deleted: true), detailMentions: "not open"),
        NotOpenCase(name: "refunded", charge: charge(status: .refunded), detailMentions: "not open"),
        NotOpenCase(name: "refund requested", charge: charge(status: .refundRequested), detailMentions: "not open"),
        NotOpenCase(name: "chargeback requested", charge: charge(status: .chargebackRequested), detailMentions: "not open"),
        NotOpenCase(name: "dunning requested", charge: charge(status: .dunningRequested), detailMentions: "not open"),
        NotOpenCase(name: "awaiting risk analysis", charge: charge(status: .awaitingRiskAnalysis), detailMentions: "not open"),
    ]

    @Test(arguments: notOpenCases)
    func chargeThatIsNotOpenIsRejected(_ c: NotOpenCase) throws {
        let targets = c.charge.map { ["pay_1": Self.target($0)] } ?? [:]
        let decisions = try Self.run([Self.request("r1")], targets: targets)
        let d = try #require(decisions.count == 1 ? decisions[0] : nil)
        #expect(d.request.id == "r1")
        #expect(d.outcome == .rejected)
        #expect(d.reason == "CHARGE_NOT_OPEN")
        #expect(d.detail.contains(c.detailMentions))
        #expect(d.detail.contains("pay_1"))
        #expect(d.channels == [])
        #expect(!d.usesEmail && !d.usesPhone)
    }

    @Test(arguments: [ChargeStatus.pending, .overdue])
    func openStatusesAreSent(_ status: ChargeStatus) throws {
        let decisions = try Self.run([Self.request("r1")], targets: ["pay_1": Self.target(Self.charge(status: status))])
        #expect(decisions.map(\.outcome) == [.sent])
        #expect(decisions.map(\.reason) == [""])
        #expect(decisions.map(\.channels) == [[.email, .sms]])
    }

    @Test func notOpenIsCheckedBeforeEverythingElse() throws {
        // A paid charge of a customer with notifications off, with a deferred request pending:
        // rule 1 comes first.
        var state = ResendState()
        state.pendingDeferred = [Self.request("r0", at: -1000)]
        let decisions = try Self.run(
            [Self.request("r1")], state: state,
            targets: ["pay_1": Self.target(Self.charge(status: .received), notificationDisabled: true)]
        )
        #expect(decisions.map(\.reason) == ["CHARGE_NOT_OPEN"])
    }

    // MARK: Rule 2: one in progress per charge

    @Test func laterRequestOfTheSameRunIsInProgressAfterASentOne() throws {
        let decisions = try Self.run(
            [Self.request("r2", at: 5), Self.request("r1", at: 1), Self.request("r3", at: 9)],
            targets: ["pay_1": Self.target()]
        )
        #expect(decisions.map(\.request.id) == ["r1", "r2", "r3"])
        #expect(decisions.map(\.outcome) == [.sent, .rejected, .rejected])
        #expect(decisions.map(\.reason) == ["", "RESEND_IN_PROGRESS", "RESEND_IN_PROGRESS"])
        #expect(decisions.map(\.channels) == [[.email, .sms], [], []])
        #expect(decisions[1].detail.contains("pay_1"))
    }

    @Test func laterRequestIsInProgressAfterADeferredOne() throws {
        let saturday = Self.day("2026-12-05")
        let decisions = try Self.run(
            [Self.request("r1", at: 1), Self.request("r2", at: 2)], on: saturday, businessDay: false,
            targets: ["pay_1": Self.target()]
        )
        #expect(decisions.map(\.outcome) == [.deferred, .rejected])
        #expect(decisions.map(\.reason) == ["", "RESEND_IN_PROGRESS"])
    }

    @Test func pendingDeferredRequestNotInThisRunBlocksTheCharge() throws {
        var state = ResendState()
        state.pendingDeferred = [Self.request("r0", at: -86_400_000)]
        let decisions = try Self.run(
            [Self.request("r1", at: 1), Self.request("r9", "pay_2", at: 2)], state: state,
            targets: ["pay_1": Self.target(), "pay_2": Self.target(Self.charge("pay_2"))]
        )
        #expect(decisions.map(\.request.id) == ["r1", "r9"])
        #expect(decisions.map(\.reason) == ["RESEND_IN_PROGRESS", ""])
        #expect(decisions.map(\.outcome) == [.rejected, .sent])
    }

    @Test func pendingDeferredRequestHandledInThisRunIsDecidedAndThenBlocksLaterOnes() throws {
        // The deferred request comes back with the run's requests (NightlyRun adds it).
        var state = ResendState()
        let deferred = Self.request("r0", at: -86_400_000)
        state.pendingDeferred = [deferred]
        let decisions = try Self.run(
            [Self.request("r1", at: 1), deferred], state: state, targets: ["pay_1": Self.target()]
        )
        #expect(decisions.map(\.request.id) == ["r0", "r1"])
        #expect(decisions.map(\.outcome) == [.sent, .rejected])
        #expect(decisions.map(\.reason) == ["", "RESEND_IN_PROGRESS"])
    }

    @Test func newRequestOlderThanAPendingDeferredOneIsStillBlockedByIt() throws {
        // Listed late: its instant is earlier than the deferred request's, but that one is pending.
        var state = ResendState()
        let deferred = Self.request("r5", at: 5000)
        state.pendingDeferred = [deferred]
        let decisions = try Self.run(
            [deferred, Self.request("r1", at: 1)], state: state, targets: ["pay_1": Self.target()]
        )
        #expect(decisions.map(\.request.id) == ["r1", "r5"])
        #expect(decisions.map(\.reason) == ["RESEND_IN_PROGRESS", ""])
        #expect(decisions.map(\.outcome) == [.rejected, .sent])
    }

    struct BlockCase: Sendable, CustomTestStringConvertible {
        var name: String
        var notificationDisabled: Bool
        var settings: SlotSettings
        var state: ResendState
        var reason: String
        var testDescription: String { name }
    }

    static let rejectedBlocksNothingCases: [BlockCase] = {
        var exhausted = ResendState()
        exhausted.emailResendsUsed = ["pay_1": 100]
        exhausted.phoneResendUsed = ["pay_1"]
        return [
            BlockCase(name: "notifications disabled", notificationDisabled: true, settings: .builtIn, state: ResendState(), reason: "CUSTOMER_NOTIFICATIONS_DISABLED"),
            BlockCase(name: "limit reached", notificationDisabled: false, settings: .builtIn, state: exhausted, reason: "RESEND_LIMIT_REACHED"),
            BlockCase(name: "no channel in the group", notificationDisabled: false, settings: settings([:]), state: ResendState(), reason: "RESEND_LIMIT_REACHED"),
        ]
    }()

    /// Rule 2 comes before rules 3 and 5: if a REJECTED request blocked the charge, the second
    /// request would read RESEND_IN_PROGRESS instead of its own reason.
    @Test(arguments: rejectedBlocksNothingCases)
    func rejectedRequestBlocksNothing(_ c: BlockCase) throws {
        let decisions = try Self.run(
            [Self.request("r1", at: 1), Self.request("r2", at: 2)], state: c.state,
            targets: ["pay_1": Self.target(notificationDisabled: c.notificationDisabled, settings: c.settings)]
        )
        #expect(decisions.map(\.outcome) == [.rejected, .rejected])
        #expect(decisions.map(\.reason) == [c.reason, c.reason])
    }

    @Test func rejectedNotOpenRequestBlocksNothing() throws {
        let decisions = try Self.run([Self.request("r1", at: 1), Self.request("r2", at: 2)], targets: [:])
        #expect(decisions.map(\.reason) == ["CHARGE_NOT_OPEN", "CHARGE_NOT_OPEN"])
    }

    @Test func otherChargesAreNotBlocked() throws {
        let decisions = try Self.run(
            [Self.request("a", "pay_1", at: 1), Self.request("b", "pay_2", at: 2), Self.request("c", "pay_1", at: 3)],
            targets: ["pay_1": Self.target(), "pay_2": Self.target(Self.charge("pay_2"))]
        )
        #expect(decisions.map(\.outcome) == [.sent, .sent, .rejected])
        #expect(decisions.map(\.reason) == ["", "", "RESEND_IN_PROGRESS"])
    }

    // MARK: Rule 3: customers with notifications disabled

    @Test func customerWithNotificationsDisabledIsRejected() throws {
        let decisions = try Self.run([Self.request("r1")], targets: ["pay_1": Self.target(notificationDisabled: true)])
        #expect(decisions.map(\.outcome) == [.rejected])
        #expect(decisions.map(\.reason) == ["CUSTOMER_NOTIFICATIONS_DISABLED"])
        #expect(decisions[0].detail.contains("cus_1"))
        #expect(decisions[0].channels == [])
    }

    @Test func inProgressComesBeforeNotificationsDisabled() throws {
        var state = ResendState()
        state.pendingDeferred = [Self.request("r0", at: -1)]
        let decisions = try Self.run([Self.request("r1")], state: state, targets: ["pay_1": Self.target(notificationDisabled: true)])
        #expect(decisions.map(\.reason) == ["RESEND_IN_PROGRESS"])
    }

    @Test func notificationsDisabledOnANonBusinessDayIsRejectedNotDeferred() throws {
        let decisions = try Self.run(
            [Self.request("r1")], on: Self.day("2026-12-05"), businessDay: false,
            targets: ["pay_1": Self.target(notificationDisabled: true)]
        )
        #expect(decisions.map(\.outcome) == [.rejected])
        #expect(decisions.map(\.reason) == ["CUSTOMER_NOTIFICATIONS_DISABLED"])
    }

    // MARK: Rule 4: the group, by effective due date

    struct GroupCase: Sendable, CustomTestStringConvertible {
        var runDate: String
        var due: String
        var overdue: Bool
        var testDescription: String { "run \(runDate), due \(due)" }
    }

    static let groupCases: [GroupCase] = [
        // Due Saturday 12-05 → effDue Monday 12-07.
        GroupCase(runDate: "2026-12-04", due: "2026-12-05", overdue: false),
        GroupCase(runDate: "2026-12-07", due: "2026-12-05", overdue: false),
        GroupCase(runDate: "2026-12-08", due: "2026-12-05", overdue: true),
        // Due Friday 11-20 (Consciência Negra) → effDue Monday 11-23.
        GroupCase(runDate: "2026-11-23", due: "2026-11-20", overdue: false),
        GroupCase(runDate: "2026-11-24", due: "2026-11-20", overdue: true),
        // Due on a business day: overdue from the next day.
        GroupCase(runDate: "2026-12-03", due: "2026-12-03", overdue: false),
        GroupCase(runDate: "2026-12-04", due: "2026-12-03", overdue: true),
        // Due Thursday 12-24, Christmas Friday 12-25: effDue is the due date itself.
        GroupCase(runDate: "2026-12-28", due: "2026-12-24", overdue: true),
        // Due Christmas → effDue Monday 12-28.
        GroupCase(runDate: "2026-12-28", due: "2026-12-25", overdue: false),
        GroupCase(runDate: "2026-12-29", due: "2026-12-25", overdue: true),
    ]

    /// Before due sends email only, overdue sends WhatsApp only: the channels tell the group.
    @Test(arguments: groupCases)
    func groupFollowsTheEffectiveDueDate(_ c: GroupCase) throws {
        let settings = Self.settings([
            .warningDue: (email: true, sms: false, whatsapp: false, voice: false),
            .overdueFirst: (email: false, sms: false, whatsapp: true, voice: false),
        ])
        let runDate = Self.day(c.runDate)
        let businessDay = try Self.calendar.isBusinessDay(runDate)
        let decisions = try Self.run(
            [Self.request("r1")], on: runDate, businessDay: businessDay,
            targets: ["pay_1": Self.target(Self.charge(due: c.due), settings: settings)]
        )
        #expect(decisions.map(\.overdue) == [c.overdue])
        #expect(decisions.map(\.channels) == [c.overdue ? [.whatsapp] : [.email]])
        #expect(decisions.map(\.outcome) == [businessDay ? .sent : .deferred])
    }

    @Test func dueDateOutsideTheCalendarThrowsACalendarError() throws {
        let calendar = BusinessCalendar(calendars: [HolidayCalendar(name: "only-2026", coveredYears: [2026], holidays: [:])])
        let processor = ResendProcessor(runDate: Self.thursday, businessDay: true, calendar: calendar)
        // effDue of a charge due 2027-01-04 lies in an uncovered year.
        let target = Self.target(Self.charge(due: "2027-01-04"))
        #expect(throws: AvisoError.self) {
            _ = try processor.process(requests: [Self.request("r1")], state: ResendState()) { _ in target }
        }
        let inYear = Self.target(Self.charge(due: "2026-12-31"))
        let decisions = try processor.process(requests: [Self.request("r1")], state: ResendState()) { _ in inYear }
        #expect(decisions.map(\.outcome) == [.sent])
    }

    // MARK: Channels of the group

    struct ChannelCase: Sendable, CustomTestStringConvertible {
        var name: String
        var settings: SlotSettings
        var overdue: Bool
        var channels: [Channel]
        var testDescription: String { name }
    }

    static let channelCases: [ChannelCase] = {
        let off = SlotSetting(enabled: false, scheduleOffset: 0, customerEmail: true, customerSMS: true, customerWhatsApp: true, customerVoice: true)
        var providerOnly = settings([:])
        providerOnly[.overdueFirst] = SlotSetting(enabled: true, scheduleOffset: 0, providerEmail: true, providerSMS: true)
        providerOnly[.warningDue] = SlotSetting(enabled: true, scheduleOffset: 0, providerEmail: true, providerSMS: true)
        var builtInWithWhatsApp = SlotSettings.builtIn
        builtInWithWhatsApp[.overdueRepeat].customerWhatsApp = true
        return [
            ChannelCase(name: "built-in before due", settings: .builtIn, overdue: false, channels: [.email, .sms]),
            ChannelCase(name: "built-in overdue", settings: .builtIn, overdue: true, channels: [.email, .sms]),
            ChannelCase(name: "built-in + OVERDUE_REPEAT WhatsApp, overdue", settings: builtInWithWhatsApp, overdue: true, channels: [.email, .sms, .whatsapp]),
            ChannelCase(name: "built-in + OVERDUE_REPEAT WhatsApp, before due", settings: builtInWithWhatsApp, overdue: false, channels: [.email, .sms]),
            ChannelCase(name: "UPDATED alone counts before due", settings: settings([.updated: (false, false, true, false)]), overdue: false, channels: [.whatsapp]),
            ChannelCase(name: "UPDATED does not count overdue", settings: settings([.updated: (true, true, true, false)]), overdue: true, channels: []),
            ChannelCase(name: "CREATED counts before due", settings: settings([.created: (false, true, false, false)]), overdue: false, channels: [.sms]),
            ChannelCase(name: "WARNING_BEFORE counts before due", settings: settings([.warningBefore: (true, false, false, false)]), overdue: false, channels: [.email]),
            ChannelCase(name: "LINHA_DIGITAVEL counts before due", settings: settings([.linhaDigitavel: (false, false, true, false)]), overdue: false, channels: [.whatsapp]),
            ChannelCase(name: "OVERDUE_REPEAT counts overdue", settings: settings([.overdueRepeat: (false, true, false, false)]), overdue: true, channels: [.sms]),
            ChannelCase(name: "union of the group's slots", settings: settings([.created: (true, false, false, false), .warningDue: (false, false, true, false)]), overdue: false, channels: [.email, .whatsapp]),
            ChannelCase(name: "RECEIVED is no group's", settings: settings([.received: (true, true, true, true)]), overdue: false, channels: []),
            ChannelCase(name: "RECEIVED is not overdue's", settings: settings([.received: (true, true, true, true)]), overdue: true, channels: []),
            ChannelCase(name: "overdue slots are not before-due's", settings: settings([.overdueFirst: (true, true, true, false)]), overdue: false, channels: []),
            ChannelCase(name: "before-due slots are not overdue's", settings: settings([.warningDue: (true, true, true, false)]), overdue: true, channels: []),
            ChannelCase(name: "disabled slot's switches do not count", settings: settings([.warningDue: (true, false, false, false)], disabled: [.created: off]), overdue: false, channels: [.email]),
            ChannelCase(name: "voice never", settings: settings([.warningDue: (false, false, false, true), .overdueFirst: (false, false, false, true)]), overdue: false, channels: []),
            ChannelCase(name: "voice never, overdue", settings: settings([.overdueFirst: (false, false, false, true)]), overdue: true, channels: []),
            ChannelCase(name: "provider switches do not count", settings: providerOnly, overdue: true, channels: []),
            ChannelCase(name: "provider switches do not count before due", settings: providerOnly, overdue: false, channels: []),
            ChannelCase(name: "everything off", settings: settings([:]), overdue: false, channels: []),
        ]
    }()

    @Test(arguments: channelCases)
    func groupChannelsComeFromTheEnabledSlotsOfTheGroup(_ c: ChannelCase) throws {
        #expect(ResendProcessor.channels(of: c.settings, overdue: c.overdue) == c.channels)
        // Through the processor: due 12-10 is before due on 12-03; due 12-01 is overdue.
        let charge = Self.charge(due: c.overdue ? "2026-12-01" : "2026-12-10")
        let decisions = try Self.run([Self.request("r1")], targets: ["pay_1": Self.target(charge, settings: c.settings)])
        let d = try #require(decisions.first)
        #expect(d.overdue == c.overdue)
        #expect(d.channels == c.channels)
        #expect(d.outcome == (c.channels.isEmpty ? .rejected : .sent))
        #expect(d.reason == (c.channels.isEmpty ? "RESEND_LIMIT_REACHED" : ""))
        #expect(d.usesEmail == c.channels.contains(.email))
        #expect(d.usesPhone == (c.channels.contains(.sms) || c.channels.contains(.whatsapp)))
    }

    // MARK: Rule 5: limits per charge

    struct LimitCase: Sendable, CustomTestStringConvertible {
        var name: String
        var emailUsed: Int?
        var phoneUsed: Bool
        var whatsapp: Bool
        var outcome: ResendDecision.Outcome
        var reason: String
        var channels: [Channel]
        var testDescription: String { name }
    }

    static let limitCases: [LimitCase] = [
        LimitCase(name: "fresh", emailUsed: nil, phoneUsed: false, whatsapp: false, outcome: .sent, reason: "", channels: [.email, .sms]),
        LimitCase(name: "fresh, SMS and WhatsApp both on", emailUsed: nil, phoneUsed: false, whatsapp: true, outcome: .sent, reason: "", channels: [.email, .sms, .whatsapp]),
        LimitCase(name: "SMS used: email only", emailUsed: 1, phoneUsed: true, whatsapp: false, outcome: .sent, reason: "", channels: [.email]),
        LimitCase(name: "SMS used: WhatsApp gone too", emailUsed: 1, phoneUsed: true, whatsapp: true, outcome: .sent, reason: "", channels: [.email]),
        LimitCase(name: "99 emails used: the 100th goes", emailUsed: 99, phoneUsed: true, whatsapp: false, outcome: .sent, reason: "", channels: [.email]),
        LimitCase(name: "100 emails used, SMS left", emailUsed: 100, phoneUsed: false, whatsapp: false, outcome: .sent, reason: "", channels: [.sms]),
        LimitCase(name: "100 emails used, SMS and WhatsApp left", emailUsed: 100, phoneUsed: false, whatsapp: true, outcome: .sent, reason: "", channels: [.sms, .whatsapp]),
        LimitCase(name: "100 emails and SMS used", emailUsed: 100, phoneUsed: true, whatsapp: true, outcome: .rejected, reason: "RESEND_LIMIT_REACHED", channels: []),
        LimitCase(name: "over 100 (defensive)", emailUsed: 150, phoneUsed: true, whatsapp: false, outcome: .rejected, reason: "RESEND_LIMIT_REACHED", channels: []),
    ]

    @Test(arguments: limitCases)
    func allowancesPerCharge(_ c: LimitCase) throws {
        var state = ResendState()
        if let used = c.emailUsed { state.emailResendsUsed["pay_1"] = used }
        if c.phoneUsed { state.phoneResendUsed.insert("pay_1") }
        // Another charge's exhausted allowance changes nothing for pay_1.
        state.emailResendsUsed["pay_2"] = 100
        state.phoneResendUsed.insert("pay_2")
        var settings = SlotSettings.builtIn
        settings[.warningDue].customerWhatsApp = c.whatsapp
        let decisions = try Self.run([Self.request("r1")], state: state, targets: ["pay_1": Self.target(settings: settings)])
        let d = try #require(decisions.first)
        #expect(d.outcome == c.outcome)
        #expect(d.reason == c.reason)
        #expect(d.channels == c.channels)
        #expect(d.usesEmail == c.channels.contains(.email))
        #expect(d.usesPhone == (c.channels.contains(.sms) || c.channels.contains(.whatsapp)))
        if c.outcome == .rejected { #expect(d.detail.contains("used up")) }
    }

    @Test func emailOnlyGroupWithAllEmailsUsedIsLimitReachedEvenWithSMSLeft() throws {
        var state = ResendState()
        state.emailResendsUsed["pay_1"] = 100
        let settings = Self.settings([.warningDue: (true, false, false, false)])
        let decisions = try Self.run([Self.request("r1")], state: state, targets: ["pay_1": Self.target(settings: settings)])
        #expect(decisions.map(\.outcome) == [.rejected])
        #expect(decisions.map(\.reason) == ["RESEND_LIMIT_REACHED"])
    }

    @Test func stateIsNotMutatedAndAllowancesFlowThroughTheRunOnlyViaDecisions() throws {
        // Two charges in one run: each uses its own allowance.
        let decisions = try Self.run(
            [Self.request("a", "pay_1", at: 1), Self.request("b", "pay_2", at: 1)],
            targets: ["pay_1": Self.target(), "pay_2": Self.target(Self.charge("pay_2"))]
        )
        #expect(decisions.map(\.channels) == [[.email, .sms], [.email, .sms]])
        #expect(decisions.map(\.usesPhone) == [true, true])
        #expect(decisions.map(\.usesEmail) == [true, true])
    }

    // MARK: Rule 6: non-business days

    @Test(arguments: ["2026-12-05", "2026-12-06", "2026-11-20", "2026-12-25"])
    func nonBusinessDayDefersWithChannelsAndUsesNoAllowance(_ iso: String) throws {
        let date = Self.day(iso)
        #expect(try !Self.calendar.isBusinessDay(date))
        let decisions = try Self.run(
            [Self.request("r1")], on: date, businessDay: false,
            targets: ["pay_1": Self.target(Self.charge(due: "2027-01-29"))]
        )
        let d = try #require(decisions.first)
        #expect(d.outcome == .deferred)
        #expect(d.reason == "")
        #expect(d.channels == [.email, .sms])
        #expect(!d.usesEmail)
        #expect(!d.usesPhone)
    }

    @Test func deferredRequestStillPassesRulesOneToFive() throws {
        var state = ResendState()
        state.emailResendsUsed["pay_3"] = 100
        state.phoneResendUsed.insert("pay_3")
        let targets = [
            "pay_1": Self.target(Self.charge("pay_1", status: .received)),
            "pay_3": Self.target(Self.charge("pay_3")),
            "pay_4": Self.target(Self.charge("pay_4")),
        ]
        var phoneUsed = state
        phoneUsed.phoneResendUsed.insert("pay_4")
        let decisions = try Self.run(
            [Self.request("a", "pay_1", at: 1), Self.request("b", "pay_2", at: 2), Self.request("c", "pay_3", at: 3), Self.request("d", "pay_4", at: 4)],
            state: phoneUsed, on: Self.day("2026-12-05"), businessDay: false, targets: targets
        )
        #expect(decisions.map(\.outcome) == [.rejected, .rejected, .rejected, .deferred])
        #expect(decisions.map(\.reason) == ["CHARGE_NOT_OPEN", "CHARGE_NOT_OPEN", "RESEND_LIMIT_REACHED", ""])
        #expect(decisions.map(\.channels) == [[], [], [], [.email]])
    }

    @Test func deferredRequestComesBackAndIsSentOnTheNextBusinessDay() throws {
        // Saturday: DEFERRED; Monday: the ledger hands it back as pending, and it is SENT.
        let request = Self.request("r1")
        let saturday = try Self.run([request], on: Self.day("2026-12-05"), businessDay: false, targets: ["pay_1": Self.target()])
        #expect(saturday.map(\.outcome) == [.deferred])
        var state = ResendState()
        state.pendingDeferred = [request]
        let monday = try Self.run([request], state: state, on: Self.day("2026-12-07"), targets: ["pay_1": Self.target()])
        #expect(monday.map(\.outcome) == [.sent])
        #expect(monday.map(\.channels) == [[.email, .sms]])
        #expect(monday.map(\.usesPhone) == [true])
    }

    // MARK: Order

    @Test func requestsAreDecidedByInstantThenIdByteOrder() throws {
        let requests = [
            Self.request("req_9", "pay_9", at: 10),
            Self.request("req_10", "pay_10", at: 10),
            Self.request("b", "pay_b", at: 10),
            Self.request("B", "pay_B", at: 10),
            Self.request("z", "pay_z", at: 3),
            Self.request("a", "pay_a", at: 99),
        ]
        let decisions = try Self.run(requests, targets: [:])
        #expect(decisions.map(\.request.id) == ["z", "B", "b", "req_10", "req_9", "a"])
    }

    @Test func earlierInstantWinsTheChargeWhateverItsId() throws {
        let decisions = try Self.run(
            [Self.request("aaa", at: 2), Self.request("zzz", at: 1)], targets: ["pay_1": Self.target()]
        )
        #expect(decisions.map(\.request.id) == ["zzz", "aaa"])
        #expect(decisions.map(\.outcome) == [.sent, .rejected])
    }

    @Test func sameInstantIdBreaksTheTieWhoGetsTheCharge() throws {
        let decisions = try Self.run(
            [Self.request("r_b", at: 0), Self.request("r_a", at: 0)], targets: ["pay_1": Self.target()]
        )
        #expect(decisions.map(\.request.id) == ["r_a", "r_b"])
        #expect(decisions.map(\.outcome) == [.sent, .rejected])
    }

    struct PrecedesCase: Sendable, CustomTestStringConvertible {
        var a: String
        var b: String
        var testDescription: String { "\(a) < \(b)" }
    }

    /// Byte order, not String order: "e" + combining acute (65 CC 81) sorts before "é" (C3 A9)
    /// although Swift's String treats them as equal, and before "éa" although "éa" < "éx".
    @Test(arguments: [
        PrecedesCase(a: "B", b: "a"),
        PrecedesCase(a: "req_10", b: "req_9"),
        PrecedesCase(a: "e\u{301}x", b: "\u{E9}a"),
        PrecedesCase(a: "e\u{301}", b: "\u{E9}"),
        PrecedesCase(a: "abc", b: "abcd"),
    ])
    func idTieBreakIsByteOrder(_ c: PrecedesCase) {
        let a = ResendRequest(id: c.a, payment: "p", requestedAtMillis: 5, requestedAtText: "")
        let b = ResendRequest(id: c.b, payment: "p", requestedAtMillis: 5, requestedAtText: "")
        #expect(ResendRequest.precedes(a, b))
        #expect(!ResendRequest.precedes(b, a))
        // The instant comes first.
        let laterA = ResendRequest(id: c.a, payment: "p", requestedAtMillis: 6, requestedAtText: "")
        #expect(ResendRequest.precedes(b, laterA))
    }

    @Test func decisionsKeepTheRequestAsGiven() throws {
        let request = ResendRequest(id: "r1", payment: "pay_1", requestedAtMillis: 42, requestedAtText: "2026-12-02 10:00")
        let decisions = try Self.run([request], targets: ["pay_1": Self.target()])
        #expect(decisions.map(\.request) == [request])
    }

    @Test func noRequestsNoDecisions() throws {
        #expect(try Self.run([], targets: ["pay_1": Self.target()]).isEmpty)
    }
}
