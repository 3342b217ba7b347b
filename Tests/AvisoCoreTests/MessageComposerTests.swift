import Foundation
import Testing
@testable import AvisoCore

@Suite struct MessageComposerTests {
    static let link = "https://pay.example.com/i/abc123"
    static let line = "23793.38128 60082.677139 76000.063305 9 12340000123456"

    static func context(
        _ slotKey: String, _ recipient: Recipient = .customer, customer: String = "Ana Lima",
        account: String = "Loja Sol", link: String? = MessageComposerTests.link, runDate: String = "2026-12-04"
    ) -> MessageContext {
        MessageContext(
            slotKey: slotKey, recipient: recipient, customerName: customer, accountName: account, value: 123_456,
            dueDate: Day(iso: "2026-12-05")!, payDate: Day(iso: "2026-12-03"), invoiceUrl: link,
            identificationField: line, description: "Mensalidade", daysUntilDue: 1, daysOverdue: 3,
            runDate: Day(iso: runDate)!
        )
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-templates-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func thereIsADefaultForEveryKey() {
        #expect(DefaultTemplates.keys.count == 9 * 2 * 4)
        for slot in DefaultTemplates.slotKeys {
            for recipient in Recipient.allCases {
                for part in DefaultTemplates.parts {
                    let key = DefaultTemplates.key(slotKey: slot, recipient: recipient, part: part)
                    #expect(DefaultTemplates.templates[key] != nil, "missing \(key)")
                }
            }
        }
        #expect(DefaultTemplates.key(slotKey: "WARNING_DUE", recipient: .customer, part: "sms") == "warning_due.customer.sms")
    }

    @Test(arguments: DefaultTemplates.slotKeys, Recipient.allCases)
    func everyDefaultRendersWithItsValues(slotKey: String, recipient: Recipient) throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let context = Self.context(slotKey, recipient)
        let isLinha = slotKey == "LINHA_DIGITAVEL"

        guard case .email(let subject, let text) = try composer.compose(channel: .email, context: context) else {
            Issue.record("not an email"); return
        }
        for part in [subject, text] {
            #expect(!part.contains("{{") && !part.contains("}}"), "\(part)")
        }
        #expect(!subject.contains("\n"))
        for value in ["Ana Lima", "Loja Sol", "R$ 1.234,56", "05/12/2026", Self.link] {
            #expect(text.contains(value), "email text of \(slotKey) \(recipient.name) lacks \(value)")
        }
        if isLinha { #expect(text.contains(Self.line)) }
        if slotKey.hasPrefix("OVERDUE") || slotKey == "RESEND_OVERDUE" { #expect(text.contains("vencida")) }
        if slotKey == "RECEIVED" && recipient == .customer { #expect(text.contains("obrigado")) }

        guard case .sms(let sms) = try composer.compose(channel: .sms, context: context) else {
            Issue.record("not an SMS"); return
        }
        #expect(!sms.contains("{{") && !sms.contains("}}"))
        #expect(GSM7.fold(sms) == sms)
        #expect(GSM7.septets(sms) <= 160)
        for value in ["R$ 1.234,56", "05/12/2026", Self.link] {
            #expect(sms.contains(value), "SMS of \(slotKey) \(recipient.name) lacks \(value): \(sms)")
        }
        #expect(sms.contains("Ana"))
        #expect(sms.contains("Loja Sol"))
        if isLinha { #expect(sms.contains(Self.line)) }

        guard case .voice(let script) = try composer.compose(channel: .voice, context: context) else {
            Issue.record("not a voice script"); return
        }
        #expect(!script.contains("{{") && !script.contains("}}"))
        #expect(script.contains("mil duzentos e trinta e quatro reais e cinquenta e seis centavos"))
        #expect(!script.contains("http") && !script.contains("R$") && !script.contains("\n"))
        #expect(script.contains(recipient == .customer ? "Ana Lima" : "Loja Sol"))
    }

    @Test(arguments: DefaultTemplates.slotKeys, Recipient.allCases)
    func whatsAppIsATemplateWithOrderedParameters(slotKey: String, recipient: Recipient) throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let message = try composer.compose(channel: .whatsapp, context: Self.context(slotKey, recipient))
        var expected = ["Ana Lima", "Loja Sol", "R$ 1.234,56", "05/12/2026", Self.link]
        if slotKey == "LINHA_DIGITAVEL" { expected.append(Self.line) }
        let name = "aviso_" + slotKey.lowercased() + (recipient == .provider ? "_para_mim" : "")
        #expect(message == .whatsapp(template: name, parameters: expected))
    }

    @Test("buffers reused across messages of every slot, recipient and shape (a thread's own skeletons) compose what fresh buffers compose")
    func reusedBuffersComposeAsFreshOnes() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        var reused = MessageBuffers()
        var random = SplitMix64(seed: 7)
        var compared = 0
        var shapes = Set<String>()
        for _ in 0..<600 {
            let slotKey = DefaultTemplates.slotKeys[random.below(DefaultTemplates.slotKeys.count)]
            let recipient = Recipient.allCases[random.below(Recipient.allCases.count)]
            // Shapes differ by the link's presence and the due day; names long enough for the SMS
            // to be rendered again shorter.
            let customer = random.below(3) == 0 ? "Maria Aparecida dos Santos Figueiredo de Albuquerque" : "Ana Lima"
            let context = Self.context(slotKey, recipient, customer: customer, link: random.below(2) == 0 ? Self.link : nil,
                                       runDate: random.below(2) == 0 ? "2026-12-04" : "2026-12-05")
            let slot = try MessageComposer.slot(of: context)
            for channel in [Channel.email, .sms, .voice] {
                var fresh = MessageBuffers()
                #expect(composer.composeText(channel: channel, context: context, slot: slot, into: &fresh) == nil)
                #expect(composer.composeText(channel: channel, context: context, slot: slot, into: &reused) == nil)
                #expect(reused.first == fresh.first && reused.second == fresh.second, "\(slotKey) \(recipient.name) \(channel.name)")
                shapes.insert("\(slotKey)/\(recipient.name)/\(TemplateValues(context).shapeKey)")
                compared += 1
            }
        }
        #expect(compared == 1800)
        // Many skeletons met, each several times: the reused buffers answered most from their own.
        #expect(shapes.count > 40)
    }

    @Test func whatsAppWithoutLinkHasAnEmptyParameter() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let message = try composer.compose(channel: .whatsapp, context: Self.context("CREATED", link: nil))
        #expect(message == .whatsapp(template: "aviso_created", parameters: ["Ana Lima", "Loja Sol", "R$ 1.234,56", "05/12/2026", ""]))
    }

    @Test func dueDayWordingDependsOnTheRunDate() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let onDay = try composer.compose(channel: .sms, context: Self.context("WARNING_DUE", runDate: "2026-12-05"))
        let before = try composer.compose(channel: .sms, context: Self.context("WARNING_DUE", runDate: "2026-12-04"))
        #expect(onDay == .sms(text: "Ana Lima, aviso de Loja Sol: sua cobranca de R$ 1.234,56 vence hoje, 05/12/2026. Fatura: \(Self.link)"))
        #expect(before == .sms(text: "Ana Lima, aviso de Loja Sol: sua cobranca de R$ 1.234,56 vence em 05/12/2026. Fatura: \(Self.link)"))
    }

