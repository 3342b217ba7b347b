/// A plain file read (and hashed, when the source hashes) on a thread of its own, a few 1 MiB
/// buffers ahead of its reader: for an XML file, whose reading thread (libxml2's parse) bounds
/// the run, reading the file and taking its SHA-256 then happen beside the parse instead of in
/// it. Releasing the source stops that thread and waits for it.
final class ReadAheadByteSource: ByteSource {
    private let ahead: ReadAhead

    /// Reads `source` ahead; nil when the system won't start a thread (read it directly then).
    init?(_ source: ByteSource) {
        guard let started = ReadAhead.start(source) else { return nil }
        ahead = started
    }

    deinit {
        ahead.stop()
    }

    /// The next bytes of the source, read ahead; 0 at its end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try ahead.read(into: buffer)
    }
}
