import Foundation
import Testing
@testable import AvisoCore

@Suite struct ReportPageTests {
    static let runDate = Day(year: 2026, month: 12, day: 4)!

    /// Twelve accounts so the page has to cut to ten; `reversed` inserts every map's keys in the
    /// opposite order, to show the bytes do not depend on dictionary order.
    static func sampleReport(reversed: Bool = false) -> RunReport {
        var report = RunReport(runDate: runDate, businessDay: true, holidays: [])
        let channels: [(Channel, Int)] = [(.email, 1200), (.sms, 34), (.whatsapp, 5), (.voice, 2)]
        for (channel, count) in reversed ? channels.reversed() : channels { report.messagesByChannel[channel] = count }
        let slots: [(String, Int)] = [("RESEND", 1), ("CREATED", 600), ("WARNING_DUE", 440), ("OVERDUE_FIRST", 200)]
        for (slot, count) in reversed ? slots.reversed() : slots { report.messagesBySlot[slot] = count }
        report.messagesByRecipient = [.customer: 1141, .provider: 100]
        let reasons: [(String, Int)] = [("NO_VALID_MOBILE", 5), ("BAD_DATE", 1), ("POSTAL_TOO_LATE", 2)]
        for (reason, count) in reversed ? reasons.reversed() : reasons { report.rejectsByReason[reason] = count }
        report.rejectsByKind = [.input: 1, .notification: 5, .letter: 2]
        report.letters = 400
        report.lettersFaceValue = 12_345_678
        report.lettersFees = 128_000
        // acc_01 … acc_12: acc_k has k WhatsApp messages at 8 centavos; acc_12 also has all the
        // letters. Names of acc_03 carry markup that must be escaped.
        let ids = (1...12).map { "acc_" + ($0 < 10 ? "0" : "") + String($0) }
        for (index, id) in (reversed ? Array(ids.reversed()) : ids).enumerated() {
            let k = reversed ? 12 - index : index + 1
            var fees = AccountFees()
            fees.messages = [.email: 100, .whatsapp: k]
            fees.fees = [.email: 0, .whatsapp: Int64(k) * 8]
            if k == 12 {
                fees.letters = 400
                fees.postalFees = 128_000
            }
            report.feesByAccount[id] = fees
        }
        var table = TableStatistics(table: "charges", fileName: "charges.csv", format: "csv", gzip: false)
        table.rowsRead = 2000
        table.rowsUsed = 1990
        table.rowsRejected = 1
        table.rowsLeftOut = 9
        report.tables = [table]
        return report
    }

    static func reject(_ kind: RejectRecord.Kind, _ reason: String, payment: String = "", detail: String = "") -> RejectRecord {
        var r = RejectRecord(kind: kind, reason: reason)
        r.payment = payment
        r.detail = detail
        return r
    }

    static func sampleInput(reversed: Bool = false, previous: PreviousRun? = nil) -> ReportInput {
        var badDate = reject(.input, "BAD_DATE", detail: "31/02/2026")
        badDate.file = "charges.csv"
        badDate.line = 42
        badDate.id = "pay_42"
        badDate.field = "dueDate"
        var rejects = [badDate]
        for n in [5, 3, 1, 4, 2] {
            var r = reject(.notification, "NO_VALID_MOBILE", payment: "pay_m\(n)", detail: "mobile \(n) <b>")
            r.slot = "WARNING_DUE"
            r.recipient = "CUSTOMER"
            r.channel = "sms"
            rejects.append(r)
        }
        rejects.append(reject(.letter, "POSTAL_TOO_LATE", payment: "pay_l2", detail: "late"))
        rejects.append(reject(.letter, "POSTAL_TOO_LATE", payment: "pay_l1", detail: "late"))
        if reversed { rejects.reverse() }

        var names: [String: String] = [:]
        for k in 1...12 { names["acc_" + (k < 10 ? "0" : "") + String(k)] = "Loja \(k)" }
        names["acc_03"] = "<script>alert('x')</script> & Cia"

        var quality = AccountDataQuality(account: "acc_12", accountName: "Loja 12")
        quality.customers = 1500
        quality.badEmail = 2
        quality.badCEP = 1
        quality.examples = ["email": ["cus_1", "cus_2"], "cep": ["cus_9"]]
        var clean = AccountDataQuality(account: "acc_01", accountName: "Loja 1")
        clean.customers = 30

        // 2026-12-05/06 are a weekend: left out; the window is the next ten business days.
        var forecast: [ForecastDay] = []
        for offset in 1...16 {
            let date = runDate + offset
            var day = ForecastDay(date: date, businessDay: !date.isWeekend)
            day.messagesByChannel = [.email: 10 * offset, .sms: offset, .whatsapp: 1]
            day.letters = offset % 3
            day.postalFees = Int64(offset % 3) * 320
            day.feesByChannel = [.whatsapp: 8]
            forecast.append(day)
        }
        if reversed { forecast.reverse() }

        let states: [(String, (letters: Int, value: Int64))] = [("SP", (300, 10_000_000)), ("RJ", (99, 2_300_000)), ("AM", (1, 45_678))]
        var byState: [String: (letters: Int, value: Int64)] = [:]
        for (state, entry) in reversed ? states.reversed() : states { byState[state] = entry }

        var configuration = RunConfiguration()
        configuration.whatsappFee = 8
        configuration.voiceFee = 25
        configuration.postalFee = 320
        return ReportInput(
            report: sampleReport(reversed: reversed), configuration: configuration, previous: previous,
            forecast: forecast, dataQuality: reversed ? [clean, quality] : [quality, clean], rejectExamples: rejects,
            accountNames: names, lettersByState: byState
        )
    }

