/// Writes RFC 4180 CSV rows as UTF-8 bytes with LF line ends.
///
/// A field is quoted when it holds a comma, a double quote, CR or LF, or starts or ends with a
/// space or tab (so that readers that trim unquoted fields keep it whole); quotes inside are
/// doubled. Other fields are written as they are.
public struct CSVWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    /// A writer appending to `bytes` (empty by default).
    public init(bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// Appends one row: the fields separated by commas, then LF.
    public mutating func writeRow(_ fields: [String]) {
        CSVWriter.appendRow(fields, to: &bytes)
    }

    /// Appends one row to `bytes`: the fields separated by commas, then LF.
    public static func appendRow(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Whether `field` must be quoted.
    public static func needsQuotes(_ field: String) -> Bool {
        let utf8 = field.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if isEdgeSpace(first) || isEdgeSpace(last) { return true }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0D, 0x0A: return true
            default: continue
            }
        }
        return false
    }

    /// Appends one field, quoted when needed.
    public static func appendField(_ field: String, to bytes: inout [UInt8]) {
        guard needsQuotes(field) else {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func isEdgeSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == 0x09
    }
}
