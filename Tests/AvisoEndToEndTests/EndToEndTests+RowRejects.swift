import Foundation
import Testing

/// Row-level input rejects through the binary: one bad row per reason, each listed in
/// rejects.csv with its file, line (CSV) or record (XML), id, field and reason, and the run goes on.
extension EndToEndTests {
    /// The first twelve columns of a rejects.csv INPUT line (everything but the free-text detail).
    static func inputReject(_ file: String, line: Int? = nil, record: Int? = nil, id: String, field: String, reason: String) -> [String] {
        ["INPUT", file, line.map(String.init) ?? "", record.map(String.init) ?? "", id, field, "", "", "", "", "", reason]
    }

    /// The rejects.csv records without their detail column, in byte order (FORMATS.md fixes no
    /// order for rejects, so the comparison is on the set of lines).
    static func rejectLines(_ snapshot: FolderSnapshot) -> [[String]] {
        let table = CSVTable(snapshot.text("rejects.csv"))
        #expect(table.header.joined(separator: ",") == rejectsHeader)
        return sortedLines(table.records.map { Array($0.prefix(12)) })
    }

    /// Rows in a stable order for comparing sets of lines.
    static func sortedLines(_ rows: [[String]]) -> [[String]] {
        rows.sorted { Array($0.joined(separator: "\u{1}").utf8).lexicographicallyPrecedes(Array($1.joined(separator: "\u{1}").utf8)) }
    }

    /// The per-table counts summary.json gives, as (rowsRead, rowsRejected).
    static func tableCounts(_ snapshot: FolderSnapshot) throws -> [String: [Int]] {
        let inputs = try #require(try summary(snapshot)["inputs"] as? [[String: Any]])
        var counts: [String: [Int]] = [:]
        for input in inputs {
            let table = try #require(input["table"] as? String)
            counts[table] = [input["rowsRead"] as? Int ?? -1, input["rowsRejected"] as? Int ?? -1]
        }
        return counts
    }

