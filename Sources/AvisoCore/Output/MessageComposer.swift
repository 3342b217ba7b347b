import Foundation
import Mustache

/// What a message is about: the slot (or resend group), who receives it and the charge's facts.
public struct MessageContext: Sendable, Equatable {
    /// `CREATED`, `WARNING_BEFORE`, `WARNING_DUE`, `LINHA_DIGITAVEL`, `OVERDUE_FIRST`,
    /// `OVERDUE_REPEAT`, `RECEIVED`, `RESEND_BEFORE_DUE` or `RESEND_OVERDUE`.
    public var slotKey: String
    /// The customer, or the merchant ("para mim").
    public var recipient: Recipient
    /// The customer's name.
    public var customerName: String
    /// The account's (merchant's) name.
    public var accountName: String
    /// The charge's face value in centavos.
    public var value: Int64
    /// The charge's due date.
    public var dueDate: Day
    /// The pay date of a paid charge.
    public var payDate: Day?
    /// The invoice link.
    public var invoiceUrl: String?
    /// The boleto link.
    public var bankSlipUrl: String?
    /// The linha digitável.
    public var identificationField: String?
    /// The charge's description.
    public var description: String?
    /// Days from the run date to the due date (before-due messages).
    public var daysUntilDue: Int?
    /// Days from the due date to the run date (overdue messages).
    public var daysOverdue: Int?
    /// The run date.
    public var runDate: Day

    /// A context with every field given.
    public init(
        slotKey: String, recipient: Recipient, customerName: String, accountName: String, value: Int64,
        dueDate: Day, payDate: Day? = nil, invoiceUrl: String? = nil, bankSlipUrl: String? = nil,
        identificationField: String? = nil, description: String? = nil, daysUntilDue: Int? = nil,
        daysOverdue: Int? = nil, runDate: Day
    ) {
        self.slotKey = slotKey
        self.recipient = recipient
        self.customerName = customerName
        self.accountName = accountName
        self.value = value
        self.dueDate = dueDate
        self.payDate = payDate
        self.invoiceUrl = invoiceUrl
        self.bankSlipUrl = bankSlipUrl
        self.identificationField = identificationField
        self.description = description
        self.daysUntilDue = daysUntilDue
        self.daysOverdue = daysOverdue
        self.runDate = runDate
    }

    /// The link a message points to: the invoice, else the boleto.
    public var link: String? { invoiceUrl ?? bankSlipUrl }
}

/// Turns a message context into the message for a channel, from Mustache templates: the
/// built-in ones (`DefaultTemplates`) or overrides from a folder.
///
/// Templates are plain text: nothing is HTML-escaped. Email subjects and voice scripts are
/// made one line; SMS texts are folded to GSM-7 and always fit 160 septets (a long text is
/// shortened step by step: the customer's first name instead of the full name, no description,
/// the account name cut with `...`, the first name cut, and as a last resort the text itself cut
/// with `...`). WhatsApp messages are not free text: a template name and ordered parameters.
public final class MessageComposer: Sendable {
    /// The most septets an SMS may take.
    public static let smsLimit = 160

    private let skeletons: TemplateSkeletons

    // Every template is parsed with this pragma in front so that `{{name}}` is never HTML-escaped.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    /// Loads the built-in templates and, when `templateDirectory` is given, the overrides in it:
    /// each file must be named `<key>.mustache` after a built-in key (hidden files are ignored).
    /// - Throws: `AvisoError(.usage)` naming the unknown files, or the file and line of a
    ///   template that does not parse, or when the folder cannot be read.
    public init(templateDirectory: String?) throws {
        var library = MustacheLibrary()
        for key in DefaultTemplates.keys {
            let text = DefaultTemplates.templates[key] ?? ""
            do {
                library.register(try MustacheTemplate(string: MessageComposer.textPragma + text), named: key)
            } catch {
                throw AvisoError(.usage, "built-in template \(key) does not parse: \(error)")
            }
        }
        var direct = Set<String>()
        if let directory = templateDirectory {
            for (key, template, usesTransforms) in try MessageComposer.loadOverrides(directory) {
                library.register(template, named: key)
                if usesTransforms { direct.insert(key) }
            }
        }
        self.skeletons = TemplateSkeletons(library: library, names: MessageComposer.templateNames, directTemplates: direct)
    }