    static func page(_ input: ReportInput = sampleInput()) -> String {
        String(decoding: ReportPage.render(input), as: UTF8.self)
    }

    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    // MARK: Page

    @Test func kpiCardsShowTheExactTotals() {
        let html = Self.page()
        // 1200 + 34 + 5 + 2 messages; 8 rejects; fees = 8 × (1 + … + 12) WhatsApp + 128000 postal.
        #expect(html.contains("<div class=\"kpi\" id=\"kpi-messages\"><p class=\"k\">Mensagens</p><p class=\"v\">1.241</p><p class=\"s\">E-mail 1.200 · SMS 34 · WhatsApp 5 · Voz 2</p></div>"))
        #expect(html.contains("<div class=\"kpi\" id=\"kpi-letters\"><p class=\"k\">Cartas</p><p class=\"v\">400</p><p class=\"s\">valor de face R$ 123.456,78</p></div>"))
        #expect(html.contains("<div class=\"kpi\" id=\"kpi-rejects\"><p class=\"k\">Rejeições</p><p class=\"v\">8</p><p class=\"s\">1 entrada · 5 notificações · 2 cartas · 0 reenvios</p></div>"))
        #expect(html.contains("<div class=\"kpi\" id=\"kpi-fees\"><p class=\"k\">Tarifas totais</p><p class=\"v\">R$ 1.286,24</p><p class=\"s\">WhatsApp R$ 6,24 · Voz R$ 0,00 · Correios R$ 1.280,00</p></div>"))
    }

    @Test func isOneSelfContainedPortuguesePage() {
        let html = Self.page()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"pt-BR\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("http"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("src="))
        #expect(!html.contains("url("))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<script"))
        #expect(Self.count("<svg class=\"chart ", in: html) == 3)
    }

    @Test func escapesMarkupInNamesAndDetails() {
        let html = Self.page()
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Cia"))
        #expect(html.contains("mobile 1 &lt;b&gt;"))
        #expect(!html.contains("<b>"))
    }

