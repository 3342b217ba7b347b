/// Contact checks of RULES.md ("preencha corretamente os dados"): which email addresses and
/// which Brazilian phone number a notification may go to. Works on the UTF-8 bytes of the values.
public enum ContactRules {
    /// Reason code when a message is left with no valid email address.
    public static let noValidEmail = "NO_VALID_EMAIL"
    /// Reason code when an SMS or WhatsApp message has no valid mobile number.
    public static let noValidMobile = "NO_VALID_MOBILE"
    /// Reason code when a voice call has neither a valid mobile nor a valid landline number.
    public static let noValidPhone = "NO_VALID_PHONE"

    /// The longest valid email address, in bytes.
    public static let maxEmailLength = 254

    /// What a cleaned-up phone number is.
    public enum PhoneKind: Sendable, Equatable {
        /// 11 digits: DDD, then 9, then eight digits.
        case mobile
        /// 10 digits: DDD, then 2–5, then seven digits.
        case landline
    }

    // MARK: - Email

    /// The email list of a message: `primary` plus every address of `additional` (split on `,`
    /// and `;`), each trimmed, empty pieces and exact duplicates dropped, invalid ones dropped.
    /// `.email` with the remaining addresses in order, or `.rejected(NO_VALID_EMAIL)` naming what
    /// was found when none is left.
    public static func emailAddresses(primary: String?, additional: String?) -> ContactResult {
        // The common case, one plain valid address and no list: what the full rule gives, without
        // splitting, trimming and collecting (the planner asks this of most charges it plans).
        if let primary, additional?.isEmpty ?? true, isPlainAddress(primary.utf8), isValidEmail(primary) {
            return .email([primary])
        }
        var candidates: [Substring] = []
        if let primary { appendEmailPieces(of: primary, to: &candidates) }
        if let additional { appendEmailPieces(of: additional, to: &candidates) }
        var valid: [String] = []
        var invalid: [Substring] = []
        for candidate in candidates {
            if isValidEmail(candidate) { valid.append(String(candidate)) } else { invalid.append(candidate) }
        }
        if !valid.isEmpty { return .email(valid) }
        let detail = invalid.isEmpty
            ? "no email address"
            : "no valid email address in: " + invalid.joined(separator: ", ")
        return .rejected(reason: noValidEmail, detail: detail)
    }

    /// Whether one (already trimmed) address is valid: ≤ 254 bytes, no whitespace, exactly one
    /// `@`, a non-empty local part and a domain of two or more non-empty dot-separated labels.
    public static func isValidEmail<S: StringProtocol>(_ address: S) -> Bool {
        // Through the bytes' buffer when the text has one (a native String or Substring, as
        // every address the run checks): iterating the UTF-8 view cost some 30 instructions a
        // byte, for the addresses of every customer and of every charge that emails.
        let shape = address.utf8.withContiguousStorageIfAvailable { emailShape($0) } ?? emailShape(address.utf8)
        guard let hasNonASCII = shape else { return false }
        // Unicode spaces (no-break space and the like) are rare; look for them only when the
        // address holds non-ASCII bytes at all.
        return !hasNonASCII || !holdsUnicodeSpace(address)
    }

    /// `isValidEmail` on an address's UTF-8 bytes, with no String made for it unless it holds
    /// non-ASCII bytes (whose Unicode spaces are then looked for in its text).
    static func isValidEmail(utf8 bytes: UnsafeRawBufferPointer) -> Bool {
        guard let hasNonASCII = emailShape(bytes) else { return false }
        return !hasNonASCII || !holdsUnicodeSpace(String(decoding: bytes, as: UTF8.self))
    }

    private static func holdsUnicodeSpace<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    /// The byte-level checks of `isValidEmail`: nil when they fail, else whether the address
    /// holds non-ASCII bytes (whose Unicode spaces the caller then looks for).
    @inline(__always)
    private static func emailShape<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool? {
        guard !bytes.isEmpty, bytes.count <= maxEmailLength else { return nil }
        var atCount = 0
        var localLength = 0
        var labels = 0
        var labelLength = 0
        var hasNonASCII = false
        for byte in bytes {
            if byte == UInt8(ascii: "@") {
                atCount += 1
                if atCount > 1 { return nil }
                continue
            }
            if byte >= 0x80 {
                hasNonASCII = true
            } else if isASCIIWhitespace(byte) {
                return nil
            }
            if atCount == 0 {
                localLength += 1
            } else if byte == UInt8(ascii: ".") {
                if labelLength == 0 { return nil }
                labels += 1
                labelLength = 0
            } else {
                labelLength += 1
            }
        }
        guard atCount == 1, localLength > 0, labelLength > 0, labels >= 1 else { return nil }
        return hasNonASCII
    }