    /// The message for `channel`.
    /// - Throws: `AvisoError(.usage)` when there is no template for the context's slot key.
    public func compose(channel: Channel, context: MessageContext) throws -> OutboundMessage {
        try message(channel: channel, context: context, slot: MessageComposer.slot(of: context))
    }

    /// The message for `channel`, for a context whose slot key is slot number `slot` (see
    /// `slot(of:)`).
    /// - Throws: `AvisoError(.usage)` when a template is missing.
    func message(channel: Channel, context: MessageContext, slot: Int) throws -> OutboundMessage {
        if channel == .whatsapp { return MessageComposer.whatsapp(context) }
        var buffers = MessageBuffers()
        if let missing = composeText(channel: channel, context: context, slot: slot, into: &buffers) {
            throw AvisoError(.usage, "no message template \(MessageComposer.templateNames[missing])")
        }
        let first = String(decoding: buffers.first, as: UTF8.self)
        switch channel {
        case .email: return .email(subject: first, text: String(decoding: buffers.second, as: UTF8.self))
        case .sms: return .sms(text: first)
        default: return .voice(script: first)
        }
    }

    /// The index of the context's slot key in `DefaultTemplates.slotKeys` (any case).
    /// - Throws: `AvisoError(.usage)` when it is none of them.
    static func slot(of context: MessageContext) throws -> Int {
        try slot(ofKey: context.slotKey)
    }

    /// `slot(of:)` for a context whose slot key is `slotKey`.
    static func slot(ofKey slotKey: String) throws -> Int {
        let keys = DefaultTemplates.slotKeys
        if let index = keys.firstIndex(of: slotKey) { return index }
        if let index = keys.firstIndex(of: slotKey.uppercased()) { return index }
        throw AvisoError(.usage, "no message templates for slot \(slotKey)",
                         hint: "expected one of " + keys.joined(separator: ", "))
    }

    /// Composes the text of an email, SMS or voice message for slot number `slot` (see
    /// `slot(of:)`) into `buffers.first` (subject, SMS text, script) and `buffers.second`
    /// (email text), replacing what they held. Returns nil, or the index of a missing template.
    func composeText(channel: Channel, context: MessageContext, slot: Int, into buffers: inout MessageBuffers) -> Int? {
        var values = TemplateValues(context)
        return composeText(channel: channel, values: &values, recipient: context.recipient, slot: slot, into: &buffers)
    }

    /// `composeText(channel:context:slot:into:)` from a message's values (the run's packed
    /// context and the message's slot key) and its recipient.
    func composeText(channel: Channel, values: inout TemplateValues, recipient: Recipient, slot: Int,
                     into buffers: inout MessageBuffers) -> Int? {
        buffers.first.removeAll(keepingCapacity: true)
        buffers.second.removeAll(keepingCapacity: true)
        let base = MessageComposer.templateIndex(slot: slot, recipient: recipient, part: 0)
        switch channel {
        case .email:
            guard render(base + Part.emailSubject, values, buffers: &buffers) else { return base + Part.emailSubject }
            buffers.rendered.withUnsafeBufferPointer { MessageText.appendOneLine($0, to: &buffers.first) }
            guard render(base + Part.emailText, values, buffers: &buffers) else { return base + Part.emailText }
            buffers.rendered.withUnsafeBufferPointer { MessageText.appendTrimmed($0, to: &buffers.second) }
        case .sms:
            guard composeSMS(base + Part.sms, &values, &buffers) else { return base + Part.sms }
        case .voice, .whatsapp:
            guard render(base + Part.voice, values, buffers: &buffers) else { return base + Part.voice }
            buffers.rendered.withUnsafeBufferPointer { MessageText.appendOneLine($0, to: &buffers.first) }
        }
        return nil
    }