    static let longNames = [
        "Maria " + String(repeating: "Silva ", count: 32) + "Souza",
        String(repeating: "X", count: 200),
        String(repeating: "ã", count: 200),
    ]

    @Test(arguments: DefaultTemplates.slotKeys, longNames)
    func smsFitsWithAVeryLongCustomerName(slotKey: String, name: String) throws {
        #expect(name.unicodeScalars.count >= 200)
        let composer = try MessageComposer(templateDirectory: nil)
        for recipient in Recipient.allCases {
            let message = try composer.compose(channel: .sms, context: Self.context(slotKey, recipient, customer: name))
            guard case .sms(let text) = message else { Issue.record("not an SMS"); continue }
            #expect(GSM7.septets(text) <= 160, "\(text)")
            #expect(GSM7.fold(text) == text)
        }
    }

    @Test func longNameIsShortenedToTheFirstNameFirst() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let message = try composer.compose(channel: .sms, context: Self.context("WARNING_BEFORE", customer: Self.longNames[0]))
        #expect(message == .sms(text: "Maria, lembrete de Loja Sol: sua cobranca de R$ 1.234,56 vence em 05/12/2026. Fatura: \(Self.link)"))
    }

    @Test func everythingLongStillFits() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let account = String(repeating: "Comércio ", count: 25)
        let link = "https://pay.example.com/" + String(repeating: "{x}", count: 60)
        for slotKey in DefaultTemplates.slotKeys {
            for recipient in Recipient.allCases {
                let context = Self.context(slotKey, recipient, customer: Self.longNames[1], account: account, link: link)
                guard case .sms(let text) = try composer.compose(channel: .sms, context: context) else {
                    Issue.record("not an SMS"); continue
                }
                #expect(GSM7.septets(text) <= 160)
                #expect(text.hasSuffix("..."))
            }
        }
    }

    @Test func overrideReplacesOneTemplateWithoutEscaping() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "Oi {{customerFirstName}}, {{value}} <{{accountName}}> em {{dueDate}}\n"
            .write(toFile: directory + "/warning_due.customer.sms.mustache", atomically: false, encoding: .utf8)
        try "\u{FEFF}Olá {{customerName}} & {{accountName}}\n"
            .write(toFile: directory + "/created.customer.email.subject.mustache", atomically: false, encoding: .utf8)
        try "ignored".write(toFile: directory + "/.DS_Store", atomically: false, encoding: .utf8)

        let composer = try MessageComposer(templateDirectory: directory)
        let sms = try composer.compose(channel: .sms, context: Self.context("WARNING_DUE", account: "Sol & Mar"))
        #expect(sms == .sms(text: "Oi Ana, R$ 1.234,56 <Sol & Mar> em 05/12/2026"))
        guard case .email(let subject, let text) = try composer.compose(channel: .email, context: Self.context("CREATED", account: "A&B")) else {
            Issue.record("not an email"); return
        }
        #expect(subject == "Olá Ana Lima & A&B")
        // The body still comes from the built-in template.
        #expect(text.hasPrefix("Olá, Ana Lima!\n\nA&B gerou uma cobrança para você no valor de R$ 1.234,56"))
    }

    @Test func unknownTemplateFilesAreNamed() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["warning_due.customer.sms.mustache", "bogus.mustache", "readme.txt", "updated.customer.sms.mustache"] {
            try "x".write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
        }
        let error = try #require(throws: AvisoError.self) { try MessageComposer(templateDirectory: directory) }
        #expect(error.category == .usage)
        #expect(error.file == directory)
        #expect(error.message == "unknown template files: bogus.mustache, readme.txt, updated.customer.sms.mustache")
    }

    @Test func brokenTemplateIsNamedWithItsLine() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/overdue_first.provider.voice.mustache"
        try "Olá {{accountName}}.\n{{#link}}sem fim\n".write(toFile: path, atomically: false, encoding: .utf8)
        let error = try #require(throws: AvisoError.self) { try MessageComposer(templateDirectory: directory) }
        #expect(error.category == .usage)
        #expect(error.file == path)
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("the template does not parse: expectedSectionEnd"))
    }

    @Test func missingTemplateFolderIsAnError() throws {
        let error = try #require(throws: AvisoError.self) {
            try MessageComposer(templateDirectory: "/nonexistent/aviso-templates")
        }
        #expect(error.category == .usage)
        #expect(error.file == "/nonexistent/aviso-templates")
    }

    @Test func unknownSlotKeyIsAnError() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        let error = try #require(throws: AvisoError.self) {
            try composer.compose(channel: .email, context: Self.context("UPDATED"))
        }
        #expect(error.message == "no message templates for slot UPDATED")
    }

    @Test func optionalPartsDisappearWhenAbsent() throws {
        let composer = try MessageComposer(templateDirectory: nil)
        var context = Self.context("OVERDUE_FIRST", link: nil)
        context.daysOverdue = nil
        context.description = nil
        let sms = try composer.compose(channel: .sms, context: context)
        #expect(sms == .sms(text: "Ana Lima, aviso de Loja Sol: sua cobranca de R$ 1.234,56 esta vencida desde 05/12/2026."))
        guard case .email(_, let text) = try composer.compose(channel: .email, context: context) else {
            Issue.record("not an email"); return
        }
        #expect(!text.contains("Descrição") && !text.contains("http") && !text.contains("(há"))
        #expect(!text.contains("\n\n\n"))
    }
}

