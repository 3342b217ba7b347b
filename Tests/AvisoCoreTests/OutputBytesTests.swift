import Testing
@testable import AvisoCore

/// The byte-level text routines of the output against the scalar- and String-based ones they
/// replaced (`LegacyOutputOracle`) and against exact expected values, on tricky inputs.
@Suite struct OutputBytesTests {
    static let tricky: [String] = [
        "", "a", "ação", "AÇÃO", "Olá, João! Cobrança de R$ 1.234,56",
        "ç€{}[]~^|\\", "€", "x€y", "aspas \"duplas\" e \\barra\\", "tab\there", "linha1\nlinha2\r\n",
        "controle \u{01}\u{07}\u{0B}\u{0C}\u{1F}\u{7F} fim", "sep\u{2028}par\u{2029}end", "\u{2027}\u{2030}\u{20AC}",
        "emoji 😀 漢字 👍🏽", "e\u{0301} E\u{0301} a\u{0300} n\u{0303} C\u{0327} c\u{0327} x\u{0301}", "\u{0301}início",
        "é\u{0301}", "zero\u{200B}width\u{FEFF}\u{00AD}", "nº 5, 1ª vez, 30°", "“aspas” ‘x’ – — ‐ … • ·",
        "a\u{00A0}b\u{2003}c\u{3000}d", "œuvre Œ × ß Æ", "`crase´", "   espaços   à toa   ",
        "\n\n  Olá \n\n\n  mundo  \n \u{00A0}\n", "\u{00A0} nbsp ao redor \u{00A0}",
        String(repeating: "x", count: 159) + "€", String(repeating: "a", count: 160), String(repeating: "ã", count: 161),
        String(repeating: "{", count: 80) + "b", "Ǆ Ω Δ ΣΘ ξ",
    ]

    @Test(arguments: tricky)
    func gsm7FoldsAndCountsAsBefore(text: String) {
        #expect(GSM7.fold(text) == LegacyOutputOracle.fold(text))
        #expect(GSM7.septets(text) == LegacyOutputOracle.septets(text))
    }

    @Test(arguments: tricky)
    func gsm7TruncatesAsBeforeAtEveryLimit(text: String) {
        for limit in [0, 1, 2, 3, 4, 5, 10, 159, 160, 161] {
            #expect(GSM7.truncate(text, toSeptets: limit) == LegacyOutputOracle.truncate(text, toSeptets: limit), "limit \(limit)")
        }
    }

    @Test(arguments: [
        (String(repeating: "x", count: 159) + "€", 161, String(repeating: "x", count: 157) + "..."),
        (String(repeating: "x", count: 158) + "€", 160, String(repeating: "x", count: 158) + "€"),
        (String(repeating: "a", count: 160), 160, String(repeating: "a", count: 160)),
        (String(repeating: "ã", count: 161), 161, String(repeating: "a", count: 157) + "..."),
        (String(repeating: "{", count: 80) + "b", 161, String(repeating: "{", count: 78) + "..."),
        ("Olá " + String(repeating: "€", count: 79), 162, "Ola " + String(repeating: "€", count: 76) + "..."),
    ])
    func smsBoundaries(text: String, septets: Int, cut: String) {
        #expect(GSM7.septets(text) == septets)
        #expect(GSM7.truncate(text, toSeptets: 160) == cut)
        #expect(GSM7.septets(cut) <= 160)
    }

    @Test(arguments: tricky)
    func jsonEscapingAsBefore(text: String) {
        var bytes: [UInt8] = Array("prefix".utf8)
        JSONWriter.appendEscaped(text, to: &bytes)
        #expect(bytes == Array("prefix".utf8) + LegacyOutputOracle.escaped(text))
    }

