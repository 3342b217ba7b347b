/// A small RFC 4180 reader for checking the CSV files the binary writes (quoted fields may hold
/// commas, doubled quotes and line breaks). Test-only: it trusts its input.
struct CSVTable {
    /// Every record, the header included, as its fields.
    let rows: [[String]]

    /// Splits `text` into records and fields.
    init(_ text: String) {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var atFieldStart = true
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && atFieldStart {
                quoted = true
                atFieldStart = false
            } else if byte == UInt8(ascii: ",") {
                row.append(String(decoding: field, as: UTF8.self))
                field = []
                atFieldStart = true
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                row.append(String(decoding: field, as: UTF8.self))
                rows.append(row)
                row = []
                field = []
                atFieldStart = true
            } else {
                field.append(byte)
                atFieldStart = false
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(String(decoding: field, as: UTF8.self))
            rows.append(row)
        }
        self.rows = rows
    }

    /// The header record.
    var header: [String] { rows.first ?? [] }

    /// The records after the header.
    var records: [[String]] { Array(rows.dropFirst()) }
}
