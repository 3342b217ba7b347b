/// SHA-256 of a file's bytes as stored, read on its own. The run takes its input sums from
/// `TableReader` as it reads (see `HashingByteSource`); this is the fallback and the tests' oracle.
enum FileDigest {
    /// The file's digest as lowercase hex. Throws `AvisoError(.input)` when it can't be read.
    static func sha256(path: String, displayName: String) throws -> String {
        let source = try FileByteSource(path: path, displayName: displayName)
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return SHA256.hex(hasher.finalize())
    }
}
