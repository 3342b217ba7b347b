/// Decides, for one run date, which slot notifications and postal letters of a charge go out
/// (RULES.md "When a slot fires", "Channels and contacts", "Postal boletos").
///
/// Immutable, and a class so that the decoding threads share one planner by reference: as a
/// struct (a calendar and a configuration of arrays, strings and dictionaries) it was copied for
/// every charge planned, a dozen retains and releases each, contended across threads.
public final class NotificationPlanner: Sendable {
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
        var contacts = ContactCache()
        return try notifications(for: charge, customer: customer, account: account, settings: settings, contacts: &contacts)
    }

    /// `notifications(for:customer:account:settings:)` with the contact checks of this customer
    /// and account kept in `contacts`, so that planning the same charge for several dates (the
    /// report's look ahead, then the run date) checks each contact once.
    func notifications(for charge: Charge, customer: Customer, account: Account, settings: SlotSettings,
                       contacts: inout ContactCache) throws(AvisoError) -> [PlannedNotification] {
        try notifications(for: charge, customerDeleted: customer.deleted, notificationDisabled: customer.notificationDisabled,
                          customer: { customer }, account: account, settings: settings, contacts: &contacts)
    }

    /// `notifications(for:customer:account:settings:contacts:)` for a customer known by its
    /// flags until a notification needs its contacts: `customer` is called only then (most
    /// charges that might send on the run date fire no slot, and the run reads a customer's
    /// row again from its file to make it).
    func notifications(for charge: Charge, customerDeleted: Bool, notificationDisabled: Bool, customer: () -> Customer,
                       account: Account, settings: SlotSettings, contacts: inout ContactCache) throws(AvisoError) -> [PlannedNotification] {
        var collector = NotificationCollector()
        try plan(charge: charge, customerDeleted: customerDeleted, notificationDisabled: notificationDisabled, customer: customer,
                 account: account, settings: settings, into: &collector, contacts: &contacts)
        return collector.notifications
    }

    /// The letter decision when the charge's letter is due in this run (S == runDate), else nil.
    ///
    /// S = nextBD(max(dateCreated + 1, dueDate − mailingWindowDays)). One reject per letter, the
    /// first that applies of POSTAL_ADDRESS_INCOMPLETE, POSTAL_INVALID_CEP, POSTAL_TOO_LATE.
    /// `notificationDisabled` does not matter.
    public func letter(for charge: Charge, customer: Customer) throws(AvisoError) -> LetterDecision? {
        try letter(for: charge, customerDeleted: customer.deleted, customerPostalService: customer.postalService, customer: { customer })
    }

    /// `letter(for:customer:)` for a customer known by its flags until the letter is due:
    /// `customer` is called only then, for its address.
    func letter(for charge: Charge, customerDeleted: Bool, customerPostalService: Bool,
                customer: () -> Customer) throws(AvisoError) -> LetterDecision? {
        guard runDateIsBusinessDay, charge.dateCreated < runDate, !customerDeleted,
              PostalRules.ineligibility(of: charge, customerPostalService: customerPostalService) == nil else { return nil }
        let sendDate = try calendar.nextBusinessDay(onOrAfter: letterTarget(of: charge))
        guard sendDate == runDate else { return nil }
        return try letterDecision(for: charge, customer: customer(), sendDate: sendDate)
    }

    // MARK: - Which dates a charge could send on

    /// Whether a slot notification or the letter of this charge could go out on the run date,
    /// judged from the send-date formulas alone (no condition beyond status and the slots'
    /// switches, no contact). False only when none can: then `notifications(for:…)` is empty
    /// and `letter(for:customer:)` is nil, and the run need not plan the charge. True also when
    /// a date the formulas need is not covered by the calendars: the charge is then planned as
    /// before, which throws the calendar's error if the planner itself needs that date (the
    /// formulas look at some dates the planner may not, such as CREATED's of a subscription).
    ///
    /// `candidatesFromRunDate`: candidate dates already worked out from the run date on
    /// (`candidateSendDates(…from: runDate…, skipped:)`, bit 0 the run date) with no formula
    /// passed over; they answer instead of a fresh evaluation.
    func mightSendOnRunDate(_ charge: Charge, settings: SlotSettings, candidatesFromRunDate: UInt64? = nil) -> Bool {
        guard runDateIsBusinessDay, charge.dateCreated < runDate else { return false }
        if let candidatesFromRunDate { return candidatesFromRunDate & 1 != 0 }
        do {
            return try candidateSendDates(of: charge, settings: settings, from: runDate, through: runDate, skippingUncovered: false) != 0
        } catch {
            return true
        }
    }

    /// Every date from `first` through `last` (at most 64 days) that is the send date S of one
    /// of the charge's enabled slots (whatever its condition beyond the charge's status) or of
    /// its letter, as a bit per day from `first`. A superset of the days any slot fires or the
    /// letter goes: a slot fires on D only when its S is D. With `skippingUncovered`, a formula
    /// whose date is outside the calendars is passed over; without, it throws the calendar's error.
    func candidateSendDates(of charge: Charge, settings: SlotSettings, from first: Day, through last: Day,
                            skippingUncovered: Bool) throws(AvisoError) -> UInt64 {
        var skipped = false
        return try candidateSendDates(of: charge, settings: settings, from: first, through: last, skippingUncovered: skippingUncovered,
                                      skipped: &skipped)
    }

    /// `candidateSendDates(…skippingUncovered:)`, also setting `skipped` when a formula's date was
    /// outside the calendars and passed over. (Skipping, it still throws when a covered date's
    /// walk to a business day runs off the calendars.)
    func candidateSendDates(of charge: Charge, settings: SlotSettings, from first: Day, through last: Day,
                            skippingUncovered: Bool, skipped: inout Bool) throws(AvisoError) -> UInt64 {
        precondition(last >= first && last - first < 64, "a window of candidate dates is at most 64 days")
        var dates: UInt64 = 0
        func consider(_ day: Day?) {
            if let day, day >= first && day <= last { dates |= 1 << UInt64(day - first) }
        }
        func next(_ day: Day) throws(AvisoError) -> Day? {
            guard skippingUncovered else { return try calendar.nextBusinessDay(onOrAfter: day) }
            guard let found = try calendar.nextBusinessDay(ifCovered: day) else {
                skipped = true
                return nil
            }
            return found
        }
        func previous(_ day: Day) throws(AvisoError) -> Day? {
            guard skippingUncovered else { return try calendar.previousBusinessDay(onOrBefore: day) }
            guard let found = try calendar.previousBusinessDay(ifCovered: day) else {
                skipped = true
                return nil
            }
            return found
        }
        if charge.isPaid, let payDate = charge.payDate, settings[.received].enabled { consider(try next(payDate + 1)) }
        // Every other slot, and the letter, is for open charges only.
        guard charge.isOpen else { return dates }
        if settings[.created].enabled { consider(try next(charge.dateCreated + 1)) }
        let warningBefore = settings[.warningBefore]
        if warningBefore.enabled, warningBefore.scheduleOffset > 0 { consider(try previous(charge.dueDate - warningBefore.scheduleOffset)) }
        if settings[.warningDue].enabled || settings[.linhaDigitavel].enabled { consider(try previous(charge.dueDate)) }
        if let effectiveDue = try next(charge.dueDate) {
            if settings[.overdueFirst].enabled { consider(try next(effectiveDue + 1)) }
            let repeatSetting = settings[.overdueRepeat]
            if repeatSetting.enabled, repeatSetting.scheduleOffset > 0, configuration.maxOverdueRepeats > 0 {
                for k in 1...configuration.maxOverdueRepeats {
                    let target = effectiveDue + 1 + k * repeatSetting.scheduleOffset
                    if target > last { break }
                    consider(try next(target))
                }
            }
        }
        consider(try next(letterTarget(of: charge)))
        return dates
    }

    // MARK: - The one evaluation shared by the run and by explain

    /// The single code path behind `notifications(for:…)` and `explain(…)`: decides which slots
    /// fire on the run date, settles collisions and checks contacts, and tells the sink every
    /// step. The run's sink keeps only the notifications; explain's keeps everything.
    @inline(__always)
    func plan<Sink: PlanSink>(charge: Charge, customer: Customer, account: Account, settings: SlotSettings,
                              into sink: inout Sink, contacts: inout ContactCache) throws(AvisoError) {
        try plan(charge: charge, customerDeleted: customer.deleted, notificationDisabled: customer.notificationDisabled,
                 customer: { customer }, account: account, settings: settings, into: &sink, contacts: &contacts)
    }

    /// `plan(charge:customer:…)` with the customer's flags given and the customer itself asked
    /// for only when a notification goes out (for its contact).
    @inline(__always)
    func plan<Sink: PlanSink>(charge: Charge, customerDeleted: Bool, notificationDisabled: Bool, customer: () -> Customer,
                              account: Account, settings: SlotSettings, into sink: inout Sink,
                              contacts: inout ContactCache) throws(AvisoError) {
        try forEachSend(charge: charge, customerDeleted: customerDeleted, notificationDisabled: notificationDisabled,
                        settings: settings, into: &sink) { slot, recipient, channel, offset, scheduledFor, shift, sink in
            let contact = contacts.result(recipient, channel, customer: customer(), account: account)
            sink.planned(PlannedNotification(
                slot: slot, recipient: recipient, channel: channel, scheduleOffset: offset,
                scheduledFor: scheduledFor, shift: shift, contact: contact))
        }
    }

    /// Calls `count` for each notification of the charge that goes out on the run date or is
    /// rejected for its contact, in `notifications(for:…)`'s order, with whether it is rejected,
    /// judged by `reach` instead of by the contacts themselves: what the report's look ahead
    /// counts, without making the customer. Not for a charge whose letter may be due (the
    /// letter needs the customer's address): see `LookAheadWindow.contribution`.
    @inline(__always)
    func countNotifications(for charge: Charge, reach: RecipientReach, settings: SlotSettings,
                            _ count: (Slot, Channel, _ rejected: Bool) -> Void) throws(AvisoError) {
        var sink = DiscardingSink()
        try forEachSend(charge: charge, customerDeleted: false, notificationDisabled: reach.notificationDisabled,
                        settings: settings, into: &sink) { slot, recipient, channel, _, _, _, _ in
            count(slot, channel, !reach.reaches(recipient, channel))
        }
    }

    /// The steps `plan` and `countNotifications` share: which slots fire on the run date, and
    /// for each (slot, recipient, channel) switched on whether it is silenced by
    /// notificationDisabled or loses a collision (told to the sink) or goes out (given to `send`
    /// with the slot's offset, the aimed-at date and the shift), in slot, recipient, channel order.
    @inline(__always)
    private func forEachSend<Sink: PlanSink>(
        charge: Charge, customerDeleted: Bool, notificationDisabled: Bool, settings: SlotSettings, into sink: inout Sink,
        _ send: (Slot, Recipient, Channel, _ offset: Int, _ scheduledFor: Day, Shift, inout Sink) -> Void
    ) throws(AvisoError) {
        guard runDateIsBusinessDay, charge.dateCreated < runDate, !customerDeleted else { return }
        let fired = try firedSlots(for: charge, settings: settings, into: &sink)
        guard fired.any else { return }

        for slot in Slot.allCases {
            guard let scheduledFor = fired[slot] else { continue }
            let setting = settings[slot]
            let rival: Slot? = slot == .warningBefore ? .warningDue : slot == .overdueRepeat ? .overdueFirst : nil
            let offset = slot == .warningBefore || slot == .overdueRepeat ? setting.scheduleOffset : 0
            let shift: Shift = runDate == scheduledFor ? .none : runDate < scheduledFor ? .pulledForward : .pushedBack
            for recipient in Recipient.allCases {
                let silenced = recipient == .customer && notificationDisabled
                if silenced, !Sink.wantsEveryStep { continue }
                for channel in Channel.allCases where setting.isOn(recipient, channel) {
                    if silenced {
                        sink.skipped(slot, recipient, channel, because: .customerNotificationsDisabled)
                        continue
                    }
                    if let rival, fired[rival] != nil, settings[rival].isOn(recipient, channel) {
                        sink.skipped(slot, recipient, channel, because: .lostCollision(to: rival))
                        continue
                    }
                    send(slot, recipient, channel, offset, scheduledFor, shift, &sink)
                }
            }
        }
    }

    // The slots whose send date is the run date and whose condition holds, with the date each
    // aimed at. Touches the calendar only for dates a slot needs: effDue for an open charge,
    // then S of each enabled slot whose condition holds.
    @inline(__always)
    private func firedSlots<Sink: PlanSink>(for charge: Charge, settings: SlotSettings,
                                            into sink: inout Sink) throws(AvisoError) -> FiredSlots {
        var fired = FiredSlots()
        let effectiveDue: Day? = charge.isOpen ? try calendar.nextBusinessDay(onOrAfter: charge.dueDate) : nil
        for slot in Slot.allCases {
            let setting = settings[slot]
            guard setting.enabled else { continue }
            let evaluation = try evaluate(slot, setting: setting, charge: charge, effectiveDue: effectiveDue, computeAll: false)
            if Sink.wantsEveryStep { sink.evaluated(slot, evaluation) }
            if evaluation.fires(on: runDate) { fired[slot] = evaluation.scheduledFor }
        }
        return fired
    }

    /// One slot's condition, aimed-at date and send date S for this charge (RULES.md "When a
    /// slot fires"). With `computeAll` false (the run), S is computed only when the condition
    /// holds, so the run looks at no date it does not need; with `computeAll` true (explain),
    /// the dates are worked out even for a slot whose condition fails.
    ///
    /// `effectiveDue` is effDue of an open charge; it may be nil for any other charge.
    @inline(__always)
    func evaluate(_ slot: Slot, setting: SlotSetting, charge: Charge, effectiveDue: Day?,
                  computeAll: Bool) throws(AvisoError) -> SlotEvaluation {
        var result = SlotEvaluation(condition: condition(of: slot, setting: setting, charge: charge, effectiveDue: effectiveDue))
        guard result.condition == .met || computeAll else { return result }
        switch slot {
        case .updated:
            break
        case .created:
            let target = charge.dateCreated + 1
            result.scheduledFor = target
            result.sendDate = try calendar.nextBusinessDay(onOrAfter: target)
        case .warningBefore:
            guard setting.scheduleOffset > 0 else { break }
            let target = charge.dueDate - setting.scheduleOffset
            result.scheduledFor = target
            result.sendDate = try calendar.previousBusinessDay(onOrBefore: target)
        case .warningDue, .linhaDigitavel:
            result.scheduledFor = charge.dueDate
            result.sendDate = try calendar.previousBusinessDay(onOrBefore: charge.dueDate)
        case .overdueFirst:
            guard let effectiveDue else { break }
            let target = effectiveDue + 1
            result.scheduledFor = target
            result.sendDate = try calendar.nextBusinessDay(onOrAfter: target)
        case .overdueRepeat:
            let step = setting.scheduleOffset
            guard let effectiveDue, step > 0 else { break }
            // Send dates grow with k: the first k whose S is on or after D is the only one that
            // can land on D, and the earliest if several land there. Once the aimed date is past
            // D, S is too, and the run needs look no further.
            var k = 1
            var settled = false
            while k <= configuration.maxOverdueRepeats {
                let target = effectiveDue + 1 + k * step
                if target > runDate, !computeAll {
                    settled = true
                    break
                }
                let sendDate = try calendar.nextBusinessDay(onOrAfter: target)
                if sendDate >= runDate {
                    result.scheduledFor = target
                    result.sendDate = sendDate
                    result.repeatIndex = k
                    settled = true
                    break
                }
                k += 1
            }
            if !settled, result.condition == .met { result.condition = .repeatsExhausted }
        case .received:
            guard let payDate = charge.payDate else { break }
            let target = payDate + 1
            result.scheduledFor = target
            result.sendDate = try calendar.nextBusinessDay(onOrAfter: target)
        }
        return result
    }

    /// The first part of a slot's condition (RULES.md) that fails, or `.met`. Does not look at
    /// `enabled` nor at the send date; needs `effectiveDue` only for an open charge.
    @inline(__always)
    func condition(of slot: Slot, setting: SlotSetting, charge: Charge, effectiveDue: Day?) -> SlotCondition {
        switch slot {
        case .updated:
            return .eventDriven
        case .received:
            guard charge.isPaid else { return .notPaid }
            return charge.payDate == nil ? .noPayDate : .met
        default:
            break
        }
        guard charge.isOpen else { return .notOpen }
        if slot == .created { return charge.hasSubscription ? .generatedBySubscription : .met }
        // effDue is known for every open charge the run evaluates; explain leaves out the slots
        // that need it when the calendars do not cover it.
        guard let effectiveDue else { return .notOpen }
        switch slot {
        case .warningBefore:
            guard setting.scheduleOffset > 0 else { return .noOffset }
            return runDate <= effectiveDue ? .met : .afterEffectiveDue
        case .warningDue:
            return runDate <= effectiveDue ? .met : .afterEffectiveDue
        case .linhaDigitavel:
            guard charge.billingType.carriesBoleto else { return .billingType }
            guard charge.hasIdentificationField else { return .noIdentificationField }
            guard charge.lastBankSlipViewedDate == nil else { return .boletoViewed }
            return runDate <= effectiveDue ? .met : .afterEffectiveDue
        case .overdueFirst:
            return runDate > effectiveDue ? .met : .notYetOverdue
        case .overdueRepeat:
            guard setting.scheduleOffset > 0 else { return .noOffset }
            return runDate > effectiveDue ? .met : .notYetOverdue
        case .created, .updated, .received:
            return .eventDriven
        }
    }

    // MARK: - Letters

    /// Why the charge gets no printed boleto at all, the first that applies of: postal service
    /// not asked for, not open, billing type, no linha digitável; nil when it is eligible.
    func postalIneligibility(of charge: Charge, customer: Customer) -> PostalIneligibility? {
        PostalRules.ineligibility(of: charge, customer: customer)
    }

    /// The date inside nextBD() of the letter's send date: max(dateCreated + 1, dueDate − window).
    func letterTarget(of charge: Charge) -> Day {
        max(charge.dateCreated + 1, charge.dueDate - configuration.mailingWindowDays)
    }

    /// The letter's checks for a send date: address, CEP, then the delivery estimate against
    /// effDue.
    func letterDecision(for charge: Charge, customer: Customer, sendDate: Day) throws(AvisoError) -> LetterDecision {
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
}

