/// A byte source that hashes (SHA-256) every byte read through it, in order: put over a file
/// as stored (under any gzip decoding), it gives the file's digest once the reader has pulled
/// it to the end, so the summary's input sums need no second read of the file.
///
/// Used by one thread at a time; `@unchecked Sendable` only so that it can be handed from the
/// reading thread (or the inflating thread) to the one that asks for the digest afterwards,
/// through a lock that orders the two.
final class HashingByteSource: ByteSource, @unchecked Sendable {
    private let source: ByteSource
    private var hasher = SHA256()
    /// Whether the source has said it has nothing more (a read returned 0).
    private(set) var reachedEnd = false

    /// Hashes what is read from `source`.
    init(_ source: ByteSource) {
        self.source = source
    }

    /// Reads from the source into `buffer` and adds the bytes read to the digest.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try source.read(into: buffer)
        if count == 0 {
            if buffer.count > 0 { reachedEnd = true }
        } else {
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return count
    }

    /// The digest of every byte of the source, as lowercase hex, once it has been read to the
    /// end; nil before (a digest of part of a file must never pass for the file's).
    func digest() -> String? {
        guard reachedEnd else { return nil }
        var finished = hasher
        return finished.finalizeHex()
    }
}
