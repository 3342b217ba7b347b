/// The built-in message templates (pt-BR, Mustache, plain text), one per key
/// `<slot key lowercased>.<customer|provider>.<email.subject|email.text|sms|voice>`.
/// `--templates DIR` replaces any of them with `DIR/<key>.mustache`.
///
/// Variables every template can use (absent ones are simply missing, so `{{#name}}…{{/name}}`
/// sections show text only when there is a value):
/// - `customerName`, `customerFirstName`, `accountName`
/// - `value` (`R$ 1.234,56`), `valueDecimal` (`1234.56`), `valueSpoken` (in words, for voice)
/// - `dueDate` (`DD/MM/YYYY`), `dueDateISO`, `runDate` (`DD/MM/YYYY`), `payDate` (`DD/MM/YYYY`)
/// - `dueToday` (the run date is the due date), `dueSoon` (not the due date)
/// - `link` (the invoice link, else the boleto link), `invoiceUrl`, `bankSlipUrl`
/// - `identificationField` (linha digitável), `description`
/// - `daysUntilDue`, `daysUntilDueText` (`1 dia`, `10 dias`), `daysUntilDueSpoken` (`dez dias`)
/// - `daysOverdue`, `daysOverdueText`, `daysOverdueSpoken`
///
/// SMS templates are kept short: the text is folded to GSM-7 and must fit 160 septets.
/// Voice scripts never carry a link and say the value in words.
public enum DefaultTemplates {
    /// The slot keys messages are composed for (the eight slots but UPDATED, which the nightly
    /// run never emits, plus the two manual resend groups).
    public static let slotKeys = [
        "CREATED", "WARNING_BEFORE", "WARNING_DUE", "LINHA_DIGITAVEL", "OVERDUE_FIRST", "OVERDUE_REPEAT",
        "RECEIVED", "RESEND_BEFORE_DUE", "RESEND_OVERDUE",
    ]

    /// The parts of a message a template renders.
    public static let parts = ["email.subject", "email.text", "sms", "voice"]

    /// The template key for a slot key, recipient and part (`warning_due.customer.sms`).
    public static func key(slotKey: String, recipient: Recipient, part: String) -> String {
        slotKey.lowercased() + "." + (recipient == .customer ? "customer" : "provider") + "." + part
    }

    /// Every template key, sorted by byte order.
    public static let keys: [String] = templates.keys.sorted { OutboundFileWriter.byteOrder($0, $1) ?? false }

