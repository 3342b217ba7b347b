import Testing
@testable import AvisoCore

@Suite struct RawRecordBatchTests {
    /// What a record holds, for comparing.
    static func summary(_ record: RawRecord) -> String {
        let values = (0..<record.starts.count).map { record.string($0) ?? "∅" }
        return "\(record.line) \(record.number) \(String(describing: record.problem)) \(values)"
    }

    @Test("each record loads back as it was appended: values, absent fields, line, number, problem")
    func recordsLoadBackAsAppended() {
        var made: [RawRecord] = []
        var record = RawRecord(fieldCount: 3)
        for n in 1...50 {
            record.reset()
            record.line = n * 2
            record.number = n
            if n % 3 != 0 { record.set(0, Array("id\(n)".utf8)) }
            if n % 4 != 0 { record.set(1, Array(String(repeating: "ç", count: n % 7).utf8)) }
            record.set(2, Array("  v\(n)  ".utf8))
            if n % 10 == 0 { record.problem = .badQuotes("defect \(n)") }
            made.append(record)
        }
        // A record with every field absent, and nothing stored.
        record.reset()
        record.line = 101
        record.number = 51
        made.append(record)
        var batch = RawRecordBatch(fieldCount: 3)
        for record in made { batch.append(record) }
        #expect(batch.count == 51)
        // One record reused for every load, as the decoding thread does: nothing may linger.
        var loaded = RawRecord(fieldCount: 3)
        for (index, original) in made.enumerated() {
            batch.load(index, into: &loaded)
            #expect(Self.summary(loaded) == Self.summary(original))
        }
        // Out of order: a long record after a short one, the empty one after a full one.
        for index in [49, 50, 6, 0, 30, 50, 29] {
            batch.load(index, into: &loaded)
            #expect(Self.summary(loaded) == Self.summary(made[index]))
        }
        batch.load(9, into: &loaded)
        #expect(loaded.problem == .badQuotes("defect 10"))
        batch.load(10, into: &loaded)
        #expect(loaded.problem == nil && loaded.string(0) == "id11" && loaded.string(2) == "v11")
    }
}
