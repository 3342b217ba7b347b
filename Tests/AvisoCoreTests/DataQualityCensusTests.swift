import Foundation
import Testing
@testable import AvisoCore

@Suite("Data-quality census: problems per customer, bounded examples, accounts")
struct DataQualityCensusTests {
    typealias Problems = DataQualityCensus.Problems

    /// A customer with sound contacts and a sound postal address, to spoil one field at a time.
    static func customer(
        _ id: String = "cus_1", account: String = "acc_1", email: String? = "ana@x.com.br", additional: String? = nil,
        mobile: String? = "(11) 98765-4321", address: String? = "Rua A", number: String? = "10",
        province: String? = "Centro", city: String? = "São Paulo", state: String? = "SP", cep: String? = "01310-100",
        postal: Bool = true, deleted: Bool = false
    ) -> Customer {
        Customer(id: id, account: account, name: "N", email: email, additionalEmails: additional,
                 mobilePhone: mobile, address: address, addressNumber: number, province: province,
                 postalCode: cep, cityName: city, state: state, postalService: postal, deleted: deleted)
    }

    static let problemCases: [(String, Customer, Problems)] = [
        ("sound", customer(), [.counted]),
        ("deleted, however bad", customer(email: nil, mobile: nil, cep: nil, deleted: true), []),
        ("no email", customer(email: nil), [.counted, .badEmail]),
        ("invalid email", customer(email: "ana@x"), [.counted, .badEmail]),
        ("invalid primary, valid additional", customer(email: "ana", additional: "x; bia@y.com"), [.counted]),
        ("only invalid additional", customer(email: nil, additional: "a@b, c"), [.counted, .badEmail]),
        ("landline is no mobile", customer(mobile: "1132654321"), [.counted, .badMobile]),
        ("no mobile", customer(mobile: nil), [.counted, .badMobile]),
        ("+55 mobile", customer(mobile: "+55 21 99876-5432"), [.counted]),
        ("no street", customer(address: nil), [.counted, .incompleteAddress]),
        ("blank city", customer(city: "  "), [.counted, .incompleteAddress]),
        ("no state: incomplete and bad CEP", customer(state: nil), [.counted, .incompleteAddress, .badCEP]),
        ("CEP of another state", customer(cep: "20040-002"), [.counted, .badCEP]),
        ("CEP not 8 digits", customer(cep: "0131-100"), [.counted, .badCEP]),
        ("lowercase state", customer(state: "sp"), [.counted]),
        ("not postal: address not judged", customer(address: nil, cep: nil, postal: false), [.counted]),
        ("everything wrong", customer(email: "x", mobile: "9", number: nil, cep: "1"),
         [.counted, .badEmail, .badMobile, .incompleteAddress, .badCEP]),
    ]

    @Test("each customer's problems, by the contact and postal rules", arguments: problemCases)
    func problemsOfOneCustomer(_ name: String, _ customer: Customer, _ expected: Problems) {
        #expect(DataQualityCensus.problems(of: customer, reach: ContactReach(customer: customer)) == expected, "\(name)")
    }

    static let emailCases: [String?] = [
        nil, "", " ", "a@b.co", " a@b.co", "a@b.co ", "\ta@b.co\n", "a@b.co,", ";a@b.co", "a@b,c@d.ef", "x;y",
        "a@b", "@b.co", "a@@b.co", "a@.co", "a@b..co", "á@b.co", "a@b.cô", "\u{00A0}a@b.co", "a@b.co\u{00A0}",
        "a\u{00A0}b@c.de", "a b@c.de", String(repeating: "a", count: 250) + "@b.co", "a@b.co;c@d.ef",
    ]

