/// A `ByteSource` over bytes already in memory: small inputs and tests. An optional maximum
/// chunk size makes every read return at most that many bytes, so tests can put a buffer
/// boundary between any two bytes of the input.
public final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private let maxChunk: Int
    private var position = 0

    /// A source serving `bytes`; each read returns at most `maxChunk` bytes when given (≥ 1).
    public init(_ bytes: [UInt8], maxChunk: Int? = nil) {
        self.bytes = bytes
        self.maxChunk = max(1, maxChunk ?? Int.max)
    }

    /// A source serving the UTF-8 bytes of `text`.
    public convenience init(_ text: String, maxChunk: Int? = nil) {
        self.init(Array(text.utf8), maxChunk: maxChunk)
    }

    /// Copies up to `buffer.count` (and `maxChunk`) bytes; 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, maxChunk, bytes.count - position)
        guard count > 0, let destination = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            destination.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}
