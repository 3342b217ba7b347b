/// A `ByteSource` serving several runs of bytes one after the other, as one stream: an XML
/// chunk read as a document of its own (the file's prolog, the chunk's bytes in place, a
/// closing tag) without copying them together.
final class SegmentedByteSource: ByteSource {
    /// One run of bytes: an array, or bytes at a pointer kept valid by an object held here.
    struct Segment {
        fileprivate let array: [UInt8]
        fileprivate let pointer: UnsafePointer<UInt8>?
        fileprivate let count: Int
        fileprivate let owner: AnyObject?

        /// The bytes of `array`.
        init(_ array: [UInt8]) {
            self.array = array
            pointer = nil
            count = array.count
            owner = nil
        }

        /// `count` bytes at `pointer`, valid while `owner` lives.
        init(_ pointer: UnsafePointer<UInt8>, _ count: Int, keeping owner: AnyObject) {
            array = []
            self.pointer = pointer
            self.count = count
            self.owner = owner
        }
    }

    private let segments: [Segment]
    private var index = 0
    private var offset = 0

    /// A source serving `segments` in order.
    init(_ segments: [Segment]) {
        self.segments = segments
    }

    /// Copies up to `buffer.count` bytes, crossing from one segment to the next; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let destination = buffer.baseAddress else { return 0 }
        var written = 0
        while written < buffer.count, index < segments.count {
            let segment = segments[index]
            let count = min(buffer.count - written, segment.count - offset)
            if count > 0 {
                if let pointer = segment.pointer {
                    (destination + written).copyMemory(from: pointer + offset, byteCount: count)
                } else {
                    segment.array.withUnsafeBytes { (destination + written).copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
                }
                written += count
                offset += count
            }
            if offset == segment.count {
                index += 1
                offset = 0
            }
        }
        return written
    }
}