    @Test func everyCSVRejectReasonIsListedWithItsLocation() throws {
        let scratch = try Scratch()
        try scratch.write("export/accounts.csv", """
            id,name,email,mobilePhone
            acc_1,Loja Um,financeiro@lojaum.com.br,(11) 98765-4321
            acc_1,Loja Repetida,outro@lojaum.com.br,
            ,Sem Id,semid@lojaum.com.br,

            """)
        // Line 2 holds a quoted line break, so the record on line 4 is the third physical line
        // after the header. Line 7 carries an invalid UTF-8 byte pair (C3 28). Line 9 opens a quote
        // that never closes: reading resumes on line 10, whose row is sound.
        var customers = Array("""
            id,account,name,email,mobilePhone,notificationDisabled,complement
            cus_1,acc_1,Maria Silva,maria@exemplo.com.br,(11) 99876-5432,false,"Casa 2
            fundos"
            cus_2,acc_9,João Sem Conta,joao@exemplo.com.br,,,
            cus_3,acc_1,Ana Souza,ana@exemplo.com.br,,talvez,
            cus_4,acc_1,Ana "Nina" Souza,nina@exemplo.com.br,,,
            cus_5,acc_1,José\u{1}Lima,jose@exemplo.com.br,,,
            cus_6,acc_1,Pedro Alves,pedro@exemplo.com.br,,,,extra
            cus_7,acc_1,"Rita sem fim,rita@exemplo.com.br,,,
            cus_8,acc_1,Carla Lima,carla@exemplo.com.br,,sim,

            """.utf8)
        let marker = try #require(customers.firstIndex(of: 1))
        customers.replaceSubrange(marker...marker, with: [0xC3, 0x28])
        try scratch.write("export/customers.csv", bytes: customers)
        try scratch.write("export/notifications.csv", """
            event,scheduleOffset,customer,account,enabled,emailEnabledForCustomer
            PAYMENT_OVERDUE,0,,acc_1,true,true
            PAYMENT_OVERDUE,0,,acc_1,true,false
            PAYMENT_OVERDUE,3,cus_2,acc_9,true,true
            PAYMENT_CREATED,0,,acc_9,true,true
            PAYMENT_OVERDUE,91,,acc_1,true,true
            PAYMENT_DUEDATE_WARNING,5,,acc_1,talvez,true

            """)
        try scratch.write("export/charges.csv", """
            id,customer,billingType,status,value,dueDate,dateCreated,paymentDate,deleted
            pay_1,cus_1,PIX,PENDING,100.00,2026-12-10,2026-11-01,,
            pay_2,cus_1,PIX,PENDING,100.00,2026-02-30,2026-11-01,,
            pay_3,cus_1,PIX,PENDING,R$ 10,2026-12-10,2026-11-01,,
            pay_4,cus_1,CHEQUE,PENDING,10.00,2026-12-10,2026-11-01,,
            pay_5,cus_1,PIX,RECEIVED,10.00,2026-12-10,2026-11-01,,
            pay_1,cus_1,PIX,PENDING,50.00,2026-12-10,2026-11-01,,
            pay_6,cus_2,PIX,PENDING,10.00,2026-12-10,2026-11-01,,
            pay_7,cus_404,PIX,PENDING,10.00,2026-12-10,2026-11-01,,
            pay_8,,PIX,PENDING,10.00,2026-12-10,2026-11-01,,
            pay_9,cus_1,PIX,PENDING,10.00,2026-12-10,2026-11-01,,talvez
            pay_10,cus_1,PIX,RECEIVED,10.00,2026-12-10,2026-11-01,,true
            pay_5,cus_1,PIX,PENDING,10.00,2026-12-10,2026-11-01,,

            """)
        let config = try scratch.write("config.json", "{\"maxRejectRatio\": 1}")
        let result = try Self.runAviso(date: Self.sampleDate, input: scratch.path("export"), out: scratch.path("out"), config: config)
        try #require(result.status == 0, "stderr: \(result.stderr)")
        let snapshot = try FolderSnapshot(scratch.path("out/\(Self.sampleDate)"))

        let expected: [[String]] = [
            Self.inputReject("accounts.csv", line: 3, id: "acc_1", field: "id", reason: "DUPLICATE_ID"),
            Self.inputReject("accounts.csv", line: 4, id: "", field: "id", reason: "MISSING_FIELD"),
            Self.inputReject("customers.csv", line: 4, id: "cus_2", field: "account", reason: "UNKNOWN_ACCOUNT"),
            Self.inputReject("customers.csv", line: 5, id: "cus_3", field: "notificationDisabled", reason: "BAD_BOOLEAN"),
            Self.inputReject("customers.csv", line: 6, id: "cus_4", field: "", reason: "BAD_QUOTES"),
            Self.inputReject("customers.csv", line: 7, id: "cus_5", field: "", reason: "BAD_UTF8"),
            Self.inputReject("customers.csv", line: 8, id: "cus_6", field: "", reason: "FIELD_COUNT"),
            Self.inputReject("customers.csv", line: 9, id: "cus_7", field: "", reason: "BAD_QUOTES"),
            Self.inputReject("notifications.csv", line: 3, id: "", field: "event", reason: "DUPLICATE_SETTING"),
            Self.inputReject("notifications.csv", line: 4, id: "", field: "customer", reason: "UNKNOWN_CUSTOMER"),
            Self.inputReject("notifications.csv", line: 5, id: "", field: "account", reason: "UNKNOWN_ACCOUNT"),
            Self.inputReject("notifications.csv", line: 6, id: "", field: "scheduleOffset", reason: "BAD_NUMBER"),
            Self.inputReject("notifications.csv", line: 7, id: "", field: "enabled", reason: "BAD_BOOLEAN"),
            Self.inputReject("charges.csv", line: 3, id: "pay_2", field: "dueDate", reason: "BAD_DATE"),
            Self.inputReject("charges.csv", line: 4, id: "pay_3", field: "value", reason: "BAD_NUMBER"),
            Self.inputReject("charges.csv", line: 5, id: "pay_4", field: "billingType", reason: "BAD_ENUM"),
            Self.inputReject("charges.csv", line: 6, id: "pay_5", field: "paymentDate", reason: "PAID_WITHOUT_PAY_DATE"),
            Self.inputReject("charges.csv", line: 7, id: "pay_1", field: "id", reason: "DUPLICATE_ID"),
            Self.inputReject("charges.csv", line: 8, id: "pay_6", field: "customer", reason: "UNKNOWN_CUSTOMER"),
            Self.inputReject("charges.csv", line: 9, id: "pay_7", field: "customer", reason: "UNKNOWN_CUSTOMER"),
            Self.inputReject("charges.csv", line: 10, id: "pay_8", field: "customer", reason: "MISSING_FIELD"),
            Self.inputReject("charges.csv", line: 11, id: "pay_9", field: "deleted", reason: "BAD_BOOLEAN"),
        ]
        let actual = Self.rejectLines(snapshot)
        #expect(actual == Self.sortedLines(expected))
        for missing in Self.sortedLines(expected) where !actual.contains(missing) {
            Issue.record("missing reject: \(missing.joined(separator: ","))")
        }
        for extra in actual where !expected.contains(extra) {
            Issue.record("unexpected reject: \(extra.joined(separator: ","))")
        }
        // pay_5 on line 13 is the first *valid* row of its id; the deleted paid pay_10 is sound.
        #expect(try Self.tableCounts(snapshot) == [
            "accounts": [3, 2], "customers": [8, 6], "notifications": [6, 5], "charges": [12, 9],
        ])
    }

    @Test func xmlRejectsGiveTheRecordNumber() throws {
        let scratch = try Scratch()
        let export = try Self.writeMinimalExport(scratch)
        try FileManager.default.removeItem(atPath: export + "/charges.csv")
        // <meta> is not a record: not counted. The repeated <id> of record 4: the first wins,
        // so record 5 is a duplicate of pay_4.
        try scratch.write("export/charges.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <charges xmlns="urn:example:export">
              <meta>exported 2026-12-03</meta>
              <charge><id>pay_1</id><customer>cus_1</customer><billingType>PIX</billingType><status>PENDING</status><value>100.00</value><dueDate>2026-12-10</dueDate><dateCreated>2026-11-01</dateCreated></charge>
              <charge><id>pay_2</id><customer>cus_1</customer><billingType>PIX</billingType><status>PENDING</status><value>abc</value><dueDate>2026-12-10</dueDate><dateCreated>2026-11-01</dateCreated></charge>
              <charge><id>pay_3</id><billingType>PIX</billingType><status>PENDING</status><value>10.00</value><dueDate>2026-12-10</dueDate><dateCreated>2026-11-01</dateCreated></charge>
              <charge><id>pay_4</id><id>pay_x</id><customer>cus_1</customer><billingType>PIX</billingType><status>PENDING</status><value>10,00</value><dueDate>10/12/2026</dueDate><dateCreated>2026-11-01</dateCreated></charge>
              <charge><id>pay_4</id><customer>cus_1</customer><billingType>PIX</billingType><status>PENDING</status><value>10.00</value><dueDate>2026-12-10</dueDate><dateCreated>2026-11-01</dateCreated></charge>
            </charges>

            """)
        let config = try scratch.write("config.json", "{\"maxRejectRatio\": 1}")
        let result = try Self.runAviso(date: Self.sampleDate, input: export, out: scratch.path("out"), config: config)
        try #require(result.status == 0, "stderr: \(result.stderr)")
        let snapshot = try FolderSnapshot(scratch.path("out/\(Self.sampleDate)"))
        #expect(Self.rejectLines(snapshot) == Self.sortedLines([
            Self.inputReject("charges.xml", record: 2, id: "pay_2", field: "value", reason: "BAD_NUMBER"),
            Self.inputReject("charges.xml", record: 3, id: "pay_3", field: "customer", reason: "MISSING_FIELD"),
            Self.inputReject("charges.xml", record: 5, id: "pay_4", field: "id", reason: "DUPLICATE_ID"),
        ]))
        #expect(try Self.tableCounts(snapshot)["charges"] == [5, 3])
    }
}
