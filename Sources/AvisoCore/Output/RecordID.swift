/// An outbound record's id as the record keeps it: the 32 lowercase hex digits of a digest's
/// first 16 bytes, held as two words (the run's ids: no String per message, of 1.4M a day at
/// 10M charges), or any text (ids given by a caller).
enum RecordID: Sendable, Equatable {
    /// The first 16 bytes of a digest, big-endian: the id is their 32 hex digits.
    case digest(UInt64, UInt64)
    case text(String)

    /// The id made of the first 16 bytes of `digest` (at least 16).
    init(digestPrefix digest: [UInt8]) {
        self = digest.withUnsafeBufferPointer { RecordID(digestPrefix: $0) }
    }

    /// The id made of the first 16 bytes of `digest` (at least 16).
    init(digestPrefix digest: UnsafeBufferPointer<UInt8>) {
        precondition(digest.count >= 16, "a record id needs 16 digest bytes")
        var high: UInt64 = 0, low: UInt64 = 0
        for k in 0..<8 {
            high = high << 8 | UInt64(digest[k])
            low = low << 8 | UInt64(digest[8 + k])
        }
        self = .digest(high, low)
    }

    /// The id as text.
    var text: String {
        switch self {
        case .text(let text):
            return text
        case .digest:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(32)
            appendText(to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Byte order of the ids' texts: nil when equal, else whether `a` < `b`. Two digests are
    /// compared as numbers (fixed-width lowercase hex sorts as they do), without making text.
    static func byteOrder(_ a: RecordID, _ b: RecordID) -> Bool? {
        if case .digest(let highA, let lowA) = a, case .digest(let highB, let lowB) = b {
            if highA != highB { return highA < highB }
            return lowA == lowB ? nil : lowA < lowB
        }
        return OutboundFileWriter.byteOrder(a.text, b.text)
    }

    /// Appends the id's UTF-8 text.
    func appendText(to out: inout [UInt8]) {
        withText { out.append(contentsOf: $0) }
    }

    /// Calls `body` with the id's text as `appendText` writes it: a text's UTF-8 bytes, or a
    /// digest's 32 hex digits, written into a stack buffer (appended one by one, they took some
    /// 1,100 instructions an id, and each record's id is written twice: to its channel file and
    /// to the ledger).
    @inline(__always)
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch self {
        case .text(let text):
            return TextBytes.withUTF8(text, body)
        case .digest(let high, let low):
            var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            return withUnsafeMutableBytes(of: &digits) { raw in
                Self.writeHex(high, to: raw.baseAddress!)
                Self.writeHex(low, to: raw.baseAddress! + 16)
                return body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 32))
            }
        }
    }

    /// Writes the 16 lowercase hex digits of `word`, most significant first, at `target`.
    @inline(__always)
    private static func writeHex(_ word: UInt64, to target: UnsafeMutableRawPointer) {
        for k in 0..<16 {
            let digit = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * k)) & 0x0F
            target.storeBytes(of: digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10, toByteOffset: k, as: UInt8.self)
        }
    }
}
