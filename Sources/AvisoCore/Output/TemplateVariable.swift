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

/// The values of one message, computed only when a template asks for them and appended
/// straight to the message's bytes: the texts from the packed context's bytes (the run keeps
/// its contexts packed, and a `String` made back from each text of each message was a sixth of
/// composing it). Entries can be replaced (the SMS shortening steps) or removed (an optional
/// value left out).
struct TemplateValues {
    /// The message's context: its texts packed, its numbers.
    let packed: PackedMessageContext
    /// The message's slot key (`WARNING_DUE`).
    let slotKey: String
    // Bit `rawValue` set when that variable has a value in the context (before overrides).
    private let presence: UInt32
    // Bit `rawValue` set when that variable is replaced; its value (nil: removed) is then in
    // `overrideValues`, made on the first replacement. By index, not a dictionary: the SMS
    // shortening re-renders a template after each step, and every variable it reads was a
    // hashed lookup.
    private var overridden: UInt32 = 0
    private var overrideValues: [String?] = []

    /// The values of `context` (packed first: tests and `explain` compose this way).
    init(_ context: MessageContext) {
        self.init(packed: PackedMessageContext(context), slotKey: context.slotKey)
    }

    /// The values of a packed context with the message's slot key.
    init(packed: PackedMessageContext, slotKey: String) {
        self.packed = packed
        self.slotKey = slotKey
        var presence: UInt32 = 0
        for variable in TemplateVariable.allCases where Self.isPresent(variable, in: packed) {
            presence |= 1 << UInt32(variable.rawValue)
        }
        self.presence = presence
    }

    /// Replaces a value (nil removes it, as if absent).
    mutating func set(_ variable: TemplateVariable, _ value: String?) {
        if overrideValues.isEmpty { overrideValues = Array(repeating: nil, count: TemplateVariable.allCases.count) }
        overrideValues[variable.rawValue] = value
        overridden |= 1 << UInt32(variable.rawValue)
    }