    @Test(arguments: [
        (Day(year: 2026, month: 12, day: 4)!, true, [String](), "Sexta-feira, 04/12/2026", "<span class=\"badge yes\">dia útil</span>"),
        (Day(year: 2026, month: 12, day: 25)!, false, ["Natal"], "Sexta-feira, 25/12/2026", "<span class=\"badge no\">não é dia útil · Natal</span>"),
        (Day(year: 2026, month: 12, day: 6)!, false, [], "Domingo, 06/12/2026", "<span class=\"badge no\">não é dia útil · fim de semana</span>"),
        (Day(year: 2027, month: 2, day: 9)!, false, ["Carnaval", "X & Y"], "Terça-feira, 09/02/2027", "<span class=\"badge no\">não é dia útil · Carnaval, X &amp; Y</span>"),
        (Day(year: 2026, month: 12, day: 9)!, true, [], "Quarta-feira, 09/12/2026", "<span class=\"badge yes\">dia útil</span>"),
        (Day(year: 2026, month: 12, day: 10)!, true, [], "Quinta-feira, 10/12/2026", "<span class=\"badge yes\">dia útil</span>"),
        (Day(year: 2026, month: 12, day: 12)!, false, [], "Sábado, 12/12/2026", "<span class=\"badge no\">não é dia útil · fim de semana</span>"),
        (Day(year: 2026, month: 12, day: 14)!, true, [], "Segunda-feira, 14/12/2026", "<span class=\"badge yes\">dia útil</span>"),
    ])
    func headerShowsDateWeekdayAndBusinessDay(day: Day, business: Bool, holidays: [String], date: String, badge: String) {
        var input = Self.sampleInput()
        input.report.runDate = day
        input.report.businessDay = business
        input.report.holidays = holidays
        let html = Self.page(input)
        #expect(html.contains("<p class=\"date\">" + date + "</p>\n" + badge))
    }

    @Test func bytesAreDeterministicAndIndependentOfMapOrder() {
        let first = ReportPage.render(Self.sampleInput())
        #expect(first == ReportPage.render(Self.sampleInput()))
        #expect(first == ReportPage.render(Self.sampleInput(reversed: true)))
    }

    @Test func feeTableListsTheTopTenAndTotalsAll() throws {
        let html = Self.page()
        let section = try #require(html.components(separatedBy: "<section id=\"tarifas\"").last?.components(separatedBy: "</section>").first)
        // acc_12 (letters) first, then acc_11 … acc_03; acc_02 and acc_01 are cut.
        let order = ["acc_12", "acc_11", "acc_10", "acc_09", "acc_08", "acc_07", "acc_06", "acc_05", "acc_04", "acc_03"]
        var cursor = section.startIndex
        for id in order {
            let found = try #require(section.range(of: "<span class=\"muted small\">" + id + "</span>", range: cursor..<section.endIndex))
            cursor = found.upperBound
        }
        #expect(!section.contains("acc_02"))
        #expect(!section.contains("acc_01"))
        #expect(section.contains("As 10 contas com maiores tarifas, de 12."))
        #expect(section.contains("<tr class=\"total\"><td>Total (12 contas)</td><td class=\"n\">1.200</td><td class=\"n zero\">0</td><td class=\"n\">78<br><span class=\"muted small\">R$ 6,24</span></td><td class=\"n zero\">0</td><td class=\"n\">400<br><span class=\"muted small\">R$ 1.280,00</span></td><td class=\"n\">R$ 1.286,24</td></tr>"))
    }

    @Test func messagesPerChannelSlotAndRecipient() {
        let html = Self.page()
        #expect(html.contains("<td class=\"n\">1.200</td><td class=\"n\">96,7%</td><td class=\"n\">R$ 0,00</td><td class=\"n\">R$ 0,00</td></tr>"))
        #expect(html.contains("<td class=\"n\">5</td><td class=\"n\">0,4%</td><td class=\"n\">R$ 0,08</td><td class=\"n\">R$ 6,24</td></tr>"))
        #expect(html.contains("<tr><td>Reenvio manual <span class=\"code\">RESEND</span></td><td class=\"n\">1</td></tr>"))
        #expect(html.contains("<tr><td>Clientes (pagadores)</td><td class=\"n\">1.141</td><td class=\"n\">91,9%</td></tr>"))
        // Slots in summary.json's order.
        let resend = html.range(of: "RESEND</span>")!.lowerBound
        let created = html.range(of: "CREATED</span>")!.lowerBound
        let overdue = html.range(of: "OVERDUE_FIRST</span>")!.lowerBound
        #expect(resend < created && created < overdue)
    }

    @Test func slotByChannelCrossTabWhenGiven() {
        var input = Self.sampleInput()
        input.messagesBySlotAndChannel = ["CREATED": [.email: 590, .sms: 10]]
        let html = Self.page(input)
        #expect(html.contains("<tr><td>Cobrança criada <span class=\"code\">CREATED</span></td><td class=\"n\">590</td><td class=\"n\">10</td><td class=\"n zero\">0</td><td class=\"n zero\">0</td><td class=\"n\">600</td></tr>"))
    }

