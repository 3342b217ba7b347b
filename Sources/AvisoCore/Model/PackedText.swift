/// Up to sixteen optional text values packed into one byte buffer: one heap allocation for all
/// of a row's text instead of one `String` per field, and no decoding until a value is asked
/// for. Charges and customers keep their text this way, because a run reads millions of rows
/// and looks at the text of only the few it messages.
///
/// The buffer holds a header byte (the number of fields, and 0x80 when offsets are 32-bit),
/// then the start and end offset of each field in the data (16-bit when the data is under
/// 32 KiB, else 32-bit; the end's top bit marks the field present, so an empty value can be
/// told from nil), then the data. Values packed one by one lie back to back; a record's values
/// are packed as the one span of its bytes that holds them all (see `init(starts:ends:…)`),
/// with whatever lies between them. Two packed texts are equal when their values are, however
/// laid out. The value itself is one reference: eight bytes.
///
/// A start per field makes the header 2 bytes a field longer than ends alone would (a text of
/// values packed one by one needs no starts), and a record's span keeps the bytes between its
/// values: both were measured against one layout per kind, which read every field through a
/// branch and cost more than the bytes (bench/RESULTS.md).
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

    /// The number of fields, and each field's presence and bytes.
    public static func == (a: PackedText, b: PackedText) -> Bool {
        a.storage.withUnsafeBytes { left in
            b.storage.withUnsafeBytes { right in
                let count = fieldCount(left)
                guard count == fieldCount(right) else { return false }
                for field in 0..<count {
                    switch (range(field, in: left), range(field, in: right)) {
                    case (nil, nil): continue
                    case let (x?, y?): if !UnsafeRawBufferPointer(rebasing: left[x]).elementsEqual(UnsafeRawBufferPointer(rebasing: right[y])) { return false }
                    default: return false
                    }
                }
                return true
            }
        }
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        storage.withUnsafeBytes { buffer in
            let count = Self.fieldCount(buffer)
            hasher.combine(count)
            for field in 0..<count {
                guard let range = Self.range(field, in: buffer) else {
                    hasher.combine(-1)
                    continue
                }
                hasher.combine(range.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: buffer[range]))
            }
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
        // Every charge and customer row is packed: the span of the record's bytes from its
        // first wanted value to its last is copied at once (a copy per value, each a `memcpy`
        // call, was most of the packing), and each value is known by its offsets in it.
        // Moved out once, inside the closure, so that the buffer stays unshared.
        var reusable: [UInt8]? = consume spare
        storage = recordFields.withUnsafeBufferPointer { wanted in
            var low = Int.max
            var high = 0
            for field in wanted {
                let start = starts[field]
                if start >= 0 {
                    low = min(low, start)
                    high = max(high, ends[field])
                }
            }
            if low > high { low = high }
            let wide = high - low >= 0x8000
            precondition(high - low < 0x8000_0000, "a packed text is under 2 GiB")
            let headerCount = Self.headerCount(fields: wanted.count, wide: wide)
            return Self.bytes(count: headerCount + high - low, reusing: reusable.take() ?? []) { base in
                base[0] = UInt8(wanted.count) | (wide ? Self.wideFlag : 0)
                if high > low, let from = source.baseAddress {
                    (base + headerCount).update(from: from + low, count: high - low)
                }
                // Each field's bounds in one store. Every value lies within `low...high`, whose
                // span was checked above to fit the offsets' width: the offsets are converted
                // without the checks of `writeBounds` (a range check per conversion and an
                // overflow check per subtraction: about 8 instructions a field more, for every
                // field of every charge and customer row, by callgrind's count).
                let header = UnsafeMutableRawPointer(base + 1)
                // A field's start in the low half of `Word`, its end with the present flag (the
                // half's top bit) in the high half: the header's layout for either width.
                @inline(__always) func storeAllBounds<Word: FixedWidthInteger & UnsignedInteger>(as _: Word.Type) {
                    let half = Word.bitWidth / 2
                    let present: Word = 1 << (half - 1)
                    for index in 0..<wanted.count {
                        let field = wanted[index]
                        let start = starts[field]
                        let bounds: Word = start < 0 ? 0
                            : Word(truncatingIfNeeded: start &- low) | (Word(truncatingIfNeeded: ends[field] &- low) | present) << half
                        header.storeBytes(of: bounds.littleEndian, toByteOffset: index &* (Word.bitWidth / 8), as: Word.self)
                    }
                }
                if wide { storeAllBounds(as: UInt64.self) } else { storeAllBounds(as: UInt32.self) }
                return headerCount + high - low
            }
        }
    }

    /// The header's size: the count byte and a start and an end per field.
    @inline(__always)
    private static func headerCount(fields: Int, wide: Bool) -> Int {
        1 + fields * (wide ? 8 : 4)
    }

    /// Writes field `index`'s start and end offsets in the data, the end with the present
    /// flag, into the header at `base`.
    @inline(__always)
    private static func writeBounds(_ start: Int, _ end: Int, present: Bool, of index: Int, wide: Bool,
                                    in base: UnsafeMutablePointer<UInt8>) {
        let raw = UnsafeMutableRawPointer(base)
        if wide {
            raw.storeBytes(of: UInt32(start).littleEndian, toByteOffset: 1 + index * 8, as: UInt32.self)
            raw.storeBytes(of: (UInt32(end) | (present ? 0x8000_0000 : 0)).littleEndian, toByteOffset: 5 + index * 8, as: UInt32.self)
        } else {
            raw.storeBytes(of: UInt16(start).littleEndian, toByteOffset: 1 + index * 4, as: UInt16.self)
            raw.storeBytes(of: (UInt16(end) | (present ? 0x8000 : 0)).littleEndian, toByteOffset: 3 + index * 4, as: UInt16.self)
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

    /// Lays out `fieldCount` fields totalling `dataCount` bytes, back to back; `value(field,
    /// append)` appends a field's bytes through `append` and says whether the field is present.
    /// One allocation of the exact size.
    private init(fieldCount: Int, dataCount: Int,
                 _ value: (Int, (UnsafeRawBufferPointer) -> Void) -> Bool) {
        let wide = dataCount >= 0x8000
        let headerCount = Self.headerCount(fields: fieldCount, wide: wide)
        storage = Self.bytes(count: headerCount + dataCount) { base in
            base[0] = UInt8(fieldCount) | (wide ? Self.wideFlag : 0)
            var end = headerCount
            for field in 0..<fieldCount {
                let start = end
                let present = value(field) { bytes in
                    precondition(end + bytes.count <= headerCount + dataCount, "a packed value is longer than counted")
                    if let source = bytes.baseAddress, !bytes.isEmpty {
                        UnsafeMutableRawPointer(base + end).copyMemory(from: source, byteCount: bytes.count)
                    }
                    end += bytes.count
                }
                Self.writeBounds(start - headerCount, end - headerCount, present: present, of: field, wide: wide, in: base)
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

    /// The number of fields of a packed buffer.
    @inline(__always)
    private static func fieldCount(_ buffer: UnsafeRawBufferPointer) -> Int {
        buffer.count > 0 ? Int(buffer[0] & 0x1F) : 0
    }

    /// The field's byte range in `storage`, or nil when absent.
    @inline(__always)
    private static func range(_ field: Int, in buffer: UnsafeRawBufferPointer) -> Range<Int>? {
        guard buffer.count > 0 else { return nil }
        let header = buffer[0]
        let fieldCount = Int(header & 0x1F)
        guard field < fieldCount else { return nil }
        if header & wideFlag != 0 {
            let end = buffer.loadUnaligned(fromByteOffset: 5 + field * 8, as: UInt32.self).littleEndian
            guard end & 0x8000_0000 != 0 else { return nil }
            let start = buffer.loadUnaligned(fromByteOffset: 1 + field * 8, as: UInt32.self).littleEndian
            let base = headerCount(fields: fieldCount, wide: true)
            return (base + Int(start))..<(base + Int(end & 0x7FFF_FFFF))
        }
        let end = buffer.loadUnaligned(fromByteOffset: 3 + field * 4, as: UInt16.self).littleEndian
        guard end & 0x8000 != 0 else { return nil }
        let start = buffer.loadUnaligned(fromByteOffset: 1 + field * 4, as: UInt16.self).littleEndian
        let base = headerCount(fields: fieldCount, wide: false)
        return (base + Int(start))..<(base + Int(end & 0x7FFF))
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

    /// A packed text made from a copy of a buffer `withStorage` showed, copied into `spare`
    /// when it is given and unshared (see `bytes(count:reusing:_:)`).
    init(storage bytes: UnsafeRawBufferPointer, reusing spare: consuming [UInt8] = []) {
        storage = Self.bytes(count: bytes.count, reusing: consume spare) { base in
            if let from = bytes.baseAddress, bytes.count > 0 {
                UnsafeMutableRawPointer(base).copyMemory(from: from, byteCount: bytes.count)
            }
            return bytes.count
        }
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
