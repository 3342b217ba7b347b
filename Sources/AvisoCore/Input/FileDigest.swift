/// SHA-256 of a file's bytes as stored, read on its own. The run takes its input sums from
/// `TableReader` as it reads (see `HashingByteSource`); this is the fallback and the tests' oracle.
enum FileDigest {
    /// The file's digest as lowercase hex. Throws `AvisoError(.input)` when it can't be read.
    static func sha256(path: String, displayName: String) throws -> String {
        let stored = HashingByteSource(try FileByteSource(path: path, displayName: displayName))
        try drain(stored)
        return stored.digest()!
    }

    /// Reads `source` to its end, keeping nothing.
    static func drain(_ source: ByteSource) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while try source.read(into: buffer) > 0 {}
    }
}