    @Test func postalTotalsAndLettersPerState() {
        let html = Self.page()
        #expect(html.contains("Manifesto postal: 400 cartas, valor de face R$ 123.456,78, tarifas R$ 1.280,00."))
        #expect(html.contains("<tr><td>AM</td><td class=\"n\">1</td><td class=\"n\">R$ 456,78</td></tr>\n<tr><td>RJ</td><td class=\"n\">99</td><td class=\"n\">R$ 23.000,00</td></tr>\n<tr><td>SP</td><td class=\"n\">300</td><td class=\"n\">R$ 100.000,00</td></tr>"))
        #expect(html.contains(">300 cartas</text>"))
    }

    @Test func rejectsShowAtMostThreeExamplesInRejectsOrder() throws {
        let html = Self.page()
        let row = try #require(html.components(separatedBy: "<span class=\"code\">NO_VALID_MOBILE</span>").dropFirst().first?.components(separatedBy: "</tr>").first)
        #expect(row.contains("<td class=\"n\">5</td>"))
        #expect(row.contains("<li><span class=\"code\">pay_m1 · WARNING_DUE · CUSTOMER · sms</span> mobile 1 &lt;b&gt;</li><li><span class=\"code\">pay_m2 · WARNING_DUE · CUSTOMER · sms</span> mobile 2 &lt;b&gt;</li><li><span class=\"code\">pay_m3 · WARNING_DUE · CUSTOMER · sms</span> mobile 3 &lt;b&gt;</li></ul>"))
        #expect(!row.contains("pay_m4"))
        #expect(!row.contains("pay_m5"))
        #expect(html.contains("<span class=\"code\">charges.csv:42 (pay_42) · campo dueDate</span> 31/02/2026"))
        // Highest count first: NO_VALID_MOBILE (5), POSTAL_TOO_LATE (2), BAD_DATE (1).
        let mobile = html.range(of: ">NO_VALID_MOBILE<")!.lowerBound
        let late = html.range(of: ">POSTAL_TOO_LATE<")!.lowerBound
        let date = html.range(of: ">BAD_DATE<")!.lowerBound
        #expect(mobile < late && late < date)
    }

    @Test(arguments: [
        ({ var r = RejectRecord(kind: .input, reason: "X"); r.file = "customers.xml"; r.record = 7; r.id = "cus_7"; return r }(), "customers.xml #7 (cus_7)"),
        ({ var r = RejectRecord(kind: .input, reason: "X"); r.file = "a.csv"; r.line = 3; return r }(), "a.csv:3"),
        ({ var r = RejectRecord(kind: .letter, reason: "X"); r.payment = "pay_1"; return r }(), "pay_1"),
        ({ var r = RejectRecord(kind: .resend, reason: "X"); r.payment = "pay_9"; r.resendRequest = "req_2"; return r }(), "pay_9 · pedido req_2"),
        ({ var r = RejectRecord(kind: .notification, reason: "X"); r.payment = "pay_1"; r.slot = "RESEND"; r.recipient = "CUSTOMER"; r.channel = "email"; r.resendRequest = "req_1"; return r }(), "pay_1 · RESEND · CUSTOMER · email · pedido req_1"),
    ])
    func rejectLocation(reject: RejectRecord, expected: String) {
        #expect(ReportPage.location(reject) == expected)
    }

    @Test func dataQualityPerAccountWithExamples() {
        let html = Self.page()
        #expect(html.contains("<tr><td>Loja 12<br><span class=\"muted small\">acc_12</span></td><td class=\"n\">1.500</td><td class=\"n\">2</td><td class=\"n zero\">0</td><td class=\"n\">1</td><td class=\"n zero\">0</td><td><ul class=\"ex\"><li>e-mail inválido: <span class=\"code\">cus_1, cus_2</span></li><li>CEP inválido: <span class=\"code\">cus_9</span></li></ul></td></tr>"))
        #expect(html.contains("<tr class=\"total\"><td>Total</td><td class=\"n\">1.530</td><td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">1</td><td class=\"n\">0</td><td></td></tr>"))
    }

