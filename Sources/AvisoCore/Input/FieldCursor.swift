/// Reads typed values out of a `RawRecord` by wanted-field index, turning each failure into
/// the `RowError` FORMATS.md names (MISSING_FIELD, BAD_DATE, BAD_NUMBER, BAD_ENUM, BAD_BOOLEAN).
struct FieldCursor {
    let record: RawRecord
    let names: [String]

    func string(_ i: Int) -> String? { record.string(i) }

    func requiredString(_ i: Int) throws(RowError) -> String {
        guard let value = record.string(i) else { throw missing(i) }
        return value
    }

    func missing(_ i: Int) -> RowError {
        RowError(field: names[i], reason: "MISSING_FIELD", detail: "\(names[i]) is required but empty or absent")
    }

    private func found(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self)
        return bytes.count > 60 ? "'\(text)…'" : "'\(text)'"
    }

    func date(_ i: Int) throws(RowError) -> Day? {
        guard let bytes = record.bytes(i) else { return nil }
        guard let day = DateField.parse(bytes) else {
            throw RowError(field: names[i], reason: "BAD_DATE", detail: "expected YYYY-MM-DD or DD/MM/YYYY, found \(found(bytes))")
        }
        return day
    }

    func requiredDate(_ i: Int) throws(RowError) -> Day {
        guard let day = try date(i) else { throw missing(i) }
        return day
    }

    func requiredMoney(_ i: Int) throws(RowError) -> Int64 {
        guard let bytes = record.bytes(i) else { throw missing(i) }
        guard let cents = FieldDecoder.money(bytes) else {
            throw RowError(field: names[i], reason: "BAD_NUMBER", detail: "expected a positive amount like 1234.56, 1234,56 or 1.234,56, found \(found(bytes))")
        }
        return cents
    }

    func boolean(_ i: Int, absent: Bool) throws(RowError) -> Bool {
        guard let bytes = record.bytes(i) else { return absent }
        guard let value = FieldDecoder.boolean(bytes) else {
            throw RowError(field: names[i], reason: "BAD_BOOLEAN", detail: "expected true/false, 1/0 or sim/não, found \(found(bytes))")
        }
        return value
    }

    func requiredEnum<E: ByteDecodableEnum>(_ i: Int, _ type: E.Type) throws(RowError) -> E {
        guard let bytes = record.bytes(i) else { throw missing(i) }
        guard let value = FieldDecoder.enumeration(bytes, as: type) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw RowError(field: names[i], reason: "BAD_ENUM", detail: "expected one of \(allowed), found \(found(bytes))")
        }
        return value
    }

    func requiredInteger(_ i: Int, in range: ClosedRange<Int>) throws(RowError) -> Int {
        guard let bytes = record.bytes(i) else { throw missing(i) }
        guard let value = FieldDecoder.integer(bytes, in: range) else {
            throw RowError(field: names[i], reason: "BAD_NUMBER", detail: "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(found(bytes))")
        }
        return value
    }
}
