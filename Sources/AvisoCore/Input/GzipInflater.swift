import CZlib

/// Inflates a gzip stream read from another source, on the calling thread: the engine behind
/// `GzipByteSource`, which runs it either inline or on a thread of its own. Multi-member files
/// (concatenated gzip streams) are read whole. A stream that ends early, corrupt data, or bytes
/// after the last member that do not start another member (trailing garbage, including zero
/// padding) make `read` throw `AvisoError(.input, "broken gzip: …")`.
///
/// Not thread-safe; `@unchecked Sendable` only so that it can be handed once to the inflating
/// thread, which then is its only user until it is joined.
final class GzipInflater: ByteSource, @unchecked Sendable {
    /// Whether `bytes` start with gzip's magic bytes (1f 8b).
    static func startsWithMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    private static let inputCapacity = 1 << 20

    private let source: ByteSource
    private let name: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private var sourceAtEnd = false
    /// True before the first member and after each member's end: the next bytes must be a new
    /// member's magic, or nothing at all.
    private var atMemberStart = true
    private var membersDone = 0
    private var initialised = false

    /// Inflates `source`; `name` is the file named in errors.
    /// - Throws: `AvisoError(.input)` if zlib can't be initialised.
    init(source: ByteSource, name: String) throws {
        self.source = source
        self.name = name
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: GzipInflater.inputCapacity)
        let status = aviso_inflate_init_gzip(stream)
        guard status == Z_OK else {
            throw AvisoError(.input, file: name, "broken gzip: zlib could not start (code \(status))",
                             hint: "the system may be out of memory")
        }
        initialised = true
    }

    deinit {
        if initialised { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Inflates into `buffer`; returns the number of bytes written, 0 after the last member.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let capacity = min(buffer.count, Int(UInt32.max))
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(capacity)
        while true {
            if atMemberStart {
                try fillInput(atLeast: 2)
                let available = Int(stream.pointee.avail_in)
                if available == 0 {
                    if membersDone == 0 { throw broken("the file is empty") }
                    return capacity - Int(stream.pointee.avail_out)
                }
                let next = stream.pointee.next_in!
                guard Self.startsWithMagic(UnsafeRawBufferPointer(start: next, count: available)) else {
                    throw broken(membersDone == 0
                                 ? "not gzip data (no 1f 8b magic at the start)"
                                 : "trailing garbage after gzip member \(membersDone)")
                }
                if membersDone > 0, inflateReset(stream) != Z_OK {
                    throw broken("zlib could not reset for member \(membersDone + 1)")
                }
                atMemberStart = false
            }
            if stream.pointee.avail_in == 0 { try fillInput(atLeast: 1) }
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = capacity - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                membersDone += 1
                atMemberStart = true
                if produced > 0 { return produced }
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
                if stream.pointee.avail_in == 0 && sourceAtEnd {
                    throw broken("truncated: the data ends inside gzip member \(membersDone + 1)")
                }
            case Z_NEED_DICT:
                throw broken("a preset dictionary is required, which gzip files never use")
            case Z_MEM_ERROR:
                throw broken("out of memory while inflating")
            default:
                throw broken(zlibMessage(default: "corrupt data (zlib code \(status))"))
            }
        }
    }

    /// Moves unread input to the front of the buffer and reads from the source until at least
    /// `minimum` bytes are available or the source ends.
    private func fillInput(atLeast minimum: Int) throws {
        var available = Int(stream.pointee.avail_in)
        if available >= minimum || sourceAtEnd { return }
        if available > 0, let next = stream.pointee.next_in, next != input {
            input.update(from: next, count: available)
        }
        while available < minimum && !sourceAtEnd {
            let room = UnsafeMutableRawBufferPointer(start: input + available,
                                                     count: GzipInflater.inputCapacity - available)
            let got = try source.read(into: room)
            if got == 0 { sourceAtEnd = true } else { available += got }
        }
        stream.pointee.next_in = input
        stream.pointee.avail_in = uInt(available)
    }

    private func zlibMessage(default fallback: String) -> String {
        guard let message = stream.pointee.msg else { return fallback }
        return String(cString: message)
    }

    private func broken(_ what: String) -> AvisoError {
        AvisoError(.input, file: name, "broken gzip: \(what)",
                   hint: "the file is damaged or incompletely copied; check it with `gzip -t` and export it again")
    }
}