    @Test func comparisonShowsDeltasWithArrowsAndColour() {
        let previous = PreviousRun(
            runDate: Day(year: 2026, month: 12, day: 3)!, messagesByChannel: [.email: 1000, .sms: 40, .whatsapp: 5],
            letters: 400, rejects: 4, fees: 200_000
        )
        let html = Self.page(Self.sampleInput(previous: previous))
        #expect(html.contains("Execução anterior: quinta-feira, 03/12/2026."))
        #expect(html.contains("<tr><td>Mensagens</td><td class=\"n\">1.045</td><td class=\"n\">1.241</td><td class=\"n up-good\">▲ +196 (+18,8%)</td></tr>"))
        #expect(html.contains("<tr><td class=\"sub\">SMS</td><td class=\"n\">40</td><td class=\"n\">34</td><td class=\"n down-bad\">▼ -6 (-15,0%)</td></tr>"))
        #expect(html.contains("<tr><td class=\"sub\">Voz</td><td class=\"n\">0</td><td class=\"n\">2</td><td class=\"n up-good\">▲ +2</td></tr>"))
        #expect(html.contains("<tr><td>Cartas</td><td class=\"n\">400</td><td class=\"n\">400</td><td class=\"n flat\">= 0 (0,0%)</td></tr>"))
        #expect(html.contains("<tr><td>Rejeições</td><td class=\"n\">4</td><td class=\"n\">8</td><td class=\"n up-bad\">▲ +4 (+100,0%)</td></tr>"))
        #expect(html.contains("<tr><td>Tarifas totais</td><td class=\"n\">R$ 2.000,00</td><td class=\"n\">R$ 1.286,24</td><td class=\"n down-bad\">▼ -R$ 713,76 (-35,7%)</td></tr>"))
        #expect(!Self.page().contains("<td class=\"n up-"))
    }

    @Test func forecastChartsTheNextTenBusinessDays() throws {
        let html = Self.page()
        let section = try #require(html.components(separatedBy: "<section id=\"previsao\">").last?.components(separatedBy: "</section>").first)
        // 2026-12-07 … 2026-12-18: ten weekdays; weekends and later days are left out.
        for label in ["07/12", "08/12", "09/12", "10/12", "11/12", "14/12", "15/12", "16/12", "17/12", "18/12"] {
            #expect(section.contains(">" + label + "</text>"))
        }
        #expect(!section.contains("05/12"))
        #expect(!section.contains("12/12"))
        #expect(!section.contains("21/12"))
        #expect(Self.count("<tr><td>", in: section) == 10)
        // 2026-12-18 is offset 14: 140 e-mails, 14 SMS, 1 WhatsApp; 2 letters.
        #expect(section.contains("<tr><td>18/12/2026 sex</td><td class=\"n\">140</td><td class=\"n\">14</td><td class=\"n\">1</td><td class=\"n zero\">0</td><td class=\"n\">155</td><td class=\"n\">2</td><td class=\"n\">R$ 6,48</td></tr>"))
        #expect(section.contains(">155</text>"))
    }

    @Test func emptySectionsSayWhy() {
        var input = ReportInput(report: RunReport(runDate: Self.runDate, businessDay: true, holidays: []), configuration: RunConfiguration())
        input.report.missedBusinessDays = [Day(year: 2026, month: 12, day: 3)!]
        let html = Self.page(input)
        #expect(html.contains("<p class=\"v\">0</p>"))
        #expect(html.contains("Nenhuma rejeição."))
        #expect(html.contains("Nenhuma execução anterior encontrada para comparar."))
        #expect(html.contains("Sem previsão nesta execução."))
        #expect(html.contains("não houve execução nos dias úteis 03/12/2026; os lembretes desses dias não foram enviados."))
    }

    // MARK: Formatting

