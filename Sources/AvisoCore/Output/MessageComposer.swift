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
        self.skeletons = TemplateSkeletons(library: library, directTemplates: direct)
    }

    /// The message for `channel`.
    /// - Throws: `AvisoError(.usage)` when there is no template for the context's slot key.
    public func compose(channel: Channel, context: MessageContext) throws -> OutboundMessage {
        let slotKey = context.slotKey.uppercased()
        guard DefaultTemplates.slotKeys.contains(slotKey) else {
            throw AvisoError(.usage, "no message templates for slot \(context.slotKey)",
                             hint: "expected one of " + DefaultTemplates.slotKeys.joined(separator: ", "))
        }
        switch channel {
        case .email:
            let values = TemplateValues(context)
            let subject = try render(context, "email.subject", values)
            let text = try render(context, "email.text", values)
            return .email(subject: MessageComposer.oneLine(subject), text: MessageComposer.trimmed(text))
        case .sms:
            return .sms(text: try composeSMS(context))
        case .voice:
            let script = try render(context, "voice", TemplateValues(context))
            return .voice(script: MessageComposer.oneLine(script))
        case .whatsapp:
            return MessageComposer.whatsapp(context)
        }
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

    private func composeSMS(_ context: MessageContext) throws -> String {
        let limit = MessageComposer.smsLimit
        var variables = TemplateValues(context)
        var text = GSM7.fold(MessageComposer.compactSpaces(try render(context, "sms", variables)))
        var septets = GSM7.septets(text)
        if septets <= limit { return text }

        func rerender() throws {
            text = GSM7.fold(MessageComposer.compactSpaces(try render(context, "sms", variables)))
            septets = GSM7.septets(text)
        }
        let firstName = MessageComposer.firstName(context.customerName)
        variables.set(.customerName, firstName)
        try rerender()
        if septets <= limit { return text }

        if variables.isPresent(.description) {
            variables.set(.description, nil)
            try rerender()
            if septets <= limit { return text }
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
                try rerender()
            }
            if septets <= limit { return text }
        }
        return GSM7.truncate(text, toSeptets: limit)
    }

    // MARK: Rendering

    private func render(_ context: MessageContext, _ part: String, _ values: TemplateValues) throws -> String {
        let key = DefaultTemplates.key(slotKey: context.slotKey.uppercased(), recipient: context.recipient, part: part)
        guard let text = skeletons.render(key, values) else {
            throw AvisoError(.usage, "no message template \(key)")
        }
        return text
    }

    /// `1 dia`, `10 dias`.
    static func daysText(_ days: Int) -> String {
        days == 1 ? "1 dia" : String(days) + " dias"
    }

    /// `um dia`, `dez dias`.
    static func daysSpoken(_ days: Int) -> String {
        MoneyFormat.numberWords(UInt64(days)) + (days == 1 ? " dia" : " dias")
    }

    /// The first word of a name.
    static func firstName(_ name: String) -> String {
        let words = name.unicodeScalars.split { isSpace($0) }
        guard let first = words.first else { return name }
        return String(String.UnicodeScalarView(first))
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

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" || s == "\u{A0}"
    }

    /// Whitespace runs (line breaks included) as one space, ends trimmed.
    static func oneLine(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let width = spaceWidth(bytes, i)
            if width > 0 {
                pendingSpace = !out.isEmpty
                i += width
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Runs of spaces and tabs as one space; line breaks kept; ends trimmed.
    static func compactSpaces(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let inline = b == 0x20 || b == 0x09 || (b == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0xA0)
            if inline {
                pendingSpace = !(out.isEmpty || out.last == 0x0A)
                i += b == 0xC2 ? 2 : 1
                continue
            }
            if pendingSpace && b != 0x0A && b != 0x0D { out.append(0x20) }
            pendingSpace = false
            out.append(b)
            i += 1
        }
        return trimmed(bytes: out)
    }

    /// Leading and trailing whitespace and line breaks removed; lines' trailing spaces removed.
    static func trimmed(_ text: String) -> String {
        trimmed(bytes: Array(text.utf8))
    }

    private static func trimmed(bytes: [UInt8]) -> String {
        // Each line without its trailing white space.
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            var end = i
            while end > start {
                if isSpaceByte(bytes[end - 1]) {
                    end -= 1
                } else if end - start >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
                    end -= 2
                } else {
                    break
                }
            }
            lines.append(bytes[start..<end])
            start = i + 1
        }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append(0x0A) }
            if index == 0 {
                // Leading spaces of the first line only: indentation inside the body is the author's.
                var i = line.startIndex
                while i < line.endIndex {
                    let width = spaceWidth(bytes, i, end: line.endIndex)
                    if width == 0 { break }
                    i += width
                }
                out.append(contentsOf: line[i...])
            } else {
                out.append(contentsOf: line)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func isSpaceByte(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    /// The length of the white-space character at `i` (1, or 2 for U+00A0), or 0.
    @inline(__always)
    private static func spaceWidth(_ bytes: [UInt8], _ i: Int, end: Int? = nil) -> Int {
        if isSpaceByte(bytes[i]) { return 1 }
        if bytes[i] == 0xC2, i + 1 < (end ?? bytes.count), bytes[i + 1] == 0xA0 { return 2 }
        return 0
    }
}
