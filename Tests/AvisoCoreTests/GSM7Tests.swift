import CSystemSupport
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

    /// Runs of the basic table's ASCII are copied at once (`aviso_gsm7_plain_run`): a byte is
    /// in such a run exactly when the alphabet's table puts it in the basic table.
    @Test func plainBytesAreThoseOfTheBasicTable() {
        for byte in UInt8(0)..<UInt8(128) {
            let kept = GSM7.asciiKind(byte) == 1
            #expect((aviso_gsm7_is_plain(byte) != 0) == kept, "byte \(byte)")
            // The same inside a run long enough for the vector compare, at every place in it.
            for place in [0, 7, 15, 16, 31] {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 40)
                bytes[place] = byte
                let run = bytes.withUnsafeBufferPointer { aviso_gsm7_plain_run($0.baseAddress!, $0.count) }
                #expect(run == (kept ? 40 : place), "byte \(byte) at \(place)")
            }
        }
        for byte in UInt8(128)...UInt8(255) { #expect(aviso_gsm7_is_plain(byte) == 0) }
    }

    /// Folding goes character by character (but for a combining mark, which may merge with
    /// the letter before it): a text folds to its characters' folds, end to end.
    @Test func foldingLongTextsIsFoldingTheirCharacters() {
        var random = SplitMix64(seed: 7)
        let pieces = ["a", "Z", " ", "9", "R$ 10,00", "[", "]", "{", "}", "~", "^", "|", "\\", "`", "\u{7F}", "\n", "\r", "\t",
                      "\u{01}", "ç", "ã", "é", "€", "😀", "ß", "Ω", "—", "“", "Olá, Maria!", "\u{A0}"]
        for round in 0..<2000 {
            var text = String(repeating: "x", count: round % 40)
            for _ in 0..<random.within(0...30) { text += pieces[random.below(pieces.count)] }
            let joined = text.map { GSM7.fold(String($0)) }.joined()
            #expect(GSM7.fold(text) == joined, "\(text.debugDescription)")
            #expect(GSM7.septets(text) == text.map { GSM7.septets(String($0)) }.reduce(0, +))
        }
    }

    @Test func truncationNeverExceedsTheLimit() {
        let text = "Olá {Maria} € ~ cobrança [teste] ação " + String(repeating: "x€", count: 50)
        for limit in 0...130 {
            #expect(GSM7.septets(GSM7.truncate(text, toSeptets: limit)) <= limit, "limit \(limit)")
        }
    }
}
