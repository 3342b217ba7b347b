/// A stream of raw bytes read in chunks: a plain file, a gzip decoder, or memory (tests).
/// Readers pull from it; nothing here loads a whole file.
public protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes and returns how many were written; 0 means end of stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}
