import Testing
@testable import AvisoCore

@Suite("PermanentByteTable: byte strings read by index")
struct PermanentByteTableTests {
    @Test("every string reads back as given, in order, empty ones and a first empty one included")
    func stringsReadBack() {
        var strings: [[UInt8]] = [[], Array("a".utf8), [], Array(",\"event\":\"PAYMENT_OVERDUE\"".utf8)]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let count = Int(generator.next() % 40)
            strings.append((0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        let table = PermanentByteTable(strings)
        #expect(table.count == strings.count)
        for (index, string) in strings.enumerated() {
            #expect(Array(table[index]) == string, "string \(index)")
        }
    }

    @Test("an empty table holds nothing")
    func emptyTable() {
        #expect(PermanentByteTable([]).count == 0)
    }
}
