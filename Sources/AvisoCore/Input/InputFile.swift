/// Opens an input file as a stream of its content bytes, inflating gzip transparently.
public enum InputFile {
    /// Opens `path`; a name ending in `.gz` (any case) or content starting with the gzip magic
    /// bytes 1f 8b is read through `GzipByteSource`. Errors name `displayName` as the file.
    /// - Throws: `AvisoError(.input)` when the file can't be opened or read.
    public static func open(path: String, displayName: String) throws -> ByteSource {
        let file = try FileByteSource(path: path, displayName: displayName)
        if hasGzipEnding(path) || hasGzipEnding(displayName) {
            return try GzipByteSource(source: file, name: displayName)
        }
        // peek keeps the bytes, so a plain file loses nothing.
        if try file.peek(2) == [0x1F, 0x8B] {
            return try GzipByteSource(source: file, name: displayName)
        }
        return file
    }

    static func hasGzipEnding(_ name: String) -> Bool {
        let tail = name.utf8.suffix(3)
        guard tail.count == 3 else { return false }
        let bytes = Array(tail)
        return bytes[0] == UInt8(ascii: ".") && bytes[1] | 0x20 == UInt8(ascii: "g")
            && bytes[2] | 0x20 == UInt8(ascii: "z")
    }
}