    @Test(arguments: [(0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (1234, "1.234"), (-1234, "-1.234"), (1_234_567, "1.234.567")])
    func counts(value: Int, expected: String) {
        #expect(ReportFormat.count(value) == expected)
    }

    @Test(arguments: [(1, 3, "33,3%"), (2, 3, "66,7%"), (0, 0, "0,0%"), (5, 1241, "0,4%"), (1, 2000, "0,1%"), (1, 1, "100,0%")])
    func percents(value: Int, total: Int, expected: String) {
        #expect(ReportFormat.percent(value, of: total) == expected)
    }

    @Test(arguments: [(1, 4), (4, 4), (5, 8), (9, 20), (144, 200), (1241, 2000), (2001, 4000)])
    func chartScale(value: Int, expected: Int) {
        #expect(SVGChart.niceCeiling(value) == expected)
    }

    // MARK: fees.csv

    @Test func feeTableExactBytes() {
        var report = RunReport(runDate: Self.runDate, businessDay: true, holidays: [])
        var b = AccountFees()
        b.messages = [.email: 3, .whatsapp: 2, .voice: 1]
        b.fees = [.email: 0, .whatsapp: 16, .voice: 25]
        b.letters = 1
        b.postalFees = 320
        var a = AccountFees()
        a.messages = [.sms: 9]
        a.fees = [.sms: 0]
        var c = AccountFees()
        c.fees = [.whatsapp: 123_456]
        report.feesByAccount = ["acc_b": b, "acc_a": a, "acc_C": c]
        let csv = FeeTable.csv(report, accountNames: ["acc_b": "Loja, \"B\"", "acc_a": "Loja A"])
        #expect(String(decoding: csv, as: UTF8.self) == """
            account,name,email,sms,whatsapp,voice,postal,total
            acc_C,,0.00,0.00,1234.56,0.00,0.00,1234.56
            acc_a,Loja A,0.00,0.00,0.00,0.00,0.00,0.00
            acc_b,"Loja, ""B\""",0.00,0.00,0.16,0.25,3.20,3.61
            TOTAL,,0.00,0.00,1234.72,0.25,3.20,1238.17

            """)
    }

    @Test func feeTableWithNoAccountsIsHeaderAndTotal() {
        let csv = FeeTable.csv(RunReport(runDate: Self.runDate, businessDay: false, holidays: []), accountNames: [:])
        #expect(String(decoding: csv, as: UTF8.self) == "account,name,email,sms,whatsapp,voice,postal,total\nTOTAL,,0.00,0.00,0.00,0.00,0.00,0.00\n")
    }

    // MARK: PreviousRun

    @Test func previousRunLoadsTheRunsOwnSummary() throws {
        var report = Self.sampleReport()
        report.messagesByChannel[.voice] = nil
        let options = RunOptions(runDate: Self.runDate, inputDirectory: nil, outputRoot: "/tmp/x", calendars: [], toolVersion: "test")
        let bytes = SummaryDocument.render(report: report, options: options)
        let previous = try #require(PreviousRun.load(summaryJSON: bytes))
        #expect(previous == PreviousRun(
            runDate: Self.runDate, messagesByChannel: [.email: 1200, .sms: 34, .whatsapp: 5, .voice: 0],
            letters: 400, rejects: 8, fees: 128_624
        ))
        #expect(previous.messages == 1239)
    }

    @Test(arguments: [
        "",
        "[]",
        "{\"runDate\": \"2026-12-04\"}",
        "{\"runDate\": \"04/12/2026\", \"notifications\": {\"byChannel\": {}}, \"letters\": {\"count\": 1}, \"rejects\": {\"total\": 0}, \"fees\": {\"total\": 0}}",
        "{\"runDate\": \"2026-12-04\", \"notifications\": {\"byChannel\": {\"sms\": \"3\"}}, \"letters\": {\"count\": 1}, \"rejects\": {\"total\": 0}, \"fees\": {\"total\": 0}}",
        "{\"runDate\": \"2026-12-04\", \"notifications\": {\"byChannel\": {}}, \"letters\": {\"count\": 1.5}, \"rejects\": {\"total\": 0}, \"fees\": {\"total\": 0}}",
        "{\"runDate\": \"2026-12-04\", \"notifications\": {\"byChannel\": {}}, \"letters\": {\"count\": true}, \"rejects\": {\"total\": 0}, \"fees\": {\"total\": 0}}",
    ])
    func previousRunRefusesOtherDocuments(json: String) {
        #expect(PreviousRun.load(summaryJSON: Array(json.utf8)) == nil)
    }

    @Test func previousRunMissingChannelsCountZero() throws {
        let json = "{\"runDate\": \"2026-12-03\", \"notifications\": {\"byChannel\": {\"sms\": 3}}, \"letters\": {\"count\": 2}, \"rejects\": {\"total\": 1}, \"fees\": {\"total\": 640}}"
        let previous = try #require(PreviousRun.load(summaryJSON: Array(json.utf8)))
        #expect(previous == PreviousRun(runDate: Day(year: 2026, month: 12, day: 3)!, messagesByChannel: [.sms: 3], letters: 2, rejects: 1, fees: 640))
    }
}
