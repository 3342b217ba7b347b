extension NotificationPlanner {
    /// Explains, step by step, what the run for this planner's date decides for one charge: per
    /// slot whether it is enabled, its offset, whether its condition holds (or which part
    /// fails), the aimed-at date, the send date S and its shift, whether it fires on D, and per
    /// recipient and channel the contact used, the reject, or the collision it lost; plus the
    /// postal decision.
    ///
    /// Whether a slot fires, and every notification and letter, come from the run's own code
    /// path (`notifications(for:…)` and `letter(for:customer:)` give exactly
    /// `notifications` and `letter`). The extra dates shown for slots that do not fire are
    /// worked out only where the calendars cover them, so explain throws exactly when the run
    /// would fail on this charge.
    public func explain(charge: Charge, customer: Customer, account: Account,
                        settings: SlotSettings) throws(AvisoError) -> ChargeExplanation {
        var recorder = ExplanationRecorder()
        var contacts = ContactCache()
        try plan(charge: charge, customer: customer, account: account, settings: settings, into: &recorder, contacts: &contacts)
        let letter = try self.letter(for: charge, customer: customer)

        let effectiveDue = try? calendar.nextBusinessDay(onOrAfter: charge.dueDate)
        var slots: [SlotExplanation] = []
        for slot in Slot.allCases {
            let setting = settings[slot]
            // Dates for the reader: also for slots the run does not evaluate. The run's own
            // evaluation (when there is one) decides whether the slot fires.
            let shown: SlotEvaluation?
            if charge.isOpen, effectiveDue == nil, slot != .created, slot != .updated, slot != .received {
                shown = nil
            } else {
                shown = try? evaluate(slot, setting: setting, charge: charge, effectiveDue: effectiveDue, computeAll: true)
            }
            let fires = recorder.evaluations[slot]?.fires(on: runDate) ?? false
            var shift: Shift?
            var reason: ShiftReason?
            if let aimed = shown?.scheduledFor, let sendDate = shown?.sendDate {
                shift = sendDate == aimed ? Shift.none : sendDate < aimed ? .pulledForward : .pushedBack
                if sendDate != aimed {
                    reason = ShiftReason(weekendDay: aimed.isWeekend ? aimed.weekday : nil,
                                         holidays: calendar.holidayNames(on: aimed))
                }
            }
            var deliveries: [SlotExplanation.Delivery] = []
            for recipient in Recipient.allCases {
                for channel in Channel.allCases where setting.isOn(recipient, channel) {
                    let key = DeliveryKey(slot: slot, recipient: recipient, channel: channel)
                    let outcome: SlotExplanation.Delivery.Outcome
                    let contact: ContactResult
                    if let planned = recorder.planned[key] {
                        contact = planned.contact
                        if case .rejected = planned.contact { outcome = .rejected } else { outcome = .sent }
                    } else {
                        contact = contacts.result(recipient, channel, customer: customer, account: account)
                        switch recorder.skipped[key] {
                        case .lostCollision(let rival): outcome = .lostCollision(to: rival)
                        case .customerNotificationsDisabled: outcome = .customerNotificationsDisabled
                        case nil: outcome = .slotDoesNotFire
                        }
                    }
                    deliveries.append(SlotExplanation.Delivery(recipient: recipient, channel: channel, outcome: outcome, contact: contact))
                }
            }
            slots.append(SlotExplanation(
                slot: slot, enabled: setting.enabled, scheduleOffset: setting.scheduleOffset,
                condition: shown?.condition, scheduledFor: shown?.scheduledFor, sendDate: shown?.sendDate,
                repeatIndex: shown?.repeatIndex, shift: shift, shiftReason: reason, fires: fires,
                deliveries: deliveries))
        }

        let ineligibility = postalIneligibility(of: charge, customer: customer)
        let letterSendDate = try? calendar.nextBusinessDay(onOrAfter: letterTarget(of: charge))
        var decision = letter
        if decision == nil, ineligibility == nil, let letterSendDate {
            decision = try? letterDecision(for: charge, customer: customer, sendDate: letterSendDate)
        }
        let postal = PostalExplanation(
            customerRequested: customer.postalService, chargeRequested: charge.postalService,
            ineligibility: ineligibility, scheduledFor: letterTarget(of: charge), sendDate: letterSendDate,
            decision: decision, decidedOnRunDate: letter != nil)

        return ChargeExplanation(
            runDate: runDate, businessDay: runDateIsBusinessDay, holidays: calendar.holidayNames(on: runDate),
            charge: charge, customer: customer, account: account,
            leftOut: LeftOutReason.of(charge: charge, customer: customer, runDate: runDate),
            effectiveDue: effectiveDue, slots: slots, postal: postal,
            notifications: recorder.notifications, letter: letter)
    }
}

/// A slot, recipient and channel: one possible notification of a charge.
private struct DeliveryKey: Hashable {
    var slot: Slot
    var recipient: Recipient
    var channel: Channel
}

/// Explain's sink: keeps every step of the run's evaluation.
private struct ExplanationRecorder: PlanSink {
    static var wantsEveryStep: Bool { true }
    var evaluations: [Slot: SlotEvaluation] = [:]
    var skipped: [DeliveryKey: PlanSkip] = [:]
    var planned: [DeliveryKey: PlannedNotification] = [:]
    var notifications: [PlannedNotification] = []

    mutating func evaluated(_ slot: Slot, _ evaluation: SlotEvaluation) {
        evaluations[slot] = evaluation
    }

    mutating func skipped(_ slot: Slot, _ recipient: Recipient, _ channel: Channel, because reason: PlanSkip) {
        skipped[DeliveryKey(slot: slot, recipient: recipient, channel: channel)] = reason
    }

    mutating func planned(_ notification: PlannedNotification) {
        planned[DeliveryKey(slot: notification.slot, recipient: notification.recipient, channel: notification.channel)] = notification
        notifications.append(notification)
    }
}
