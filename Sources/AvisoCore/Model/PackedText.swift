/// Up to sixteen optional text values packed into one byte buffer: one heap allocation for all
/// of a row's text instead of one `String` per field, and no decoding until a value is asked
/// for. Charges and customers keep their text this way, because a run reads millions of rows
/// and looks at the text of only the few it messages.
///
/// The buffer holds a header byte (the number of fields, and 0x80 when ends are 32-bit), the
/// end offset of each field in the data (16-bit when the data is under 32 KiB, else 32-bit;
/// the top bit marks the field present, so an empty value can be told from nil), then the
/// values' UTF-8 bytes one after the other. The value itself is one reference: eight bytes.
public struct PackedText: Sendable, Hashable {
    private static let wideFlag: UInt8 = 0x80
    /// No values: no buffer at all.
    private var storage: [UInt8] = []

    /// No values.
    public init() {}

    /// The buffer the values are packed in, to pack another row's into once this value is let
    /// go (`PackedTextSpares`).
    var bufferForReuse: [UInt8] { storage }

    /// Packs the given values, field `i` from `values[i]`.
    public init(_ values: [String?]) {
        precondition(values.count <= 16, "PackedText holds at most 16 values")
        let total = values.reduce(0) { $0 + ($1?.utf8.count ?? 0) }
        self.init(fieldCount: values.count, dataCount: total) { field, append in
            guard var text = values[field] else { return false }
            text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
            return true
        }
    }

    /// Packs wanted fields of a record: field `i` from `record.bytes(recordFields[i])`, absent
    /// where the record has no value.
    init(record: RawRecord, fields recordFields: [Int]) {
        self = record.withValueBuffers { PackedText(starts: $0, ends: $1, source: $2, fields: recordFields) }
    }

    /// `init(record:fields:)` from a record's buffers: its values' `starts` and `ends` in
    /// `source`, -1 for a field with no value. The bytes go into `spare` when it is unshared
    /// (see `PackedTextSpares`), else into a new buffer.
    init(starts: UnsafeBufferPointer<Int>, ends: UnsafeBufferPointer<Int>, source: UnsafeBufferPointer<UInt8>,
         fields recordFields: [Int], reusing spare: consuming [UInt8] = []) {
        precondition(recordFields.count <= 16, "PackedText holds at most 16 values")
        // Every charge and customer row is packed: offsets read and values copied through the
        // buffers, with no closure or slice per field (a slice would retain the record's bytes).
        // Moved out once, inside the closure, so that the buffer stays unshared.
        var reusable: [UInt8]? = consume spare
        storage = recordFields.withUnsafeBufferPointer { wanted in
            var total = 0
            for field in wanted where starts[field] >= 0 { total += ends[field] - starts[field] }
            let wide = total >= 0x8000
            let headerCount = 1 + wanted.count * (wide ? 4 : 2)
            return Self.bytes(count: headerCount + total, reusing: reusable.take() ?? []) { base in
                base[0] = UInt8(wanted.count) | (wide ? Self.wideFlag : 0)
                var end = headerCount
                for (index, field) in wanted.enumerated() {
                    let start = starts[field]
                    if start >= 0, let from = source.baseAddress {
                        let count = ends[field] - start
                        (base + end).update(from: from + start, count: count)
                        end += count
                    }
                    Self.writeEnd(end - headerCount, present: start >= 0, of: index, wide: wide, in: base)
                }
                return end
            }
        }
    }

    /// Writes field `index`'s end offset in the data, with the present flag, into the header
    /// at `base`.
    @inline(__always)
    private static func writeEnd(_ offset: Int, present: Bool, of index: Int, wide: Bool, in base: UnsafeMutablePointer<UInt8>) {
        if wide {
            let word = UInt32(offset) | (present ? 0x8000_0000 : 0)
            let at = 1 + index * 4
            for k in 0..<4 { base[at + k] = UInt8(truncatingIfNeeded: word >> (8 * UInt32(k))) }
        } else {
            let word = UInt16(offset) | (present ? 0x8000 : 0)
            let at = 1 + index * 2
            base[at] = UInt8(truncatingIfNeeded: word)
            base[at + 1] = UInt8(truncatingIfNeeded: word >> 8)
        }
    }

    /// Packs `fieldCount` values kept elsewhere (other packed texts, strings) without making a
    /// `String` of any: `value(field, body)` calls `body` with field `field`'s bytes, or nil when
    /// it has no value. It is called twice per field, once to count and once to copy, and must
    /// give the same bytes both times.
    init(fieldCount: Int, gathering value: (Int, (UnsafeRawBufferPointer?) -> Void) -> Void) {
        precondition(fieldCount <= 16, "PackedText holds at most 16 values")
        var total = 0
        for field in 0..<fieldCount { value(field) { total += $0?.count ?? 0 } }
        self.init(fieldCount: fieldCount, dataCount: total) { field, append in
            // `append` is only called while `value` runs: it does not escape.
            withoutActuallyEscaping(append) { append in
                var present = false
                value(field) { bytes in
                    guard let bytes else { return }
                    present = true
                    append(bytes)
                }
                return present
            }
        }
    }