    @Test(arguments: [
        ("12345678\"", #""12345678\"""#),
        ("1234567\u{2028}x", #""1234567\u2028x""#),
        ("abcdefgh\u{E2}", "\"abcdefgh\u{E2}\""),
        ("abcdefg\u{7F}ijklmnop\\", #""abcdefg\u007fijklmnop\\""#),
        ("€€€ \u{1B} ok", "\"€€€ \\u001b ok\""),
    ])
    func jsonEscapingAcrossWordBoundaries(text: String, expected: String) {
        var bytes: [UInt8] = []
        JSONWriter.appendEscaped(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    /// Words are copied a run at a time (`aviso_text_word_run`): long texts of words, blanks,
    /// no-break spaces, other 0xC2 characters and line breaks compact as the oracle does.
    @Test func longTextsCompactAsBefore() {
        var random = SplitMix64(seed: 160)
        let pieces = ["Olá", "Maria", ",", "R$ 1.234,56", " ", "  ", "\t", "\u{A0}", " \u{A0} ", "°", "©", "\n", "\r\n", "\n\n",
                      " \n", "\u{A0}\n", "vencida", "há", "12", "dias", "😀", "\u{85}"]
        var mismatches: [String] = []
        for round in 0..<3000 {
            var text = String(repeating: "w", count: round % 37)
            for _ in 0..<random.within(0...50) { text += pieces[random.below(pieces.count)] }
            if MessageComposer.compactSpaces(text) != LegacyOutputOracle.compactSpaces(text) { mismatches.append(text.debugDescription) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test(arguments: tricky)
    func textCleanUpsAsBefore(text: String) {
        #expect(MessageComposer.oneLine(text) == LegacyOutputOracle.oneLine(text))
        #expect(MessageComposer.compactSpaces(text) == LegacyOutputOracle.compactSpaces(text))
        #expect(MessageComposer.trimmed(text) == LegacyOutputOracle.trimmed(text))
    }

    @Test(arguments: [
        ("Ana Lima", "Ana"), ("  \u{00A0}José\tda Silva", "José"), ("Única", "Única"), ("", ""), ("   ", "   "),
        ("\u{00A0}", "\u{00A0}"), ("Zoë\u{00A0}Brandão", "Zoë"),
    ])
    func firstNames(name: String, first: String) {
        #expect(MessageComposer.firstName(name) == first)
    }

    @Test(arguments: [Int64(0), 1, 5, 9, 10, 99, 100, 101, 999, 1000, 99_999, 100_000, 123_456, 100_000_000, 123_456_789_012,
                      -1, -5, -100, -123_456, Int64.max, Int64.min])
    func moneyBytesMatchTheStrings(cents: Int64) {
        var brl: [UInt8] = [], decimal: [UInt8] = []
        MoneyFormat.appendBRL(cents, to: &brl)
        MoneyFormat.appendDecimal(cents, to: &decimal)
        #expect(String(decoding: brl, as: UTF8.self) == MoneyFormat.brl(cents))
        #expect(String(decoding: decimal, as: UTF8.self) == MoneyFormat.decimal(cents))
    }

    @Test(arguments: [Int32(0), 1, 19_000, 20_791, -719_468, -719_469, -800_000, 2_932_896, 2_932_897, 3_000_000, -1])
    func dateBytesMatchTheStrings(number: Int32) {
        let day = Day(number: number)
        var iso: [UInt8] = [], brazilian: [UInt8] = []
        TextBytes.appendISO(day, to: &iso)
        TextBytes.appendBrazilian(day, to: &brazilian)
        #expect(String(decoding: iso, as: UTF8.self) == day.iso)
        #expect(String(decoding: brazilian, as: UTF8.self) == day.brazilian)
    }

    @Test(arguments: [Int64(0), 7, 10, 42, 1_000, -1, -10, 1_234_567_890, Int64.max, Int64.min])
    func integerBytesMatchTheStrings(value: Int64) {
        var bytes: [UInt8] = []
        TextBytes.appendInteger(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        var padded: [UInt8] = []
        TextBytes.appendPadded(Int(value), width: 4, to: &padded)
        #expect(String(decoding: padded, as: UTF8.self) == Day.pad(Int(value), 4))
    }
}
