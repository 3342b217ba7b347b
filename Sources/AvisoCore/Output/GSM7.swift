/// The GSM 03.38 default alphabet of SMS: folding any text into it and counting septets.
///
/// Folding keeps every character of the basic table and of the extension table, replaces
/// letters with diacritics outside the alphabet by their base letter (`ã` → `a`, `ç` → `c`,
/// `Ê` → `E`), typographic quotes and dashes by ASCII ones, `…` by `...`, non-breaking and
/// other spaces (and tab) by a space, drops zero-width characters and combining marks (after
/// composing base + mark into an alphabet letter when one exists, such as `e` + U+0301 → `é`),
/// and writes `?` for anything else. Works on Unicode scalars, never on `Character`s.
public enum GSM7 {
    /// `text` folded to the GSM-7 alphabet.
    public static func fold(_ text: String) -> String {
        String(String.UnicodeScalarView(foldedScalars(text)))
    }

    /// The septets `text` takes once folded (an extension character such as `€`, `{` or `^`
    /// counts two).
    public static func septets(_ text: String) -> Int {
        foldedScalars(text).reduce(0) { $0 + cost($1) }
    }

    /// `text` folded and cut to at most `limit` septets. When it has to be cut, the kept part
    /// ends with `...` (spaces and line breaks before it removed); an extension character is
    /// never split. A limit below 3 cuts without the ellipsis.
    public static func truncate(_ text: String, toSeptets limit: Int) -> String {
        let scalars = foldedScalars(text)
        let total = scalars.reduce(0) { $0 + cost($1) }
        if total <= limit { return String(String.UnicodeScalarView(scalars)) }
        let ellipsis = limit >= 3
        let budget = ellipsis ? limit - 3 : max(0, limit)
        var kept: [Unicode.Scalar] = []
        var used = 0
        for scalar in scalars {
            let c = cost(scalar)
            if used + c > budget { break }
            used += c
            kept.append(scalar)
        }
        if ellipsis {
            while let last = kept.last, last == " " || last == "\n" || last == "\r" {
                kept.removeLast()
            }
            kept.append(contentsOf: "...".unicodeScalars)
        }
        return String(String.UnicodeScalarView(kept))
    }

    /// Whether the scalar is in the basic table or the extension table.
    public static func isInAlphabet(_ scalar: Unicode.Scalar) -> Bool {
        basic.contains(scalar.value) || extensionTable.contains(scalar.value)
    }

    /// Septets a scalar of the alphabet takes: 2 for the extension table, else 1.
    static func cost(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x80 { return asciiClass[Int(v)] == 2 ? 2 : 1 }
        return extensionTable.contains(v) ? 2 : 1
    }

    /// For each ASCII code: 0 outside the alphabet, 1 in the basic table, 2 in the extension
    /// table. Most message text is ASCII, so this spares a set lookup per character.
    private static let asciiClass: [UInt8] = (0..<128).map { v in
        basic.contains(UInt32(v)) ? 1 : extensionTable.contains(UInt32(v)) ? 2 : 0
    }

    // MARK: Folding

