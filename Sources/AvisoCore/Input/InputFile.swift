/// Opens an input file as a stream of its content bytes, inflating gzip transparently.
public enum InputFile {
    /// Opens `path`; a name ending in `.gz` (any case) or content starting with the gzip magic
    /// bytes 1f 8b is read through `GzipByteSource` (inflated on a thread of its own when the
    /// run may use several). With `readAhead`, a plain file too is read on a thread of its own,
    /// ahead of the caller (`ReadAheadByteSource`). Errors name `displayName` as the file.
    /// - Throws: `AvisoError(.input)` when the file can't be opened or read.
    public static func open(path: String, displayName: String, readAhead: Bool = false) throws -> ByteSource {
        let file = try FileByteSource(path: path, displayName: displayName)
        return try content(of: file, stored: file, path: path, displayName: displayName, readAhead: readAhead)
    }

    /// `open(path:displayName:)`, with the file's bytes as stored (before any inflating) hashed
    /// as they are pulled: `stored` has the file's SHA-256 once `content` has been read to its end.
    static func openHashed(path: String, displayName: String, readAhead: Bool = false) throws -> (content: ByteSource, stored: HashingByteSource) {
        let file = try FileByteSource(path: path, displayName: displayName)
        let stored = HashingByteSource(file)
        return (try content(of: file, stored: stored, path: path, displayName: displayName, readAhead: readAhead), stored)
    }

    /// The content read from `stored`, the bytes of `file`: inflated when the file is gzip,
    /// else read ahead on a thread of its own when `readAhead` (and the system starts one).
    private static func content(of file: FileByteSource, stored: ByteSource, path: String, displayName: String,
                                readAhead: Bool) throws -> ByteSource {
        if isGzipByName(path: path, displayName: displayName) {
            return try GzipByteSource(source: stored, name: displayName)
        }
        // peek keeps the bytes (`stored` reads them later, hashing them in order), so a plain
        // file loses nothing.
        if try file.peek(2).withUnsafeBytes(GzipInflater.startsWithMagic) {
            return try GzipByteSource(source: stored, name: displayName)
        }
        guard readAhead else { return stored }
        return ReadAheadByteSource(stored) ?? stored
    }

    /// The file mapped into memory when it is plain (neither its name nor its first bytes say
    /// gzip, the rule `open` reads by) and can be mapped; nil otherwise, and the file is then
    /// opened as a stream.
    static func mappedIfPlain(path: String, displayName: String) -> MappedFile? {
        guard !isGzipByName(path: path, displayName: displayName), let file = MappedFile(path: path),
              !file.startsLikeGzip else { return nil }
        return file
    }

    /// About how many lines a plain (not gzipped) file holds, from the lines in its first
    /// 256 KiB and its size (exactly, for a file that short); nil for a gzipped file or one
    /// that cannot be mapped. For sizing tables before reading the file.
    static func estimatedLineCount(path: String, displayName: String) -> Int? {
        guard let file = mappedIfPlain(path: path, displayName: displayName) else { return nil }
        let sample = min(file.count, 256 << 10)
        let lines = XMLChunkSplitter.lineFeeds(file.base, count: sample)
        guard sample < file.count else { return lines }
        return Int(Double(file.count) * Double(max(lines, 1)) / Double(sample))
    }

    /// Whether the path or the name it is shown by ends in `.gz` (any case).
    private static func isGzipByName(path: String, displayName: String) -> Bool {
        hasGzipEnding(path) || hasGzipEnding(displayName)
    }

    static func hasGzipEnding(_ name: String) -> Bool {
        let tail = name.utf8.suffix(3)
        guard tail.count == 3 else { return false }
        let bytes = Array(tail)
        return bytes[0] == UInt8(ascii: ".") && bytes[1] | 0x20 == UInt8(ascii: "g")
            && bytes[2] | 0x20 == UInt8(ascii: "z")
    }
}
