/// The values message templates can use, in a fixed order. A template's rendering is cached as
/// a skeleton per combination of present optional values (see `TemplateSkeletons`), and the
/// values are filled in by index, so each message costs a few string appends.
enum TemplateVariable: Int, CaseIterable {
    case slotKey, customerName, customerFirstName, accountName, value, valueDecimal, valueSpoken
    case dueDate, dueDateISO, runDate, payDate, link, invoiceUrl, bankSlipUrl, identificationField
    case description, daysUntilDue, daysUntilDueText, daysUntilDueSpoken, daysOverdue, daysOverdueText
    case daysOverdueSpoken

    /// The name templates write (`{{customerName}}`).
    var name: String {
        switch self {
        case .slotKey: return "slotKey"
        case .customerName: return "customerName"
        case .customerFirstName: return "customerFirstName"
        case .accountName: return "accountName"
        case .value: return "value"
        case .valueDecimal: return "valueDecimal"
        case .valueSpoken: return "valueSpoken"
        case .dueDate: return "dueDate"
        case .dueDateISO: return "dueDateISO"
        case .runDate: return "runDate"
        case .payDate: return "payDate"
        case .link: return "link"
        case .invoiceUrl: return "invoiceUrl"
        case .bankSlipUrl: return "bankSlipUrl"
        case .identificationField: return "identificationField"
        case .description: return "description"
        case .daysUntilDue: return "daysUntilDue"
        case .daysUntilDueText: return "daysUntilDueText"
        case .daysUntilDueSpoken: return "daysUntilDueSpoken"
        case .daysOverdue: return "daysOverdue"
        case .daysOverdueText: return "daysOverdueText"
        case .daysOverdueSpoken: return "daysOverdueSpoken"
        }
    }
}

/// The values of one message, computed only when a template asks for them. Entries can be
/// replaced (the SMS shortening steps) or removed (an optional value left out).
struct TemplateValues {
    let context: MessageContext
    private var overrides: [TemplateVariable: String?] = [:]

    init(_ context: MessageContext) {
        self.context = context
    }

    /// Replaces a value (nil removes it, as if absent).
    mutating func set(_ variable: TemplateVariable, _ value: String?) {
        overrides[variable] = .some(value)
    }

    /// The value, or nil when absent.
    func value(_ variable: TemplateVariable) -> String? {
        if let overridden = overrides[variable] { return overridden }
        let c = context
        switch variable {
        case .slotKey: return c.slotKey
        case .customerName: return c.customerName
        case .customerFirstName: return MessageComposer.firstName(c.customerName)
        case .accountName: return c.accountName
        case .value: return MoneyFormat.brl(c.value)
        case .valueDecimal: return MoneyFormat.decimal(c.value)
        case .valueSpoken: return MoneyFormat.spoken(c.value)
        case .dueDate: return c.dueDate.brazilian
        case .dueDateISO: return c.dueDate.iso
        case .runDate: return c.runDate.brazilian
        case .payDate: return c.payDate?.brazilian
        case .link: return Self.present(c.link)
        case .invoiceUrl: return Self.present(c.invoiceUrl)
        case .bankSlipUrl: return Self.present(c.bankSlipUrl)
        case .identificationField: return Self.present(c.identificationField)
        case .description: return Self.present(c.description)
        case .daysUntilDue: return Self.days(c.daysUntilDue).map { String($0) }
        case .daysUntilDueText: return Self.days(c.daysUntilDue).map(MessageComposer.daysText)
        case .daysUntilDueSpoken: return Self.days(c.daysUntilDue).map(MessageComposer.daysSpoken)
        case .daysOverdue: return Self.days(c.daysOverdue).map { String($0) }
        case .daysOverdueText: return Self.days(c.daysOverdue).map(MessageComposer.daysText)
        case .daysOverdueSpoken: return Self.days(c.daysOverdue).map(MessageComposer.daysSpoken)
        }
    }

    /// Whether a value is present, without computing it.
    func isPresent(_ variable: TemplateVariable) -> Bool {
        if let overridden = overrides[variable] { return overridden != nil }
        let c = context
        switch variable {
        case .payDate: return c.payDate != nil
        case .link: return Self.present(c.link) != nil
        case .invoiceUrl: return Self.present(c.invoiceUrl) != nil
        case .bankSlipUrl: return Self.present(c.bankSlipUrl) != nil
        case .identificationField: return Self.present(c.identificationField) != nil
        case .description: return Self.present(c.description) != nil
        case .daysUntilDue, .daysUntilDueText, .daysUntilDueSpoken: return Self.days(c.daysUntilDue) != nil
        case .daysOverdue, .daysOverdueText, .daysOverdueSpoken: return Self.days(c.daysOverdue) != nil
        default: return true
        }
    }

    /// Due today: the run date is the due date (drives `{{#dueToday}}` / `{{#dueSoon}}`).
    var dueToday: Bool { context.runDate == context.dueDate }

    /// The presence of every value plus the due-today flag, as one key.
    var shapeKey: UInt64 {
        var key: UInt64 = dueToday ? 1 : 0
        for variable in TemplateVariable.allCases where isPresent(variable) {
            key |= 2 << UInt64(variable.rawValue)
        }
        return key
    }

    private static func present(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    private static func days(_ days: Int?) -> Int? {
        guard let days, days >= 0 else { return nil }
        return days
    }
}