    /// The folded text as alphabet scalars.
    static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count)
        // Whether the last scalar written was copied from the input as it was, so that a
        // following combining mark may merge with it.
        var composable = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80, asciiClass[Int(v)] != 0 {
                out.append(scalar)
                composable = true
                continue
            }
            if (0x0300...0x036F).contains(v) {
                // A combining mark: merge into the letter before it when the pair is an
                // alphabet letter (e + U+0301 → é); otherwise drop it and keep the base letter.
                if composable, let base = out.last, let composed = composedInAlphabet(base: base, mark: v) {
                    out[out.count - 1] = composed
                }
                composable = false
                continue
            }
            composable = false
            if isInAlphabet(scalar) {
                out.append(scalar)
            } else if let text = replacement[v] {
                out.append(contentsOf: text.unicodeScalars)
            } else if !ignorable.contains(v) {
                out.append("?")
            }
        }
        return out
    }

    private static func composedInAlphabet(base: Unicode.Scalar, mark: UInt32) -> Unicode.Scalar? {
        switch (base, mark) {
        case ("e", 0x0301): return "é"
        case ("E", 0x0301): return "É"
        case ("e", 0x0300): return "è"
        case ("u", 0x0300): return "ù"
        case ("i", 0x0300): return "ì"
        case ("o", 0x0300): return "ò"
        case ("a", 0x0300): return "à"
        case ("a", 0x0308): return "ä"
        case ("o", 0x0308): return "ö"
        case ("u", 0x0308): return "ü"
        case ("A", 0x0308): return "Ä"
        case ("O", 0x0308): return "Ö"
        case ("U", 0x0308): return "Ü"
        case ("n", 0x0303): return "ñ"
        case ("N", 0x0303): return "Ñ"
        case ("a", 0x030A): return "å"
        case ("A", 0x030A): return "Å"
        case ("C", 0x0327): return "Ç"
        default: return nil
        }
    }

    // MARK: Tables

    /// GSM 03.38 basic table (LF and CR included; ESC excluded: it only introduces extensions).
    private static let basic: Set<UInt32> = {
        var set = Set<UInt32>()
        let specials: [Unicode.Scalar] = [
            "@", "£", "$", "¥", "è", "é", "ù", "ì", "ò", "Ç", "\n", "Ø", "ø", "\r", "Å", "å",
            "Δ", "_", "Φ", "Γ", "Λ", "Ω", "Π", "Ψ", "Σ", "Θ", "Ξ", "Æ", "æ", "ß", "É",
            " ", "!", "\"", "#", "¤", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",
            ":", ";", "<", "=", ">", "?", "¡", "Ä", "Ö", "Ñ", "Ü", "§", "¿", "ä", "ö", "ñ", "ü", "à",
        ]
        for s in specials { set.insert(s.value) }
        for v in UInt32(0x30)...UInt32(0x39) { set.insert(v) }
        for v in UInt32(0x41)...UInt32(0x5A) { set.insert(v) }
        for v in UInt32(0x61)...UInt32(0x7A) { set.insert(v) }
        return set
    }()

    /// GSM 03.38 extension table: each costs an escape septet plus its own.
    private static let extensionTable: Set<UInt32> = {
        let scalars: [Unicode.Scalar] = ["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\u{0C}"]
        return Set(scalars.map(\.value))
    }()

    /// Characters dropped without a trace (zero-width and format characters, BOM).
    private static let ignorable: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]

    /// Replacements for characters outside the alphabet.
    private static let replacement: [UInt32: String] = {
        var map: [UInt32: String] = [:]
        func add(_ from: String, _ to: String) {
            for scalar in from.unicodeScalars { map[scalar.value] = to }
        }
        add("áâãāăąª", "a")
        add("ÁÀÂÃĀĂĄ", "A")
        add("êëēėęě", "e")
        add("ÈÊËĒĖĘĚ", "E")
        add("íîïīįı", "i")
        add("ÍÌÎÏĪĮİ", "I")
        add("óôõōőº°", "o")
        add("ÓÒÔÕŌŐ", "O")
        add("úûūůűų", "u")
        add("ÚÙÛŪŮŰŲ", "U")
        add("çćč", "c")
        add("ĆČ", "C")
        add("ýÿ", "y")
        add("ÝŸ", "Y")
        add("ńň", "n")
        add("ŃŇ", "N")
        add("śšş", "s")
        add("ŚŠŞ", "S")
        add("źżž", "z")
        add("ŹŻŽ", "Z")
        add("ďđ", "d")
        add("ĎĐ", "D")
        add("ľĺł", "l")
        add("ĽĹŁ", "L")
        add("řŕ", "r")
        add("ŘŔ", "R")
        add("ťţ", "t")
        add("ŤŢ", "T")
        add("ğ", "g")
        add("Ğ", "G")
        add("œ", "oe")
        add("Œ", "OE")
        add("\u{2018}\u{2019}\u{201A}\u{201B}\u{2032}\u{00B4}`", "'")
        add("\u{201C}\u{201D}\u{201E}\u{201F}\u{2033}\u{00AB}\u{00BB}", "\"")
        add("\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}", "-")
        add("\u{2026}", "...")
        add("\u{00A0}\u{2002}\u{2003}\u{2007}\u{2009}\u{200A}\u{202F}\u{205F}\u{3000}\t", " ")
        add("\u{2028}\u{2029}", "\n")
        add("\u{2022}\u{00B7}", "-")
        add("\u{00D7}", "x")
        return map
    }()
}
