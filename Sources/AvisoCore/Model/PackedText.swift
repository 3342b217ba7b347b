/// Up to sixteen optional text values packed into one byte buffer: one heap allocation for all
/// of a row's text instead of one `String` per field, and no decoding until a value is asked
/// for. Charges and customers keep their text this way, because a run reads millions of rows
/// and looks at the text of only the few it messages.
///
/// Field `i` occupies the bytes from the end of field `i − 1` to its own end; the high bit of
/// an end marks the field present (an empty value can be present, nil is absent).
public struct PackedText: Sendable, Hashable {
    private static let presentBit: UInt32 = 1 << 31

    /// End offset of each field in `bytes`, with `presentBit` when the field has a value.
    private var ends = SIMD16<UInt32>(repeating: 0)
    /// The values' UTF-8 bytes, one after the other.
    private var bytes: [UInt8] = []

    /// No values.
    public init() {}

    /// Packs the given values, field `i` from `values[i]`.
    public init(_ values: [String?]) {
        precondition(values.count <= 16, "PackedText holds at most 16 values")
        bytes.reserveCapacity(values.reduce(0) { $0 + ($1?.utf8.count ?? 0) })
        for (field, value) in values.enumerated() {
            if let value { bytes.append(contentsOf: value.utf8) }
            ends[field] = UInt32(bytes.count) | (value == nil ? 0 : Self.presentBit)
        }
        for field in values.count..<16 { ends[field] = UInt32(bytes.count) }
    }

    /// Packs wanted fields of a record: field `i` from `record.bytes(recordFields[i])`, absent
    /// where the record has no value.
    init(record: RawRecord, fields recordFields: [Int]) {
        var total = 0
        for field in recordFields { total += record.bytes(field)?.count ?? 0 }
        bytes.reserveCapacity(total)
        for (field, recordField) in recordFields.enumerated() {
            if let value = record.bytes(recordField) {
                bytes.append(contentsOf: value)
                ends[field] = UInt32(bytes.count) | Self.presentBit
            } else {
                ends[field] = UInt32(bytes.count)
            }
        }
        for field in recordFields.count..<16 { ends[field] = UInt32(bytes.count) }
    }

    @inline(__always)
    private func range(_ field: Int) -> Range<Int>? {
        let end = ends[field]
        guard end & Self.presentBit != 0 else { return nil }
        let start = field == 0 ? 0 : Int(ends[field - 1] & ~Self.presentBit)
        return start..<Int(end & ~Self.presentBit)
    }

    /// Whether field `field` has a value (possibly empty).
    @inline(__always)
    public func has(_ field: Int) -> Bool { ends[field] & Self.presentBit != 0 }

    /// The value of field `field`, decoded on demand.
    public func string(_ field: Int) -> String? {
        guard let range = range(field) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of field `field`, or nil when it has no value.
    @inline(__always)
    public func withBytes<R>(_ field: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard let range = range(field) else { return try body(nil) }
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Replaces the value of field `field` (rare: tests and generated data), repacking.
    public mutating func set(_ field: Int, _ value: String?) {
        self = PackedText((0..<16).map { $0 == field ? value : string($0) })
    }
}
