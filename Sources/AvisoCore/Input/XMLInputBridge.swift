import CLibXML2

/// The C side of an `XMLRecordReader`: feeds libxml2's pull parser from a `ByteSource` through
/// a small buffer, and keeps what went wrong on the way (the source's own error, the parser's
/// first fatal error). libxml2 reaches it through an unretained pointer; the reader owns it and
/// frees the libxml2 reader before it.
final class XMLInputBridge {
    /// One problem reported by libxml2, already copied out of its error struct.
    struct Issue {
        /// libxml2's message, trimmed, line breaks folded into spaces.
        var message: String
        /// The parser's line when it reported the problem (0 when unknown).
        var line: Int
    }

    private let source: ByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    private var head = 0
    private var tail = 0
    private var exhausted = false

    /// The error thrown by the byte source, if a read failed; it wins over any parser error.
    private(set) var sourceError: Error?
    /// The first fatal parser error (malformed markup, invalid UTF-8).
    private(set) var firstFatal: Issue?
    /// The first error of any severity above warning, fatal or not.
    private(set) var firstError: Issue?

    init(source: ByteSource, capacity: Int = 64 * 1024) {
        self.source = source
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Reads ahead until at least `count` bytes are buffered or the source ends, and returns the
    /// buffered bytes (valid until the next read). Used to sniff the encoding before parsing.
    func prefix(_ count: Int) throws -> UnsafeRawBufferPointer {
        precondition(count <= buffer.count && head == 0)
        if tail < count, !exhausted {
            tail += try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[tail...]))
        }
        return UnsafeRawBufferPointer(rebasing: buffer[head..<tail])
    }

    /// libxml2's read callback: copies up to `count` bytes to `destination`; 0 at the end,
    /// -1 when the source threw (the error is kept for the reader to rethrow).
    func deliver(into destination: UnsafeMutableRawPointer, count: Int) -> Int32 {
        if sourceError != nil { return -1 }
        if head == tail {
            if exhausted { return 0 }
            do {
                if count >= buffer.count {
                    // Large requests go straight to the caller's memory: no point in a copy.
                    return Int32(try fill(UnsafeMutableRawBufferPointer(start: destination, count: count)))
                }
                head = 0
                tail = try fill(buffer)
                if tail == 0 { return 0 }
            } catch {
                sourceError = error
                return -1
            }
        }
        let n = min(count, tail - head)
        destination.copyMemory(from: buffer.baseAddress! + head, byteCount: n)
        head += n
        return Int32(n)
    }

    /// Reads until `target` is full or the source ends. libxml2 then always sees whole chunks,
    /// whatever sizes the source hands out, so its messages do not depend on them (a UTF-8
    /// sequence cut between two tiny pushes is reported as an internal error, not as bad UTF-8).
    private func fill(_ target: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < target.count, !exhausted {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: target[filled...]))
            if n == 0 { exhausted = true } else { filled += n }
        }
        return filled
    }

    /// libxml2's structured error callback for this reader: keeps the first error and the first
    /// fatal error; warnings are dropped. Nothing is printed.
    func note(level: Int32, message: UnsafePointer<CChar>?, line: Int32) {
        guard level >= 2 else { return }
        let fatal = level >= 3
        if firstError != nil, !fatal || firstFatal != nil { return }
        let issue = Issue(message: XMLInputBridge.tidy(message), line: Int(line))
        if firstError == nil { firstError = issue }
        if fatal, firstFatal == nil { firstFatal = issue }
    }

    /// Trims a libxml2 message and folds its line breaks (some span two lines) into spaces.
    static func tidy(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        var bytes: [UInt8] = []
        var pendingSpace = false
        var p = UnsafeRawPointer(message).assumingMemoryBound(to: UInt8.self)
        while p.pointee != 0 {
            let b = p.pointee
            if RawRecord.isSpace(b) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(b)
            }
            p += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