    /// The template text of every key.
    public static let templates: [String: String] = [
        // MARK: CREATED — customer

        "created.customer.email.subject": "{{accountName}}: nova cobrança de {{value}} com vencimento em {{dueDate}}",
        "created.customer.email.text": """
            Olá, {{customerName}}!

            {{accountName}} gerou uma cobrança para você no valor de {{value}}, com vencimento em {{dueDate}}.
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#link}}

            Para ver a fatura e escolher a forma de pagamento, acesse: {{link}}
            {{/link}}

            Em caso de dúvidas, fale diretamente com {{accountName}}.

            Atenciosamente,
            {{accountName}}
            """,
        "created.customer.sms": "{{customerName}}, {{accountName}} gerou sua cobrança de {{value}}, vence em {{dueDate}}.{{#link}} Fatura: {{link}}{{/link}}",
        "created.customer.voice": "Olá, {{customerName}}. Aqui é um aviso de {{accountName}}. Foi gerada uma cobrança para você no valor de {{valueSpoken}}, com vencimento em {{dueDate}}. Obrigado e tenha um bom dia.",

        // MARK: CREATED — provider

        "created.provider.email.subject": "Cobrança criada para {{customerName}}: {{value}}, vencimento em {{dueDate}}",
        "created.provider.email.text": """
            Olá, {{accountName}}!

            A cobrança do seu cliente {{customerName}} no valor de {{value}}, com vencimento em {{dueDate}}, foi criada.
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "created.provider.sms": "{{accountName}}: cobrança de {{value}} para {{customerName}} criada, vence em {{dueDate}}.{{#link}} {{link}}{{/link}}",
        "created.provider.voice": "Olá, {{accountName}}. A cobrança do seu cliente {{customerName}} no valor de {{valueSpoken}}, com vencimento em {{dueDate}}, foi criada. Obrigado.",

        // MARK: WARNING_BEFORE — customer

        "warning_before.customer.email.subject": "Lembrete: sua cobrança de {{accountName}} vence em {{dueDate}}",
        "warning_before.customer.email.text": """
            Olá, {{customerName}}!

            Passando para lembrar que a sua cobrança de {{accountName}}, no valor de {{value}}, vence em {{dueDate}}{{#daysUntilDueText}} (daqui a {{daysUntilDueText}}){{/daysUntilDueText}}.
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#link}}

            Para ver a fatura e pagar com antecedência, acesse: {{link}}
            {{/link}}

            Se você já realizou o pagamento, por favor desconsidere esta mensagem.

            Atenciosamente,
            {{accountName}}
            """,
        "warning_before.customer.sms": "{{customerName}}, lembrete de {{accountName}}: sua cobrança de {{value}} vence em {{dueDate}}.{{#link}} Fatura: {{link}}{{/link}}",
        "warning_before.customer.voice": "Olá, {{customerName}}. Este é um lembrete de {{accountName}}: a sua cobrança no valor de {{valueSpoken}} vence em {{dueDate}}{{#daysUntilDueSpoken}}, daqui a {{daysUntilDueSpoken}}{{/daysUntilDueSpoken}}. Se já pagou, desconsidere este aviso. Obrigado.",

        // MARK: WARNING_BEFORE — provider

        "warning_before.provider.email.subject": "A cobrança de {{customerName}} vence em {{dueDate}}",
        "warning_before.provider.email.text": """
            Olá, {{accountName}}!

            A cobrança do seu cliente {{customerName}} no valor de {{value}} vence em {{dueDate}}{{#daysUntilDueText}} (daqui a {{daysUntilDueText}}){{/daysUntilDueText}} e ainda está em aberto.
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "warning_before.provider.sms": "{{accountName}}: cobrança de {{customerName}} de {{value}} vence em {{dueDate}}.{{#link}} {{link}}{{/link}}",
        "warning_before.provider.voice": "Olá, {{accountName}}. A cobrança do seu cliente {{customerName}} no valor de {{valueSpoken}} vence em {{dueDate}} e ainda está em aberto. Obrigado.",

        // MARK: WARNING_DUE — customer

        "warning_due.customer.email.subject": "{{#dueToday}}Sua cobrança de {{accountName}} vence hoje, {{dueDate}}{{/dueToday}}{{^dueToday}}Sua cobrança de {{accountName}} vence em {{dueDate}}{{/dueToday}}",
        "warning_due.customer.email.text": """
            Olá, {{customerName}}!

            {{#dueToday}}Hoje, {{dueDate}}, é o dia do vencimento da sua cobrança de {{accountName}}, no valor de {{value}}.{{/dueToday}}{{^dueToday}}A sua cobrança de {{accountName}}, no valor de {{value}}, vence em {{dueDate}}.{{/dueToday}}
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#link}}

            Para ver a fatura e pagar, acesse: {{link}}
            {{/link}}

            Se você já realizou o pagamento, por favor desconsidere esta mensagem.

            Atenciosamente,
            {{accountName}}
            """,
        "warning_due.customer.sms": "{{customerName}}, aviso de {{accountName}}: sua cobrança de {{value}} vence {{#dueToday}}hoje, {{/dueToday}}{{^dueToday}}em {{/dueToday}}{{dueDate}}.{{#link}} Fatura: {{link}}{{/link}}",
        "warning_due.customer.voice": "Olá, {{customerName}}. Este é um aviso de {{accountName}}: a sua cobrança no valor de {{valueSpoken}} vence {{#dueToday}}hoje, {{/dueToday}}{{^dueToday}}em {{/dueToday}}{{dueDate}}. Se já pagou, desconsidere este aviso. Obrigado.",

        // MARK: WARNING_DUE — provider

        "warning_due.provider.email.subject": "A cobrança de {{customerName}} vence {{#dueToday}}hoje, {{/dueToday}}{{^dueToday}}em {{/dueToday}}{{dueDate}}",
        "warning_due.provider.email.text": """
            Olá, {{accountName}}!

            A cobrança do seu cliente {{customerName}} no valor de {{value}} vence {{#dueToday}}hoje, {{/dueToday}}{{^dueToday}}em {{/dueToday}}{{dueDate}}, e ainda está em aberto.
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "warning_due.provider.sms": "{{accountName}}: cobrança de {{customerName}} de {{value}} vence {{#dueToday}}hoje, {{/dueToday}}{{^dueToday}}em {{/dueToday}}{{dueDate}}.{{#link}} {{link}}{{/link}}",
        "warning_due.provider.voice": "Olá, {{accountName}}. A cobrança do seu cliente {{customerName}} no valor de {{valueSpoken}} vence {{#dueToday}}hoje, {{/dueToday}}{{^dueToday}}em {{/dueToday}}{{dueDate}} e ainda está em aberto. Obrigado.",

        // MARK: LINHA_DIGITAVEL — customer

        "linha_digitavel.customer.email.subject": "Linha digitável do seu boleto de {{accountName}}, vencimento em {{dueDate}}",
        "linha_digitavel.customer.email.text": """
            Olá, {{customerName}}!

            Segue a linha digitável do boleto da sua cobrança de {{accountName}}, no valor de {{value}}, com vencimento em {{dueDate}}:

            {{identificationField}}

            Basta copiar o código e colar no aplicativo do seu banco, na opção de pagar boleto.
            {{#link}}

            Fatura e boleto: {{link}}
            {{/link}}

            Se você já realizou o pagamento, por favor desconsidere esta mensagem.

            Atenciosamente,
            {{accountName}}
            """,
        "linha_digitavel.customer.sms": "{{customerName}}, boleto {{accountName}} {{value}} venc. {{dueDate}}: {{identificationField}}{{#link}} {{link}}{{/link}}",
        "linha_digitavel.customer.voice": "Olá, {{customerName}}. Este é um aviso de {{accountName}}: o boleto da sua cobrança no valor de {{valueSpoken}} vence em {{dueDate}}. Para pagar, use a linha digitável do boleto no aplicativo do seu banco. Obrigado.",

        // MARK: LINHA_DIGITAVEL — provider

        "linha_digitavel.provider.email.subject": "Linha digitável enviada a {{customerName}}, vencimento em {{dueDate}}",
        "linha_digitavel.provider.email.text": """
            Olá, {{accountName}}!

            A linha digitável do boleto do seu cliente {{customerName}}, no valor de {{value}} e com vencimento em {{dueDate}}, é:

            {{identificationField}}
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "linha_digitavel.provider.sms": "{{accountName}}: boleto de {{customerName}} {{value}} venc. {{dueDate}}: {{identificationField}}{{#link}} {{link}}{{/link}}",
        "linha_digitavel.provider.voice": "Olá, {{accountName}}. O boleto do seu cliente {{customerName}} no valor de {{valueSpoken}} vence em {{dueDate}} e ainda está em aberto. Obrigado.",

        // MARK: OVERDUE_FIRST — customer

        "overdue_first.customer.email.subject": "Cobrança vencida: {{accountName}}, {{value}}, venceu em {{dueDate}}",
        "overdue_first.customer.email.text": """
            Olá, {{customerName}}!

            Não identificamos o pagamento da sua cobrança de {{accountName}}, no valor de {{value}}, que venceu em {{dueDate}}{{#daysOverdueText}} (há {{daysOverdueText}}){{/daysOverdueText}}. A cobrança está vencida.
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#link}}

            Para regularizar, acesse a fatura atualizada: {{link}}
            {{/link}}

            Se você já realizou o pagamento, por favor desconsidere esta mensagem.

            Atenciosamente,
            {{accountName}}
            """,
        "overdue_first.customer.sms": "{{customerName}}, aviso de {{accountName}}: sua cobrança de {{value}} está vencida desde {{dueDate}}{{#daysOverdueText}} (há {{daysOverdueText}}){{/daysOverdueText}}.{{#link}} Pague: {{link}}{{/link}}",
        "overdue_first.customer.voice": "Olá, {{customerName}}. Este é um aviso de {{accountName}}: a sua cobrança no valor de {{valueSpoken}} venceu em {{dueDate}}{{#daysOverdueSpoken}}, há {{daysOverdueSpoken}}{{/daysOverdueSpoken}}, e está vencida. Se já pagou, desconsidere este aviso. Obrigado.",

        // MARK: OVERDUE_FIRST — provider

        "overdue_first.provider.email.subject": "Cobrança vencida de {{customerName}}: {{value}}, venceu em {{dueDate}}",
        "overdue_first.provider.email.text": """
            Olá, {{accountName}}!

            A cobrança do seu cliente {{customerName}} no valor de {{value}}, com vencimento em {{dueDate}}, está vencida{{#daysOverdueText}} há {{daysOverdueText}}{{/daysOverdueText}} e ainda não foi paga.
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "overdue_first.provider.sms": "{{accountName}}: cobrança de {{customerName}} de {{value}} venceu em {{dueDate}} e não foi paga.{{#link}} {{link}}{{/link}}",
        "overdue_first.provider.voice": "Olá, {{accountName}}. A cobrança do seu cliente {{customerName}} no valor de {{valueSpoken}} venceu em {{dueDate}} e ainda não foi paga. Obrigado.",

        // MARK: OVERDUE_REPEAT — customer

        "overdue_repeat.customer.email.subject": "Lembrete: sua cobrança de {{accountName}} está vencida desde {{dueDate}}",
        "overdue_repeat.customer.email.text": """
            Olá, {{customerName}}!

            A sua cobrança de {{accountName}}, no valor de {{value}}, continua em aberto. Ela venceu em {{dueDate}}{{#daysOverdueText}} e está vencida há {{daysOverdueText}}{{/daysOverdueText}}.
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#link}}

            Para regularizar, acesse a fatura atualizada: {{link}}
            {{/link}}

            Se você já realizou o pagamento, por favor desconsidere esta mensagem.

            Atenciosamente,
            {{accountName}}
            """,
        "overdue_repeat.customer.sms": "{{customerName}}, lembrete de {{accountName}}: sua cobrança de {{value}} segue vencida desde {{dueDate}}{{#daysOverdueText}} (há {{daysOverdueText}}){{/daysOverdueText}}.{{#link}} Pague: {{link}}{{/link}}",
        "overdue_repeat.customer.voice": "Olá, {{customerName}}. Este é um lembrete de {{accountName}}: a sua cobrança no valor de {{valueSpoken}} está vencida desde {{dueDate}}{{#daysOverdueSpoken}}, há {{daysOverdueSpoken}}{{/daysOverdueSpoken}}. Se já pagou, desconsidere este aviso. Obrigado.",

        // MARK: OVERDUE_REPEAT — provider

        "overdue_repeat.provider.email.subject": "A cobrança de {{customerName}} segue vencida desde {{dueDate}}",
        "overdue_repeat.provider.email.text": """
            Olá, {{accountName}}!

            A cobrança do seu cliente {{customerName}} no valor de {{value}}, com vencimento em {{dueDate}}, segue vencida{{#daysOverdueText}} há {{daysOverdueText}}{{/daysOverdueText}} e ainda não foi paga.
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "overdue_repeat.provider.sms": "{{accountName}}: cobrança de {{customerName}} de {{value}} segue vencida desde {{dueDate}}.{{#link}} {{link}}{{/link}}",
        "overdue_repeat.provider.voice": "Olá, {{accountName}}. A cobrança do seu cliente {{customerName}} no valor de {{valueSpoken}} segue vencida desde {{dueDate}}. Obrigado.",

        // MARK: RECEIVED — customer

        "received.customer.email.subject": "Pagamento confirmado: {{accountName}}, {{value}}",
        "received.customer.email.text": """
            Olá, {{customerName}}!

            Confirmamos o recebimento do seu pagamento de {{value}}{{#payDate}}, feito em {{payDate}}{{/payDate}}, referente à cobrança de {{accountName}} com vencimento em {{dueDate}}.
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#link}}

            Comprovante e detalhes: {{link}}
            {{/link}}

            Muito obrigado pelo pagamento!

            Atenciosamente,
            {{accountName}}
            """,
        "received.customer.sms": "{{customerName}}, {{accountName}} recebeu seu pagamento de {{value}} (venc. {{dueDate}}). Obrigado!{{#link}} {{link}}{{/link}}",
        "received.customer.voice": "Olá, {{customerName}}. Aqui é {{accountName}}. Confirmamos o recebimento do seu pagamento no valor de {{valueSpoken}}, da cobrança com vencimento em {{dueDate}}. Muito obrigado!",

        // MARK: RECEIVED — provider

        "received.provider.email.subject": "Pagamento recebido de {{customerName}}: {{value}}",
        "received.provider.email.text": """
            Olá, {{accountName}}!

            Boa notícia: o seu cliente {{customerName}} pagou a cobrança de {{value}} com vencimento em {{dueDate}}{{#payDate}}. O pagamento foi feito em {{payDate}}{{/payDate}}.
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "received.provider.sms": "{{accountName}}: {{customerName}} pagou a cobrança de {{value}} (venc. {{dueDate}}).{{#link}} {{link}}{{/link}}",
        "received.provider.voice": "Olá, {{accountName}}. O seu cliente {{customerName}} pagou a cobrança no valor de {{valueSpoken}}, com vencimento em {{dueDate}}. Obrigado.",

        // MARK: RESEND_BEFORE_DUE — customer

        "resend_before_due.customer.email.subject": "{{accountName}} reenviou sua cobrança de {{value}}, vencimento em {{dueDate}}",
        "resend_before_due.customer.email.text": """
            Olá, {{customerName}}!

            {{accountName}} reenviou para você a cobrança no valor de {{value}}, com vencimento em {{dueDate}}.
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#identificationField}}

            Linha digitável do boleto: {{identificationField}}
            {{/identificationField}}
            {{#link}}

            Para ver a fatura e pagar, acesse: {{link}}
            {{/link}}

            Se você já realizou o pagamento, por favor desconsidere esta mensagem.

            Atenciosamente,
            {{accountName}}
            """,
        "resend_before_due.customer.sms": "{{customerName}}, {{accountName}} reenviou sua cobrança de {{value}}, vence em {{dueDate}}.{{#link}} Fatura: {{link}}{{/link}}",
        "resend_before_due.customer.voice": "Olá, {{customerName}}. Aqui é {{accountName}}. Estamos lembrando da sua cobrança no valor de {{valueSpoken}}, com vencimento em {{dueDate}}. Obrigado.",

        // MARK: RESEND_BEFORE_DUE — provider

        "resend_before_due.provider.email.subject": "Cobrança de {{customerName}} reenviada: {{value}}, vencimento em {{dueDate}}",
        "resend_before_due.provider.email.text": """
            Olá, {{accountName}}!

            A cobrança do seu cliente {{customerName}} no valor de {{value}}, com vencimento em {{dueDate}}, foi reenviada ao cliente, como você pediu.
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "resend_before_due.provider.sms": "{{accountName}}: cobrança de {{customerName}} de {{value}} (venc. {{dueDate}}) reenviada.{{#link}} {{link}}{{/link}}",
        "resend_before_due.provider.voice": "Olá, {{accountName}}. A cobrança do seu cliente {{customerName}} no valor de {{valueSpoken}}, com vencimento em {{dueDate}}, foi reenviada. Obrigado.",

        // MARK: RESEND_OVERDUE — customer

        "resend_overdue.customer.email.subject": "{{accountName}} reenviou sua cobrança vencida em {{dueDate}}",
        "resend_overdue.customer.email.text": """
            Olá, {{customerName}}!

            {{accountName}} reenviou para você a cobrança no valor de {{value}}, que venceu em {{dueDate}}{{#daysOverdueText}} e está vencida há {{daysOverdueText}}{{/daysOverdueText}}.
            {{#description}}
            Descrição: {{description}}
            {{/description}}
            {{#link}}

            Para regularizar, acesse a fatura atualizada: {{link}}
            {{/link}}

            Se você já realizou o pagamento, por favor desconsidere esta mensagem.

            Atenciosamente,
            {{accountName}}
            """,
        "resend_overdue.customer.sms": "{{customerName}}, {{accountName}} reenviou sua cobrança de {{value}}, vencida em {{dueDate}}.{{#link}} Pague: {{link}}{{/link}}",
        "resend_overdue.customer.voice": "Olá, {{customerName}}. Aqui é {{accountName}}. A sua cobrança no valor de {{valueSpoken}} venceu em {{dueDate}} e está vencida. Se já pagou, desconsidere este aviso. Obrigado.",

        // MARK: RESEND_OVERDUE — provider

        "resend_overdue.provider.email.subject": "Cobrança vencida de {{customerName}} reenviada: {{value}}",
        "resend_overdue.provider.email.text": """
            Olá, {{accountName}}!

            A cobrança vencida do seu cliente {{customerName}} no valor de {{value}}, com vencimento em {{dueDate}}, foi reenviada ao cliente, como você pediu.
            {{#link}}

            Fatura: {{link}}
            {{/link}}

            Esta é uma mensagem automática sobre as cobranças da sua conta.
            """,
        "resend_overdue.provider.sms": "{{accountName}}: cobrança vencida de {{customerName}} de {{value}} (venc. {{dueDate}}) reenviada.{{#link}} {{link}}{{/link}}",
        "resend_overdue.provider.voice": "Olá, {{accountName}}. A cobrança vencida do seu cliente {{customerName}} no valor de {{valueSpoken}}, com vencimento em {{dueDate}}, foi reenviada. Obrigado.",
    ]
}
