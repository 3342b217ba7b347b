import Foundation
import Testing
@testable import AvisoCore

/// The decoding step packs rows' texts into the buffers of rows it settled as only counted
/// (`PackedTextSpares`): a text packed into a spare must be the text packed afresh, whatever
/// the spare held, and a spare still shared must not change the value that shares it.
@Suite struct PackedTextSparesTests {
    static func record(_ values: [String?]) -> RawRecord {
        var record = RawRecord(fieldCount: values.count + 1)
        for (field, value) in values.enumerated() {
            if let value { record.set(field + 1, Array(value.utf8)) }
        }
        return record
    }

    static func packed(_ values: [String?], reusing spare: [UInt8]) -> PackedText {
        record(values).withValueBuffers { starts, ends, source in
            PackedText(starts: starts, ends: ends, source: source, fields: (0..<values.count).map { $0 + 1 }, reusing: spare)
        }
    }

    /// Spares shorter, longer and much longer than any case, holding bytes of their own.
    static let spares: [[UInt8]] = [[], [0xAA], Array(repeating: 0xBB, count: 64), Array(repeating: 0xCC, count: 70_000)]

    @Test("a text packed into a spare is the text packed afresh", arguments: PackedTextTests.cases, spares)
    func packingIntoASpareMatches(values: [String?], spare: [UInt8]) {
        let expected = PackedText(values.map { $0?.isEmpty == true ? nil : $0 })
        let afresh = Self.packed(values, reusing: [])
        let text = Self.packed(values, reusing: spare)
        #expect(text == expected)
        // Byte for byte and count for count what packing afresh makes: nothing of the spare's
        // own bytes is left.
        #expect(text.bufferForReuse == afresh.bufferForReuse)
    }

    @Test("packing into a buffer another text still holds leaves that text as it was")
    func aSharedSpareIsNotWrittenThrough() {
        let kept = PackedText(["pay_1", "cus_1", String(repeating: "z", count: 300)])
        let before = kept.bufferForReuse
        let text = Self.packed(["pay_2", nil, "curta"], reusing: kept.bufferForReuse)
        #expect(kept.bufferForReuse == before)
        #expect(kept.string(2) == String(repeating: "z", count: 300))
        #expect(text == PackedText(["pay_2", nil, "curta"]))
    }

    @Test("at most four buffers are kept, and none without room")
    func sparesAreBounded() {
        let spares = PackedTextSpares()
        #expect(spares.take().isEmpty)
        spares.give([])
        #expect(spares.count == 0)
        for size in 1...6 { spares.give(Array(repeating: UInt8(size), count: size)) }
        #expect(spares.count == PackedTextSpares.limit)
        // The last kept is handed out first.
        #expect(spares.take() == [4, 4, 4, 4])
        #expect(spares.count == PackedTextSpares.limit - 1)
    }

    @Test("charges decoded after counted ones keep their own texts", arguments: [1, 2, 5])
    func chargesAfterCountedOnesKeepTheirTexts(workEvery: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-spares-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Descriptions of many lengths (absent, short, long, past 32 KiB), links now and then.
        func description(_ index: Int) -> String? {
            switch index % 7 {
            case 0: return nil
            case 3: return String(repeating: "d\(index)", count: 400)
            case 5: return String(repeating: "w", count: 33_000 + index)
            default: return "Mensalidade \(index) ção"
            }
        }
        func link(_ index: Int) -> String? { index % 4 == 1 ? "https://pagar.exemplo.com.br/i/\(index)" : nil }
        var charges = "id,customer,billingType,status,value,dueDate,dateCreated,description,invoiceUrl\n"
        let count = 60
        for index in 0..<count {
            charges += "pay_\(index),cus_1,PIX,PENDING,10.00,2026-12-20,2026-11-01,\(description(index) ?? ""),\(link(index) ?? "")\n"
        }
        var inputs: [String: LocatedInput] = [:]
        for (table, text) in [("accounts", "id,name\nacc_1,Um\n"), ("customers", "id,account,name\ncus_1,acc_1,Maria\n"), ("charges", charges)] {
            let url = directory.appendingPathComponent(table + ".csv")
            try Data(text.utf8).write(to: url)
            inputs[table] = LocatedInput(table: table, path: url.path, fileName: table + ".csv", format: .csv)
        }
        let snapshot = try ExportSnapshot(inputs: inputs, maxRejectRatio: 1)
        var rejects: [RejectRecord] = []
        var handled: [Int] = []
        _ = try snapshot.readCharges(rejects: &rejects, prepare: { charge, _, _, _, _, _, _ in
            let index = Int(charge.id.dropFirst(4))!
            return index % workEvery == 0 ? .work(index) : .counted(leftOut: false)
        }, noteCounted: { _ in }) { charge, _, index in
            handled.append(index)
            #expect(charge.text == PackedText(["pay_\(index)", "cus_1", nil, description(index), nil, nil, link(index), nil]), "charge \(index)")
            return .used
        }
        #expect(handled == Array(stride(from: 0, to: count, by: workEvery)))
        #expect(rejects.isEmpty)
    }
}