/// One slot's evaluation for a charge on the run date; no heap allocation.
struct SlotEvaluation: Equatable {
    /// `.met`, or the first part of the condition that fails.
    var condition: SlotCondition
    /// The date inside nextBD()/prevBD() of S; nil when not worked out.
    var scheduledFor: Day?
    /// The send date S; nil when not worked out.
    var sendDate: Day?
    /// OVERDUE_REPEAT: the k of `scheduledFor`.
    var repeatIndex: Int?

    /// Whether the slot fires on D (given that it is enabled, the charge is considered and D
    /// is a business day): the condition holds and S = D.
    @inline(__always)
    func fires(on runDate: Day) -> Bool {
        condition == .met && sendDate == runDate && scheduledFor != nil
    }
}

/// Why a notification switched on for a firing slot produces nothing.
enum PlanSkip: Equatable {
    /// The customer has notificationDisabled (customer notifications only).
    case customerNotificationsDisabled
    /// WARNING_DUE or OVERDUE_FIRST fires for the same recipient and channel and wins.
    case lostCollision(to: Slot)
}

/// Receives the steps of `NotificationPlanner.plan`. The run's sink ignores everything but the
/// planned notifications; with `wantsEveryStep` false the planner does not even report the rest.
protocol PlanSink {
    /// Whether `evaluated` and `skipped` are wanted (explain) or not (the run's hot path).
    static var wantsEveryStep: Bool { get }
    /// An enabled slot was evaluated (only when the charge is considered on a business day).
    mutating func evaluated(_ slot: Slot, _ evaluation: SlotEvaluation)
    /// A switched-on channel of a firing slot gives nothing.
    mutating func skipped(_ slot: Slot, _ recipient: Recipient, _ channel: Channel, because reason: PlanSkip)
    /// A notification goes out, or is rejected for its contact.
    mutating func planned(_ notification: PlannedNotification)
}

