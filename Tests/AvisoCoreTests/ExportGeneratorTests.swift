import Foundation
import Testing
@testable import AvisoCore

/// A fresh temporary folder, removed by `cleanUp`.
private func temporaryFolder(_ label: String) -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("aviso-generate-\(label)-\(UUID().uuidString)").path
    return path
}

private func cleanUp(_ paths: String...) {
    for path in paths { try? FileManager.default.removeItem(atPath: path) }
}

private func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Every content byte of a file, inflating gzip as a run would.
private func contentBytes(_ path: String) throws -> [UInt8] {
    let source = try InputFile.open(path: path, displayName: (path as NSString).lastPathComponent)
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let got = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if got == 0 { break }
        result += buffer[..<got]
    }
    return result
}

private let tables: [(table: String, record: String, fields: [String])] = [
    ("accounts", "account", ["id", "name", "email", "mobilePhone", "phone"]),
    ("customers", "customer", ["id", "account", "name", "postalCode", "state", "notificationDisabled"]),
    ("charges", "charge", ["id", "customer", "billingType", "status", "value", "dueDate", "identificationField"]),
    ("notifications", "notification", ["event", "scheduleOffset", "customer", "account"]),
    ("resends", "resend", ["id", "payment", "requestedAt"]),
]

/// Reads a generated file back with the real record readers; returns its records.
private func readRecords(_ path: String, format: ExportGenerator.Format, table: Int) throws -> [RawRecord] {
    let (name, record, fields) = tables[table]
    let display = (path as NSString).lastPathComponent
    let source = try InputFile.open(path: path, displayName: display)
    let reader: RecordReader = format == .csv
        ? try CSVRecordReader(source: source, fileName: display, fields: fields, required: [fields[0]])
        : try XMLRecordReader(source: source, fileName: display, rootName: name, recordName: record, fields: fields)
    var records: [RawRecord] = []
    var current = RawRecord(fieldCount: fields.count)
    while try reader.next(into: &current) { records.append(current) }
    return records
}

@Suite("ExportGenerator")
struct ExportGeneratorTests {
    static let small = ExportGenerator.Options(charges: 3000, customers: 600, accounts: 4, seed: 7)

    @Test("the same options write the same bytes, in every format", arguments: [
        (ExportGenerator.Format.csv, false), (.csv, true), (.xml, false), (.xml, true),
    ])
    func deterministic(format: ExportGenerator.Format, gzip: Bool) throws {
        var options = Self.small
        options.format = format
        options.gzip = gzip
        let a = temporaryFolder("a"), b = temporaryFolder("b")
        defer { cleanUp(a, b) }
        let first = try ExportGenerator(options: options).write(to: a)
        let second = try ExportGenerator(options: options).write(to: b)
        #expect(first.map(\.table) == ["accounts", "customers", "charges", "notifications", "resends"])
        #expect(first.map(\.rows) == second.map(\.rows))
        #expect(first.map(\.bytes) == second.map(\.bytes))
        for (x, y) in zip(first, second) {
            #expect(x.path.hasSuffix("/" + x.table + "." + format.rawValue + (gzip ? ".gz" : "")))
            #expect(try fileBytes(x.path) == fileBytes(y.path), "\(x.table) differs between two runs")
        }
    }

    @Test("a different seed writes different records, with the same row counts")
    func seedMatters() throws {
        let a = temporaryFolder("s1"), b = temporaryFolder("s2")
        defer { cleanUp(a, b) }
        var other = Self.small
        other.seed = 8
        let first = try ExportGenerator(options: Self.small).write(to: a)
        let second = try ExportGenerator(options: other).write(to: b)
        #expect(first.map(\.rows)[0..<3] == second.map(\.rows)[0..<3])
        for i in 0..<3 {
            #expect(try fileBytes(first[i].path) != fileBytes(second[i].path), "\(first[i].table) did not change with the seed")
        }
    }

