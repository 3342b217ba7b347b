import Testing
@testable import AvisoCore

@Suite struct MoneyFormatTests {
    @Test(arguments: [
        (Int64(0), "R$ 0,00"),
        (Int64(5), "R$ 0,05"),
        (Int64(100), "R$ 1,00"),
        (Int64(99_999), "R$ 999,99"),
        (Int64(123_456), "R$ 1.234,56"),
        (Int64(100_000_000), "R$ 1.000.000,00"),
        (Int64(12_345_678_901), "R$ 123.456.789,01"),
        (Int64(-500), "-R$ 5,00"),
        (Int64(-1), "-R$ 0,01"),
        (Int64(100_000), "R$ 1.000,00"),
        (Int64(10_000_000), "R$ 100.000,00"),
        (Int64.max, "R$ 92.233.720.368.547.758,07"),
        (Int64.min, "-R$ 92.233.720.368.547.758,08"),
    ])
    func brazilianCurrency(cents: Int64, expected: String) {
        #expect(MoneyFormat.brl(cents) == expected)
    }

    @Test(arguments: [
        (Int64(0), "0.00"),
        (Int64(5), "0.05"),
        (Int64(123_456), "1234.56"),
        (Int64(100_000_000), "1000000.00"),
        (Int64(-500), "-5.00"),
    ])
    func plainDecimal(cents: Int64, expected: String) {
        #expect(MoneyFormat.decimal(cents) == expected)
    }

    @Test(arguments: [
        (Int64(100), "um real"),
        (Int64(10_000), "cem reais"),
        (Int64(10_100), "cento e um reais"),
        (Int64(200_000), "dois mil reais"),
        (Int64(100_000_000), "um milhão de reais"),
        (Int64(200_000_000), "dois milhões de reais"),
        (Int64(50), "cinquenta centavos"),
        (Int64(1), "um centavo"),
        (Int64(101), "um real e um centavo"),
        (Int64(123_456), "mil duzentos e trinta e quatro reais e cinquenta e seis centavos"),
        (Int64(105_000), "mil e cinquenta reais"),
        (Int64(110_000), "mil e cem reais"),
        (Int64(110_100), "mil cento e um reais"),
        (Int64(250_000), "dois mil e quinhentos reais"),
        (Int64(150_000_000), "um milhão e quinhentos mil reais"),
        (Int64(100_000_100), "um milhão e um reais"),
        (Int64(123_456_789), "um milhão duzentos e trinta e quatro mil quinhentos e sessenta e sete reais e oitenta e nove centavos"),
        (Int64(100_000_000_000), "um bilhão de reais"),
        (Int64(1_400), "quatorze reais"),
        (Int64(1_600), "dezesseis reais"),
        (Int64(2_100), "vinte e um reais"),
        (Int64(99_999), "novecentos e noventa e nove reais e noventa e nove centavos"),
        (Int64(0), "zero real"),
        (Int64(-100), "menos um real"),
    ])
    func spokenWords(cents: Int64, expected: String) {
        #expect(MoneyFormat.spoken(cents) == expected)
    }

    @Test(arguments: [
        (UInt64(0), "zero"),
        (UInt64(11), "onze"),
        (UInt64(100), "cem"),
        (UInt64(1_001), "mil e um"),
        (UInt64(21_000), "vinte e um mil"),
        (UInt64(2_000_000), "dois milhões"),
        (UInt64(1_200_000), "um milhão e duzentos mil"),
        (UInt64(1_200_500), "um milhão duzentos mil e quinhentos"),
    ])
    func numberWords(value: UInt64, expected: String) {
        #expect(MoneyFormat.numberWords(value) == expected)
    }
}
