import Testing
@testable import AvisoCore

@Suite struct GSM7Tests {
    @Test(arguments: [
        ("ação", "acao"),
        ("AÇÃO", "AÇAO"),
        ("ç", "c"),
        ("áíóúâêô", "aiouaeo"),
        ("ÁÍÓÚÂÊÔÕÃ", "AIOUAEOOA"),
        ("éèùìòÇØøÅåÄÖÑÜäöñüàÉ", "éèùìòÇØøÅåÄÖÑÜäöñüàÉ"),
        ("“aspas” ‘x’ – — ‐", "\"aspas\" 'x' - - -"),
        ("reticências…", "reticencias..."),
        ("nº 5, 1ª vez", "no 5, 1a vez"),
        ("a\u{00A0}b\tc", "a b c"),
        ("emoji 😀 漢", "emoji ? ?"),
        ("e\u{0301}", "é"),
        ("a\u{0303}o", "ao"),
        ("c\u{0327}", "c"),
        ("zero\u{200B}width", "zerowidth"),
        ("€[]{}^~|\\", "€[]{}^~|\\"),
        ("@£$¥_!#%&*()+-./:;<=>?¡¿§", "@£$¥_!#%&*()+-./:;<=>?¡¿§"),
        ("linha1\nlinha2\r", "linha1\nlinha2\r"),
    ])
    func foldsToTheAlphabet(input: String, expected: String) {
        #expect(GSM7.fold(input) == expected)
    }

    @Test(arguments: [
        ("abc", 3),
        ("€", 2),
        ("{}", 4),
        ("a^b", 4),
        ("\u{0C}", 2),
        ("ação", 4),
        ("…", 3),
        ("é", 1),
        ("😀", 1),
        ("", 0),
    ])
    func countsSeptets(input: String, expected: Int) {
        #expect(GSM7.septets(input) == expected)
    }

    @Test(arguments: [
        ("abcdef", 10, "abcdef"),
        ("abcdefghij", 6, "abc..."),
        ("ab €€€", 7, "ab..."),
        ("a€€", 4, "a..."),
        ("abcd", 2, "ab"),
        ("ação longa", 7, "acao..."),
    ])
    func truncatesWithEllipsis(input: String, limit: Int, expected: String) {
        #expect(GSM7.truncate(input, toSeptets: limit) == expected)
    }

    @Test func truncationNeverExceedsTheLimit() {
        let text = "Olá {Maria} € ~ cobrança [teste] ação " + String(repeating: "x€", count: 50)
        for limit in 0...130 {
            #expect(GSM7.septets(GSM7.truncate(text, toSeptets: limit)) <= limit, "limit \(limit)")
        }
    }
}
