import Testing
@testable import AvisoCore

@Suite struct ProgressLineTests {
    @Test(arguments: [(0.0, "0.0"), (0.04, "0.0"), (0.05, "0.1"), (12.34, "12.3"), (264.4, "264.4"), (1999.96, "2000.0")])
    func oneDecimal(_ value: Double, _ expected: String) {
        #expect(ProgressLine.oneDecimal(value) == expected)
    }

    @Test func theMeterCountsEveryByteReadThroughIt() throws {
        let bytes = [UInt8]((0..<10_000).map { UInt8(truncatingIfNeeded: $0) })
        let meter = MeteredByteSource.Meter()
        let source = MeteredByteSource(MemoryByteSource(bytes), meter: meter)
        var buffer = [UInt8](repeating: 0, count: 777)
        var total = 0
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            total += count
            #expect(meter.bytes == total)
        }
        #expect(meter.bytes == 10_000)
    }
}
