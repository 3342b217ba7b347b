import Foundation

/// A byte source that counts the bytes read through it, for the progress line: the reading
/// thread adds, the caller's thread reads the total.
final class MeteredByteSource: ByteSource {
    /// The running total, shared between the reading thread and the progress line.
    final class Meter: Sendable {
        private let total = AtomicCounter()

        init() {}

        /// Bytes read so far.
        var bytes: Int { total.value }

        func add(_ count: Int) { total.add(count) }
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
