import Testing
@testable import AvisoCore

@Suite struct JSONWriterTests {
    private func encoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("a\"b", #""a\"b""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nfeed", #""line\nfeed""#),
        ("carriage\rreturn", #""carriage\rreturn""#),
        ("tab\there", #""tab\there""#),
        ("\u{08}\u{0C}", #""\b\f""#),
        ("\u{01}\u{1F}\u{00}", #""\u0001\u001f\u0000""#),
        ("del\u{7F}", #""del\u007f""#),
        ("sep\u{2028}par\u{2029}end", #""sep\u2028par\u2029end""#),
        ("\u{2027}\u{2030}€", "\"\u{2027}\u{2030}€\""),
        ("São Paulo / 😀", "\"São Paulo / 😀\""),
        ("", #""""#),
    ])
    func escapesStrings(input: String, expected: String) {
        #expect(encoded(input) == expected)
    }

    /// The escaping rule, scalar by scalar: the reference the byte-level writer is held to.
    static func referenceEscaped(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test("texts of every length and mix escape as the rule says, escapes across 64-byte blocks included")
    func randomTextsEscapeAsTheReference() {
        var random = SplitMix64(seed: 2028)
        let pieces: [String] = ["a", "b", " ", "Olá", "ç", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}",
                                "\u{7F}", "\u{2028}", "\u{2029}", "€", "\u{2027}", "\u{2030}", "😀", "R$ 1.234,56", "~", "\u{E2}"]
        var mismatches: [String] = []
        for round in 0..<3000 {
            // Long runs of plain text put the escapes at every place of a block.
            var text = String(repeating: "x", count: round % 70)
            for _ in 0..<random.within(0...40) { text += pieces[random.below(pieces.count)] }
            if encoded(text) != Self.referenceEscaped(text) { mismatches.append(text.debugDescription) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test func compactObjectKeepsKeyOrderAndNesting() {
        var json = JSONWriter()
        json.beginObject()
        json.field("z", 1)
        json.key("a")
        json.beginArray()
        json.bool(true)
        json.bool(false)
        json.null()
        json.endArray()
        json.key("m")
        json.beginObject()
        json.field("d", "x")
        json.endObject()
        json.field("e", [String]())
        json.field("n", orNull: nil)
        json.field("big", Int64.min)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self)
            == #"{"z":1,"a":[true,false,null],"m":{"d":"x"},"e":[],"n":null,"big":-9223372036854775808}"#)
    }

    @Test func prettyPrintsWithTwoSpaces() {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.field("runDate", "2026-12-04")
        json.key("counts")
        json.beginObject()
        json.field("email", 3)
        json.field("sms", 0)
        json.endObject()
        json.key("empty")
        json.beginObject()
        json.endObject()
        json.field("list", ["a", "b"])
        json.key("ratio")
        json.ratio(1, 3)
        json.endObject()
        let expected = """
            {
              "runDate": "2026-12-04",
              "counts": {
                "email": 3,
                "sms": 0
              },
              "empty": {},
              "list": [
                "a",
                "b"
              ],
              "ratio": 0.3333
            }
            """
        #expect(String(decoding: json.bytes, as: UTF8.self) == expected)
    }

    @Test(arguments: [
        (Int64(123_456), 2, "1234.56"),
        (Int64(-5), 2, "-0.05"),
        (Int64(0), 2, "0.00"),
        (Int64(7), 0, "7"),
        (Int64(100), 4, "0.0100"),
    ])
    func writesFixedPoint(units: Int64, places: Int, expected: String) {
        var json = JSONWriter()
        json.fixed(units, places: places)
        #expect(String(decoding: json.bytes, as: UTF8.self) == expected)
    }

    @Test(arguments: [
        (Int64(1), Int64(3), 4, "0.3333"),
        (Int64(2), Int64(3), 4, "0.6667"),
        (Int64(1), Int64(8), 2, "0.13"),
        (Int64(5), Int64(1000), 4, "0.0050"),
        (Int64(3), Int64(3), 2, "1.00"),
        (Int64(0), Int64(0), 4, "0.0000"),
        (Int64(-1), Int64(8), 2, "-0.13"),
    ])
    func writesRatiosWithIntegerRounding(numerator: Int64, denominator: Int64, places: Int, expected: String) {
        var json = JSONWriter()
        json.ratio(numerator, denominator, places: places)
        #expect(String(decoding: json.bytes, as: UTF8.self) == expected)
    }

    @Test(arguments: [(0.01, 4, "0.0100"), (0.125, 2, "0.13"), (2.5, 0, "3"), (Double.nan, 2, "0.00")])
    func writesDoublesAsFixedDecimals(value: Double, places: Int, expected: String) {
        var json = JSONWriter()
        json.decimal(value, places: places)
        #expect(String(decoding: json.bytes, as: UTF8.self) == expected)
    }

    @Test func appendsToExistingBytes() {
        var json = JSONWriter(bytes: Array("x".utf8))
        json.beginArray()
        json.int(1)
        json.string("é")
        json.endArray()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"x[1,"é"]"#)
    }
}
