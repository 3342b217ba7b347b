/// `report.html`: one self-contained page for finance, in Portuguese, about a run. Inline CSS and
/// SVG only (no script, no fonts, images or links fetched), every text HTML-escaped, numbers in
/// pt-BR form. It is drawn from the same `RunReport` as summary.json, so the numbers match, and
/// it walks every map in a fixed order, so the same input gives the same bytes.
public enum ReportPage {
    /// How many accounts the fee table on the page lists (the rest are in fees.csv).
    public static let topAccounts = 10
    /// How many examples the page shows per reject reason.
    public static let examplesPerReason = 3
    /// How many business days the forecast chart covers.
    public static let forecastDays = 10

    /// The page's UTF-8 bytes.
    public static func render(_ input: ReportInput) -> [UInt8] {
        var html = HTMLBuilder()
        let report = input.report
        html.raw("<!DOCTYPE html>\n<html lang=\"pt-BR\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.raw("<meta name=\"color-scheme\" content=\"light\">\n")
        html.raw("<title>")
        html.text("Aviso — relatório de " + report.runDate.brazilian)
        html.raw("</title>\n<style>\n" + ReportStyle.css + "\n</style>\n</head>\n<body>\n<div class=\"page\">\n")
        header(input, into: &html)
        kpis(input, into: &html)
        messages(input, into: &html)
        fees(input, into: &html)
        postal(input, into: &html)
        rejects(input, into: &html)
        dataQuality(input, into: &html)
        comparison(input, into: &html)
        forecast(input, into: &html)
        inputs(input, into: &html)
        html.raw("<footer>")
        html.text("Gerado pelo Aviso para a execução de " + report.runDate.brazilian
            + ". Valores em reais; os números são os mesmos do summary.json desta pasta.")
        html.raw("</footer>\n</div>\n</body>\n</html>\n")
        return html.bytes
    }

    // MARK: Totals shared by several sections (the same sums summary.json writes)

    static func rejectTotal(_ report: RunReport) -> Int {
        report.rejectsByKind.values.reduce(0, +)
    }

    static func feeTotals(_ report: RunReport) -> AccountFees {
        var totals = AccountFees()
        for account in sortedKeys(report.feesByAccount) {
            let fees = report.feesByAccount[account]!
            for channel in Channel.allCases {
                totals.messages[channel, default: 0] += fees.messages[channel, default: 0]
                totals.fees[channel, default: 0] += fees.fees[channel, default: 0]
            }
            totals.letters += fees.letters
            totals.postalFees += fees.postalFees
        }
        return totals
    }