/// The run's sink: the planned notifications, in the order planned.
private struct NotificationCollector: PlanSink {
    static var wantsEveryStep: Bool { false }
    var notifications: [PlannedNotification] = []

    @inline(__always) mutating func evaluated(_ slot: Slot, _ evaluation: SlotEvaluation) {}
    @inline(__always) mutating func skipped(_ slot: Slot, _ recipient: Recipient, _ channel: Channel, because reason: PlanSkip) {}
    @inline(__always) mutating func planned(_ notification: PlannedNotification) {
        // Room for a charge's usual few at once: grown from one, the list was reallocated
        // (and the old block freed) up to twice for a charge with three or four.
        if notifications.isEmpty { notifications.reserveCapacity(4) }
        notifications.append(notification)
    }
}

/// A sink that keeps nothing (`countNotifications` is told each notification directly).
private struct DiscardingSink: PlanSink {
    static var wantsEveryStep: Bool { false }
    @inline(__always) mutating func evaluated(_ slot: Slot, _ evaluation: SlotEvaluation) {}
    @inline(__always) mutating func skipped(_ slot: Slot, _ recipient: Recipient, _ channel: Channel, because reason: PlanSkip) {}
    @inline(__always) mutating func planned(_ notification: PlannedNotification) {}
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

/// Contact results of one charge (its customer and account), each checked at most once however
/// many slots fire and on however many dates the charge is planned.
struct ContactCache {
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
