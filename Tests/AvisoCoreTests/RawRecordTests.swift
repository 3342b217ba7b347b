import Testing
@testable import AvisoCore

@Suite struct RawRecordTests {
    @Test("after reset every field reads as absent, though the ends of the last record's values are left in place")
    func resetLeavesNoValueBehind() {
        var record = RawRecord(fieldCount: 4)
        record.set(0, Array("pay_1".utf8))
        record.set(2, Array("descrição".utf8))
        record.set(3, Array("x".utf8))
        #expect(record.has(0) && record.has(2) && record.has(3))
        record.reset()
        record.set(3, Array("y".utf8))
        for field in 0..<3 {
            #expect(!record.has(field))
            #expect(record.bytes(field) == nil)
            #expect(record.string(field) == nil)
        }
        #expect(record.string(3) == "y")
        // Packed texts and decoders read the offsets as a whole: absent stays absent there too.
        let packed = PackedText(record: record, fields: [0, 1, 2, 3])
        #expect(packed.string(0) == nil && packed.string(2) == nil && packed.string(3) == "y")
        #expect(packed == PackedText([nil, nil, nil, "y"]))
        // A field set again after the reset takes its new value, not the first record's.
        record.set(2, Array("outra".utf8))
        #expect(record.string(2) == "outra")
    }
}
