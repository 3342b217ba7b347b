/// Appends HTML to a byte buffer. Text and attribute values always go through `text`/`attribute`,
/// which escape `& < > " '`; only literal markup written by the report itself uses `raw`.
struct HTMLBuilder {
    /// The page so far, UTF-8.
    var bytes: [UInt8] = []

    init(capacity: Int = 64 * 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Literal markup, written as is.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Text content, escaped.
    mutating func text(_ value: String) {
        HTMLBuilder.appendEscaped(value, to: &bytes)
    }

    /// `<tag attrs>escaped text</tag>`; `attrs` is literal markup (may be empty).
    mutating func element(_ tag: String, _ attrs: String = "", _ value: String) {
        raw("<" + tag)
        if !attrs.isEmpty { raw(" " + attrs) }
        raw(">")
        text(value)
        raw("</" + tag + ">")
    }

    /// `name="escaped value"`, to build attribute strings.
    static func attribute(_ name: String, _ value: String) -> String {
        name + "=\"" + escaped(value) + "\""
    }

    /// `value` with the five HTML-significant characters replaced by entities.
    static func escaped(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        appendEscaped(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            // Control bytes other than tab/LF/CR are not allowed in HTML text; show a space.
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: bytes.append(UInt8(ascii: " "))
            default: bytes.append(byte)
            }
        }
    }
}