    /// Lays out `fieldCount` fields totalling `dataCount` bytes; `value(field, append)` appends
    /// a field's bytes through `append` and says whether the field is present. One allocation
    /// of the exact size (every charge and customer row is packed).
    private init(fieldCount: Int, dataCount: Int,
                 _ value: (Int, (UnsafeRawBufferPointer) -> Void) -> Bool) {
        let wide = dataCount >= 0x8000
        let width = wide ? 4 : 2
        let headerCount = 1 + fieldCount * width
        storage = Self.bytes(count: headerCount + dataCount) { base in
            base[0] = UInt8(fieldCount) | (wide ? Self.wideFlag : 0)
            var end = headerCount
            for field in 0..<fieldCount {
                let present = value(field) { bytes in
                    precondition(end + bytes.count <= headerCount + dataCount, "a packed value is longer than counted")
                    if let source = bytes.baseAddress, !bytes.isEmpty {
                        UnsafeMutableRawPointer(base + end).copyMemory(from: source, byteCount: bytes.count)
                    }
                    end += bytes.count
                }
                Self.writeEnd(end - headerCount, present: present, of: field, wide: wide, in: base)
            }
            return end
        }
    }

    /// `count` bytes filled by `fill`, which returns how many it wrote (at most `count`), in
    /// `spare` (whatever it holds) when it is not empty, else in a new buffer of that size.
    @inline(__always)
    private static func bytes(count: Int, reusing spare: consuming [UInt8] = [],
                              _ fill: (UnsafeMutablePointer<UInt8>) -> Int) -> [UInt8] {
        var bytes = consume spare
        // Reserved, zeroed, then filled: `init(unsafeUninitializedCapacity:)` and
        // `init(repeating:count:)` allocate through a standard-library entry the compiler
        // cannot specialize, which looks the array type's metadata up at run time on every
        // call (about 550 instructions, once per charge and customer row); `reserveCapacity`
        // is specialized here, and zeroes copied from `zeroes` cost a `memcpy`. A spare is
        // grown (or shrunk, below) to the count: its old bytes are all written over.
        if bytes.isEmpty { bytes.reserveCapacity(count) }
        let missing = count - bytes.count
        if missing > 0 {
            if missing <= zeroes.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: zeroes[..<missing]))
            } else {
                bytes.append(contentsOf: repeatElement(0, count: missing))
            }
        }
        let written = bytes.withUnsafeMutableBufferPointer { fill($0.baseAddress!) }
        if written < bytes.count { bytes.removeLast(bytes.count - written) }
        return bytes
    }

    /// The field's byte range in `storage`, or nil when absent.
    @inline(__always)
    private static func range(_ field: Int, in buffer: UnsafeRawBufferPointer) -> Range<Int>? {
        guard buffer.count > 0 else { return nil }
        let header = buffer[0]
        let fieldCount = Int(header & 0x1F)
        guard field < fieldCount else { return nil }
        let wide = header & wideFlag != 0
        let width = wide ? 4 : 2
        let base = 1 + fieldCount * width
        func end(_ i: Int) -> (offset: Int, present: Bool) {
            if wide {
                let word = buffer.loadUnaligned(fromByteOffset: 1 + i * 4, as: UInt32.self).littleEndian
                return (Int(word & 0x7FFF_FFFF), word & 0x8000_0000 != 0)
            }
            let word = buffer.loadUnaligned(fromByteOffset: 1 + i * 2, as: UInt16.self).littleEndian
            return (Int(word & 0x7FFF), word & 0x8000 != 0)
        }
        let (stop, present) = end(field)
        guard present else { return nil }
        let start = field == 0 ? 0 : end(field - 1).offset
        return (base + start)..<(base + stop)
    }

    /// Whether field `field` has a value (possibly empty).
    @inline(__always)
    public func has(_ field: Int) -> Bool {
        storage.withUnsafeBytes { Self.range(field, in: $0) != nil }
    }

    /// The value of field `field`, decoded on demand.
    public func string(_ field: Int) -> String? {
        storage.withUnsafeBytes { buffer in
            Self.range(field, in: buffer).map { String(decoding: UnsafeRawBufferPointer(rebasing: buffer[$0]), as: UTF8.self) }
        }
    }

    /// Calls `body` with the UTF-8 bytes of field `field`, or nil when it has no value.
    @inline(__always)
    public func withBytes<R>(_ field: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { buffer in
            guard let range = Self.range(field, in: buffer) else { return try body(nil) }
            return try body(UnsafeRawBufferPointer(rebasing: buffer[range]))
        }
    }

    /// Calls `body` with the packed buffer itself (header and values), to keep it elsewhere;
    /// `init(storage:)` and `withBytes(_:inStorage:_:)` read such a copy.
    func withStorage<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }

    /// A packed text made from a copy of a buffer `withStorage` showed.
    init(storage bytes: UnsafeRawBufferPointer) {
        storage = Array(bytes)
    }

    /// `withBytes` on a copy of a packed buffer (see `withStorage`), without making a value.
    @inline(__always)
    static func withBytes<R>(_ field: Int, inStorage buffer: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard let range = range(field, in: buffer) else { return try body(nil) }
        return try body(UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    /// Replaces the value of field `field` (rare: tests and generated data), repacking.
    public mutating func set(_ field: Int, _ value: String?) {
        let fieldCount = max(field + 1, storage.isEmpty ? 0 : Int(storage[0] & 0x1F))
        self = PackedText((0..<fieldCount).map { $0 == field ? value : string($0) })
    }
}

/// Zero bytes to start a packed text from (most are a few hundred bytes; longer ones zero their own).
// Written once, before any reader, and never again.
nonisolated(unsafe) private let zeroes: UnsafeBufferPointer<UInt8> = {
    let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 4096)
    bytes.initialize(repeating: 0)
    return UnsafeBufferPointer(bytes)
}()
