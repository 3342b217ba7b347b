/// The byte buffers of packed texts whose rows the decoding step let go, kept for the next
/// rows to pack into: most charges of a large export are settled as only counted where they
/// are decoded, and each had cost its text an allocation and a free (some 400 instructions a
/// row). Used by one thread at a time (a `TableReader` decoding one chunk).
///
/// A buffer given back may still be shared (a row kept elsewhere): packing into it then copies
/// it first, as any write to a shared array does, so a spare can only save work, never change
/// a value.
final class PackedTextSpares {
    /// The most buffers kept: the decoding step holds a few rows at a time (its prefetch lag).
    static let limit = 4
    private var buffers: [[UInt8]] = []

    init() {
        buffers.reserveCapacity(Self.limit)
    }

    /// Number of buffers kept.
    var count: Int { buffers.count }

    /// A buffer to pack into (its contents do not matter), or an empty array when none is kept.
    func take() -> [UInt8] {
        buffers.popLast() ?? []
    }

    /// Keeps `buffer` for a later row, unless `limit` buffers are kept already or it has no
    /// room to speak of.
    func give(_ buffer: consuming [UInt8]) {
        guard buffers.count < Self.limit, buffer.capacity > 0 else { return }
        buffers.append(buffer)
    }
}
