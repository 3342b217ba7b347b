/// A short text as an outbound record keeps it: the ids of the account, customer and charge.
/// A run keeps a million and more records until it writes them, and reads each record's ids
/// three times (files, sort keys, ledger); as Strings, the export's 16-byte ids each took an
/// allocation of their own, a reference count and a cache miss on every read. Up to 16 bytes
/// with no NUL byte are held inline in two words; any other text as a String.
///
/// The form is decided by the text alone, so two equal texts are always held the same way and
/// compare equal.
struct ShortText: Sendable, Hashable {
    private enum Storage: Sendable, Hashable {
        /// The UTF-8 bytes, zero-padded: byte k of the text is byte k % 8 of word k / 8,
        /// counted from the least significant.
        case inline(UInt64, UInt64)
        case text(String)
    }

    private let storage: Storage

    /// The most bytes held inline.
    static let inlineCapacity = 16

    /// `text`, inline when it fits.
    init(_ text: String) {
        storage = TextBytes.withUTF8(text) { Self.inline($0) } ?? .text(text)
    }

    /// The text of these UTF-8 bytes (nil: empty).
    init(utf8 bytes: UnsafeRawBufferPointer?) {
        guard let bytes, bytes.count > 0 else {
            storage = .inline(0, 0)
            return
        }
        let buffer = bytes.bindMemory(to: UInt8.self)
        storage = Self.inline(buffer) ?? .text(String(decoding: buffer, as: UTF8.self))
    }

    /// The inline form of `bytes`, or nil when it has more than 16 bytes or a NUL byte.
    private static func inline(_ bytes: UnsafeBufferPointer<UInt8>) -> Storage? {
        guard bytes.count <= inlineCapacity else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        let fits = withUnsafeMutableBytes(of: &words) { raw -> Bool in
            for (index, byte) in bytes.enumerated() {
                if byte == 0 { return false }
                raw[index] = byte
            }
            return true
        }
        guard fits else { return nil }
        return .inline(UInt64(littleEndian: words.0), UInt64(littleEndian: words.1))
    }

    /// The text as a String.
    var string: String {
        switch storage {
        case .text(let text): return text
        case .inline: return withUTF8 { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Lends the text's UTF-8 bytes to `body`.
    @inline(__always)
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .text(let text):
            return try TextBytes.withUTF8(text, body)
        case .inline(let first, let second):
            // Padding is all zero bytes and the text has none: its length is where they start.
            let count = second != 0
                ? 16 - second.leadingZeroBitCount / 8
                : 8 - first.leadingZeroBitCount / 8
            var words = (first.littleEndian, second.littleEndian)
            return try withUnsafeBytes(of: &words) { raw in
                try body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
            }
        }
    }

    /// Asks for the memory of a text kept as a `String` (an inline one is in the value itself):
    /// its first bytes and the line before them, where a native String's object begins, which
    /// reading it retains. Only a hint.
    @inline(__always)
    func prefetch() {
        guard case .text(let text) = storage else { return }
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let start = bytes.baseAddress else { return }
            Prefetch.bytes(at: UnsafeRawPointer(start) - 64)
        }
    }

    /// Appends the text's UTF-8 bytes.
    @inline(__always)
    func append(to out: inout [UInt8]) {
        withUTF8 { out.append(contentsOf: $0) }
    }

    /// Byte order of two texts: nil when equal, else whether `a` < `b`.
    static func byteOrder(_ a: ShortText, _ b: ShortText) -> Bool? {
        a.withUTF8 { x in b.withUTF8 { y in OutboundFileWriter.byteOrder(x, y) } }
    }
}