/// The values a template reads are taken from the packed context's bytes: what a context holds
/// (a link present but empty, no link at all, a boleto link only, no description, a name of
/// one word) reads as `MessageContext` says.
@Suite struct TemplateValuesTests {
    static func context(invoiceUrl: String?, bankSlipUrl: String?, description: String? = "Mensalidade",
                        customer: String = "Ana Lima") -> MessageContext {
        MessageContext(
            slotKey: "CREATED", recipient: .customer, customerName: customer, accountName: "Loja Sol", value: 123_456,
            dueDate: Day(iso: "2026-12-05")!, invoiceUrl: invoiceUrl, bankSlipUrl: bankSlipUrl,
            description: description, daysUntilDue: 1, runDate: Day(iso: "2026-12-04")!
        )
    }

    @Test(arguments: [
        ("https://i", "https://b", "https://i"), (nil, "https://b", "https://b"), ("", "https://b", nil),
        (nil, nil, nil), ("https://i", nil, "https://i"), (nil, "", nil),
    ] as [(String?, String?, String?)])
    func theLinkIsTheInvoiceLinkWhenThereIsOneElseTheBoletoLink(invoiceUrl: String?, bankSlipUrl: String?, expected: String?) {
        let context = Self.context(invoiceUrl: invoiceUrl, bankSlipUrl: bankSlipUrl)
        let values = TemplateValues(context)
        // As `MessageContext.link` (the invoice link, else the boleto link), absent when empty.
        #expect(values.value(.link) == expected)
        #expect(values.isPresent(.link) == (context.link.map { !$0.isEmpty } ?? false))
        #expect(values.isPresent(.invoiceUrl) == !(invoiceUrl ?? "").isEmpty)
        #expect(values.isPresent(.bankSlipUrl) == !(bankSlipUrl ?? "").isEmpty)
    }

    @Test func textsAndNumbersReadAsTheContextSays() {
        let values = TemplateValues(Self.context(invoiceUrl: "https://i", bankSlipUrl: nil, description: "", customer: "Ana"))
        #expect(values.value(.customerName) == "Ana")
        #expect(values.value(.customerFirstName) == "Ana")
        #expect(values.customerName == "Ana")
        #expect(values.value(.accountName) == "Loja Sol")
        #expect(values.value(.value) == "R$ 1.234,56")
        #expect(values.value(.dueDate) == "05/12/2026")
        #expect(values.value(.daysUntilDueText) == "1 dia")
        #expect(!values.isPresent(.description))
        #expect(!values.isPresent(.payDate))
        #expect(!values.isPresent(.daysOverdue))
        #expect(!values.dueToday)
        let spaced = TemplateValues(Self.context(invoiceUrl: nil, bankSlipUrl: nil, customer: "Maria  da Silva"))
        #expect(spaced.value(.customerFirstName) == "Maria")
        #expect(spaced.customerName == "Maria  da Silva")
    }
}