    // MARK: Templates

    /// The template parts, in the order of `DefaultTemplates.parts`.
    private enum Part {
        static let emailSubject = 0
        static let emailText = 1
        static let sms = 2
        static let voice = 3
    }

    /// Template keys by index: slot, then recipient, then part.
    private static let templateNames: [String] = DefaultTemplates.slotKeys.flatMap { slotKey in
        Recipient.allCases.flatMap { recipient in
            DefaultTemplates.parts.map { DefaultTemplates.key(slotKey: slotKey, recipient: recipient, part: $0) }
        }
    }

    private static func templateIndex(slot: Int, recipient: Recipient, part: Int) -> Int {
        (slot * Recipient.allCases.count + recipient.rawValue) * DefaultTemplates.parts.count + part
    }

    // MARK: WhatsApp

    /// Template `aviso_<slot key>` (provider: `aviso_<slot key>_para_mim`) with parameters
    /// customer name, account name, value, due date, link (empty when none), and the linha
    /// digitável for LINHA_DIGITAVEL.
    static func whatsapp(_ context: MessageContext) -> OutboundMessage {
        var name = "aviso_" + context.slotKey.lowercased()
        if context.recipient == .provider { name += "_para_mim" }
        var parameters = [
            context.customerName, context.accountName, MoneyFormat.brl(context.value), context.dueDate.brazilian,
            context.link ?? "",
        ]
        if context.slotKey.uppercased() == "LINHA_DIGITAVEL" {
            parameters.append(context.identificationField ?? "")
        }
        // The WhatsApp Business API refuses line breaks and tabs inside template parameters.
        return .whatsapp(template: name, parameters: parameters.map(oneLine))
    }

    // MARK: SMS

    /// Renders the SMS into `buffers.first`, shortened to fit; false when the template is missing.
    private func composeSMS(_ template: Int, _ variables: inout TemplateValues, _ buffers: inout MessageBuffers) -> Bool {
        let limit = MessageComposer.smsLimit
        var septets = 0
        func rerender() -> Bool {
            guard render(template, variables, buffers: &buffers) else { return false }
            buffers.cleaned.removeAll(keepingCapacity: true)
            buffers.rendered.withUnsafeBufferPointer {
                MessageText.appendCompactSpaces($0, to: &buffers.cleaned, work: &buffers.work)
            }
            buffers.first.removeAll(keepingCapacity: true)
            septets = buffers.cleaned.withUnsafeBufferPointer { GSM7.fold($0, into: &buffers.first) }
            return true
        }
        guard rerender() else { return false }
        if septets <= limit { return true }

        let firstName = MessageComposer.firstName(variables.customerName)
        variables.set(.customerName, firstName)
        guard rerender() else { return false }
        if septets <= limit { return true }

        if variables.isPresent(.description) {
            variables.set(.description, nil)
            guard rerender() else { return false }
            if septets <= limit { return true }
        }

        // Cut the names, each by the overflow, a few rounds at most (a name may appear twice).
        for name in [TemplateVariable.accountName, .customerName] {
            for _ in 0..<4 where septets > limit {
                guard let current = variables.value(name) else { break }
                let length = GSM7.septets(current)
                let target = length - (septets - limit)
                guard target >= 6, target < length else { break }
                let cut = GSM7.truncate(current, toSeptets: target)
                variables.set(name, cut)
                if name == .customerName { variables.set(.customerFirstName, cut) }
                guard rerender() else { return false }
            }
            if septets <= limit { return true }
        }
        // The text is already folded: cutting it is all that is left.
        GSM7.truncate(folded: &buffers.first, septets: septets, toSeptets: limit)
        return true
    }

    // MARK: Rendering

