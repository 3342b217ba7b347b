@testable import AvisoCore

/// The scalar- and String-based output routines as they were before they moved to bytes, kept
/// as oracles: the byte-level routines must give exactly the same results.
enum LegacyOutputOracle {
    // MARK: GSM-7

    static func fold(_ text: String) -> String {
        String(String.UnicodeScalarView(foldedScalars(text)))
    }

    static func septets(_ text: String) -> Int {
        foldedScalars(text).reduce(0) { $0 + GSM7.cost($1) }
    }

    static func truncate(_ text: String, toSeptets limit: Int) -> String {
        let scalars = foldedScalars(text)
        let total = scalars.reduce(0) { $0 + GSM7.cost($1) }
        if total <= limit { return String(String.UnicodeScalarView(scalars)) }
        let ellipsis = limit >= 3
        let budget = ellipsis ? limit - 3 : max(0, limit)
        var kept: [Unicode.Scalar] = []
        var used = 0
        for scalar in scalars {
            let c = GSM7.cost(scalar)
            if used + c > budget { break }
            used += c
            kept.append(scalar)
        }
        if ellipsis {
            while let last = kept.last, last == " " || last == "\n" || last == "\r" { kept.removeLast() }
            kept.append(contentsOf: "...".unicodeScalars)
        }
        return String(String.UnicodeScalarView(kept))
    }

    private static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var composable = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80, GSM7.isInAlphabet(scalar) {
                out.append(scalar)
                composable = true
                continue
            }
            if (0x0300...0x036F).contains(v) {
                if composable, let base = out.last, let composed = composed(base, v) { out[out.count - 1] = composed }
                composable = false
                continue
            }
            composable = false
            if GSM7.isInAlphabet(scalar) {
                out.append(scalar)
            } else if let text = replacements[v] {
                out.append(contentsOf: text.unicodeScalars)
            } else if ![0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD].contains(v) {
                out.append("?")
            }
        }
        return out
    }

    private static func composed(_ base: Unicode.Scalar, _ mark: UInt32) -> Unicode.Scalar? {
        let pairs: [String: Unicode.Scalar] = [
            "e0301": "é", "E0301": "É", "e0300": "è", "u0300": "ù", "i0300": "ì", "o0300": "ò", "a0300": "à",
            "a0308": "ä", "o0308": "ö", "u0308": "ü", "A0308": "Ä", "O0308": "Ö", "U0308": "Ü", "n0303": "ñ",
            "N0303": "Ñ", "a030A": "å", "A030A": "Å", "C0327": "Ç",
        ]
        let hex = String(mark, radix: 16, uppercase: true)
        return pairs[String(base) + String(repeating: "0", count: 4 - hex.count) + hex]
    }

    private static let replacements: [UInt32: String] = {
        var map: [UInt32: String] = [:]
        let table: [(String, String)] = [
            ("áâãāăąª", "a"), ("ÁÀÂÃĀĂĄ", "A"), ("êëēėęě", "e"), ("ÈÊËĒĖĘĚ", "E"), ("íîïīįı", "i"),
            ("ÍÌÎÏĪĮİ", "I"), ("óôõōőº°", "o"), ("ÓÒÔÕŌŐ", "O"), ("úûūůűų", "u"), ("ÚÙÛŪŮŰŲ", "U"),
            ("çćč", "c"), ("ĆČ", "C"), ("ýÿ", "y"), ("ÝŸ", "Y"), ("ńň", "n"), ("ŃŇ", "N"), ("śšş", "s"),
            ("ŚŠŞ", "S"), ("źżž", "z"), ("ŹŻŽ", "Z"), ("ďđ", "d"), ("ĎĐ", "D"), ("ľĺł", "l"), ("ĽĹŁ", "L"),
            ("řŕ", "r"), ("ŘŔ", "R"), ("ťţ", "t"), ("ŤŢ", "T"), ("ğ", "g"), ("Ğ", "G"), ("œ", "oe"), ("Œ", "OE"),
            ("\u{2018}\u{2019}\u{201A}\u{201B}\u{2032}\u{00B4}`", "'"),
            ("\u{201C}\u{201D}\u{201E}\u{201F}\u{2033}\u{00AB}\u{00BB}", "\""),
            ("\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}", "-"), ("\u{2026}", "..."),
            ("\u{00A0}\u{2002}\u{2003}\u{2007}\u{2009}\u{200A}\u{202F}\u{205F}\u{3000}\t", " "),
            ("\u{2028}\u{2029}", "\n"), ("\u{2022}\u{00B7}", "-"), ("\u{00D7}", "x"),
        ]
        for (from, to) in table {
            for scalar in from.unicodeScalars { map[scalar.value] = to }
        }
        return map
    }()

    // MARK: JSON

    static func escaped(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": bytes += Array("\\\"".utf8)
            case "\\": bytes += Array("\\\\".utf8)
            case "\n": bytes += Array("\\n".utf8)
            case "\r": bytes += Array("\\r".utf8)
            case "\t": bytes += Array("\\t".utf8)
            case "\u{08}": bytes += Array("\\b".utf8)
            case "\u{0C}": bytes += Array("\\f".utf8)
            case "\u{2028}": bytes += Array("\\u2028".utf8)
            case "\u{2029}": bytes += Array("\\u2029".utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    bytes += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    bytes += Array(String(scalar).utf8)
                }
            }
        }
        return bytes + [UInt8(ascii: "\"")]
    }

    // MARK: Text clean-up

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" || s == "\u{A0}"
    }

    static func oneLine(_ text: String) -> String {
        text.unicodeScalars.split(whereSeparator: isSpace).map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }

    static func compactSpaces(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\u{A0}" {
                pendingSpace = !(out.isEmpty || out.last == "\n")
                continue
            }
            if pendingSpace && scalar != "\n" && scalar != "\r" { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return trimmed(String(out))
    }

    static func trimmed(_ text: String) -> String {
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String.UnicodeScalarView in
            var view = String.UnicodeScalarView(line)
            while let last = view.last, isSpace(last) { view.removeLast() }
            return view
        }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        if !lines.isEmpty {
            while let first = lines[0].first, isSpace(first) { lines[0].removeFirst() }
        }
        return lines.map { String($0) }.joined(separator: "\n")
    }
}
