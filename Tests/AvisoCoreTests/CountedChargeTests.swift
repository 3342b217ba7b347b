import Foundation
import Testing
@testable import AvisoCore

/// Charges the preparing step settles as only counted (`PreparedRow.counted`) never reach the
/// run's handler, yet one that loses its id to an earlier row decoded after it (a late
/// duplicate) must still be rejected, with its id and line, and its note never handed back.
@Suite struct CountedChargeTests {
    static func snapshot(in directory: URL) throws -> ExportSnapshot {
        let accounts = "id,name\nacc_1,Um\n"
        let customers = "id,account,name\ncus_1,acc_1,Maria\n"
        let charges = """
            id,customer,billingType,status,value,dueDate,dateCreated
            pay_1,cus_1,PIX,PENDING,10.00,2026-12-20,2026-11-01
            pay_2,cus_1,PIX,PENDING,10.00,2026-12-20,2026-11-01
            pay_3,cus_1,PIX,PENDING,10.00,2026-12-20,2026-11-01
            pay_4,cus_1,PIX,PENDING,10.00,2026-12-20,2026-11-01
            pay_x,cus_9,PIX,PENDING,10.00,2026-12-20,2026-11-01

            """
        var inputs: [String: LocatedInput] = [:]
        for (table, text) in [("accounts", accounts), ("customers", customers), ("charges", charges)] {
            let url = directory.appendingPathComponent(table + ".csv")
            try Data(text.utf8).write(to: url)
            inputs[table] = LocatedInput(table: table, path: url.path, fileName: table + ".csv", format: .csv)
        }
        return try ExportSnapshot(inputs: inputs, maxRejectRatio: 1)
    }

    @Test(arguments: [false, true])
    func aCountedRowThatLosesItsIdLateIsRejectedWithItsIdAndLine(settleEveryRow: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-counted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshot = try Self.snapshot(in: directory)
        let claims = ChargeIDClaims()
        var rejects: [RejectRecord] = []
        var handled: [String] = []
        var noted: [UInt64] = []
        let statistics = try snapshot.readCharges(rejects: &rejects, claims: claims, prepare: { charge, _, _, _, _, _, _ in
            // As if a row before pay_3's (record 0) were decoded after it and held the same id.
            if charge.id == "pay_3" { _ = Array("pay_3".utf8).withUnsafeBytes { claims.claim($0, number: 0) } }
            // A counted row's note carries the digit of its id.
            let note = CountedNote(low: UInt64(charge.id.utf8.last! - UInt8(ascii: "0")), high: 0)
            return settleEveryRow || charge.id == "pay_3" ? .counted(leftOut: charge.id == "pay_4", note: note) : .work(charge.id)
        }, noteCounted: { note in
            noted.append(note.low)
        }) { charge, _, work in
            handled.append(work)
            #expect(work == charge.id)
            return .used
        }
        #expect(handled == (settleEveryRow ? [] : ["pay_1", "pay_2", "pay_4"]))
        #expect(noted == (settleEveryRow ? [1, 2, 4] : []))
        #expect(statistics.rowsRead == 5)
        #expect(statistics.rowsRejected == 2)
        #expect(statistics.rowsLeftOut == (settleEveryRow ? 1 : 0))
        #expect(statistics.rowsUsed == (settleEveryRow ? 2 : 3))
        #expect(rejects.map { "\($0.line ?? 0) \($0.reason) \($0.id)" } == ["4 DUPLICATE_ID pay_3", "6 UNKNOWN_CUSTOMER pay_x"])
    }

    @Test("a charge is told whether its id is one of the watched ids; without a watch list, none is")
    func watchedIDsAreToldToPrepare() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-watched-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshot = try Self.snapshot(in: directory)
        var watching = ChargeIDSet()
        for id in ["pay_2", "pay_4", "pay_x", "pay_9"] { _ = watching.insert(id) }
        for list in [watching, nil] {
            var rejects: [RejectRecord] = []
            var told: [String] = []
            _ = try snapshot.readCharges(rejects: &rejects, watching: list, prepare: { charge, _, _, _, _, _, watched in
                .work(watched ? charge.id : "")
            }, noteCounted: { _ in }) { _, _, work in
                if !work.isEmpty { told.append(work) }
                return .used
            }
            // pay_x's customer is unknown: it is rejected before it is prepared.
            #expect(told == (list == nil ? [] : ["pay_2", "pay_4"]))
        }
    }
}
