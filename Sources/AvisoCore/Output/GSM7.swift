import CSystemSupport

/// The GSM 03.38 default alphabet of SMS: folding any text into it and counting septets.
///
/// Folding keeps every character of the basic table and of the extension table, replaces
/// letters with diacritics outside the alphabet by their base letter (`ã` → `a`, `ç` → `c`,
/// `Ê` → `E`), typographic quotes and dashes by ASCII ones, `…` by `...`, non-breaking and
/// other spaces (and tab) by a space, drops zero-width characters and combining marks (after
/// composing base + mark into an alphabet letter when one exists, such as `e` + U+0301 → `é`),
/// and writes `?` for anything else. Works on UTF-8 bytes (ASCII copied through a table, other
/// characters decoded one scalar at a time), never on `Character`s.
public enum GSM7 {
    /// `text` folded to the GSM-7 alphabet.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        TextBytes.withUTF8(text) { _ = fold($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The septets `text` takes once folded (an extension character such as `€`, `{` or `^`
    /// counts two).
    public static func septets(_ text: String) -> Int {
        var out: [UInt8] = []
        return TextBytes.withUTF8(text) { fold($0, into: &out) }
    }

    /// `text` folded and cut to at most `limit` septets. When it has to be cut, the kept part
    /// ends with `...` (spaces and line breaks before it removed); an extension character is
    /// never split. A limit below 3 cuts without the ellipsis.
    public static func truncate(_ text: String, toSeptets limit: Int) -> String {
        var out: [UInt8] = []
        let total = TextBytes.withUTF8(text) { fold($0, into: &out) }
        truncate(folded: &out, septets: total, toSeptets: limit)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the scalar is in the basic table or the extension table.
    public static func isInAlphabet(_ scalar: Unicode.Scalar) -> Bool {
        basic.contains(scalar.value) || extensionTable.contains(scalar.value)
    }

    /// Septets a scalar of the alphabet takes: 2 for the extension table, else 1.
    static func cost(_ scalar: Unicode.Scalar) -> Int {
        cost(scalar.value)
    }

    // MARK: Bytes

    /// Appends the folded form of the UTF-8 text `input` to `out` and returns the septets the
    /// appended part takes. `input` must be valid UTF-8 (a truncated sequence at the end folds
    /// to `?`).
    static func fold(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Int {
        let tables = GSM7.tables
        let n = input.count
        var septets = 0
        // Folding never lengthens text (checked when the tables are built), so the output is
        // written through a pointer into room for the whole input.
        TextBytes.append(atMost: n, to: &out) { o in
            var w = 0
            // Whether the last byte written was an ASCII letter copied as it was, so that a
            // following combining mark may merge with it.
            var composable = false
            var i = 0
            let base = input.baseAddress!
            tables.ascii.withUnsafeBufferPointer { ascii in
                while i < n {
                    // A run of ASCII of the basic table (most of a message) is copied at once.
                    let run = aviso_gsm7_plain_run(base + i, n - i)
                    if run > 0 {
                        (o + w).update(from: base + i, count: run)
                        w += run
                        septets += run
                        composable = true
                        i += run
                        if i == n { break }
                    }
                    let b0 = input[i]
                    if b0 < 0x80 {
                        let kind = ascii[Int(b0)]
                        if kind != 0 {
                            o[w] = b0
                            w += 1
                            septets += Int(kind)
                            composable = true
                            i += 1
                            continue
                        }
                    }
                    let (scalar, width) = decode(input, at: i)
                    i += width
                    if (0x0300...0x036F).contains(scalar) {
                        // A combining mark: merge into the letter before it when the pair is an
                        // alphabet letter (e + U+0301 → é); otherwise drop it and keep the base.
                        if composable, let composed = composedInAlphabet(base: o[w - 1], mark: scalar) {
                            w -= 1
                            w += TextBytes.write(composed, at: o + w)
                        }
                        composable = false
                        continue
                    }
                    composable = false
                    let action = scalar < 0x800 ? tables.narrow[Int(scalar)] : (tables.wide[scalar] ?? Action.unknown)
                    switch action {
                    case Action.keep1, Action.keep2:
                        (o + w).update(from: input.baseAddress! + i - width, count: width)
                        w += width
                        septets += Int(action)
                    case Action.ignore:
                        break
                    case Action.unknown:
                        o[w] = UInt8(ascii: "?")
                        w += 1
                        septets += 1
                    default:
                        let replacement = tables.replacements[Int(action - Action.firstReplacement)]
                        for byte in replacement.bytes {
                            o[w] = byte
                            w += 1
                        }
                        septets += replacement.septets
                    }
                }
            }
            return w
        }
        return septets
    }

    /// Cuts already folded bytes to at most `limit` septets as `truncate(_:toSeptets:)` does;
    /// `total` is the septets they take.
    static func truncate(folded: inout [UInt8], septets total: Int, toSeptets limit: Int) {
        if total <= limit { return }
        let ellipsis = limit >= 3
        let budget = ellipsis ? limit - 3 : max(0, limit)
        var used = 0
        var end = 0
        folded.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                let (scalar, width) = decode(bytes, at: i)
                let c = cost(scalar)
                if used + c > budget { break }
                used += c
                i += width
                end = i
            }
        }
        folded.removeSubrange(end...)
        if ellipsis {
            while let last = folded.last, last == 0x20 || last == 0x0A || last == 0x0D {
                folded.removeLast()
            }
            folded.append(contentsOf: [0x2E, 0x2E, 0x2E])
        }
    }

