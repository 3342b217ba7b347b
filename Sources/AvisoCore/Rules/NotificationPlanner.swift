/// Decides, for one run date, which slot notifications and postal letters of a charge go out
/// (RULES.md "When a slot fires", "Channels and contacts", "Postal boletos").
public struct NotificationPlanner: Sendable {
    /// The run date D.
    public let runDate: Day
    /// Whether D is a business day; on any other day nothing scheduled goes out.
    public let runDateIsBusinessDay: Bool
    /// The loaded holiday calendars.
    public let calendar: BusinessCalendar
    /// The run's configuration (max overdue repeats, mailing window, delivery days).
    public let configuration: RunConfiguration

    /// A planner for the run date. Throws the calendar's error when D is not covered.
    public init(runDate: Day, calendar: BusinessCalendar, configuration: RunConfiguration) throws(AvisoError) {
        self.runDate = runDate
        self.calendar = calendar
        self.configuration = configuration
        self.runDateIsBusinessDay = try calendar.isBusinessDay(runDate)
    }

    /// Notifications that go out on the run date for one charge. The caller has already left out
    /// charges with dateCreated >= runDate and charges of deleted customers.
    ///
    /// Sorted by slot, recipient, channel. Collisions (WARNING_DUE over WARNING_BEFORE,
    /// OVERDUE_FIRST over OVERDUE_REPEAT, per recipient and channel) are settled before contacts
    /// are checked; a notification whose contact is unusable carries `.rejected`. Throws the
    /// calendar's error when a date the rules need for this charge is not covered.
    public func notifications(for charge: Charge, customer: Customer, account: Account,
                              settings: SlotSettings) throws(AvisoError) -> [PlannedNotification] {
        guard runDateIsBusinessDay, charge.dateCreated < runDate, !customer.deleted else { return [] }
        let fired = try firedSlots(for: charge, settings: settings)
        guard fired.any else { return [] }

        var contacts = ContactCache()
        var result: [PlannedNotification] = []
        for slot in Slot.allCases {
            guard let scheduledFor = fired[slot] else { continue }
            let setting = settings[slot]
            let rival: Slot? = slot == .warningBefore ? .warningDue : slot == .overdueRepeat ? .overdueFirst : nil
            let offset = slot == .warningBefore || slot == .overdueRepeat ? setting.scheduleOffset : 0
            let shift: Shift = runDate == scheduledFor ? .none : runDate < scheduledFor ? .pulledForward : .pushedBack
            for recipient in Recipient.allCases {
                if recipient == .customer, customer.notificationDisabled { continue }
                for channel in Channel.allCases where setting.isOn(recipient, channel) {
                    if let rival, fired[rival] != nil, settings[rival].isOn(recipient, channel) { continue }
                    let contact = contacts.result(recipient, channel, customer: customer, account: account)
                    result.append(PlannedNotification(
                        slot: slot, recipient: recipient, channel: channel, scheduleOffset: offset,
                        scheduledFor: scheduledFor, shift: shift, contact: contact))
                }
            }
        }
        return result
    }

    /// The letter decision when the charge's letter is due in this run (S == runDate), else nil.
    ///
    /// S = nextBD(max(dateCreated + 1, dueDate − mailingWindowDays)). One reject per letter, the
    /// first that applies of POSTAL_ADDRESS_INCOMPLETE, POSTAL_INVALID_CEP, POSTAL_TOO_LATE.
    /// `notificationDisabled` does not matter.
    public func letter(for charge: Charge, customer: Customer) throws(AvisoError) -> LetterDecision? {
        guard runDateIsBusinessDay, charge.dateCreated < runDate, !customer.deleted,
              PostalRules.isEligible(charge, customer: customer) else { return nil }
        let earliest = max(charge.dateCreated + 1, charge.dueDate - configuration.mailingWindowDays)
        let sendDate = try calendar.nextBusinessDay(onOrAfter: earliest)
        guard sendDate == runDate else { return nil }

        var estimate: Day?
        let state = customer.state.map { $0.uppercased() }
        if let state, PostalRules.cepRanges(state: state) != nil {
            let days = configuration.deliveryBusinessDays(state: state)
            estimate = try calendar.businessDay(days, after: sendDate)
        }
        func rejected(_ reason: String, _ detail: String) -> LetterDecision {
            LetterDecision(sendDate: sendDate, estimatedDelivery: estimate, outcome: .rejected(reason: reason, detail: detail))
        }

        let missing = PostalRules.missingAddressFields(of: customer)
        if !missing.isEmpty {
            return rejected(PostalRules.addressIncomplete, "missing " + missing.joined(separator: ", "))
        }
        let cep: String
        switch PostalRules.checkCEP(postalCode: customer.postalCode, state: customer.state ?? "") {
        case .success(let value): cep = value
        case .failure(let problem): return rejected(PostalRules.invalidCEP, problem.detail)
        }
        let effectiveDue = try calendar.nextBusinessDay(onOrAfter: charge.dueDate)
        if let estimate, estimate > effectiveDue {
            return rejected(PostalRules.tooLate,
                            "estimated delivery \(estimate.iso) is after the effective due date \(effectiveDue.iso)")
        }
        return LetterDecision(sendDate: sendDate, estimatedDelivery: estimate, outcome: .mail(postalCode: cep))
    }

