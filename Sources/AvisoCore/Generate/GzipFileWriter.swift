import CZlib

/// Compresses what it is given into a gzip file with zlib's deflate. Level 1 by default: the
/// generator must write gigabytes quickly, and level 1 runs several times faster than level 6
/// for output only some 10–20 % larger, which is immaterial for a test export.
final class GzipFileWriter: ByteSink {
    private let file: RawFileWriter
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutablePointer<UInt8>
    private let outputCapacity = 1 << 20
    private var ended = false
    /// Uncompressed bytes taken in.
    private(set) var bytesIn: Int64 = 0

    /// Opens `path` (through `RawFileWriter`'s temporary name) for gzip output at `level` (1–9).
    /// - Throws: `AvisoError(.output)` when the file can't be created or zlib can't start.
    init(path: String, level: Int32 = 1) throws {
        file = try RawFileWriter(path: path)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = .allocate(capacity: outputCapacity)
        guard aviso_deflate_init_gzip(stream, level) == Z_OK else {
            ended = true
            throw AvisoError(.output, file: path, "zlib could not start a gzip stream at level \(level)")
        }
    }

    deinit {
        if !ended { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        // avail_in is 32-bit: feed very large buffers in slices.
        var offset = 0
        while offset < bytes.count {
            let slice = min(bytes.count - offset, 1 << 30)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: (start + offset).assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = uInt(slice)
            try pump(flush: Z_NO_FLUSH)
            offset += slice
        }
        bytesIn += Int64(bytes.count)
    }

    func finish() throws {
        guard !ended else { return }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try pump(flush: Z_FINISH)
        deflateEnd(stream)
        ended = true
        try file.finish()
    }

    /// Runs deflate until the input is used up (or, finishing, until the stream ends), writing
    /// each full output buffer to the file.
    private func pump(flush: Int32) throws {
        while true {
            stream.pointee.next_out = output
            stream.pointee.avail_out = uInt(outputCapacity)
            let status = deflate(stream, flush)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw AvisoError(.output, file: file.path, "zlib deflate failed (status \(status))")
            }
            let produced = outputCapacity - Int(stream.pointee.avail_out)
            if produced > 0 {
                try file.write(UnsafeRawBufferPointer(start: output, count: produced))
            }
            if flush == Z_FINISH {
                if status == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                return
            }
        }
    }
}