    @Test("gzip output inflates to exactly the plain file's bytes", arguments: [ExportGenerator.Format.csv, .xml])
    func gzipDecodes(format: ExportGenerator.Format) throws {
        let plain = temporaryFolder("plain"), zipped = temporaryFolder("gz")
        defer { cleanUp(plain, zipped) }
        var options = Self.small
        options.format = format
        let plainFiles = try ExportGenerator(options: options).write(to: plain)
        options.gzip = true
        let zippedFiles = try ExportGenerator(options: options).write(to: zipped)
        for (p, z) in zip(plainFiles, zippedFiles) {
            let raw = try fileBytes(z.path)
            #expect(Array(raw.prefix(2)) == [0x1F, 0x8B], "\(z.path) is not gzip")
            let inflated = try contentBytes(z.path)
            #expect(inflated == (try fileBytes(p.path)), "\(z.table) inflates to other bytes")
            #expect(Int64(inflated.count) == z.bytes)
        }
    }

    @Test("every file reads back with the real readers, one record per generated row", arguments: [
        (ExportGenerator.Format.csv, false), (.csv, true), (.xml, false), (.xml, true),
    ])
    func readsBack(format: ExportGenerator.Format, gzip: Bool) throws {
        var options = ExportGenerator.Options(charges: 2500, customers: 1200, accounts: 3, seed: 11)
        options.format = format
        options.gzip = gzip
        let folder = temporaryFolder("read")
        defer { cleanUp(folder) }
        let files = try ExportGenerator(options: options).write(to: folder)
        #expect(files[0].rows == 3)
        #expect(files[1].rows == 1200)
        #expect(files[2].rows == 2500)
        #expect(files[4].rows == 2, "one resend request per 1000 charges")
        for (i, file) in files.enumerated() {
            let records = try readRecords(file.path, format: format, table: i)
            #expect(records.count == file.rows, "\(file.table): \(records.count) records, \(file.rows) written")
            #expect(records.allSatisfy { $0.problem == nil }, "\(file.table) has a record-level defect")
            #expect(records.map(\.number) == Array(1...max(1, file.rows)).prefix(file.rows).map { $0 })
        }
        let charges = try readRecords(files[2].path, format: format, table: 2)
        // 2500 rows, one bad row every 500: five bad rows, at most one of them a duplicate id
        // per slot; every other id is distinct.
        let ids = charges.compactMap { $0.string(0) }
        #expect(ids.count == 2500)
        #expect(Set(ids).count >= 2495)
        #expect(ids.allSatisfy { $0.hasPrefix("pay_") && $0.utf8.count == 16 })
        let boletoLines = charges.compactMap { $0.string(6) }
        #expect(!boletoLines.isEmpty)
        #expect(boletoLines.allSatisfy { $0.utf8.count == 47 && $0.utf8.allSatisfy { (48...57).contains($0) } })
    }