    /// Whether a value is one address as it stands: no `,` or `;` (the rule would split it) and
    /// an ASCII byte that is not white space at either end (the rule would trim nothing). For
    /// such a value the rule's only piece is the value itself. Empty is not plain.
    static func isPlainAddress<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first else { return false }
        var last = first
        for byte in bytes {
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") { return false }
            last = byte
        }
        return first < 0x80 && last < 0x80 && !isASCIIWhitespace(first) && !isASCIIWhitespace(last)
    }

    private static func appendEmailPieces(of text: String, to list: inout [Substring]) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while true {
            let atEnd = index == utf8.endIndex
            if atEnd || utf8[index] == UInt8(ascii: ",") || utf8[index] == UInt8(ascii: ";") {
                let piece = trimmed(text[start..<index])
                if !piece.isEmpty, !list.contains(piece) { list.append(piece) }
                if atEnd { break }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return text[text.endIndex...] }
        return text[first...last]
    }

    @inline(__always)
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    // MARK: - Phones

    /// The SMS / WhatsApp destination: a valid mobile number as `+55…`, else
    /// `.rejected(NO_VALID_MOBILE)`.
    public static func mobile(_ raw: String?) -> ContactResult {
        guard let raw else { return .rejected(reason: noValidMobile, detail: "no mobile number") }
        if let (kind, number) = classifyPhone(raw), kind == .mobile { return .phone(number) }
        return .rejected(reason: noValidMobile, detail: "\"\(raw)\" is not a valid mobile number")
    }

    /// The voice-call destination: the first of `mobilePhone`, `phone` that holds a valid mobile
    /// or landline number, as `+55…`; else `.rejected(NO_VALID_PHONE)`.
    public static func voice(mobilePhone: String?, phone: String?) -> ContactResult {
        if let mobilePhone, let (_, number) = classifyPhone(mobilePhone) { return .phone(number) }
        if let phone, let (_, number) = classifyPhone(phone) { return .phone(number) }
        if mobilePhone == nil, phone == nil {
            return .rejected(reason: noValidPhone, detail: "no phone number")
        }
        var found: [String] = []
        if let mobilePhone { found.append("mobilePhone \"\(mobilePhone)\"") }
        if let phone { found.append("phone \"\(phone)\"") }
        return .rejected(reason: noValidPhone, detail: "no valid mobile or landline number in " + found.joined(separator: ", "))
    }

    /// Cleans a raw number up (drop spaces, dots, dashes, parentheses; then a leading `+55`, or
    /// a leading `55` when 12 or 13 digits remain, or a trunk `0` when 11 or 12 remain) and
    /// classifies it: its kind and E.164 form, or nil when it is neither a mobile nor a landline.
    public static func classifyPhone(_ raw: String) -> (kind: PhoneKind, e164: String)? {
        TextBytes.withUTF8(raw) { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 + nationalDigits) { e164 in
                let base = e164.baseAddress!
                guard let kind = classifyPhone(utf8: bytes, national: base + 3) else { return nil }
                base[0] = UInt8(ascii: "+")
                base[1] = UInt8(ascii: "5")
                base[2] = UInt8(ascii: "5")
                let count = 3 + (kind == .mobile ? 11 : 10)
                return (kind, String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self))
            }
        }
    }

    /// The kind of the raw number `bytes` (cleaned and classified as `classifyPhone(_:)` does),
    /// without making a String: what a customer's reach needs of its numbers, for each of
    /// millions of customers. Nil when it is neither a mobile nor a landline.
    static func phoneKind(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PhoneKind? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: nationalDigits) { national in
            classifyPhone(utf8: bytes, national: national.baseAddress!)
        }
    }

    /// The most digits of a number after its country code or trunk prefix.
    private static let nationalDigits = 11

    /// `classifyPhone(_:)` on UTF-8 bytes: the kind, with the national digits (area code first,
    /// 11 for a mobile, 10 for a landline) written at `national`; nil, writing anything there,
    /// when the number is neither.
    private static func classifyPhone(utf8 raw: UnsafeBufferPointer<UInt8>, national: UnsafeMutablePointer<UInt8>) -> PhoneKind? {
        // A valid number keeps at most 14 bytes (`+55` and 11 digits): a longer one is not read on.
        let keptLimit = 14
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: keptLimit) { buffer -> PhoneKind? in
            let digits = buffer.baseAddress!
            var kept = 0
            for byte in raw {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"):
                    continue
                default:
                    guard kept < keptLimit else { return nil }
                    digits[kept] = byte
                    kept += 1
                }
            }
            var start = 0
            if kept >= 3, digits[0] == UInt8(ascii: "+"), digits[1] == UInt8(ascii: "5"), digits[2] == UInt8(ascii: "5") {
                start = 3
            } else if kept == 12 || kept == 13, digits[0] == UInt8(ascii: "5"), digits[1] == UInt8(ascii: "5") {
                start = 2
            } else if kept == 11 || kept == 12, digits[0] == UInt8(ascii: "0") {
                start = 1
            }
            let count = kept - start
            guard count == 10 || count == 11 else { return nil }
            for i in start..<kept where digits[i] < UInt8(ascii: "0") || digits[i] > UInt8(ascii: "9") {
                return nil
            }
            let ddd = Int(digits[start] - 48) * 10 + Int(digits[start + 1] - 48)
            guard isValidDDD(ddd) else { return nil }
            let lead = digits[start + 2]
            let kind: PhoneKind
            if count == 11, lead == UInt8(ascii: "9") {
                kind = .mobile
            } else if count == 10, lead >= UInt8(ascii: "2"), lead <= UInt8(ascii: "5") {
                kind = .landline
            } else {
                return nil
            }
            national.update(from: digits + start, count: count)
            return kind
        }
    }

    /// Whether a two-digit area code is one of the 67 DDDs in use in Brazil.
    public static func isValidDDD(_ ddd: Int) -> Bool {
        switch ddd {
        case 11...19, 21, 22, 24, 27, 28, 31...35, 37, 38, 41...49, 51, 53...55, 61...69, 71,
             73...75, 77, 79, 81...89, 91...99:
            return true
        default:
            return false
        }
    }
}