    static func sortedKeys<Value>(_ map: [String: Value]) -> [String] {
        map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: Header and KPI cards

    private static func header(_ input: ReportInput, into html: inout HTMLBuilder) {
        let report = input.report
        html.raw("<header class=\"top\">\n<p class=\"eyebrow\">Aviso · notificações de cobrança</p>\n<h1>Relatório da execução</h1>\n<p class=\"date\">")
        html.text(capitalized(ReportFormat.weekday(report.runDate)) + ", " + report.runDate.brazilian)
        html.raw("</p>\n")
        if report.businessDay {
            html.raw("<span class=\"badge yes\">dia útil</span>")
        } else {
            var why = report.holidays.joined(separator: ", ")
            if why.isEmpty && report.runDate.isWeekend { why = "fim de semana" }
            html.raw("<span class=\"badge no\">")
            html.text(why.isEmpty ? "não é dia útil" : "não é dia útil · " + why)
            html.raw("</span>")
        }
        html.raw("\n</header>\n")
        if !report.missedBusinessDays.isEmpty {
            html.raw("<p class=\"alert\"><strong>Atenção:</strong> ")
            html.text("não houve execução nos dias úteis " + report.missedBusinessDays.map(\.brazilian).joined(separator: ", ")
                + "; os lembretes desses dias não foram enviados.")
            html.raw("</p>\n")
        }
        if !report.staleLaterRuns.isEmpty {
            html.raw("<p class=\"alert\"><strong>Atenção:</strong> ")
            html.text("já existem execuções de datas posteriores (" + report.staleLaterRuns.map(\.brazilian).joined(separator: ", ")
                + "), que podem ter ficado desatualizadas.")
            html.raw("</p>\n")
        }
    }

    private static func kpis(_ input: ReportInput, into html: inout HTMLBuilder) {
        let report = input.report
        let totals = feeTotals(report)
        html.raw("<div class=\"kpis\">\n")
        kpi(
            "Mensagens", ReportFormat.count(report.messages),
            Channel.allCases.map { ReportFormat.channelLabel($0) + " " + ReportFormat.count(report.messagesByChannel[$0, default: 0]) }
                .joined(separator: " · "),
            id: "kpi-messages", into: &html
        )
        kpi("Cartas", ReportFormat.count(report.letters), "valor de face " + ReportFormat.money(report.lettersFaceValue), id: "kpi-letters", into: &html)
        kpi(
            "Rejeições", ReportFormat.count(rejectTotal(report)),
            [(RejectRecord.Kind.input, "entrada"), (.notification, "notificações"), (.letter, "cartas"), (.resend, "reenvios")]
                .map { ReportFormat.count(report.rejectsByKind[$0.0, default: 0]) + " " + $0.1 }.joined(separator: " · "),
            id: "kpi-rejects", into: &html
        )
        kpi(
            "Tarifas totais", ReportFormat.money(totals.total),
            "WhatsApp " + ReportFormat.money(totals.fees[.whatsapp, default: 0]) + " · Voz " + ReportFormat.money(totals.fees[.voice, default: 0])
                + " · Correios " + ReportFormat.money(totals.postalFees),
            id: "kpi-fees", into: &html
        )
        html.raw("</div>\n")
    }

    private static func kpi(_ title: String, _ value: String, _ detail: String, id: String, into html: inout HTMLBuilder) {
        html.raw("<div class=\"kpi\" id=\"" + id + "\"><p class=\"k\">")
        html.text(title)
        html.raw("</p><p class=\"v\">")
        html.text(value)
        html.raw("</p><p class=\"s\">")
        html.text(detail)
        html.raw("</p></div>\n")
    }

    // MARK: Messages

    private static func messages(_ input: ReportInput, into html: inout HTMLBuilder) {
        let report = input.report
        let total = report.messages
        html.raw("<section id=\"mensagens\">\n<h2>Mensagens por canal</h2>\n<p class=\"lead\">")
        html.text(ReportFormat.count(total) + " mensagens geradas nesta execução; e-mail e SMS estão incluídos no pacote, WhatsApp e voz são tarifados por mensagem.")
        html.raw("</p>\n")
        let bars = Channel.allCases.map { channel in
            let count = report.messagesByChannel[channel, default: 0]
            return SVGChart.Bar(
                label: ReportFormat.channelLabel(channel), value: Int64(count),
                display: ReportFormat.count(count) + " (" + ReportFormat.percent(count, of: total) + ")",
                color: ReportStyle.color(channel)
            )
        }
        html.raw(SVGChart.horizontalBars(bars, title: "Mensagens por canal"))
        html.raw("\n<div class=\"scroll\"><table>\n<thead><tr><th>Canal</th><th class=\"n\">Mensagens</th><th class=\"n\">Participação</th><th class=\"n\">Tarifa unitária</th><th class=\"n\">Tarifas</th></tr></thead>\n<tbody>\n")
        let totals = feeTotals(report)
        for channel in Channel.allCases {
            let count = report.messagesByChannel[channel, default: 0]
            html.raw("<tr><td class=\"name\"><span class=\"dot\" style=\"background:" + ReportStyle.color(channel) + "\"></span>")
            html.text(ReportFormat.channelLabel(channel))
            html.raw("</td>")
            cell(ReportFormat.count(count), zero: count == 0, into: &html)
            cell(ReportFormat.percent(count, of: total), into: &html)
            cell(ReportFormat.money(input.configuration.fee(for: channel)), into: &html)
            cell(ReportFormat.money(totals.fees[channel, default: 0]), into: &html)
            html.raw("</tr>\n")
        }
        html.raw("<tr class=\"total\"><td>Total</td>")
        cell(ReportFormat.count(total), into: &html)
        cell(ReportFormat.percent(total, of: total), into: &html)
        html.raw("<td></td>")
        cell(ReportFormat.money(Channel.allCases.reduce(Int64(0)) { $0 + totals.fees[$1, default: 0] }), into: &html)
        html.raw("</tr>\n</tbody></table></div>\n")

        html.raw("<div class=\"grid2\">\n<div>\n<h3>Por tipo de aviso</h3>\n")
        slotTable(input, into: &html)
        html.raw("</div>\n<div>\n<h3>Por destinatário</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>Destinatário</th><th class=\"n\">Mensagens</th><th class=\"n\">Participação</th></tr></thead>\n<tbody>\n")
        for recipient in Recipient.allCases {
            let count = report.messagesByRecipient[recipient, default: 0]
            html.raw("<tr><td>")
            html.text(ReportFormat.recipientLabel(recipient))
            html.raw("</td>")
            cell(ReportFormat.count(count), zero: count == 0, into: &html)
            cell(ReportFormat.percent(count, of: total), into: &html)
            html.raw("</tr>\n")
        }
        html.raw("<tr class=\"total\"><td>Total</td>")
        cell(ReportFormat.count(total), into: &html)
        cell(ReportFormat.percent(total, of: total), into: &html)
        html.raw("</tr>\n</tbody></table></div>\n")
        let resends = report.resendsByOutcome
        let seen = resends.values.reduce(0, +)
        html.raw("<h3>Reenvios manuais</h3>\n<p class=\"muted small\">")
        if seen == 0 {
            html.text("Nenhum pedido de reenvio nesta execução.")
        } else {
            html.text(ReportFormat.count(seen) + " pedidos: " + ReportFormat.count(resends[.sent, default: 0]) + " enviados, "
                + ReportFormat.count(resends[.rejected, default: 0]) + " recusados, "
                + ReportFormat.count(resends[.deferred, default: 0]) + " adiados para o próximo dia útil.")
        }
        html.raw("</p>\n</div>\n</div>\n</section>\n")
    }

    /// Slots in the order of summary.json (RESEND, then RULES.md's table), then any other name.
    static func slotOrder(_ names: some Sequence<String>) -> [String] {
        let known = ["RESEND"] + Slot.allCases.map(\.name)
        let present = Set(names)
        let others = present.subtracting(known).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return known.filter { present.contains($0) } + others
    }

    private static func slotTable(_ input: ReportInput, into html: inout HTMLBuilder) {
        let report = input.report
        let matrix = input.messagesBySlotAndChannel
        html.raw("<div class=\"scroll\"><table>\n<thead><tr><th>Aviso</th>")
        if !matrix.isEmpty {
            for channel in Channel.allCases {
                html.raw("<th class=\"n\">")
                html.text(ReportFormat.channelLabel(channel))
                html.raw("</th>")
            }
        }
        html.raw("<th class=\"n\">Total</th></tr></thead>\n<tbody>\n")
        for slot in slotOrder(Array(report.messagesBySlot.keys) + Array(matrix.keys)) {
            html.raw("<tr><td>")
            html.text(ReportFormat.slotLabel(slot))
            html.raw(" <span class=\"code\">")
            html.text(slot)
            html.raw("</span></td>")
            if !matrix.isEmpty {
                for channel in Channel.allCases {
                    let count = matrix[slot]?[channel] ?? 0
                    cell(ReportFormat.count(count), zero: count == 0, into: &html)
                }
            }
            cell(ReportFormat.count(report.messagesBySlot[slot, default: 0]), into: &html)
            html.raw("</tr>\n")
        }
        html.raw("<tr class=\"total\"><td>Total</td>")
        if !matrix.isEmpty {
            for channel in Channel.allCases { cell(ReportFormat.count(report.messagesByChannel[channel, default: 0]), into: &html) }
        }
        cell(ReportFormat.count(report.messages), into: &html)
        html.raw("</tr>\n</tbody></table></div>\n")
    }

    // MARK: Fees per account

    /// Accounts by total fees, highest first; ties by messages, then by id, so the order is fixed.
    static func rankedAccounts(_ report: RunReport) -> [String] {
        sortedKeys(report.feesByAccount).sorted { a, b in
            let fa = report.feesByAccount[a]!, fb = report.feesByAccount[b]!
            if fa.total != fb.total { return fa.total > fb.total }
            let ma = fa.messages.values.reduce(0, +) + fa.letters, mb = fb.messages.values.reduce(0, +) + fb.letters
            if ma != mb { return ma > mb }
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }

    private static func fees(_ input: ReportInput, into html: inout HTMLBuilder) {
        let report = input.report
        let ranked = rankedAccounts(report)
        let shown = ranked.prefix(topAccounts)
        let totals = feeTotals(report)
        html.raw("<section id=\"tarifas\" class=\"long\">\n<h2>Tarifas por conta</h2>\n<p class=\"lead\">")
        if ranked.count > shown.count {
            html.text("As " + ReportFormat.count(shown.count) + " contas com maiores tarifas, de " + ReportFormat.count(ranked.count)
                + ". A tabela completa está em fees.csv, nesta mesma pasta; o total abaixo soma todas as contas.")
        } else {
            html.text(ReportFormat.count(ranked.count) + (ranked.count == 1 ? " conta" : " contas")
                + " com mensagens ou cartas nesta execução, da maior tarifa para a menor. A mesma tabela está em fees.csv.")
        }
        html.raw("</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>Conta</th><th class=\"n\">E-mail</th><th class=\"n\">SMS</th><th class=\"n\">WhatsApp</th><th class=\"n\">Voz</th><th class=\"n\">Cartas</th><th class=\"n\">Total</th></tr></thead>\n<tbody>\n")
        for account in shown {
            let fees = report.feesByAccount[account]!
            html.raw("<tr><td>")
            if let name = input.accountNames[account], !name.isEmpty {
                html.text(name)
                html.raw("<br><span class=\"muted small\">")
                html.text(account)
                html.raw("</span>")
            } else {
                html.text(account)
            }
            html.raw("</td>")
            feeCells(fees, into: &html)
            html.raw("</tr>\n")
        }
        html.raw("<tr class=\"total\"><td>")
        html.text("Total (" + ReportFormat.count(ranked.count) + (ranked.count == 1 ? " conta)" : " contas)"))
        html.raw("</td>")
        feeCells(totals, into: &html)
        html.raw("</tr>\n</tbody></table></div>\n<p class=\"muted small\">")
        html.text("E-mail e SMS: quantidade de mensagens (sem tarifa). WhatsApp, voz e cartas: quantidade e valor. Tarifas em vigor: WhatsApp "
            + ReportFormat.money(input.configuration.whatsappFee) + ", voz " + ReportFormat.money(input.configuration.voiceFee)
            + ", carta " + ReportFormat.money(input.configuration.postalFee) + ".")
        html.raw("</p>\n</section>\n")
    }

    private static func feeCells(_ fees: AccountFees, into html: inout HTMLBuilder) {
        for channel in [Channel.email, .sms] {
            let count = fees.messages[channel, default: 0]
            cell(ReportFormat.count(count), zero: count == 0, into: &html)
        }
        for channel in [Channel.whatsapp, .voice] {
            countAndMoney(fees.messages[channel, default: 0], fees.fees[channel, default: 0], into: &html)
        }
        countAndMoney(fees.letters, fees.postalFees, into: &html)
        cell(ReportFormat.money(fees.total), into: &html)
    }

    private static func countAndMoney(_ count: Int, _ cents: Int64, into html: inout HTMLBuilder) {
        if count == 0 && cents == 0 {
            html.raw("<td class=\"n zero\">0</td>")
            return
        }
        html.raw("<td class=\"n\">")
        html.text(ReportFormat.count(count))
        html.raw("<br><span class=\"muted small\">")
        html.text(ReportFormat.money(cents))
        html.raw("</span></td>")
    }

    // MARK: Postal

    private static func postal(_ input: ReportInput, into html: inout HTMLBuilder) {
        let report = input.report
        html.raw("<section id=\"correios\">\n<h2>Cartas (Correios)</h2>\n<p class=\"lead\">")
        html.text("Manifesto postal: " + ReportFormat.count(report.letters) + (report.letters == 1 ? " carta" : " cartas")
            + ", valor de face " + ReportFormat.money(report.lettersFaceValue) + ", tarifas " + ReportFormat.money(report.lettersFees) + ".")
        html.raw("</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>Manifesto</th><th class=\"n\">Cartas</th><th class=\"n\">Valor de face</th><th class=\"n\">Tarifas</th></tr></thead>\n<tbody><tr class=\"total\"><td>Total</td>")
        cell(ReportFormat.count(report.letters), into: &html)
        cell(ReportFormat.money(report.lettersFaceValue), into: &html)
        cell(ReportFormat.money(report.lettersFees), into: &html)
        html.raw("</tr></tbody></table></div>\n")
        let states = sortedKeys(input.lettersByState)
        guard !states.isEmpty else {
            html.raw("<p class=\"muted small\">Nenhuma carta por estado nesta execução.</p>\n</section>\n")
            return
        }
        html.raw("<h3>Cartas por estado</h3>\n<div class=\"grid2\">\n<div class=\"scroll\"><table>\n<thead><tr><th>UF</th><th class=\"n\">Cartas</th><th class=\"n\">Valor de face</th></tr></thead>\n<tbody>\n")
        var letters = 0, value: Int64 = 0
        for state in states {
            let entry = input.lettersByState[state]!
            letters += entry.letters
            value += entry.value
            html.raw("<tr><td>")
            html.text(state.isEmpty ? "(sem UF)" : state)
            html.raw("</td>")
            cell(ReportFormat.count(entry.letters), into: &html)
            cell(ReportFormat.money(entry.value), into: &html)
            html.raw("</tr>\n")
        }
        html.raw("<tr class=\"total\"><td>Total</td>")
        cell(ReportFormat.count(letters), into: &html)
        cell(ReportFormat.money(value), into: &html)
        html.raw("</tr>\n</tbody></table></div>\n<div>")
        let bars = states.map { state in
            let entry = input.lettersByState[state]!
            return SVGChart.Bar(
                label: state.isEmpty ? "(sem UF)" : state, value: Int64(entry.letters),
                display: ReportFormat.count(entry.letters) + (entry.letters == 1 ? " carta" : " cartas"), color: ReportStyle.postalColor
            )
        }
        html.raw(SVGChart.horizontalBars(bars, title: "Cartas por estado", labelWidth: 90))
        html.raw("</div>\n</div>\n</section>\n")
    }

    // MARK: Rejects

    /// Reasons by count, highest first, then by code; with up to `examplesPerReason` examples
    /// each, in rejects.csv order.
    static func rejectGroups(_ input: ReportInput) -> [(reason: String, count: Int, examples: [RejectRecord])] {
        var examples: [String: [RejectRecord]] = [:]
        input.rejectExamples.withUnsafeBufferPointer { rejects in
            for index in RejectsWriter.order(input.rejectExamples) {
                // Read in place: most rejects are no example, and a copy retains a dozen strings.
                let reason = rejects[index].reason
                if examples[reason, default: []].count < examplesPerReason { examples[reason, default: []].append(rejects[index]) }
            }
        }
        let counts = input.report.rejectsByReason
        return sortedKeys(counts)
            .sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { (reason: $0, count: counts[$0]!, examples: examples[$0] ?? []) }
    }

    /// Where a reject comes from, as the example list shows it: `charges.csv:42 (pay_1)`,
    /// `customers.xml #7`, `pay_1 · OVERDUE_FIRST · CUSTOMER · sms`, `pay_9 · pedido req_2`.
    static func location(_ reject: RejectRecord) -> String {
        switch reject.kind {
        case .input:
            var text = reject.file
            if let line = reject.line { text += ":" + String(line) } else if let record = reject.record { text += " #" + String(record) }
            if !reject.id.isEmpty { text += " (" + reject.id + ")" }
            if !reject.field.isEmpty { text += " · campo " + reject.field }
            return text
        case .notification:
            var parts = [reject.payment, reject.slot, reject.recipient, reject.channel].filter { !$0.isEmpty }
            if !reject.resendRequest.isEmpty { parts.append("pedido " + reject.resendRequest) }
            return parts.joined(separator: " · ")
        case .letter:
            return reject.payment
        case .resend:
            return reject.resendRequest.isEmpty ? reject.payment : reject.payment + " · pedido " + reject.resendRequest
        }
    }

    private static func kindLabel(_ kind: RejectRecord.Kind) -> String {
        switch kind {
        case .input: return "entrada"
        case .notification: return "notificação"
        case .letter: return "carta"
        case .resend: return "reenvio"
        }
    }

    private static func rejects(_ input: ReportInput, into html: inout HTMLBuilder) {
        let report = input.report
        let total = rejectTotal(report)
        html.raw("<section id=\"rejeicoes\" class=\"long\">\n<h2>Rejeições por motivo</h2>\n<p class=\"lead\">")
        html.text(ReportFormat.count(total) + (total == 1 ? " rejeição" : " rejeições")
            + " nesta execução; a lista completa está em rejects.csv. Até três exemplos por motivo.")
        html.raw("</p>\n")
        let groups = rejectGroups(input)
        guard !groups.isEmpty else {
            html.raw("<p class=\"muted\">Nenhuma rejeição.</p>\n</section>\n")
            return
        }
        html.raw("<div class=\"scroll\"><table>\n<thead><tr><th>Motivo</th><th class=\"n\">Qtd.</th><th>Exemplos</th></tr></thead>\n<tbody>\n")
        for group in groups {
            html.raw("<tr><td><span class=\"code\">")
            html.text(group.reason)
            html.raw("</span>")
            let label = ReportFormat.reasonLabel(group.reason)
            var kinds: [RejectRecord.Kind] = []
            for example in group.examples where !kinds.contains(example.kind) { kinds.append(example.kind) }
            if !label.isEmpty || !kinds.isEmpty {
                html.raw("<br><span class=\"muted small\">")
                html.text([label, kinds.map(kindLabel).joined(separator: ", ")].filter { !$0.isEmpty }.joined(separator: " · "))
                html.raw("</span>")
            }
            html.raw("</td>")
            cell(ReportFormat.count(group.count), into: &html)
            html.raw("<td>")
            if group.examples.isEmpty {
                html.raw("<span class=\"muted small\">—</span>")
            } else {
                html.raw("<ul class=\"ex\">")
                for example in group.examples {
                    html.raw("<li><span class=\"code\">")
                    html.text(location(example))
                    html.raw("</span>")
                    if !example.detail.isEmpty {
                        html.raw(" ")
                        html.text(example.detail)
                    }
                    html.raw("</li>")
                }
                html.raw("</ul>")
            }
            html.raw("</td></tr>\n")
        }
        html.raw("<tr class=\"total\"><td>Total</td>")
        cell(ReportFormat.count(total), into: &html)
        html.raw("<td></td></tr>\n</tbody></table></div>\n</section>\n")
    }

    // MARK: Data quality

    /// The example keys of each problem column; `AccountDataQuality.examples` does not fix its
    /// keys, so the usual spellings are accepted and any other key is listed after them.
    static let problemKeys: [(label: String, keys: [String])] = [
        ("e-mail inválido", ["email", "badEmail", "EMAIL", "NO_VALID_EMAIL"]),
        ("celular inválido", ["mobile", "badMobile", "MOBILE", "mobilePhone", "NO_VALID_MOBILE"]),
        ("CEP inválido", ["cep", "CEP", "badCEP", "postalCode", "POSTAL_INVALID_CEP"]),
        ("endereço incompleto", ["address", "incompleteAddress", "ADDRESS", "POSTAL_ADDRESS_INCOMPLETE"]),
    ]

    private static func problems(_ quality: AccountDataQuality) -> Int {
        quality.badEmail + quality.badMobile + quality.badCEP + quality.incompleteAddress
    }

    private static func dataQuality(_ input: ReportInput, into html: inout HTMLBuilder) {
        html.raw("<section id=\"qualidade\" class=\"long\">\n<h2>Qualidade dos dados por conta</h2>\n<p class=\"lead\">")
        html.text("Clientes com contato ou endereço que impede o envio. Repasse aos lojistas para que corrijam o cadastro.")
        html.raw("</p>\n")
        guard !input.dataQuality.isEmpty else {
            html.raw("<p class=\"muted\">Sem dados de qualidade nesta execução.</p>\n</section>\n")
            return
        }
        let accounts = input.dataQuality.sorted { a, b in
            let pa = problems(a), pb = problems(b)
            if pa != pb { return pa > pb }
            return a.account.utf8.lexicographicallyPrecedes(b.account.utf8)
        }
        html.raw("<div class=\"scroll\"><table>\n<thead><tr><th>Conta</th><th class=\"n\">Clientes</th><th class=\"n\">E-mail inválido</th><th class=\"n\">Celular inválido</th><th class=\"n\">CEP inválido</th><th class=\"n\">Endereço incompleto</th><th>Exemplos de clientes</th></tr></thead>\n<tbody>\n")
        var sums = [0, 0, 0, 0, 0]
        for quality in accounts {
            let values = [quality.customers, quality.badEmail, quality.badMobile, quality.badCEP, quality.incompleteAddress]
            for index in values.indices { sums[index] += values[index] }
            html.raw("<tr><td>")
            let name = quality.accountName.isEmpty ? (input.accountNames[quality.account] ?? "") : quality.accountName
            if !name.isEmpty {
                html.text(name)
                html.raw("<br><span class=\"muted small\">")
                html.text(quality.account)
                html.raw("</span>")
            } else {
                html.text(quality.account)
            }
            html.raw("</td>")
            cell(ReportFormat.count(values[0]), into: &html)
            for value in values.dropFirst() { cell(ReportFormat.count(value), zero: value == 0, into: &html) }
            html.raw("<td>")
            exampleList(quality.examples, into: &html)
            html.raw("</td></tr>\n")
        }
        html.raw("<tr class=\"total\"><td>Total</td>")
        for value in sums { cell(ReportFormat.count(value), into: &html) }
        html.raw("<td></td></tr>\n</tbody></table></div>\n</section>\n")
    }

    private static func exampleList(_ examples: [String: [String]], into html: inout HTMLBuilder) {
        var lines: [(String, [String])] = []
        var used = Set<String>()
        for problem in problemKeys {
            var ids: [String] = []
            for key in problem.keys where examples[key] != nil {
                used.insert(key)
                ids += examples[key]!
            }
            if !ids.isEmpty { lines.append((problem.label, ids)) }
        }
        for key in sortedKeys(examples) where !used.contains(key) && !(examples[key]!.isEmpty) {
            lines.append((key, examples[key]!))
        }
        guard !lines.isEmpty else {
            html.raw("<span class=\"muted small\">—</span>")
            return
        }
        html.raw("<ul class=\"ex\">")
        for (label, ids) in lines {
            html.raw("<li>")
            html.text(label + ": ")
            html.raw("<span class=\"code\">")
            html.text(ids.joined(separator: ", "))
            html.raw("</span></li>")
        }
        html.raw("</ul>")
    }

    // MARK: Comparison

    private static func comparison(_ input: ReportInput, into html: inout HTMLBuilder) {
        let report = input.report
        html.raw("<section id=\"comparacao\">\n<h2>Comparação com a execução anterior</h2>\n")
        guard let previous = input.previous else {
            html.raw("<p class=\"muted\">Nenhuma execução anterior encontrada para comparar.</p>\n</section>\n")
            return
        }
        html.raw("<p class=\"lead\">")
        html.text("Execução anterior: " + ReportFormat.weekday(previous.runDate) + ", " + previous.runDate.brazilian + ".")
        html.raw("</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>Indicador</th><th class=\"n\">")
        html.text(previous.runDate.brazilian)
        html.raw("</th><th class=\"n\">")
        html.text(report.runDate.brazilian)
        html.raw("</th><th class=\"n\">Variação</th></tr></thead>\n<tbody>\n")
        compareRow("Mensagens", Int64(previous.messages), Int64(report.messages), money: false, higherIsBad: false, into: &html)
        for channel in Channel.allCases {
            compareRow(
                ReportFormat.channelLabel(channel), Int64(previous.messagesByChannel[channel, default: 0]),
                Int64(report.messagesByChannel[channel, default: 0]), money: false, higherIsBad: false, indent: true, into: &html
            )
        }
        compareRow("Cartas", Int64(previous.letters), Int64(report.letters), money: false, higherIsBad: false, into: &html)
        compareRow("Rejeições", Int64(previous.rejects), Int64(rejectTotal(report)), money: false, higherIsBad: true, into: &html)
        compareRow("Tarifas totais", previous.fees, feeTotals(report).total, money: true, higherIsBad: false, into: &html)
        html.raw("</tbody></table></div>\n<p class=\"muted small\">▲ aumento · ▼ redução. Em rejeições, aumento aparece em vermelho.</p>\n</section>\n")
    }

    private static func compareRow(
        _ label: String, _ before: Int64, _ now: Int64, money: Bool, higherIsBad: Bool, indent: Bool = false,
        into html: inout HTMLBuilder
    ) {
        let format: (Int64) -> String = money ? { ReportFormat.money($0) } : { ReportFormat.count64($0) }
        html.raw(indent ? "<tr><td class=\"sub\">" : "<tr><td>")
        html.text(label)
        html.raw("</td>")
        cell(format(before), into: &html)
        cell(format(now), into: &html)
        let delta = now - before
        var text = money ? ReportFormat.signedMoney(delta) : ReportFormat.signedCount64(delta)
        if before != 0 {
            // Percentage change in tenths, rounded half away from zero.
            let tenths: UInt64 = (delta.magnitude * 2000 + before.magnitude) / (before.magnitude * 2)
            let sign = delta > 0 ? "+" : (delta < 0 ? "-" : "")
            let whole = ReportFormat.count64(Int64(tenths / 10))
            text += " (" + sign + whole + "," + String(tenths % 10) + "%)"
        }
        let cls: String
        let arrow: String
        if delta > 0 {
            cls = higherIsBad ? "up-bad" : "up-good"
            arrow = "▲ "
        } else if delta < 0 {
            cls = higherIsBad ? "down-good" : "down-bad"
            arrow = "▼ "
        } else {
            cls = "flat"
            arrow = "= "
        }
        html.raw("<td class=\"n " + cls + "\">")
        html.text(arrow + text)
        html.raw("</td></tr>\n")
    }

    // MARK: Forecast

    /// The forecast's first `forecastDays` business days after the run date, by date.
    static func forecastWindow(_ input: ReportInput) -> [ForecastDay] {
        Array(input.forecast.filter { $0.businessDay && $0.date > input.report.runDate }.sorted { $0.date < $1.date }.prefix(forecastDays))
    }

    private static func forecast(_ input: ReportInput, into html: inout HTMLBuilder) {
        let days = forecastWindow(input)
        html.raw("<section id=\"previsao\">\n<h2>Previsão: próximos dias úteis</h2>\n<p class=\"lead\">")
        html.text("Volume por canal que as regras gerariam com a exportação atual (sem reenvios manuais, que não podem ser previstos).")
        html.raw("</p>\n")
        guard !days.isEmpty else {
            html.raw("<p class=\"muted\">Sem previsão nesta execução.</p>\n</section>\n")
            return
        }
        let columns = days.map { day in
            SVGChart.Column(
                label: ReportFormat.dayMonth(day.date), sublabel: ReportFormat.shortWeekdays[day.date.weekday],
                values: Channel.allCases.map { day.messagesByChannel[$0, default: 0] }
            )
        }
        let series = Channel.allCases.map { SVGChart.Series(name: ReportFormat.channelLabel($0), color: ReportStyle.color($0)) }
        html.raw(SVGChart.stackedColumns(columns, series: series, title: "Mensagens previstas por canal nos próximos dias úteis"))
        html.raw("\n<div class=\"scroll\"><table>\n<thead><tr><th>Dia</th>")
        for channel in Channel.allCases {
            html.raw("<th class=\"n\">")
            html.text(ReportFormat.channelLabel(channel))
            html.raw("</th>")
        }
        html.raw("<th class=\"n\">Mensagens</th><th class=\"n\">Cartas</th><th class=\"n\">Tarifas</th></tr></thead>\n<tbody>\n")
        for day in days {
            html.raw("<tr><td>")
            html.text(day.date.brazilian + " " + ReportFormat.shortWeekdays[day.date.weekday])
            html.raw("</td>")
            for channel in Channel.allCases {
                let count = day.messagesByChannel[channel, default: 0]
                cell(ReportFormat.count(count), zero: count == 0, into: &html)
            }
            cell(ReportFormat.count(day.messages), into: &html)
            cell(ReportFormat.count(day.letters), zero: day.letters == 0, into: &html)
            cell(ReportFormat.money(day.totalFees), into: &html)
            html.raw("</tr>\n")
        }
        html.raw("</tbody></table></div>\n</section>\n")
    }

    // MARK: Inputs

    private static func inputs(_ input: ReportInput, into html: inout HTMLBuilder) {
        let tables = input.report.tables
        guard !tables.isEmpty else { return }
        html.raw("<section id=\"arquivos\">\n<h2>Arquivos lidos</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Tabela</th><th>Arquivo</th><th class=\"n\">Lidas</th><th class=\"n\">Usadas</th><th class=\"n\">Rejeitadas</th><th class=\"n\">Fora do escopo</th></tr></thead>\n<tbody>\n")
        for table in tables {
            html.raw("<tr><td>")
            html.text(table.table)
            html.raw("</td><td><span class=\"code\">")
            html.text(table.fileName)
            html.raw("</span></td>")
            cell(ReportFormat.count(table.rowsRead), into: &html)
            cell(ReportFormat.count(table.rowsUsed), into: &html)
            cell(ReportFormat.count(table.rowsRejected), zero: table.rowsRejected == 0, into: &html)
            cell(ReportFormat.count(table.rowsLeftOut), zero: table.rowsLeftOut == 0, into: &html)
            html.raw("</tr>\n")
        }
        html.raw("</tbody></table></div>\n</section>\n")
    }

    // MARK: Pieces

    private static func cell(_ value: String, zero: Bool = false, into html: inout HTMLBuilder) {
        html.raw(zero ? "<td class=\"n zero\">" : "<td class=\"n\">")
        html.text(value)
        html.raw("</td>")
    }

    /// The word with its first byte upper-cased (the weekday names start with an ASCII letter).
    private static func capitalized(_ word: String) -> String {
        var bytes = Array(word.utf8)
        if let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") { bytes[0] = first - 32 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
