import CSystemSupport
import Testing
@testable import AvisoCore

@Suite struct MessageTextTests {
    private func compacted(_ text: String, stepByStep: Bool = false) -> String {
        var out: [UInt8] = []
        var work: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            if stepByStep {
                MessageText.appendCompactSpacesStepByStep(bytes, to: &out, work: &work)
            } else {
                MessageText.appendCompactSpaces(bytes, to: &out, work: &work)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func isCompact(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { aviso_is_compact_text($0.baseAddress, $0.count) != 0 }
    }

    @Test(arguments: [
        ("Olá Ana, sua cobrança vence hoje.", "Olá Ana, sua cobrança vence hoje."),
        ("  Olá   Ana  ", "Olá Ana"),
        ("Olá\tAna", "Olá Ana"),
        ("Olá\u{00A0}\u{00A0}Ana", "Olá Ana"),
        ("\n\nlinha 1  \n\n\nlinha 2\n\n", "linha 1\n\n\nlinha 2"),
        ("a \nb", "a\nb"),
        ("", ""),
        ("fim\u{000B}", "fim"),
        ("nº 5 © 2026", "nº 5 © 2026"),
    ])
    func compactsSpacesAndTrims(input: String, expected: String) {
        #expect(compacted(input) == expected)
        #expect(compacted(input, stepByStep: true) == expected)
    }

    @Test(arguments: [
        ("Olá Ana, sua cobrança de R$ 10,00 vence hoje.", true),
        ("", true),
        ("x", true),
        (" começa com espaço", false),
        ("termina com espaço ", false),
        ("dois  espaços", false),
        // Two spaces astride two whole 16-byte blocks the SIMD loop reads (bytes 15 and 16),
        // then astride a block and the bytes after the last one (bytes 31 and 32).
        ("abcdefghijklmno  pqrstuvwxyzABCDEFGHIJ", false),
        ("abcdefghijklmno pqrstuvwxyzABCDEFGHIJ", true),
        ("abcdefghijklmnopqrstuvwxyzABCDE  FGHIJ", false),
        ("tab\taqui", false),
        ("linha\nquebrada", false),
        ("retorno\rde carro", false),
        ("vertical\u{000B}", false),
        ("avanço\u{000C}de página", false),
        ("no-break\u{00A0}space", false),
        ("nº 5", false),
        ("ação, coração, pão e maçã: tudo em UTF-8 sem espaços duplos", true),
    ])
    func tellsTextThatNeedsNoCompacting(text: String, compact: Bool) {
        #expect(isCompact(text) == compact)
    }

    /// The first look only skips work: on random texts of blanks, line breaks, no-break spaces,
    /// accents and letters, the result is the step-by-step one, and texts it calls compact
    /// come out unchanged.
    @Test func firstLookNeverChangesTheResult() {
        let pieces = [" ", "  ", "\t", "\n", "\r", "\u{000B}", "\u{000C}", "\u{00A0}", "©", "ç", "ã", "a", "Ana", "R$ 10,00", "x", "."]
        var generator = SplitMix64(seed: 20261201)
        var compactSeen = 0
        for _ in 0..<4000 {
            let length = Int(generator.next() % 40)
            let text = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let fast = compacted(text)
            #expect(fast == compacted(text, stepByStep: true), "text \(Array(text.utf8))")
            if isCompact(text) {
                compactSeen += 1
                #expect(fast == text)
            }
        }
        #expect(compactSeen > 100)
    }
}
