/// Brazilian Portuguese formatting for the report: `1.234` for counts, `R$ 1.234,56` for money
/// (via `MoneyFormat`), dates with weekday names. Integer arithmetic only.
enum ReportFormat {
    /// A count with dots between thousands: `1234567` → `1.234.567`, `-1234` → `-1.234`.
    static func count(_ value: Int) -> String {
        count64(Int64(value))
    }

    /// `count` for 64-bit values.
    static func count64(_ value: Int64) -> String {
        let digits = Array(String(value.magnitude).utf8)
        var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        for (index, byte) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(UInt8(ascii: ".")) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Money in reais, `R$ 1.234,56`.
    static func money(_ cents: Int64) -> String {
        MoneyFormat.brl(cents)
    }

    /// A signed count delta for comparisons: `+12`, `-1.234`, `0`.
    static func signedCount(_ value: Int) -> String {
        value > 0 ? "+" + count(value) : count(value)
    }

    /// `signedCount` for 64-bit values.
    static func signedCount64(_ value: Int64) -> String {
        value > 0 ? "+" + count64(value) : count64(value)
    }

    /// A signed money delta: `+R$ 1,00`, `-R$ 5,00`, `R$ 0,00`.
    static func signedMoney(_ cents: Int64) -> String {
        cents > 0 ? "+" + money(cents) : money(cents)
    }

    /// `value / total` as a percentage with one decimal and a comma: `12,5%`; `0,0%` for no total.
    static func percent(_ value: Int, of total: Int) -> String {
        guard total > 0 else { return "0,0%" }
        // Rounded half up in tenths of a percent.
        let tenths = (Int64(value) * 1000 * 2 + Int64(total)) / (Int64(total) * 2)
        return count64(tenths / 10) + "," + String(tenths % 10) + "%"
    }

    /// Weekday names, Sunday first.
    static let weekdays = ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"]
    /// Short weekday names for chart labels, Sunday first.
    static let shortWeekdays = ["dom", "seg", "ter", "qua", "qui", "sex", "sáb"]

    /// The weekday of a day in Portuguese: `sexta-feira`.
    static func weekday(_ day: Day) -> String {
        weekdays[day.weekday]
    }

    /// `DD/MM`, for chart axes.
    static func dayMonth(_ day: Day) -> String {
        let (_, m, d) = day.components
        return Day.pad(d, 2) + "/" + Day.pad(m, 2)
    }

    /// Portuguese names of the channels, for people.
    static func channelLabel(_ channel: Channel) -> String {
        switch channel {
        case .email: return "E-mail"
        case .sms: return "SMS"
        case .whatsapp: return "WhatsApp"
        case .voice: return "Voz"
        }
    }

    /// Portuguese names of the recipients.
    static func recipientLabel(_ recipient: Recipient) -> String {
        recipient == .customer ? "Clientes (pagadores)" : "Lojistas (cópia para mim)"
    }

    /// A short Portuguese description of a slot name, keeping the code for reference.
    static func slotLabel(_ name: String) -> String {
        switch name {
        case "RESEND": return "Reenvio manual"
        case "CREATED": return "Cobrança criada"
        case "UPDATED": return "Cobrança alterada"
        case "WARNING_BEFORE": return "Aviso antes do vencimento"
        case "WARNING_DUE": return "Aviso no dia do vencimento"
        case "LINHA_DIGITAVEL": return "Linha digitável"
        case "OVERDUE_FIRST": return "Cobrança vencida"
        case "OVERDUE_REPEAT": return "Lembrete de atraso"
        case "RECEIVED": return "Pagamento confirmado"
        default: return name
        }
    }

    /// A Portuguese explanation of a reject reason code (the code itself is shown beside it).
    static func reasonLabel(_ code: String) -> String {
        switch code {
        case "MISSING_FIELD": return "campo obrigatório ausente"
        case "BAD_DATE": return "data inválida"
        case "BAD_DATETIME": return "data e hora inválidas"
        case "BAD_NUMBER": return "número ou valor inválido"
        case "BAD_ENUM": return "valor fora da lista aceita"
        case "BAD_BOOLEAN": return "booleano inválido"
        case "BAD_UTF8": return "texto com codificação inválida"
        case "BAD_QUOTES": return "aspas malformadas no CSV"
        case "FIELD_COUNT": return "campos demais na linha"
        case "DUPLICATE_ID": return "id repetido (vale a primeira linha)"
        case "UNKNOWN_CUSTOMER": return "cliente desconhecido"
        case "UNKNOWN_ACCOUNT": return "conta desconhecida"
        case "PAID_WITHOUT_PAY_DATE": return "paga sem data de pagamento"
        case "DUPLICATE_SETTING": return "configuração repetida (vale a primeira)"
        case "NO_VALID_EMAIL": return "sem e-mail válido"
        case "NO_VALID_MOBILE": return "sem celular válido"
        case "NO_VALID_PHONE": return "sem telefone válido"
        case "POSTAL_TOO_LATE": return "carta chegaria depois do vencimento"
        case "POSTAL_INVALID_CEP": return "CEP inválido"
        case "POSTAL_ADDRESS_INCOMPLETE": return "endereço incompleto"
        case "CHARGE_NOT_OPEN": return "cobrança não está em aberto"
        case "RESEND_IN_PROGRESS": return "reenvio já em andamento"
        case "RESEND_LIMIT_REACHED": return "limite de reenvios atingido"
        case "CUSTOMER_NOTIFICATIONS_DISABLED": return "cliente com notificações desativadas"
        default: return ""
        }
    }
}