    /// The scalar starting at `i` and its length in bytes (a truncated sequence reads as an
    /// unknown scalar covering the rest).
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let width = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        guard i + width <= bytes.count else { return (0xFFFD, bytes.count - i) }
        let b1 = UInt32(bytes[i + 1]) & 0x3F
        switch width {
        case 2:
            return ((b0 & 0x1F) << 6 | b1, 2)
        case 3:
            return ((b0 & 0x0F) << 12 | b1 << 6 | UInt32(bytes[i + 2]) & 0x3F, 3)
        default:
            return ((b0 & 0x07) << 18 | b1 << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6 | UInt32(bytes[i + 3]) & 0x3F, 4)
        }
    }

    @inline(__always)
    private static func cost(_ v: UInt32) -> Int {
        if v < 0x80 { return asciiClass[Int(v)] == 2 ? 2 : 1 }
        return extensionTable.contains(v) ? 2 : 1
    }

    /// What folding does with an ASCII byte (below 0x80): 0 outside the alphabet, 1 in the
    /// basic table, 2 in the extension table (the table `fold` reads, for tests).
    static func asciiKind(_ byte: UInt8) -> UInt8 {
        tables.ascii[Int(byte)]
    }

    /// For each ASCII code: 0 outside the alphabet, 1 in the basic table, 2 in the extension
    /// table. Most message text is ASCII, so this spares a set lookup per character.
    private static let asciiClass: [UInt8] = (0..<128).map { v in
        basic.contains(UInt32(v)) ? 1 : extensionTable.contains(UInt32(v)) ? 2 : 0
    }

    private static func composedInAlphabet(base: UInt8, mark: UInt32) -> Unicode.Scalar? {
        switch (base, mark) {
        case (UInt8(ascii: "e"), 0x0301): return "é"
        case (UInt8(ascii: "E"), 0x0301): return "É"
        case (UInt8(ascii: "e"), 0x0300): return "è"
        case (UInt8(ascii: "u"), 0x0300): return "ù"
        case (UInt8(ascii: "i"), 0x0300): return "ì"
        case (UInt8(ascii: "o"), 0x0300): return "ò"
        case (UInt8(ascii: "a"), 0x0300): return "à"
        case (UInt8(ascii: "a"), 0x0308): return "ä"
        case (UInt8(ascii: "o"), 0x0308): return "ö"
        case (UInt8(ascii: "u"), 0x0308): return "ü"
        case (UInt8(ascii: "A"), 0x0308): return "Ä"
        case (UInt8(ascii: "O"), 0x0308): return "Ö"
        case (UInt8(ascii: "U"), 0x0308): return "Ü"
        case (UInt8(ascii: "n"), 0x0303): return "ñ"
        case (UInt8(ascii: "N"), 0x0303): return "Ñ"
        case (UInt8(ascii: "a"), 0x030A): return "å"
        case (UInt8(ascii: "A"), 0x030A): return "Å"
        case (UInt8(ascii: "C"), 0x0327): return "Ç"
        default: return nil
        }
    }

    // MARK: Lookup tables

    /// What folding does with a scalar: keep it (1 or 2 septets), drop it, write `?`, or write
    /// replacement number `code - firstReplacement`.
    private enum Action {
        static let unknown: UInt16 = 0
        static let keep1: UInt16 = 1
        static let keep2: UInt16 = 2
        static let ignore: UInt16 = 3
        static let firstReplacement: UInt16 = 4
    }

    /// The tables `fold` reads, built once from the alphabet, the ignorable set and the
    /// replacements below: a direct table for the scalars below U+0800 (every Latin letter
    /// with a diacritic and the Greek capitals of the alphabet) and a dictionary above.
    private struct Tables: Sendable {
        var ascii: [UInt8]
        var narrow: [UInt16]
        var wide: [UInt32: UInt16]
        var replacements: [(bytes: [UInt8], septets: Int)]
    }

    private static let tables: Tables = {
        var narrow = [UInt16](repeating: Action.unknown, count: 0x800)
        var wide: [UInt32: UInt16] = [:]
        func set(_ v: UInt32, _ action: UInt16) {
            if v < 0x800 { narrow[Int(v)] = action } else { wide[v] = action }
        }
        // Later entries win, in the order of the checks: alphabet, replacement, ignorable.
        for v in ignorable { set(v, Action.ignore) }
        var replacements: [(bytes: [UInt8], septets: Int)] = []
        var replacementIndex: [String: UInt16] = [:]
        for v in replacement.keys.sorted() {
            let text = replacement[v]!
            // A replacement is never longer than what it replaces: `fold` relies on it.
            precondition(text.utf8.count <= String(Unicode.Scalar(v)!).utf8.count)
            if replacementIndex[text] == nil {
                replacementIndex[text] = Action.firstReplacement + UInt16(replacements.count)
                replacements.append((Array(text.utf8), text.unicodeScalars.reduce(0) { $0 + cost($1) }))
            }
            set(v, replacementIndex[text]!)
        }
        for v in basic { set(v, Action.keep1) }
        for v in extensionTable { set(v, Action.keep2) }
        return Tables(ascii: asciiClass, narrow: narrow, wide: wide, replacements: replacements)
    }()

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