    @Test("a small export runs through NightlyRun with rejects under the limit, CSV and XML alike")
    func nightlyRun() throws {
        var counts: [[Int]] = []
        for format in ExportGenerator.Format.allCases {
            var options = ExportGenerator.Options(charges: 6000, customers: 1500, accounts: 6, seed: 3)
            options.format = format
            let folder = temporaryFolder("run"), out = temporaryFolder("out")
            defer { cleanUp(folder, out) }
            try ExportGenerator(options: options).write(to: folder)
            let run = RunOptions(
                runDate: ExportGenerator.defaultRunDate, inputDirectory: folder, outputRoot: out,
                calendars: [BrazilBankingCalendar.builtIn], dryRun: true, toolVersion: "test"
            )
            let reports = try NightlyRun(options: run).execute()
            let report = try #require(reports.last)
            #expect(report.businessDay)
            #expect(!FileManager.default.fileExists(atPath: out), "a dry run wrote output")
            let byTable = Dictionary(uniqueKeysWithValues: report.tables.map { ($0.table, $0) })
            #expect(byTable["charges"]?.rowsRead == 6000)
            #expect(byTable["customers"]?.rowsRead == 1500)
            #expect(byTable["accounts"]?.rowsRead == 6)
            #expect(byTable["resends"]?.rowsRead == 6)
            for stats in report.tables {
                #expect(Double(stats.rowsRejected) <= 0.01 * Double(stats.rowsRead), "\(stats.table): \(stats.rowsRejected) of \(stats.rowsRead) rejected")
            }
            // Six accounts: too few rows for a bad one without breaking the limit.
            #expect(byTable["accounts"]?.rowsRejected == 0)
            // Charges: 12 bad rows of their own (one in 500) plus the cascade of the bad customer.
            let chargeRejects = try #require(byTable["charges"]?.rowsRejected)
            #expect(chargeRejects >= 12 && chargeRejects <= 30, "charges rejected: \(chargeRejects)")
            #expect(byTable["customers"]?.rowsRejected == 1, "one bad customer row in 1000")
            #expect((byTable["charges"]?.rowsLeftOut ?? 0) > 0, "some charges are created on the run date or belong to deleted customers")
            #expect(report.messages > 100)
            for slot in ["CREATED", "WARNING_BEFORE", "WARNING_DUE", "LINHA_DIGITAVEL", "OVERDUE_FIRST", "OVERDUE_REPEAT", "RECEIVED"] {
                #expect((report.messagesBySlot[slot] ?? 0) > 0, "no \(slot) message")
            }
            #expect((report.messagesBySlot["RESEND"] ?? 0) > 0, "no resend went out")
            for reason in ["BAD_NUMBER", "BAD_ENUM", "DUPLICATE_ID", "NO_VALID_EMAIL", "NO_VALID_MOBILE"] {
                #expect((report.rejectsByReason[reason] ?? 0) > 0, "no \(reason) reject")
            }
            counts.append([
                report.messages, report.letters, report.rejectsByReason.values.reduce(0, +),
            ] + report.tables.map(\.rowsUsed))
        }
        #expect(counts[0] == counts[1], "CSV and XML of the same seed decide differently")
    }

    @Test("contacts and CEPs are mostly valid, a few bad on purpose")
    func contacts() throws {
        let folder = temporaryFolder("contacts")
        defer { cleanUp(folder) }
        let files = try ExportGenerator(options: ExportGenerator.Options(charges: 0, customers: 4000, seed: 5)).write(to: folder)
        #expect(files[4].rows == 0, "no charges, no resend requests")
        let source = try InputFile.open(path: files[1].path, displayName: "customers.csv")
        let reader = try CSVRecordReader(source: source, fileName: "customers.csv", fields: ["email", "mobilePhone", "postalCode", "state"], required: [])
        var record = RawRecord(fieldCount: 4)
        var rows = 0, goodEmail = 0, goodMobile = 0, goodCEP = 0
        while try reader.next(into: &record) {
            rows += 1
            if case .email = ContactRules.emailAddresses(primary: record.string(0), additional: nil) { goodEmail += 1 }
            if case .phone = ContactRules.mobile(record.string(1)) { goodMobile += 1 }
            if let code = record.string(2).flatMap(PostalRules.normalizedCEP), let state = record.string(3), PostalRules.cep(code, isInside: state) { goodCEP += 1 }
        }
        #expect(rows == 4000)
        #expect((3800...3940).contains(goodEmail), "valid e-mails: \(goodEmail)")
        #expect((3700...3900).contains(goodMobile), "valid mobiles: \(goodMobile)")
        #expect((3930...3995).contains(goodCEP), "valid CEPs: \(goodCEP)")
    }

    @Test("files of the same table in another format are replaced, so the folder stays one export")
    func replacesOtherFormats() throws {
        let folder = temporaryFolder("replace")
        defer { cleanUp(folder) }
        var options = ExportGenerator.Options(charges: 10, customers: 5, seed: 1, format: .xml)
        try ExportGenerator(options: options).write(to: folder)
        options.format = .csv
        options.gzip = true
        try ExportGenerator(options: options).write(to: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["accounts.csv.gz", "charges.csv.gz", "customers.csv.gz", "notifications.csv.gz", "resends.csv.gz"])
    }

