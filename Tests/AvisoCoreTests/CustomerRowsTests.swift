import Foundation
import Testing
@testable import AvisoCore

/// Customers of a plain CSV file are kept as the places of their rows and read again from the
/// file when needed: what is read again must be exactly what the reader read.
@Suite struct CustomerRowsTests {
    static let accounts = "id,name\nacc_1,Um\nacc_2,Dois\n"
    // A byte-order mark, CRLF line ends, `;` as delimiter, a quoted name holding the delimiter,
    // a line break and doubled quotes, a blank line, non-ASCII text, and absent fields.
    static let customers = "\u{FEFF}id;account;name;email;mobilePhone;address;addressNumber;postalCode;cityName;state;postalService;deleted\r\n"
        + "cus_1;acc_1;\"Maria \"\"Mel\"\"; da Silva\r\nSegunda linha\";maria@example.com;(11) 98765-4321;Rua A;10;01001-000;São Paulo;SP;true;\r\n"
        + "\r\n"
        + "cus_2;acc_2;José Ávila;;;;;;;;;\r\n"
        + "cus_3;acc_1;  Ana  ;ana@example.com;;Av. Brasil;;;;;false;true\r\n"
        + "cus_4;acc_2;Último sem fim de linha;x@example.com;;;;;;;;"

    static func expected() -> [Customer] {
        [
            Customer(id: "cus_1", account: "acc_1", name: "Maria \"Mel\"; da Silva\r\nSegunda linha", email: "maria@example.com",
                     mobilePhone: "(11) 98765-4321", address: "Rua A", addressNumber: "10", postalCode: "01001-000",
                     cityName: "São Paulo", state: "SP", postalService: true),
            Customer(id: "cus_2", account: "acc_2", name: "José Ávila"),
            Customer(id: "cus_3", account: "acc_1", name: "Ana", email: "ana@example.com", address: "Av. Brasil", deleted: true),
            Customer(id: "cus_4", account: "acc_2", name: "Último sem fim de linha", email: "x@example.com"),
        ]
    }

    static func snapshot(in directory: URL) throws -> ExportSnapshot {
        var inputs: [String: LocatedInput] = [:]
        for (table, text) in [("accounts", accounts), ("customers", customers)] {
            let url = directory.appendingPathComponent(table + ".csv")
            try Data(text.utf8).write(to: url)
            inputs[table] = LocatedInput(table: table, path: url.path, fileName: table + ".csv", format: .csv)
        }
        return try ExportSnapshot(inputs: inputs, maxRejectRatio: 1)
    }

    @Test func customersReadAgainFromTheirRowsAreThoseTheReaderRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshot = try Self.snapshot(in: directory)
        let customers = snapshot.customers
        #expect(snapshot.rejects.isEmpty)
        #expect(customers.count == 4)
        // Kept as rows only when the reader parses chunks of the mapped file (not single-threaded).
        if Parallelism.enabled {
            #expect((0..<customers.count).allSatisfy(customers.isKeptAsRow(at:)))
        }
        let expected = Self.expected()
        for position in 0..<customers.count {
            #expect(customers.customer(at: position) == expected[position])
            for field in 0..<15 {
                let stored = customers.withTextBytes(at: position, field) { $0.map { Array($0) } }
                let wanted = expected[position].text.withBytes(field) { $0.map { Array($0) } }
                #expect(stored == wanted, "customer \(position), field \(field)")
            }
            #expect(customers.position(ofID: expected[position].id) == position)
        }
    }

    /// Rows read again in any order, over and over, and from several threads at once (each
    /// thread reuses a parser of its own between calls) give the customers the reader read.
    @Test func customersReadAgainInAnyOrderAndFromSeveralThreadsAreThoseTheReaderRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let customers = try Self.snapshot(in: directory).customers
        let expected = Self.expected()
        try #require(customers.count == expected.count)
        // Long row, short row, long again: a parser's chunk is refilled with every size.
        let order = [0, 1, 2, 3, 3, 2, 1, 0, 0, 2, 1, 3, 1, 1]
        for position in order {
            #expect(customers.customer(at: position) == expected[position], "customer \(position)")
        }
        let mismatches = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<500 {
                let position = order[(round + thread) % order.count]
                if customers.customer(at: position) != expected[position] { mismatches.add(1) }
            }
        }
        #expect(mismatches.value == 0)
    }
}
