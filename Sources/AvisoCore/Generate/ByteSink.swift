/// Where generated export bytes go: a plain file or a gzip stream into one.
protocol ByteSink: AnyObject {
    /// Writes all of `bytes`.
    /// - Throws: `AvisoError(.output)` when the file can't be written.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes what is buffered and publishes the file under its final name.
    /// - Throws: `AvisoError(.output)` when the file can't be completed.
    func finish() throws
}