    // The slots whose send date is the run date and whose condition holds, with the date each
    // aimed at. Touches the calendar only for dates a slot needs: effDue for an open charge,
    // then S of each enabled slot whose condition can still hold.
    private func firedSlots(for charge: Charge, settings: SlotSettings) throws(AvisoError) -> FiredSlots {
        var fired = FiredSlots()
        let d = runDate
        if charge.isOpen {
            let effectiveDue = try calendar.nextBusinessDay(onOrAfter: charge.dueDate)

            let created = settings[.created]
            if created.enabled, charge.subscription == nil {
                let target = charge.dateCreated + 1
                if try calendar.nextBusinessDay(onOrAfter: target) == d { fired[.created] = target }
            }

            if d <= effectiveDue {
                let before = settings[.warningBefore]
                if before.enabled, before.scheduleOffset > 0 {
                    let target = charge.dueDate - before.scheduleOffset
                    if try calendar.previousBusinessDay(onOrBefore: target) == d { fired[.warningBefore] = target }
                }
                let due = settings[.warningDue]
                let linha = settings[.linhaDigitavel]
                let linhaHolds = linha.enabled && charge.billingType.carriesBoleto
                    && PostalRules.isPresent(charge.identificationField) && charge.lastBankSlipViewedDate == nil
                if due.enabled || linhaHolds {
                    let target = charge.dueDate
                    if try calendar.previousBusinessDay(onOrBefore: target) == d {
                        if due.enabled { fired[.warningDue] = target }
                        if linhaHolds { fired[.linhaDigitavel] = target }
                    }
                }
            } else {
                let first = settings[.overdueFirst]
                if first.enabled {
                    let target = effectiveDue + 1
                    if try calendar.nextBusinessDay(onOrAfter: target) == d { fired[.overdueFirst] = target }
                }
                let repeating = settings[.overdueRepeat]
                let step = repeating.scheduleOffset
                if repeating.enabled, step > 0 {
                    // Dates grow with k, so the first k landing on D is the earliest; once the
                    // aimed date is past D no later k can land on D.
                    let span = d - effectiveDue
                    var k = 1
                    while k <= configuration.maxOverdueRepeats {
                        let distance = 1 + k * step
                        if distance > span { break }
                        let target = effectiveDue + distance
                        if try calendar.nextBusinessDay(onOrAfter: target) == d {
                            fired[.overdueRepeat] = target
                            break
                        }
                        k += 1
                    }
                }
            }
        } else if charge.isPaid, let payDate = charge.payDate {
            let received = settings[.received]
            if received.enabled {
                let target = payDate + 1
                if try calendar.nextBusinessDay(onOrAfter: target) == d { fired[.received] = target }
            }
        }
        return fired
    }
}

/// The aimed-at date of each slot that fires, without heap allocation.
private struct FiredSlots {
    private var dates: (Day?, Day?, Day?, Day?, Day?, Day?, Day?, Day?) = (nil, nil, nil, nil, nil, nil, nil, nil)

    var any: Bool {
        dates.0 != nil || dates.1 != nil || dates.2 != nil || dates.3 != nil
            || dates.4 != nil || dates.5 != nil || dates.6 != nil || dates.7 != nil
    }

    subscript(slot: Slot) -> Day? {
        get {
            switch slot {
            case .created: return dates.0
            case .updated: return dates.1
            case .warningBefore: return dates.2
            case .warningDue: return dates.3
            case .linhaDigitavel: return dates.4
            case .overdueFirst: return dates.5
            case .overdueRepeat: return dates.6
            case .received: return dates.7
            }
        }
        set {
            switch slot {
            case .created: dates.0 = newValue
            case .updated: dates.1 = newValue
            case .warningBefore: dates.2 = newValue
            case .warningDue: dates.3 = newValue
            case .linhaDigitavel: dates.4 = newValue
            case .overdueFirst: dates.5 = newValue
            case .overdueRepeat: dates.6 = newValue
            case .received: dates.7 = newValue
            }
        }
    }
}

/// Contact results of one charge, each checked at most once however many slots fire.
private struct ContactCache {
    private var customerEmail: ContactResult?
    private var customerMobile: ContactResult?
    private var customerVoice: ContactResult?
    private var providerEmail: ContactResult?
    private var providerMobile: ContactResult?

    mutating func result(_ recipient: Recipient, _ channel: Channel, customer: Customer, account: Account) -> ContactResult {
        switch (recipient, channel) {
        case (.customer, .email):
            if let cached = customerEmail { return cached }
            let value = ContactRules.emailAddresses(primary: customer.email, additional: customer.additionalEmails)
            customerEmail = value
            return value
        case (.customer, .sms), (.customer, .whatsapp):
            if let cached = customerMobile { return cached }
            let value = ContactRules.mobile(customer.mobilePhone)
            customerMobile = value
            return value
        case (.customer, .voice):
            if let cached = customerVoice { return cached }
            let value = ContactRules.voice(mobilePhone: customer.mobilePhone, phone: customer.phone)
            customerVoice = value
            return value
        case (.provider, .email):
            if let cached = providerEmail { return cached }
            let value = ContactRules.emailAddresses(primary: account.email, additional: nil)
            providerEmail = value
            return value
        case (.provider, _):
            if let cached = providerMobile { return cached }
            let value = ContactRules.mobile(account.mobilePhone)
            providerMobile = value
            return value
        }
    }
}