    /// The value, or nil when absent.
    func value(_ variable: TemplateVariable) -> String? {
        if isOverridden(variable) { return overrideValues[variable.rawValue] }
        guard isPresent(variable) else { return nil }
        var bytes: [UInt8] = []
        appendBase(variable, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the value's UTF-8 bytes (nothing when absent).
    func append(_ variable: TemplateVariable, to out: inout [UInt8]) {
        if isOverridden(variable) {
            if let value = overrideValues[variable.rawValue] { TextBytes.append(value, to: &out) }
            return
        }
        if presence & (1 << UInt32(variable.rawValue)) != 0 { appendBase(variable, to: &out) }
    }

    /// Whether a value is present, without computing it.
    func isPresent(_ variable: TemplateVariable) -> Bool {
        if isOverridden(variable) { return overrideValues[variable.rawValue] != nil }
        return presence & (1 << UInt32(variable.rawValue)) != 0
    }

    /// Whether `set` replaced the variable's value.
    @inline(__always)
    private func isOverridden(_ variable: TemplateVariable) -> Bool {
        overridden & (1 << UInt32(variable.rawValue)) != 0
    }

    /// Due today: the run date is the due date (drives `{{#dueToday}}` / `{{#dueSoon}}`).
    var dueToday: Bool { packed.runDate == packed.dueDate }

    /// The context's customer name (empty when it has none).
    var customerName: String {
        withText(PackedMessageContext.Field.customerName) { String(decoding: $0 ?? UnsafeRawBufferPointer(start: nil, count: 0), as: UTF8.self) }
    }

    /// The presence of every value plus the due-today flag, as one key.
    var shapeKey: UInt64 {
        var key: UInt64 = dueToday ? 1 : 0
        if overridden == 0 { return key | UInt64(presence) << 1 }
        for variable in TemplateVariable.allCases where isPresent(variable) {
            key |= 2 << UInt64(variable.rawValue)
        }
        return key
    }

    /// Calls `body` with the bytes of the packed context's text `field`, nil when it has none.
    @inline(__always)
    private func withText<R>(_ field: Int, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        packed.texts.withBytes(field, body)
    }

    /// Appends the packed context's text `field` (nothing when it has none).
    @inline(__always)
    private func appendText(_ field: Int, to out: inout [UInt8]) {
        withText(field) { if let bytes = $0 { out.append(contentsOf: bytes) } }
    }

    /// The field of `context`'s link: the invoice link when the context has one (even empty,
    /// as `MessageContext.link` is `invoiceUrl ?? bankSlipUrl`), else the boleto link.
    private static func linkField(of context: PackedMessageContext) -> Int {
        context.texts.withBytes(PackedMessageContext.Field.invoiceUrl) { $0 != nil }
            ? PackedMessageContext.Field.invoiceUrl : PackedMessageContext.Field.bankSlipUrl
    }

    /// The context's own value of a present variable.
    private func appendBase(_ variable: TemplateVariable, to out: inout [UInt8]) {
        typealias Field = PackedMessageContext.Field
        let c = packed
        switch variable {
        case .slotKey: TextBytes.append(slotKey, to: &out)
        case .customerName: appendText(Field.customerName, to: &out)
        case .customerFirstName:
            withText(Field.customerName) { raw in
                guard let raw else { return }
                let name = raw.bindMemory(to: UInt8.self)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: name[MessageText.firstName(name)]))
            }
        case .accountName: appendText(Field.accountName, to: &out)
        case .value: MoneyFormat.appendBRL(c.value, to: &out)
        case .valueDecimal: MoneyFormat.appendDecimal(c.value, to: &out)
        case .valueSpoken: TextBytes.append(MoneyFormat.spoken(c.value), to: &out)
        case .dueDate: TextBytes.appendBrazilian(c.dueDate, to: &out)
        case .dueDateISO: TextBytes.appendISO(c.dueDate, to: &out)
        case .runDate: TextBytes.appendBrazilian(c.runDate, to: &out)
        case .payDate: if let payDate = c.payDate { TextBytes.appendBrazilian(payDate, to: &out) }
        case .link: appendText(Self.linkField(of: c), to: &out)
        case .invoiceUrl: appendText(Field.invoiceUrl, to: &out)
        case .bankSlipUrl: appendText(Field.bankSlipUrl, to: &out)
        case .identificationField: appendText(Field.identificationField, to: &out)
        case .description: appendText(Field.description, to: &out)
        case .daysUntilDue: if let days = c.daysUntilDue { TextBytes.appendInteger(Int64(days), to: &out) }
        case .daysUntilDueText: if let days = c.daysUntilDue { Self.appendDaysText(days, to: &out) }
        case .daysUntilDueSpoken: if let days = c.daysUntilDue { TextBytes.append(MessageComposer.daysSpoken(days), to: &out) }
        case .daysOverdue: if let days = c.daysOverdue { TextBytes.appendInteger(Int64(days), to: &out) }
        case .daysOverdueText: if let days = c.daysOverdue { Self.appendDaysText(days, to: &out) }
        case .daysOverdueSpoken: if let days = c.daysOverdue { TextBytes.append(MessageComposer.daysSpoken(days), to: &out) }
        }
    }

    /// `MessageComposer.daysText` as bytes: `1 dia`, `10 dias`.
    private static func appendDaysText(_ days: Int, to out: inout [UInt8]) {
        if days == 1 {
            TextBytes.append(literal: "1 dia", to: &out)
        } else {
            TextBytes.appendInteger(Int64(days), to: &out)
            TextBytes.append(literal: " dias", to: &out)
        }
    }

    /// Whether the packed context has a value for `variable`: a text present and not empty
    /// (the link: the invoice link when present, else the boleto link), a day count of 0 or more.
    private static func isPresent(_ variable: TemplateVariable, in c: PackedMessageContext) -> Bool {
        typealias Field = PackedMessageContext.Field
        func text(_ field: Int) -> Bool { c.texts.withBytes(field) { ($0?.count ?? 0) > 0 } }
        switch variable {
        case .payDate: return c.payDate != nil
        case .link: return text(linkField(of: c))
        case .invoiceUrl: return text(Field.invoiceUrl)
        case .bankSlipUrl: return text(Field.bankSlipUrl)
        case .identificationField: return text(Field.identificationField)
        case .description: return text(Field.description)
        case .daysUntilDue, .daysUntilDueText, .daysUntilDueSpoken: return days(c.daysUntilDue)
        case .daysOverdue, .daysOverdueText, .daysOverdueSpoken: return days(c.daysOverdue)
        default: return true
        }
    }

    private static func days(_ days: Int?) -> Bool {
        guard let days else { return false }
        return days >= 0
    }
}