    /// Renders template `index` into `buffers.rendered`, replacing what it held, with the
    /// skeletons of the thread that owns `buffers`.
    private func render(_ index: Int, _ values: TemplateValues, buffers: inout MessageBuffers) -> Bool {
        buffers.rendered.removeAll(keepingCapacity: true)
        return skeletons.render(index, values, into: &buffers.rendered, cache: &buffers.skeletons)
    }

    /// `um dia`, `dez dias`.
    static func daysSpoken(_ days: Int) -> String {
        MoneyFormat.numberWords(UInt64(days)) + (days == 1 ? " dia" : " dias")
    }

    /// The first word of a name (the name itself when it has no word).
    static func firstName(_ name: String) -> String {
        TextBytes.withUTF8(name) { String(decoding: UnsafeBufferPointer(rebasing: $0[MessageText.firstName($0)]), as: UTF8.self) }
    }

    // MARK: Loading overrides

    private static func loadOverrides(_ directory: String) throws -> [(String, MustacheTemplate, Bool)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw AvisoError(.usage, file: directory, "the template folder cannot be read",
                             hint: "give an existing folder with --templates")
        }
        let known = Set(DefaultTemplates.keys)
        var unknown: [String] = []
        var found: [(String, String)] = []
        for name in names.sorted(by: { OutboundFileWriter.byteOrder($0, $1) ?? false }) where !name.hasPrefix(".") {
            let suffix = ".mustache"
            if name.hasSuffix(suffix), known.contains(String(name.dropLast(suffix.count))) {
                found.append((String(name.dropLast(suffix.count)), name))
            } else {
                unknown.append(name)
            }
        }
        if !unknown.isEmpty {
            throw AvisoError(.usage, file: directory, "unknown template files: " + unknown.joined(separator: ", "),
                             hint: "name overrides <slot>.<customer|provider>.<email.subject|email.text|sms|voice>.mustache, e.g. warning_due.customer.sms.mustache")
        }
        var templates: [(String, MustacheTemplate, Bool)] = []
        for (key, name) in found {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                  var text = String(bytes: data, encoding: .utf8)
            else {
                throw AvisoError(.usage, file: path, "the template cannot be read as UTF-8 text")
            }
            // Editors on Windows may save a byte-order mark; it is not part of the message.
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            do {
                templates.append((key, try MustacheTemplate(string: textPragma + text), usesTransforms(text)))
            } catch let error as MustacheTemplate.ParserError {
                throw AvisoError(.usage, file: path, line: error.context.lineNumber,
                                 "the template does not parse: \(error.error) near \"\(error.context.line)\"")
            } catch {
                throw AvisoError(.usage, file: path, "the template does not parse: \(error)")
            }
        }
        return templates
    }

    /// Whether a template applies a transform (`{{uppercased(name)}}`) inside a tag: such a
    /// template is rendered with the real values every time instead of from a skeleton.
    static func usesTransforms(_ text: String) -> Bool {
        var inTag = false
        var previous: Character = " "
        for character in text {
            if previous == "{" && character == "{" { inTag = true }
            if previous == "}" && character == "}" { inTag = false }
            if inTag && character == "(" { return true }
            previous = character
        }
        return false
    }

    // MARK: Text clean-up

    /// Whitespace runs (line breaks included) as one space, ends trimmed.
    static func oneLine(_ text: String) -> String {
        var out: [UInt8] = []
        TextBytes.withUTF8(text) { MessageText.appendOneLine($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Runs of spaces and tabs as one space; line breaks kept; ends trimmed.
    static func compactSpaces(_ text: String) -> String {
        var out: [UInt8] = [], work: [UInt8] = []
        TextBytes.withUTF8(text) { MessageText.appendCompactSpaces($0, to: &out, work: &work) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Leading and trailing whitespace and line breaks removed; lines' trailing spaces removed.
    static func trimmed(_ text: String) -> String {
        var out: [UInt8] = []
        TextBytes.withUTF8(text) { MessageText.appendTrimmed($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