    @Test("the plain-email shortcut never contradicts the email rule", arguments: emailCases, [nil, "ok@x.com", "bad"])
    func plainEmailAgreesWithTheRule(email: String?, additional: String?) {
        let customer = Self.customer(email: email, additional: additional)
        let rejected: Bool
        if case .rejected = ContactRules.emailAddresses(primary: email, additional: additional) { rejected = true } else { rejected = false }
        if ContactReach.hasPlainValidEmail(customer) { #expect(!rejected) }
        #expect(DataQualityCensus.problems(of: customer, reach: ContactReach(customer: customer)).contains(.badEmail) == rejected)
    }

    @Test("the shortcut takes the plain valid addresses", arguments: ["a@b.co", "ana.silva+x@mail.example.com.br", "joão@x.com"])
    func plainEmailIsTaken(email: String) {
        #expect(ContactReach.hasPlainValidEmail(Self.customer(email: email)))
    }

    static let exampleCases: [(offered: [String], kept: [String])] = [
        ([], []),
        (["cus_2"], ["cus_2"]),
        (["cus_9", "cus_10", "cus_1"], ["cus_1", "cus_10", "cus_9"]),
        // Byte order: digits before capitals before small letters, a prefix first, "é" last.
        (["cus_b", "cus_é", "cus_B", "cus_", "cus_0", "cus_a"], ["cus_", "cus_0", "cus_B"]),
        (["e", "d", "c", "b", "a"], ["a", "b", "c"]),
        (["a", "b", "c", "d", "e"], ["a", "b", "c"]),
        (["c", "e", "a", "d", "b"], ["a", "b", "c"]),
        (["", "z"], ["", "z"]),
    ]

    @Test("examples keep the three byte-order-smallest ids, whatever the order they come in", arguments: exampleCases)
    func boundedExamples(offered: [String], kept: [String]) {
        let customers = offered.map { Customer(id: $0, account: "a", name: "n") }
        var directory = CustomerDirectory()
        for customer in customers { _ = directory.add(customer, account: 0) }
        var examples = DataQualityCensus.Examples()
        for position in customers.indices { examples.offer(position, in: directory) }
        #expect(examples.positions.map { customers[$0].id } == kept)
    }

    /// A directory of these customers, each of the account its `account` names in `accounts`,
    /// with the problems the reader would have noted.
    static func directory(_ customers: [Customer], accounts: [Account]) -> CustomerDirectory {
        var directory = CustomerDirectory()
        for customer in customers {
            let account = accounts.firstIndex { $0.id == customer.account }!
            _ = directory.add(customer, account: account, problems: DataQualityCensus.problems(of: customer, reach: ContactReach(customer: customer)))
        }
        return directory
    }

    @Test("accounts in byte order of ids, only those with counted customers, with counts and examples")
    func censusOfAFewAccounts() {
        let accounts = [
            Account(id: "acc_b", name: "Loja B"), Account(id: "acc_only_deleted", name: "Fechada"),
            Account(id: "acc_A", name: "Loja A"), Account(id: "acc_10", name: "Loja 10"),
            Account(id: "acc_unused", name: "Sem clientes"),
        ]
        let customers = [
            Self.customer("cus_5", account: "acc_b", email: nil),
            Self.customer("cus_1", account: "acc_b"),
            Self.customer("cus_x", account: "acc_only_deleted", email: nil, deleted: true),
            Self.customer("cus_40", account: "acc_b", email: nil, mobile: nil),
            Self.customer("cus_4", account: "acc_b", email: "no", cep: "99999-999"),
            Self.customer("cus_30", account: "acc_b", email: nil, deleted: true),
            Self.customer("cus_3", account: "acc_b", email: nil),
            Self.customer("cus_7", account: "acc_A", mobile: "123"),
            Self.customer("cus_8", account: "acc_10", postal: false),
            Self.customer("cus_1", account: "acc_10", email: nil),
        ]
        let census = DataQualityCensus.make(customers: Self.directory(customers, accounts: accounts), accounts: accounts)
        #expect(census.map(\.account) == ["acc_10", "acc_A", "acc_b"])
        #expect(census.map(\.accountName) == ["Loja 10", "Loja A", "Loja B"])
        #expect(census.map(\.customers) == [1, 1, 5])
        var loja10 = AccountDataQuality(account: "acc_10", accountName: "Loja 10")
        loja10.customers = 1
        #expect(census[0] == loja10)
        var lojaA = AccountDataQuality(account: "acc_A", accountName: "Loja A")
        lojaA.customers = 1
        lojaA.badMobile = 1
        lojaA.examples = ["badMobile": ["cus_7"]]
        #expect(census[1] == lojaA)
        var lojaB = AccountDataQuality(account: "acc_b", accountName: "Loja B")
        lojaB.customers = 5
        lojaB.badEmail = 4
        lojaB.badMobile = 1
        lojaB.badCEP = 1
        lojaB.examples = ["badEmail": ["cus_3", "cus_4", "cus_40"], "badMobile": ["cus_40"], "badCEP": ["cus_4"]]
        #expect(census[2] == lojaB)
    }

    /// The census as it was first written: a String-keyed pass over every customer, every
    /// example kept, then sorted and cut. The oracle for the compact census.
    static func reference(customers: [Customer], accounts: [String: Account]) -> [AccountDataQuality] {
        var byAccount: [String: AccountDataQuality] = [:]
        for customer in customers where !customer.deleted {
            var quality = byAccount[customer.account]
                ?? AccountDataQuality(account: customer.account, accountName: accounts[customer.account]?.name ?? customer.account)
            quality.customers += 1
            if case .rejected = ContactRules.emailAddresses(primary: customer.email, additional: customer.additionalEmails) {
                quality.badEmail += 1
                quality.examples["badEmail", default: []].append(customer.id)
            }
            if case .rejected = ContactRules.mobile(customer.mobilePhone) {
                quality.badMobile += 1
                quality.examples["badMobile", default: []].append(customer.id)
            }
            if customer.postalService {
                if !PostalRules.missingAddressFields(of: customer).isEmpty {
                    quality.incompleteAddress += 1
                    quality.examples["incompleteAddress", default: []].append(customer.id)
                }
                if case .failure = PostalRules.checkCEP(postalCode: customer.postalCode, state: customer.state ?? "") {
                    quality.badCEP += 1
                    quality.examples["badCEP", default: []].append(customer.id)
                }
            }
            byAccount[customer.account] = quality
        }
        return byAccount.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { account in
            var quality = byAccount[account]!
            for (problem, ids) in quality.examples {
                quality.examples[problem] = Array(ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.prefix(3))
            }
            return quality
        }
    }

    @Test("many customers: the same census as the reference, account by account", arguments: [1, 7, 2026])
    func sameAsTheReference(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let accounts = (0..<23).map { Account(id: "acc_\(rng.next() % 1000)_\($0)", name: "Loja \($0)") }
        let emails: [String?] = [nil, "a@b.co", "bad", "x@y", " c@d.ef ", "a@b.co;", "x;d@e.fg", "é@b.co", "a@b.có", "a b@c.de"]
        let mobiles: [String?] = [nil, "11987654321", "1132654321", "abc"]
        let ceps: [String?] = [nil, "01310100", "20040-002", "1"]
        let states: [String?] = [nil, "SP", "RJ", "XX"]
        var seen = Set<String>()
        var customers: [Customer] = []
        for _ in 0..<3000 {
            let id = "cus_\(rng.next() % 5000)"
            guard seen.insert(id).inserted else { continue }
            customers.append(Self.customer(
                id, account: accounts[Int(rng.next() % 23)].id, email: emails[Int(rng.next() % 10)],
                additional: rng.next() % 4 == 0 ? "z@y.xw" : nil,
                mobile: mobiles[Int(rng.next() % 4)], address: rng.next() % 9 == 0 ? nil : "Rua",
                state: states[Int(rng.next() % 4)], cep: ceps[Int(rng.next() % 4)],
                postal: rng.next() % 3 == 0, deleted: rng.next() % 10 == 0))
        }
        let census = DataQualityCensus.make(customers: Self.directory(customers, accounts: accounts), accounts: accounts)
        let expected = Self.reference(customers: customers, accounts: Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0) }))
        #expect(census.count == 23)
        #expect(census.map(\.account) == expected.map(\.account))
        for (got, want) in zip(census, expected) { #expect(got == want) }
        #expect(census.contains { $0.examples["badCEP"]?.count == 3 })
    }

    @Test("the snapshot notes the problems of the first valid row of each customer id")
    func snapshotKeepsTheFirstValidRowsProblems() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-census-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let accounts = "id,name\nacc_2,Dois\nacc_1,Um\n"
        let customers = """
            id,account,name,email,mobilePhone,postalService,postalCode,state,deleted
            cus_1,acc_nope,Rejected row,a@b.co,11987654321,false,,,false
            cus_1,acc_1,First valid,,11987654321,true,01310100,SP,false
            cus_1,acc_1,Repeat,a@b.co,11987654321,false,,,false
            cus_2,acc_2,Deleted,,,false,,,true
            cus_3,acc_2,Good,c@d.co,21998765432,false,,,false
            cus_2,acc_2,Repeat of deleted,,,false,,,false

            """
        try Data(accounts.utf8).write(to: directory.appendingPathComponent("accounts.csv"))
        try Data(customers.utf8).write(to: directory.appendingPathComponent("customers.csv"))
        let inputs = [
            "accounts": LocatedInput(table: "accounts", path: directory.appendingPathComponent("accounts.csv").path,
                                     fileName: "accounts.csv", format: .csv),
            "customers": LocatedInput(table: "customers", path: directory.appendingPathComponent("customers.csv").path,
                                      fileName: "customers.csv", format: .csv),
        ]
        let snapshot = try ExportSnapshot(inputs: inputs, maxRejectRatio: 1)
        #expect((0..<snapshot.customers.count).map { snapshot.customers.customer(at: $0).name } == ["First valid", "Deleted", "Good"])
        // First valid: no email, postal with a complete CEP but no address.
        #expect(snapshot.customers.problems == [[.counted, .badEmail, .incompleteAddress], [], [.counted]])
        #expect(snapshot.customers.allAccountIndexes == [1, 0, 0])
        #expect(snapshot.rejects.map { "\($0.line ?? 0) \($0.reason)" } == ["2 UNKNOWN_ACCOUNT", "4 DUPLICATE_ID", "7 DUPLICATE_ID"])
        let census = DataQualityCensus.make(customers: snapshot.customers, accounts: snapshot.accountList)
        #expect(census.map(\.account) == ["acc_1", "acc_2"])
        #expect(census.map(\.customers) == [1, 1])
        #expect(census[0].examples == ["badEmail": ["cus_1"], "incompleteAddress": ["cus_1"]])
        #expect(census[1].examples.isEmpty)
    }
}
