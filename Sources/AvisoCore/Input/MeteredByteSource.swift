import Foundation

/// A byte source that counts the bytes read through it, for the progress line: the reading
/// thread adds, the caller's thread reads the total.
final class MeteredByteSource: ByteSource {
    /// The running total, shared between the reading thread and the progress line.
    final class Meter: @unchecked Sendable {
        private let lock = NSLock()
        private var total = 0

        init() {}

        /// Bytes read so far.
        var bytes: Int { lock.withLock { total } }

        func add(_ count: Int) { lock.withLock { total += count } }
    }

    private let source: ByteSource
    private let meter: Meter

    init(_ source: ByteSource, meter: Meter) {
        self.source = source
        self.meter = meter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try source.read(into: buffer)
        meter.add(count)
        return count
    }
}
