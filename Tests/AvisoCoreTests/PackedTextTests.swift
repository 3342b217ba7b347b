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
}
