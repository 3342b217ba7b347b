import Testing
@testable import AvisoCore

@Suite struct PostalManifestWriterTests {
    static func letter(_ payment: String, cep: String, value: Int64, fee: Int64 = 250, name: String = "Ana Lima", complement: String? = nil) -> ManifestLetter {
        ManifestLetter(
            account: "acc_1", payment: payment, nossoNumero: "000" + payment.suffix(1), customer: "cus_" + payment.suffix(1),
            name: name, cpfCnpj: "123.456.789-09", address: "Rua das Flores", addressNumber: "10", complement: complement,
            province: "Centro", cityName: "São Paulo", state: "SP", postalCode: cep, dueDate: Day(iso: "2026-12-28")!,
            value: value, identificationField: "23793.38128 60082.677139 76000.063305 9 12340000123456", fee: fee
        )
    }

    @Test func sortsByCEPThenPaymentAndEndsWithTotals() {
        let letters = [
            Self.letter("pay_3", cep: "04567000", value: 10_000, complement: "apto 5, bloco B"),
            Self.letter("pay_2", cep: "01001000", value: 123_456, name: "José \"Zé\" Souza"),
            Self.letter("pay_1", cep: "04567000", value: 99, fee: 0),
        ]
        let expected = """
            sequence,account,payment,nossoNumero,customer,name,cpfCnpj,address,addressNumber,complement,province,cityName,state,postalCode,dueDate,value,identificationField,fee
            1,acc_1,pay_2,0002,cus_2,"José ""Zé"" Souza",123.456.789-09,Rua das Flores,10,,Centro,São Paulo,SP,01001-000,2026-12-28,1234.56,23793.38128 60082.677139 76000.063305 9 12340000123456,2.50
            2,acc_1,pay_1,0001,cus_1,Ana Lima,123.456.789-09,Rua das Flores,10,,Centro,São Paulo,SP,04567-000,2026-12-28,0.99,23793.38128 60082.677139 76000.063305 9 12340000123456,0.00
            3,acc_1,pay_3,0003,cus_3,Ana Lima,123.456.789-09,Rua das Flores,10,"apto 5, bloco B",Centro,São Paulo,SP,04567-000,2026-12-28,100.00,23793.38128 60082.677139 76000.063305 9 12340000123456,2.50
            TOTAL,,3,,,,,,,,,,,,,1335.55,,5.00

            """
        #expect(String(decoding: PostalManifestWriter.bytes(letters), as: UTF8.self) == expected)
    }

    @Test func emptyManifestHasHeaderAndZeroTotals() {
        let text = String(decoding: PostalManifestWriter.bytes([]), as: UTF8.self)
        #expect(text.hasSuffix(",fee\nTOTAL,,0,,,,,,,,,,,,,0.00,,0.00\n"))
    }

    @Test(arguments: [("01001000", "01001-000"), ("99999999", "99999-999"), ("123", "123")])
    func formatsCEP(digits: String, expected: String) {
        #expect(PostalManifestWriter.formatCEP(digits) == expected)
    }
}
