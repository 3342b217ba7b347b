import Testing
@testable import AvisoCore

@Suite struct PackedTextTests {
    static let cases: [[String?]] = [
        [],
        [nil],
        [""],
        ["pay_1", nil, "", "Mensalidade de março", nil],
        (0..<16).map { $0 % 3 == 0 ? nil : "valor \($0) ção" },
        // Over 32 KiB of data: the ends are 32-bit.
        ["a", String(repeating: "x", count: 40_000), nil, "z"],
        [String(repeating: "é", count: 16_384), ""],
    ]

    @Test("every value comes back as packed, nil told from empty", arguments: cases)
    func valuesRoundTrip(values: [String?]) {
        let text = PackedText(values)
        for (field, value) in values.enumerated() {
            #expect(text.string(field) == value)
            #expect(text.has(field) == (value != nil))
            text.withBytes(field) { bytes in
                #expect(bytes.map { Array($0) } == value.map { Array($0.utf8) })
            }
        }
        // A field past the packed ones is absent.
        #expect(text.string(values.count) == nil)
    }

    @Test("packing a record's fields gives the same text as packing the Strings", arguments: cases)
    func recordPackingMatches(values: [String?]) {
        var record = RawRecord(fieldCount: values.count + 1)
        for (field, value) in values.enumerated() {
            if let value { record.set(field + 1, Array(value.utf8)) }
        }
        // RawRecord drops a value that is empty after trimming: an empty String is absent there.
        let fromRecord = PackedText(record: record, fields: (0..<values.count).map { $0 + 1 })
        #expect(fromRecord == PackedText(values.map { $0?.isEmpty == true ? nil : $0 }))
    }

    @Test("gathering values from elsewhere gives the same text as packing the Strings", arguments: cases)
    func gatheringMatches(values: [String?]) {
        // Each value from another packed text, at another field (the order reversed), so that a
        // wrong field or a wrong count shows.
        let source = PackedText(values.reversed())
        let gathered = PackedText(fieldCount: values.count) { field, body in source.withBytes(values.count - 1 - field, body) }
        #expect(gathered == PackedText(values))
    }

    @Test("a copy of the packed buffer reads the same")
    func storageCopyReadsTheSame() {
        let text = PackedText(["pay_1", nil, "cus_9"])
        let copy = text.withStorage { PackedText(storage: $0) }
        #expect(copy == text)
        #expect(copy.string(2) == "cus_9")
    }

    /// Packs the fields at `places` (offsets in `source`, nil for absent) as a record's span.
    static func spanPacked(_ source: [UInt8], _ places: [Range<Int>?]) -> PackedText {
        let starts = places.map { $0?.lowerBound ?? -1 }
        let ends = places.map { $0?.upperBound ?? -1 }
        return starts.withUnsafeBufferPointer { starts in
            ends.withUnsafeBufferPointer { ends in
                source.withUnsafeBufferPointer { PackedText(starts: starts, ends: ends, source: $0, fields: Array(places.indices)) }
            }
        }
    }

    @Test("a record's span, with bytes between and around its values and fields out of order, reads and compares as the values packed one by one")
    func spanLayoutReadsAndComparesByValue() {
        let source = Array("payment,cus_9, 120.00 ,pay_1,,Mensalidade de março,tail".utf8)
        func place(_ text: String) -> Range<Int> {
            let bytes = Array(text.utf8)
            let start = (0...(source.count - bytes.count)).first { Array(source[$0..<($0 + bytes.count)]) == bytes }!
            return start..<(start + bytes.count)
        }
        // Field 0 lies after field 1 in the record; field 2 is absent; field 4 is empty.
        let text = Self.spanPacked(source, [place("pay_1"), place("cus_9"), nil, place("Mensalidade de março"), 27..<27])
        let values: [String?] = ["pay_1", "cus_9", nil, "Mensalidade de março", ""]
        for (field, value) in values.enumerated() { #expect(text.string(field) == value, "field \(field)") }
        #expect(text == PackedText(values))
        #expect(Set([text, PackedText(values)]).count == 1)
        #expect(text.hashValue == PackedText(values).hashValue)
        // Told apart by a value, by nil against empty, and by the number of fields.
        #expect(text != PackedText(["pay_1", "cus_9", nil, "Mensalidade de marco", ""]))
        #expect(text != PackedText(["pay_1", "cus_9", "", "Mensalidade de março", ""]))
        #expect(text != PackedText(values + [nil]))
        #expect(PackedText() == PackedText([]))
        #expect(PackedText() != PackedText([nil]))
        // A copy of its buffer reads the same.
        #expect(text.withStorage { PackedText(storage: $0) } == text)
    }

    @Test("a span of 32 KiB or more has 32-bit offsets and reads back")
    func wideSpanReadsBack() {
        var source = Array(repeating: UInt8(ascii: "-"), count: 70_000)
        source.replaceSubrange(10..<15, with: Array("first".utf8))
        source.replaceSubrange(69_990..<69_994, with: Array("last".utf8))
        let text = Self.spanPacked(source, [69_990..<69_994, nil, 10..<15])
        #expect(text.string(0) == "last")
        #expect(text.string(1) == nil)
        #expect(text.string(2) == "first")
        #expect(text == PackedText(["last", nil, "first"]))
    }
}