    @Test("impossible options are usage errors", arguments: [(-1, 5, 1), (10, 0, 1), (10, 5, 0)])
    func rejectsBadOptions(charges: Int, customers: Int, accounts: Int) {
        #expect(throws: AvisoError.self) {
            try ExportGenerator(options: ExportGenerator.Options(charges: charges, customers: customers, accounts: accounts))
        }
    }

    @Test("the default account count is one per 200 customers, at least one", arguments: [(1, 1), (199, 1), (400, 2), (2_000_000, 10_000)])
    func defaultAccounts(customers: Int, expected: Int) {
        #expect(ExportGenerator.defaultAccounts(customers: customers) == expected)
        #expect(ExportGenerator.Options(charges: 0, customers: customers).accounts == expected)
    }
}

private func cep(_ prefix: Int, _ suffix: String) -> String {
    let digits = String(prefix)
    return String(repeating: "0", count: 5 - digits.count) + digits + suffix
}

@Suite("ExportGenerator formatting")
struct ExportGeneratorFormattingTests {
    private func text(_ write: (inout ByteBuilder) -> Void) -> String {
        var builder = ByteBuilder(capacity: 256)
        write(&builder)
        return String(decoding: builder.bytes, as: UTF8.self)
    }

    @Test("money", arguments: [
        (Int64(1), "0.01", "0,01"), (120_00, "120.00", "120,00"), (1234_56, "1234.56", "1.234,56"),
        (1_234_567_89, "1234567.89", "1.234.567,89"), (1000_05, "1000.05", "1.000,05"),
    ])
    func money(centavos: Int64, dotted: String, brazilian: String) {
        #expect(text { $0.money(centavos) } == dotted)
        #expect(text { $0.brazilianMoney(centavos) } == brazilian)
    }

    @Test("dates and times")
    func dates() {
        let day = Day(year: 2026, month: 3, day: 7)!
        #expect(text { $0.isoDate(day) } == "2026-03-07")
        #expect(text { $0.brazilianDate(day) } == "07/03/2026")
        #expect(text { $0.time(3600 * 9 + 60 * 5 + 7, separator: 0x54) } == "T09:05:07")
        #expect(text { $0.padded(42, 5); $0.decimal(0); $0.decimal(907) } == "000420907")
    }

