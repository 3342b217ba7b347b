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

    /// `decode` applied to field `i`'s bytes where they lie (a slice of the record's buffer
    /// would retain and release it, for every field of every row); nil when the field is
    /// absent, `.some(nil)` when `decode` refuses it.
    @inline(__always)
    private func decoded<T>(_ i: Int, _ decode: (UnsafeBufferPointer<UInt8>) -> T?) -> T?? {
        let start = record.starts[i]
        guard start >= 0 else { return nil }
        let end = record.ends[i]
        return .some(record.storage.withUnsafeBufferPointer { decode(UnsafeBufferPointer(rebasing: $0[start..<end])) })
    }

    func date(_ i: Int) throws(RowError) -> Day? {
        guard let parsed = decoded(i, { DateField.parse($0) }) else { return nil }
        guard let day = parsed else {
            throw RowError(field: names[i], reason: "BAD_DATE", detail: "expected YYYY-MM-DD or DD/MM/YYYY, found \(found(record.bytes(i)!))")
        }
        return day
    }

    func requiredDate(_ i: Int) throws(RowError) -> Day {
        guard let day = try date(i) else { throw missing(i) }
        return day
    }

    func requiredMoney(_ i: Int) throws(RowError) -> Int64 {
        guard let parsed = decoded(i, { FieldDecoder.money($0) }) else { throw missing(i) }
        guard let cents = parsed else {
            throw RowError(field: names[i], reason: "BAD_NUMBER", detail: "expected a positive amount like 1234.56, 1234,56 or 1.234,56, found \(found(record.bytes(i)!))")
        }
        return cents
    }

    func boolean(_ i: Int, absent: Bool) throws(RowError) -> Bool {
        guard let parsed = decoded(i, { FieldDecoder.boolean($0) }) else { return absent }
        guard let value = parsed else {
            throw RowError(field: names[i], reason: "BAD_BOOLEAN", detail: "expected true/false, 1/0 or sim/não, found \(found(record.bytes(i)!))")
        }
        return value
    }

    func requiredEnum<E: ByteDecodableEnum>(_ i: Int, _ type: E.Type) throws(RowError) -> E {
        guard let parsed = decoded(i, { E.rawValueTable.value(of: $0) }) else { throw missing(i) }
        guard let value = parsed else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw RowError(field: names[i], reason: "BAD_ENUM", detail: "expected one of \(allowed), found \(found(record.bytes(i)!))")
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
