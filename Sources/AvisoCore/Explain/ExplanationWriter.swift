/// Renders a `PaymentExplanation` as plain text for the terminal, in Portuguese (the default)
/// or English. Dates are `DD/MM/YYYY` in Portuguese and `YYYY-MM-DD` in English.
public struct ExplanationWriter: Sendable {
    /// The language of the text.
    public enum Language: String, Sendable, CaseIterable {
        /// Brazilian Portuguese.
        case pt
        /// English.
        case en
    }

    /// The language in use.
    public let language: Language

    /// A writer for a language.
    public init(language: Language = .pt) {
        self.language = language
    }

    /// The whole explanation, one line per fact, ending with a newline.
    public func text(_ result: PaymentExplanation) -> String {
        var lines: [String] = []
        lines.append(w("Cobrança \(result.payment), execução de \(date(result.runDate)): \(runDay(result.businessDay, result.runDate, result.holidays)).",
                       "Payment \(result.payment), run of \(date(result.runDate)): \(runDay(result.businessDay, result.runDate, result.holidays))."))
        lines += rejectedRows(result)
        if let charge = result.charge {
            lines += chargeLines(charge)
        } else if result.rejectedRows.isEmpty {
            lines.append(w("A cobrança não está no arquivo \(result.chargesFile): a execução não a conhece.",
                           "The payment is not in \(result.chargesFile): the run does not know it."))
        } else {
            lines.append(w("Nenhuma linha válida com este id: a execução não considera a cobrança (nenhuma notificação, nenhuma carta).",
                           "No valid row with this id: the run does not consider the payment (no notification, no letter)."))
        }
        if !result.resendRequests.isEmpty {
            let list = result.resendRequests.map { "\($0.id) (\($0.requestedAtText))" }.joined(separator: ", ")
            lines.append(w("Pedidos de reenvio manual no export: \(list). São decididos à parte pela execução (veja resend-results.csv); não entram acima.",
                           "Manual resend requests in the export: \(list). The run decides them separately (see resend-results.csv); they are not part of the above."))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Sections

    private func rejectedRows(_ result: PaymentExplanation) -> [String] {
        guard !result.rejectedRows.isEmpty else { return [] }
        var lines: [String] = []
        if result.charge != nil {
            lines.append(w("Linhas rejeitadas com este id (a execução usa a primeira linha válida):",
                           "Rejected rows with this id (the run uses the first valid row):"))
        }
        for reject in result.rejectedRows {
            let place: String
            if let line = reject.line {
                place = w("linha \(line) de \(reject.file)", "line \(line) of \(reject.file)")
            } else {
                place = w("registro \(reject.record ?? 0) de \(reject.file)", "record \(reject.record ?? 0) of \(reject.file)")
            }
            let field = reject.field.isEmpty ? "" : w(", campo \(reject.field)", ", field \(reject.field)")
            let detail = reject.detail.isEmpty ? "" : ": \(reject.detail)"
            lines.append(w("Rejeitada na leitura: \(place) — \(reject.reason)\(field)\(detail).",
                           "Rejected on input: \(place) — \(reject.reason)\(field)\(detail)."))
        }
        return lines
    }

    private func chargeLines(_ e: ChargeExplanation) -> [String] {
        let c = e.charge
        var lines: [String] = []
        lines.append(w("Cliente \(e.customer.name) (\(e.customer.id)), conta \(e.account.name) (\(e.account.id)).",
                       "Customer \(e.customer.name) (\(e.customer.id)), account \(e.account.name) (\(e.account.id))."))
        var facts = w("Status \(c.status.rawValue)\(c.deleted ? " (excluída)" : ""), \(c.billingType.rawValue), \(MoneyFormat.brl(c.value)); criada em \(date(c.dateCreated)); vencimento \(dated(c.dueDate))",
                      "Status \(c.status.rawValue)\(c.deleted ? " (deleted)" : ""), \(c.billingType.rawValue), \(MoneyFormat.brl(c.value)); created \(date(c.dateCreated)); due \(dated(c.dueDate))")
        if let effectiveDue = e.effectiveDue, effectiveDue != c.dueDate {
            facts += w(", vencimento efetivo \(dated(effectiveDue))", ", effective due date \(dated(effectiveDue))")
        } else if e.effectiveDue == nil {
            facts += w(", vencimento efetivo desconhecido (fora dos calendários)", ", effective due date unknown (outside the calendars)")
        }
        if let pay = c.payDate { facts += w("; pagamento \(date(pay))", "; paid \(date(pay))") }
        lines.append(facts + ".")
        var state = w("Em aberto: \(yes(c.isOpen)). Paga: \(yes(c.isPaid)).", "Open: \(yes(c.isOpen)). Paid: \(yes(c.isPaid)).")
        if let subscription = c.subscription { state += w(" Assinatura: \(subscription).", " Subscription: \(subscription).") }
        if e.customer.notificationDisabled {
            state += w(" O cliente desativou as notificações (as da conta, \"para mim\", continuam).",
                       " The customer has notifications disabled (the account's own, \"para mim\", still go).")
        }
        lines.append(state)
        switch e.leftOut {
        case .notCreatedYet?:
            lines.append(w("Deixada de fora da execução: criada em \(date(c.dateCreated)), não antes de \(date(e.runDate)). Nada sai para ela; abaixo, o que as regras diriam.",
                           "Left out of the run: created \(date(c.dateCreated)), not before \(date(e.runDate)). Nothing goes out for it; below, what the rules would say."))
        case .customerDeleted?:
            lines.append(w("Deixada de fora da execução: o cliente \(e.customer.id) está excluído. Nada sai para ela (nem carta); abaixo, o que as regras diriam.",
                           "Left out of the run: customer \(e.customer.id) is deleted. Nothing goes out for it (no letter either); below, what the rules would say."))
        case nil:
            break
        }
        lines.append("")
        lines.append(w("Notificações:", "Notifications:"))
        for slot in e.slots { lines += slotLines(slot, e) }
        lines.append("")
        lines += postalLines(e)
        lines.append("")
        lines.append(outcomeLine(e))
        return lines
    }

    private func slotLines(_ s: SlotExplanation, _ e: ChargeExplanation) -> [String] {
        var lines: [String] = []
        var head = "\(s.slot.name) (\(title(s.slot))): "
        head += s.enabled ? w("ativo", "enabled") : w("desativado", "disabled")
        if s.slot == .warningBefore || s.slot == .overdueRepeat {
            head += w(", N = \(s.scheduleOffset) dias", ", N = \(s.scheduleOffset) days")
        }
        head += ". " + w("Regra: ", "Rule: ") + rule(s.slot, offset: s.scheduleOffset) + "."
        lines.append(head)

        let condition: String
        switch s.condition {
        case .met?: condition = w("atendida", "met")
        case let failed?: condition = w("não atendida — ", "not met — ") + conditionText(failed, e)
        case nil: condition = w("não avaliada (data fora dos calendários carregados)", "not evaluated (a date outside the loaded calendars)")
        }
        lines.append("  " + w("Condição: ", "Condition: ") + condition + ".")
        if let aimed = s.scheduledFor {
            var dates = "  " + w("Agenda: ", "Schedule: ") + aimedText(s, aimed, e)
            if let sendDate = s.sendDate {
                dates += " → " + w("envio em ", "send date ") + dated(sendDate)
                if let shift = s.shift, shift != .none {
                    let verb = shift == .pulledForward ? w("antecipado", "pulled forward") : w("adiado", "pushed back")
                    dates += " (\(verb): \(reasonText(s.shiftReason)))"
                }
            } else {
                dates += " → " + w("envio fora dos calendários carregados", "send date outside the loaded calendars")
            }
            lines.append(dates + ".")
        }
        lines.append("  " + w("Dispara em \(date(e.runDate)): ", "Fires on \(date(e.runDate)): ") + firesText(s, e) + ".")
        for delivery in s.deliveries { lines.append("  - " + deliveryText(delivery)) }
        if s.deliveries.isEmpty {
            lines.append("  - " + w("nenhum canal ligado", "no channel switched on"))
        }
        return lines
    }

    private func firesText(_ s: SlotExplanation, _ e: ChargeExplanation) -> String {
        if s.fires { return w("sim", "yes") }
        let why: String
        if !e.businessDay {
            why = w("não é dia útil", "not a business day")
        } else if e.leftOut != nil {
            why = w("cobrança deixada de fora", "payment left out")
        } else if !s.enabled {
            why = w("slot desativado", "slot disabled")
        } else if let condition = s.condition, condition != .met {
            why = w("condição não atendida", "condition not met")
        } else if let sendDate = s.sendDate {
            why = w("o envio é em \(date(sendDate))", "it is sent on \(date(sendDate))")
        } else if s.slot == .overdueRepeat {
            why = w("nenhuma repetição cai nesta data", "no repeat falls on this date")
        } else {
            why = w("sem data de envio", "no send date")
        }
        return w("não (\(why))", "no (\(why))")
    }

    private func deliveryText(_ d: SlotExplanation.Delivery) -> String {
        let label = channelName(d.channel) + w(d.recipient == .customer ? " para o cliente" : " para a conta",
                                              d.recipient == .customer ? " to the customer" : " to the account")
        switch d.outcome {
        case .sent:
            return label + ": " + contactText(d.contact)
        case .rejected:
            return label + ": " + w("rejeitado — ", "rejected — ") + contactText(d.contact)
        case .lostCollision(let rival):
            return label + ": " + w("nada — perde para \(rival.name), que também sai neste canal",
                                    "nothing — loses to \(rival.name), which also goes on this channel")
        case .customerNotificationsDisabled:
            return label + ": " + w("nada — notificações do cliente desativadas", "nothing — customer notifications disabled")
        case .slotDoesNotFire:
            return label + ": " + w("não sai hoje (contato: ", "not today (contact: ") + contactText(d.contact) + ")"
        }
    }

    private func contactText(_ contact: ContactResult) -> String {
        switch contact {
        case .email(let addresses): return addresses.joined(separator: ", ")
        case .phone(let number): return number
        case .rejected(let reason, let detail): return "\(reason) (\(detail))"
        }
    }

    private func postalLines(_ e: ChargeExplanation) -> [String] {
        let p = e.postal
        var lines: [String] = []
        var head = w("Correios: pedido pelo cliente: \(yes(p.customerRequested)); pela cobrança: \(yes(p.chargeRequested)). Elegível: ",
                     "Postal: asked by the customer: \(yes(p.customerRequested)); by the payment: \(yes(p.chargeRequested)). Eligible: ")
        if let reason = p.ineligibility {
            head += w("não — ", "no — ") + ineligibilityText(reason, e.charge) + "."
            lines.append(head)
            return lines
        }
        head += w("sim.", "yes.")
        lines.append(head)
        let window = e.charge.dueDate - p.scheduledFor
        var dates = "  " + w("max(criação + 1, vencimento − janela) = \(dated(p.scheduledFor))",
                             "max(created + 1, due − window) = \(dated(p.scheduledFor))")
        if p.scheduledFor != e.charge.dateCreated + 1 {
            dates += w(" (\(window) dias antes do vencimento)", " (\(window) days before the due date)")
        }
        if let sendDate = p.sendDate {
            dates += " → " + w("envio em ", "send date ") + dated(sendDate)
        } else {
            dates += " → " + w("envio fora dos calendários carregados", "send date outside the loaded calendars")
        }
        if let estimate = p.decision?.estimatedDelivery {
            dates += w("; entrega estimada \(dated(estimate))", "; estimated delivery \(dated(estimate))")
        }
        if let effectiveDue = e.effectiveDue {
            dates += w(" (vencimento efetivo \(date(effectiveDue)))", " (effective due date \(date(effectiveDue)))")
        }
        lines.append(dates + ".")
        let verdict: String
        switch p.decision?.outcome {
        case .mail(let cep)?: verdict = w("carta enviada, CEP \(cep)", "letter mailed, CEP \(cep)")
        case .rejected(let reason, let detail)?: verdict = w("carta recusada — \(reason) (\(detail))", "letter refused — \(reason) (\(detail))")
        case nil: verdict = w("não avaliada", "not evaluated")
        }
        if p.decidedOnRunDate {
            lines.append("  " + w("Decidida em \(date(e.runDate)): ", "Decided on \(date(e.runDate)): ") + verdict + ".")
        } else {
            let why: String
            if !e.businessDay {
                why = w("não é dia útil", "not a business day")
            } else if e.leftOut != nil {
                why = w("cobrança deixada de fora", "payment left out")
            } else if let sendDate = p.sendDate {
                why = w("o envio é em \(date(sendDate))", "it is sent on \(date(sendDate))")
            } else {
                why = w("sem data de envio", "no send date")
            }
            lines.append("  " + w("Nada em \(date(e.runDate)) (\(why)); no dia do envio: ", "Nothing on \(date(e.runDate)) (\(why)); on its send date: ")
                         + verdict + ".")
        }
        return lines
    }

    private func outcomeLine(_ e: ChargeExplanation) -> String {
        var sent: [Channel: Int] = [:]
        var rejected = 0
        for planned in e.notifications {
            if case .rejected = planned.contact { rejected += 1 } else { sent[planned.channel, default: 0] += 1 }
        }
        let total = sent.values.reduce(0, +)
        let channels = Channel.allCases.compactMap { channel in sent[channel].map { "\(channelName(channel)) \($0)" } }
        var text = w("Resultado em \(date(e.runDate)): \(total) mensage\(total == 1 ? "m" : "ns")",
                     "Result on \(date(e.runDate)): \(total) message\(total == 1 ? "" : "s")")
        if !channels.isEmpty { text += " (" + channels.joined(separator: ", ") + ")" }
        text += w(", \(rejected) notificaç\(rejected == 1 ? "ão rejeitada" : "ões rejeitadas")",
                  ", \(rejected) rejected notification\(rejected == 1 ? "" : "s")")
        switch e.letter?.outcome {
        case .mail?: text += w(", 1 carta.", ", 1 letter.")
        case .rejected(let reason, _)?: text += w(", carta recusada (\(reason)).", ", letter refused (\(reason)).")
        case nil: text += w(", nenhuma carta.", ", no letter.")
        }
        return text
    }

    // MARK: - Words

    private func w(_ pt: String, _ en: String) -> String { language == .pt ? pt : en }

    private func yes(_ value: Bool) -> String { value ? w("sim", "yes") : w("não", "no") }

    private func date(_ day: Day) -> String { language == .pt ? day.brazilian : day.iso }

    private func dated(_ day: Day) -> String { "\(date(day)) (\(weekday(day.weekday)))" }

    private func weekday(_ index: Int) -> String {
        let pt = ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"]
        let en = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        return language == .pt ? pt[index] : en[index]
    }

    private func runDay(_ businessDay: Bool, _ day: Day, _ holidays: [String]) -> String {
        var text = weekday(day.weekday) + ", "
        if businessDay { return text + w("dia útil", "a business day") }
        text += w("não é dia útil", "not a business day")
        if !holidays.isEmpty { text += " (\(holidays.joined(separator: ", ")))" }
        return text + w(": a execução não envia nada agendado nem cartas", ": the run sends nothing scheduled and no letters")
    }

    private func reasonText(_ reason: ShiftReason?) -> String {
        guard let reason else { return "" }
        var parts = reason.holidays
        if let day = reason.weekendDay { parts.append(weekday(day)) }
        return parts.joined(separator: ", ")
    }

    private func channelName(_ channel: Channel) -> String {
        switch channel {
        case .email: return w("E-mail", "Email")
        case .sms: return "SMS"
        case .whatsapp: return "WhatsApp"
        case .voice: return w("Ligação", "Voice call")
        }
    }

    private func title(_ slot: Slot) -> String {
        switch slot {
        case .created: return w("cobrança criada", "payment created")
        case .updated: return w("cobrança alterada", "payment updated")
        case .warningBefore: return w("lembrete antes do vencimento", "reminder before the due date")
        case .warningDue: return w("lembrete no vencimento", "reminder on the due date")
        case .linhaDigitavel: return w("linha digitável do boleto", "boleto line")
        case .overdueFirst: return w("aviso de vencida", "overdue notice")
        case .overdueRepeat: return w("aviso de atraso recorrente", "repeated overdue notice")
        case .received: return w("pagamento confirmado", "payment received")
        }
    }

    private func rule(_ slot: Slot, offset: Int) -> String {
        switch slot {
        case .created:
            return w("em aberto e não gerada por assinatura; sai no 1º dia útil após a criação",
                     "open and not generated by a subscription; sent on the first business day after creation")
        case .updated:
            return w("enviada pela plataforma quando a cobrança muda; a execução noturna nunca a envia",
                     "sent by the platform when the payment changes; the nightly run never sends it")
        case .warningBefore:
            return w("em aberto e D ≤ vencimento efetivo; sai \(offset) dias antes do vencimento, antecipada para o dia útil anterior",
                     "open and D ≤ effective due date; sent \(offset) days before the due date, pulled forward to the previous business day")
        case .warningDue:
            return w("em aberto e D ≤ vencimento efetivo; sai no vencimento, antecipada para o dia útil anterior",
                     "open and D ≤ effective due date; sent on the due date, pulled forward to the previous business day")
        case .linhaDigitavel:
            return w("em aberto, BOLETO ou UNDEFINED, com linha digitável, boleto não visualizado e D ≤ vencimento efetivo; sai no vencimento, antecipada para o dia útil anterior",
                     "open, BOLETO or UNDEFINED, with a boleto line, boleto not viewed and D ≤ effective due date; sent on the due date, pulled forward to the previous business day")
        case .overdueFirst:
            return w("em aberto e D > vencimento efetivo; sai no 1º dia útil após o vencimento efetivo",
                     "open and D > effective due date; sent on the first business day after the effective due date")
        case .overdueRepeat:
            return w("em aberto e D > vencimento efetivo; sai a cada \(offset) dias após o vencimento efetivo + 1, no dia útil seguinte",
                     "open and D > effective due date; sent every \(offset) days after the effective due date + 1, on the next business day")
        case .received:
            return w("paga; sai no 1º dia útil após o pagamento", "paid; sent on the first business day after payment")
        }
    }

    private func aimedText(_ s: SlotExplanation, _ aimed: Day, _ e: ChargeExplanation) -> String {
        let c = e.charge
        switch s.slot {
        case .created:
            return w("criação \(date(c.dateCreated)) + 1 = \(dated(aimed))", "created \(date(c.dateCreated)) + 1 = \(dated(aimed))")
        case .warningBefore:
            return w("vencimento \(date(c.dueDate)) − \(s.scheduleOffset) = \(dated(aimed))", "due \(date(c.dueDate)) − \(s.scheduleOffset) = \(dated(aimed))")
        case .warningDue, .linhaDigitavel, .updated:
            return w("vencimento \(dated(aimed))", "due \(dated(aimed))")
        case .overdueFirst:
            return w("vencimento efetivo + 1 = \(dated(aimed))", "effective due date + 1 = \(dated(aimed))")
        case .overdueRepeat:
            let k = s.repeatIndex ?? 0
            return w("vencimento efetivo + 1 + \(k)·\(s.scheduleOffset) = \(dated(aimed)) (repetição \(k))",
                     "effective due date + 1 + \(k)·\(s.scheduleOffset) = \(dated(aimed)) (repeat \(k))")
        case .received:
            return w("pagamento + 1 = \(dated(aimed))", "paid + 1 = \(dated(aimed))")
        }
    }

    private func conditionText(_ condition: SlotCondition, _ e: ChargeExplanation) -> String {
        let c = e.charge
        let effectiveDue = e.effectiveDue.map { date($0) } ?? "?"
        switch condition {
        case .met: return w("atendida", "met")
        case .eventDriven: return w("só por evento da plataforma", "event-driven only")
        case .notOpen:
            return w("não está em aberto (status \(c.status.rawValue)\(c.deleted ? ", excluída" : ""))",
                     "not open (status \(c.status.rawValue)\(c.deleted ? ", deleted" : ""))")
        case .notPaid:
            return w("não está paga (status \(c.status.rawValue)\(c.deleted ? ", excluída" : ""))",
                     "not paid (status \(c.status.rawValue)\(c.deleted ? ", deleted" : ""))")
        case .noPayDate: return w("paga, mas sem data de pagamento", "paid, but without a pay date")
        case .generatedBySubscription:
            return w("gerada pela assinatura \(c.subscription ?? "")", "generated by subscription \(c.subscription ?? "")")
        case .noOffset: return w("N = 0 dias", "N = 0 days")
        case .afterEffectiveDue:
            return w("D \(date(e.runDate)) é depois do vencimento efetivo \(effectiveDue)",
                     "D \(date(e.runDate)) is after the effective due date \(effectiveDue)")
        case .notYetOverdue:
            return w("D \(date(e.runDate)) não é depois do vencimento efetivo \(effectiveDue)",
                     "D \(date(e.runDate)) is not after the effective due date \(effectiveDue)")
        case .billingType:
            return w("forma de pagamento \(c.billingType.rawValue), não boleto", "billing type \(c.billingType.rawValue), not a boleto")
        case .noIdentificationField: return w("sem linha digitável", "no boleto line (identificationField)")
        case .boletoViewed:
            let viewed = c.lastBankSlipViewedDate.map { date($0) } ?? ""
            return w("boleto já visualizado em \(viewed)", "boleto already viewed on \(viewed)")
        case .repeatsExhausted:
            return w("todas as repetições (maxOverdueRepeats) já saíram", "every repeat (maxOverdueRepeats) has gone out")
        }
    }

    private func ineligibilityText(_ reason: PostalIneligibility, _ c: Charge) -> String {
        switch reason {
        case .notRequested: return w("envio pelos Correios não pedido", "postal service not asked for")
        case .notOpen: return w("não está em aberto (status \(c.status.rawValue))", "not open (status \(c.status.rawValue))")
        case .billingType:
            return w("forma de pagamento \(c.billingType.rawValue), não boleto", "billing type \(c.billingType.rawValue), not a boleto")
        case .noIdentificationField: return w("sem linha digitável", "no boleto line (identificationField)")
        }
    }
}
