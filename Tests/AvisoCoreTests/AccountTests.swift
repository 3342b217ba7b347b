import Testing
@testable import AvisoCore

/// An account lent out of a list (`Account.lent()`) reads as the account it was lent from, and
/// the bytes the run reads in place are the account's own.
@Suite struct AccountTests {
    static let accounts = [
        Account(id: "acc_231457015728", name: "Escola de Música Dó Ré", email: "contato@escola.com.br", mobilePhone: "+5511987654321"),
        Account(id: "acc_1", name: ""),
        Account(id: "acc_com_um_id_longo_demais_para_16_bytes", name: "Loja € {Sol} & Lua 😀", phone: "+551133334444"),
    ]

    @Test("a lent account has every field of its own, and equals it", arguments: accounts.indices)
    func lentAccountReadsAsItsOwn(index: Int) {
        let account = Self.accounts[index]
        let lent = account.lent()
        #expect(lent == account)
        #expect(lent.id == account.id)
        #expect(lent.name == account.name)
        #expect(lent.email == account.email)
        #expect(lent.mobilePhone == account.mobilePhone)
        #expect(lent.phone == account.phone)
        // A copy of a lent copy still reads the same texts.
        let copies = Array(repeating: lent, count: 3)
        #expect(copies.allSatisfy { $0.name == account.name })
    }

    @Test("an account's record id is its id as a record keeps it, and its name bytes are the name's UTF-8", arguments: accounts.indices)
    func recordIDAndNameBytes(index: Int) {
        let account = Self.accounts[index]
        #expect(account.recordID == ShortText(account.id))
        #expect(account.recordID.string == account.id)
        #expect(account.withNameBytes { Array($0) } == Array(account.name.utf8))
        #expect(account.lent().withNameBytes { Array($0) } == Array(account.name.utf8))
    }

    @Test("accounts with the same texts made apart are equal; others are not")
    func equality() {
        #expect(Account(id: "acc_1", name: "A") == Account(id: "acc_1", name: "A"))
        #expect(Account(id: "acc_1", name: "A") != Account(id: "acc_1", name: "B"))
        // A lent account is good only while the account it was lent from is.
        let withEmail = Account(id: "acc_1", name: "A", email: "a@b.c")
        withExtendedLifetime(withEmail) {
            #expect(withEmail.lent() != Account(id: "acc_1", name: "A"))
            #expect(withEmail.lent() == Account(id: "acc_1", name: "A", email: "a@b.c"))
        }
    }
}
