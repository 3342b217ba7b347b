/// How one table's records are laid out in the chosen format: the CSV header and delimiters, or
/// the XML root, record and field elements. Generators call `start`/`end` around each present
/// value, `absent` for a missing one, in field order; the layout adds what the format needs.
struct RecordLayout {
    let format: ExportGenerator.Format
    /// Bytes before the first record: the CSV header line, or the XML declaration and root.
    let prologue: [UInt8]
    /// Bytes after the last record (the XML root's end tag).
    let epilogue: [UInt8]
    private let recordOpen: [UInt8]
    private let recordClose: [UInt8]
    private let opens: [[UInt8]]
    private let closes: [[UInt8]]
    private let isCSV: Bool

    /// A layout for `fields` (in this order) of table `root` (`charges`) with records `record`.
    init(format: ExportGenerator.Format, root: String, record: String, fields: [String]) {
        self.format = format
        isCSV = format == .csv
        switch format {
        case .csv:
            prologue = Array((fields.joined(separator: ",") + "\n").utf8)
            epilogue = []
            recordOpen = []
            recordClose = [0x0A]
            opens = fields.indices.map { $0 == 0 ? [] : [0x2C] }
            closes = fields.map { _ in [] }
        case .xml:
            prologue = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(root)>\n".utf8)
            epilogue = Array("</\(root)>\n".utf8)
            recordOpen = Array("  <\(record)>\n".utf8)
            recordClose = Array("  </\(record)>\n".utf8)
            opens = fields.map { Array("    <\($0)>".utf8) }
            closes = fields.map { Array("</\($0)>\n".utf8) }
        }
    }

    @inline(__always)
    func begin(_ b: inout ByteBuilder) {
        if !isCSV { b.append(recordOpen) }
    }

    @inline(__always)
    func finish(_ b: inout ByteBuilder) {
        b.append(recordClose)
    }

    /// Before the value of field `i`.
    @inline(__always)
    func start(_ b: inout ByteBuilder, _ i: Int) {
        if isCSV {
            if i > 0 { b.byte(0x2C) }
        } else {
            b.append(opens[i])
        }
    }

    /// After the value of field `i`.
    @inline(__always)
    func end(_ b: inout ByteBuilder, _ i: Int) {
        if !isCSV { b.append(closes[i]) }
    }

    /// Field `i` has no value: an empty CSV field, no XML element.
    @inline(__always)
    func absent(_ b: inout ByteBuilder, _ i: Int) {
        if isCSV, i > 0 { b.byte(0x2C) }
    }

    /// Field `i` with bytes already encoded for this format (see `encode`).
    @inline(__always)
    func value(_ b: inout ByteBuilder, _ i: Int, _ encoded: [UInt8]) {
        start(&b, i)
        b.append(encoded)
        end(&b, i)
    }

    /// Text encoded for this format: CSV quotes a value holding a comma, quote or line break
    /// (quotes doubled); XML escapes `&`, `<` and `>`.
    func encode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        switch format {
        case .csv:
            guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return bytes }
            var out: [UInt8] = [0x22]
            for byte in bytes {
                out.append(byte)
                if byte == 0x22 { out.append(0x22) }
            }
            out.append(0x22)
            return out
        case .xml:
            var out: [UInt8] = []
            for byte in bytes {
                switch byte {
                case 0x26: out += Array("&amp;".utf8)
                case 0x3C: out += Array("&lt;".utf8)
                case 0x3E: out += Array("&gt;".utf8)
                default: out.append(byte)
                }
            }
            return out
        }
    }
}
