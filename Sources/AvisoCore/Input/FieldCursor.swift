/// Reads typed values out of a `RawRecord` by wanted-field index, turning each failure into
/// the `RowError` FORMATS.md names (MISSING_FIELD, BAD_DATE, BAD_NUMBER, BAD_ENUM, BAD_BOOLEAN).
///
/// A cursor reads its record in place, through its buffers: made by `read(_:names:_:)` for the
/// length of one decode, and never kept. (A cursor holding a copy of the record retained and
/// released the record's three arrays for every row read.) It holds no reference either: the
/// field names and the spares are lent by `read`'s caller for the call (a cursor holding them
/// retained and released the spares for every row, some 400 of 31k `perf` samples at 10M
/// charges).
struct FieldCursor {
    private let starts: UnsafeBufferPointer<Int>
    private let ends: UnsafeBufferPointer<Int>
    private let storage: UnsafeBufferPointer<UInt8>
    /// Where the record lies in its file (`RawRecord.fileRange`).
    let fileRange: Range<Int>?
    /// The wanted fields' names, for errors.
    private let names: UnsafeBufferPointer<String>
    /// Buffers of rows let go, which `packedText` packs into (nil: a new buffer each time).
    private let spares: Unmanaged<PackedTextSpares>?

    private init(starts: UnsafeBufferPointer<Int>, ends: UnsafeBufferPointer<Int>, storage: UnsafeBufferPointer<UInt8>,
                 fileRange: Range<Int>?, names: UnsafeBufferPointer<String>, spares: Unmanaged<PackedTextSpares>?) {
        self.starts = starts
        self.ends = ends
        self.storage = storage
        self.fileRange = fileRange
        self.names = names
        self.spares = spares
    }

    /// Calls `decode` with a cursor over `record` and returns what it returns; the cursor must
    /// not outlive the call. Packed texts go into buffers from `spares` when it has some.
    static func read<Row>(_ record: inout RawRecord, names: [String], spares: PackedTextSpares? = nil,
                          _ decode: (FieldCursor) throws(RowError) -> Row) throws(RowError) -> Row {
        var outcome: Result<Row, RowError>?
        let fileRange = record.fileRange
        // `names` and `spares` are parameters, held by the caller for the whole call: the cursor
        // borrows them.
        let lentSpares = spares.map { Unmanaged.passUnretained($0) }
        // The record is read first, outside any closure: a non-mutating call on an `inout`
        // record captured by a closure copied the whole record (retaining its three arrays).
        record.withValueBuffers { starts, ends, storage in
            names.withUnsafeBufferPointer { names in
                do throws(RowError) {
                    outcome = .success(try decode(FieldCursor(starts: starts, ends: ends, storage: storage, fileRange: fileRange,
                                                              names: names, spares: lentSpares)))
                } catch {
                    outcome = .failure(error)
                }
            }
        }
        return try outcome!.get()
    }

    /// Whether field `i` has a value (present and not blank).
    @inline(__always)
    func has(_ i: Int) -> Bool { starts[i] >= 0 }

    /// The record's wanted fields `fields` packed (see `PackedText.init(record:fields:)`), in a
    /// spare buffer when the cursor was given some.
    func packedText(_ fields: [Int]) -> PackedText {
        PackedText(starts: starts, ends: ends, source: storage, fields: fields,
                   reusing: spares?._withUnsafeGuaranteedRef { $0.take() } ?? [])
    }

    /// Field `i`'s bytes as a buffer of the record's, nil when it has no value.
    @inline(__always)
    private func buffer(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        let start = starts[i]
        guard start >= 0 else { return nil }
        return UnsafeBufferPointer(rebasing: storage[start..<ends[i]])
    }

    /// Field `i`'s bytes (a copy), nil when it has no value.
    func bytes(_ i: Int) -> ArraySlice<UInt8>? { buffer(i).map { ArraySlice($0) } }

    func string(_ i: Int) -> String? { buffer(i).map { String(decoding: $0, as: UTF8.self) } }

    func requiredString(_ i: Int) throws(RowError) -> String {
        guard let value = string(i) else { throw missing(i) }
        return value
    }

    @inline(never)
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
        guard let value = buffer(i) else { return nil }
        return .some(decode(value))
    }

    // Inlined into each table's decode, with the refusal (and `missing`'s) made apart: a charge
    // has six date fields, and the calls to this and to the date parser were a sixth of their
    // samples.
    @inline(__always)
    func date(_ i: Int) throws(RowError) -> Day? {
        guard let parsed = decoded(i, { DateField.parse(contiguous: $0) }) else { return nil }
        guard let day = parsed else { throw badDate(i) }
        return day
    }

    @inline(never)
    private func badDate(_ i: Int) -> RowError {
        RowError(field: names[i], reason: "BAD_DATE", detail: "expected YYYY-MM-DD or DD/MM/YYYY, found \(found(bytes(i)!))")
    }

    @inline(__always)
    func requiredDate(_ i: Int) throws(RowError) -> Day {
        guard let day = try date(i) else { throw missing(i) }
        return day
    }

    // Money, booleans and enum values are decoded inline too (several fields of every row),
    // with their refusals made apart, as dates are.
    @inline(__always)
    func requiredMoney(_ i: Int) throws(RowError) -> Int64 {
        guard let parsed = decoded(i, { FieldDecoder.money($0) }) else { throw missing(i) }
        guard let cents = parsed else { throw badMoney(i) }
        return cents
    }

    @inline(never)
    private func badMoney(_ i: Int) -> RowError {
        RowError(field: names[i], reason: "BAD_NUMBER", detail: "expected a positive amount like 1234.56, 1234,56 or 1.234,56, found \(found(bytes(i)!))")
    }

    @inline(__always)
    func boolean(_ i: Int, absent: Bool) throws(RowError) -> Bool {
        guard let parsed = decoded(i, { FieldDecoder.boolean($0) }) else { return absent }
        guard let value = parsed else { throw badBoolean(i) }
        return value
    }

    @inline(never)
    private func badBoolean(_ i: Int) -> RowError {
        RowError(field: names[i], reason: "BAD_BOOLEAN", detail: "expected true/false, 1/0 or sim/não, found \(found(bytes(i)!))")
    }

    @inline(__always)
    func requiredEnum<E: ByteDecodableEnum>(_ i: Int, _ type: E.Type) throws(RowError) -> E {
        guard let parsed = decoded(i, { E.rawValueTable.value(of: $0) }) else { throw missing(i) }
        guard let value = parsed else { throw badEnum(i, type) }
        return value
    }

    @inline(never)
    private func badEnum<E: ByteDecodableEnum>(_ i: Int, _ type: E.Type) -> RowError {
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        return RowError(field: names[i], reason: "BAD_ENUM", detail: "expected one of \(allowed), found \(found(bytes(i)!))")
    }

    func requiredInteger(_ i: Int, in range: ClosedRange<Int>) throws(RowError) -> Int {
        guard let bytes = bytes(i) else { throw missing(i) }
        guard let value = FieldDecoder.integer(bytes, in: range) else {
            throw RowError(field: names[i], reason: "BAD_NUMBER", detail: "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(found(bytes))")
        }
        return value
    }
}
