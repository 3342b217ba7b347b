/// SHA-256 of a file's bytes as stored, for the summary's input sums.
enum FileDigest {
    static func sha256(path: String, displayName: String) throws -> String {
        let source = try FileByteSource(path: path)
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
