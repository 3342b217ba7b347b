/// Applies the manual-resend rules of RULES.md to the requests a run sees, in order:
/// open charges only; one in progress per charge; none for customers with notifications
/// disabled; the channels of the group's enabled slots (email, SMS, WhatsApp); 100 email resends
/// and one SMS/WhatsApp resend per charge over all runs; DEFERRED on non-business days.
public struct ResendProcessor: Sendable {
    /// Email resends a charge may have over its whole life.
    public static let emailLimit = 100

    public let runDate: Day
    public let businessDay: Bool
    public let calendar: BusinessCalendar

    public init(runDate: Day, businessDay: Bool, calendar: BusinessCalendar) {
        self.runDate = runDate
        self.businessDay = businessDay
        self.calendar = calendar
    }

    /// Decides every request. `requests` must hold each id once; they are processed in
    /// requestedAt-then-id order. `target` gives the charge for a payment id, or nil when the
    /// run does not consider it (absent, rejected, left out).
    public func process(
        requests: [ResendRequest], state: ResendState, target: (String) -> ResendTarget?
    ) throws(AvisoError) -> [ResendDecision] {
        let ordered = requests.sorted(by: ResendRequest.precedes)
        var pendingByCharge: [String: Set<String>] = [:]
        for request in state.pendingDeferred { pendingByCharge[request.payment, default: []].insert(request.id) }
        var inProgress = Set<String>()
        var emailUsed = state.emailResendsUsed
        var phoneUsed = state.phoneResendUsed
        var decisions: [ResendDecision] = []
        decisions.reserveCapacity(ordered.count)

        for request in ordered {
            pendingByCharge[request.payment]?.remove(request.id)
            var decision = ResendDecision(
                request: request, outcome: .rejected, reason: "", detail: "", channels: [],
                overdue: false, usesEmail: false, usesPhone: false
            )
            defer { decisions.append(decision) }

            guard let found = target(request.payment), found.charge.isOpen else {
                decision.reason = "CHARGE_NOT_OPEN"
                decision.detail = target(request.payment) == nil
                    ? "charge \(request.payment) is not among the charges this run considers (absent, rejected or left out)"
                    : "charge \(request.payment) is not open (deleted, paid or in another status)"
                continue
            }
            if inProgress.contains(request.payment) || !(pendingByCharge[request.payment]?.isEmpty ?? true) {
                decision.reason = "RESEND_IN_PROGRESS"
                decision.detail = "another resend of charge \(request.payment) is pending or in progress"
                continue
            }
            if found.customer.notificationDisabled {
                decision.reason = "CUSTOMER_NOTIFICATIONS_DISABLED"
                decision.detail = "customer \(found.customer.id) has notifications disabled"
                continue
            }
            let effectiveDue = try calendar.nextBusinessDay(onOrAfter: found.charge.dueDate)
            decision.overdue = runDate > effectiveDue
            let groupChannels = Self.channels(of: found.settings, overdue: decision.overdue)
            var channels: [Channel] = []
            if groupChannels.contains(.email), emailUsed[request.payment, default: 0] < Self.emailLimit {
                channels.append(.email)
            }
            if !phoneUsed.contains(request.payment) {
                channels += groupChannels.filter { $0 == .sms || $0 == .whatsapp }
            }
            guard !channels.isEmpty else {
                decision.reason = "RESEND_LIMIT_REACHED"
                decision.detail = groupChannels.isEmpty
                    ? "no channel of the \(decision.overdue ? "overdue" : "before-due") group is switched on for this customer"
                    : "the charge's resend allowance for \(groupChannels.map(\.name).joined(separator: ", ")) is used up"
                continue
            }
            decision.channels = channels
            inProgress.insert(request.payment)
            if !businessDay {
                decision.outcome = .deferred
                continue
            }
            decision.outcome = .sent
            decision.usesEmail = channels.contains(.email)
            decision.usesPhone = channels.contains(.sms) || channels.contains(.whatsapp)
            if decision.usesEmail { emailUsed[request.payment, default: 0] += 1 }
            if decision.usesPhone { phoneUsed.insert(request.payment) }
        }
        return decisions
    }

    /// The channels (email, sms, whatsapp) that any enabled slot of the group switches on for
    /// the customer; UPDATED counts in the before-due group.
    public static func channels(of settings: SlotSettings, overdue: Bool) -> [Channel] {
        let slots: [Slot] = overdue ? [.overdueFirst, .overdueRepeat] : [.created, .updated, .warningBefore, .warningDue, .linhaDigitavel]
        var email = false, sms = false, whatsapp = false
        for slot in slots {
            let setting = settings[slot]
            guard setting.enabled else { continue }
            email = email || setting.customerEmail
            sms = sms || setting.customerSMS
            whatsapp = whatsapp || setting.customerWhatsApp
        }
        var result: [Channel] = []
        if email { result.append(.email) }
        if sms { result.append(.sms) }
        if whatsapp { result.append(.whatsapp) }
        return result
    }
}
