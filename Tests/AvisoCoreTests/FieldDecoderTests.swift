import Testing
@testable import AvisoCore

@Suite struct FieldDecoderTests {
    @Test(arguments: [
        ("1234", Int64(123_400)),
        ("1234.56", 123_456),
        ("1234,56", 123_456),
        ("1234,5", 123_450),
        ("1234.5", 123_450),
        ("1.234,56", 123_456),
        ("1.234,5", 123_450),
        ("12.345.678,90", 1_234_567_890),
        ("0,01", 1),
        ("49,90", 4990),
        ("007,00", 700),
        ("0.5", 50),
        ("1.234.567,8", 123_456_780),
        ("999.999.999.999.999,99", 99_999_999_999_999_999),
        ("92233720368547758,07", Int64.max),
    ])
    func moneyAcceptsTheExportForms(text: String, cents: Int64) {
        #expect(FieldDecoder.money(Array(text.utf8)[...]) == cents)
    }

    @Test(arguments: [
        "0", "0,00", "-10,00", "+10", "1.234", "1,234", "1,234.56", "1234.567", "R$ 10,00", "10,00 ",
        "", ".50", "10.", "1.2345,00", "12.34.56", "1234.567,00", "1.234.567", "1e3", "99999999999999999999",
        "1.23,45", "1,2,3", "12,34.56", "1,234.567,89", "1..234,56", "1.234,567", "92233720368547758,08",
        "9.223.372.036.854.775.808,00", "10,", ",", "1.234.,56",
    ])
    func moneyRefusesAmbiguousOrInvalidForms(text: String) {
        #expect(FieldDecoder.money(Array(text.utf8)[...]) == nil)
    }

    @Test(arguments: [
        ("true", true), ("TRUE", true), ("True", true), ("1", true), ("sim", true), ("SIM", true), ("Sim", true),
        ("false", false), ("FALSE", false), ("0", false), ("não", false), ("NÃO", false), ("Não", false),
        ("nao", false), ("NAO", false), ("nÃo", false), ("NãO", false), ("sIm", true), ("fAlSe", false),
    ])
    func booleansInEveryAcceptedSpelling(text: String, value: Bool) {
        #expect(FieldDecoder.boolean(Array(text.utf8)[...]) == value)
    }

    @Test(arguments: ["yes", "no", "2", "verdadeiro", "s", "n", "tru", "", "truee", "falsee", "\u{0}1", "\u{0}true", "01", "10",
                      " 1", "não ", "nã", "Ão", "ñao", "true\u{0}"])
    func booleansRefuseOtherWords(text: String) {
        #expect(FieldDecoder.boolean(Array(text.utf8)[...]) == nil)
    }

    @Test func enumsAreCaseSensitive() {
        #expect(FieldDecoder.enumeration(Array("PENDING".utf8)[...], as: ChargeStatus.self) == .pending)
        #expect(FieldDecoder.enumeration(Array("pending".utf8)[...], as: ChargeStatus.self) == nil)
    }

    @Test func everyEnumValueIsReadByItsBytesAndNothingCloseIs() {
        for status in ChargeStatus.allCases {
            #expect(FieldDecoder.enumeration(Array(status.rawValue.utf8)[...], as: ChargeStatus.self) == status)
            #expect(FieldDecoder.enumeration(Array(status.rawValue.utf8.dropLast())[...], as: ChargeStatus.self) == nil)
            #expect(FieldDecoder.enumeration(Array((status.rawValue + "X").utf8)[...], as: ChargeStatus.self) == nil)
        }
        for event in NotificationEvent.allCases {
            #expect(FieldDecoder.enumeration(Array(event.rawValue.utf8)[...], as: NotificationEvent.self) == event)
        }
        for type in BillingType.allCases {
            #expect(FieldDecoder.enumeration(Array(type.rawValue.utf8)[...], as: BillingType.self) == type)
            #expect(FieldDecoder.enumeration(Array(type.rawValue.utf8.dropFirst())[...], as: BillingType.self) == nil)
        }
        #expect(FieldDecoder.enumeration(Array("RECEIVED_IN_CAS".utf8)[...], as: ChargeStatus.self) == nil)
        // Byte for byte: a value Unicode deems equivalent (the Kelvin sign for K) is not the value.
        #expect(FieldDecoder.enumeration(Array("CHARGEBAC\u{212A}_REQUESTED".utf8)[...], as: ChargeStatus.self) == nil)
        #expect(FieldDecoder.enumeration([UInt8]()[...], as: ChargeStatus.self) == nil)
    }

    @Test(arguments: [("0", 0 as Int?), ("90", 90), ("7", 7), ("91", nil), ("-1", nil), ("7.0", nil), ("", nil), (" 7", nil)])
    func scheduleOffsetDigitsOnly(text: String, value: Int?) {
        #expect(FieldDecoder.integer(Array(text.utf8)[...], in: 0...90) == value)
    }
}
