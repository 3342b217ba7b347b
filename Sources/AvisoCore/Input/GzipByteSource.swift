/// A `ByteSource` that inflates a gzip stream read from another source. Multi-member files
/// (concatenated gzip streams) are read whole. A stream that ends early, corrupt data, or bytes
/// after the last member that do not start another member (trailing garbage, including zero
/// padding) make `read` throw `AvisoError(.input, "broken gzip: …")`.
///
/// When the run may use several threads (`Parallelism.enabled`), the stream is inflated on a
/// thread of its own, a few 1 MiB buffers ahead of the reader, so inflating and parsing overlap;
/// an error met there is thrown by the reader's next `read` after the bytes inflated before it.
/// Releasing the source stops that thread and waits for it. Otherwise (`AVISO_SINGLE_THREADED=1`)
/// each `read` inflates on the caller's thread.
public final class GzipByteSource: ByteSource {
    /// Inflates inline; nil while `ahead` is running.
    private let inline: GzipInflater?
    /// The inflating thread, when there is one.
    private let ahead: ReadAhead?

    /// Inflates `source`; `name` is the file named in errors.
    /// - Throws: `AvisoError(.input)` if zlib can't be initialised.
    public convenience init(source: ByteSource, name: String) throws {
        try self.init(source: source, name: name, inflateAhead: Parallelism.enabled)
    }

    /// Inflates `source` on a thread of its own when `inflateAhead` (and the system starts one),
    /// else on the caller's thread at each `read`.
    init(source: ByteSource, name: String, inflateAhead: Bool) throws {
        let inflater = try GzipInflater(source: source, name: name)
        let started = inflateAhead ? ReadAhead.start(inflater) : nil
        ahead = started
        inline = started == nil ? inflater : nil
    }

    deinit {
        ahead?.stop()
    }

    /// Whether the stream is inflated on a thread of its own.
    var inflatesAhead: Bool { ahead != nil }

    /// Inflates into `buffer`; returns the number of bytes written, 0 after the last member.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let ahead { return try ahead.read(into: buffer) }
        return try inline!.read(into: buffer)
    }
}