    @Test("CPF and CNPJ check digits", arguments: [
        ([1, 1, 1, 4, 4, 4, 7, 7, 7], [10, 9, 8, 7, 6, 5, 4, 3, 2], 3),
        ([1, 1, 1, 4, 4, 4, 7, 7, 7, 3], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2], 5),
        ([1, 1, 2, 2, 2, 3, 3, 3, 0, 0, 0, 1], [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], 8),
        ([1, 1, 2, 2, 2, 3, 3, 3, 0, 0, 0, 1, 8], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], 1),
    ])
    func checkDigits(digits: [Int], weights: [Int], expected: Int) {
        // 111.444.777-35 and 11.222.333/0001-81, the usual worked examples.
        #expect(ExportGenerator.checkDigit(digits[...], weights: weights) == expected)
    }

    @Test("boleto due-date factor restarts at 1000 on 2025-02-22")
    func boletoFactor() {
        #expect(BoletoLine.factor(Day(year: 2025, month: 2, day: 21)!) == 9999)
        #expect(BoletoLine.factor(Day(year: 2025, month: 2, day: 22)!) == 1000)
        #expect(BoletoLine.factor(Day(year: 2026, month: 12, day: 4)!) == 1650)
        #expect(BoletoLine.factor(Day(year: 2000, month: 7, day: 3)!) == 1000)
    }

    @Test("a linha digitável has 47 digits whose check digits hold")
    func boletoLine() throws {
        var rng = SplitMix64(seed: 99)
        var builder = ByteBuilder(capacity: 64)
        BoletoLine.write(&builder, bank: 341, rng: &rng, dueDate: Day(year: 2026, month: 12, day: 4)!, value: 1234_56)
        let digits = builder.bytes.map { $0 - 48 }
        #expect(digits.count == 47)
        #expect(Array(digits[0..<4]) == [3, 4, 1, 9])
        #expect(BoletoLine.modulo10(digits[0..<9]) == digits[9])
        #expect(BoletoLine.modulo10(digits[10..<20]) == digits[20])
        #expect(BoletoLine.modulo10(digits[21..<31]) == digits[31])
        #expect(Array(digits[33..<47]) == [1, 6, 5, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6])
        // The barcode rebuilt from the line: its general check digit is the line's 33rd digit.
        var code = [UInt8](repeating: 0, count: 44)
        for i in 0..<4 { code[i] = digits[i] }
        for i in 0..<14 { code[5 + i] = digits[33 + i] }
        for i in 0..<5 { code[19 + i] = digits[4 + i] }
        for i in 0..<10 { code[24 + i] = digits[10 + i] }
        for i in 0..<10 { code[34 + i] = digits[21 + i] }
        #expect(BoletoLine.generalCheckDigit(code) == digits[32])
    }

    @Test("modulo 10 on worked digits")
    func modulo() {
        // Banco do Brasil's first field 00190.5009x: 9·2=18→1+8, 0, 0, 5, 0, 9, 1·2, 0, 0 = 25 → 5.
        #expect(BoletoLine.modulo10([0, 0, 1, 9, 0, 5, 0, 0, 9][...]) == 5)
        // 3·2 + 5 + 1·2 + 6 + 2·2 = 23 → 7.
        #expect(BoletoLine.modulo10([2, 6, 1, 5, 3][...]) == 7)
        // 9·2=18→9, plus 1: a multiple of ten gives 0, not 10.
        #expect(BoletoLine.modulo10([1, 9][...]) == 0)
    }

    @Test("SplitMix64 is the published sequence for seed 0")
    func splitMix() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        for bound in [1, 2, 7, 1000] {
            #expect((0..<200).allSatisfy { _ in (0..<bound).contains(rng.below(bound)) })
        }
    }

    @Test("ASCII folding for e-mail addresses", arguments: [
        ("Conceição", "conceicao"), ("Vida & Saúde", "vidasaude"), ("Iúri", "iuri"), ("São Luís", "saoluis"),
    ])
    func fold(input: String, expected: String) {
        #expect(String(decoding: EncodedVocabulary.fold(input), as: UTF8.self) == expected)
    }

    @Test("values are escaped for their format", arguments: [
        (ExportGenerator.Format.csv, "Banho & tosa", "Banho & tosa"),
        (.csv, "Consulta, retorno", "\"Consulta, retorno\""),
        (.csv, "Manutenção \"premium\"", "\"Manutenção \"\"premium\"\"\""),
        (.csv, "Bloco B\nApto 12", "\"Bloco B\nApto 12\""),
        (.xml, "Banho & tosa <mensal>", "Banho &amp; tosa &lt;mensal&gt;"),
        (.xml, "Consulta, retorno", "Consulta, retorno"),
    ])
    func escaping(format: ExportGenerator.Format, input: String, expected: String) {
        let layout = RecordLayout(format: format, root: "charges", record: "charge", fields: ["id"])
        #expect(String(decoding: layout.encode(input), as: UTF8.self) == expected)
    }

    @Test("every city's CEP range lies in its state's range and its DDD is in use")
    func cities() {
        for city in GeneratorVocabulary.cities {
            let low = PostalRules.cep(cep(city.cepLow, "000"), isInside: city.state)
            let high = PostalRules.cep(cep(city.cepHigh, "999"), isInside: city.state)
            #expect(low && high, "\(city.name) \(city.state) \(city.cepLow)–\(city.cepHigh)")
            #expect(ContactRules.isValidDDD(city.ddd), "\(city.name) DDD \(city.ddd)")
        }
    }
}
