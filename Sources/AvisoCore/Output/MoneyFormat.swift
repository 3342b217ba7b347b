/// Formats centavos for people and files: `R$ 1.234,56` in messages, `1234.56` in CSV files and
/// words for voice scripts. Integer arithmetic only.
public enum MoneyFormat {
    /// Brazilian currency text: `R$ 1.234,56`, `R$ 0,05`, `R$ 1.000.000,00`; negative values
    /// as `-R$ 5,00`.
    public static func brl(_ cents: Int64) -> String {
        var bytes: [UInt8] = []
        appendBRL(cents, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Plain decimal with a dot and two decimals, no grouping: `1234.56`, `0.05`, `-5.00`.
    public static func decimal(_ cents: Int64) -> String {
        var bytes: [UInt8] = []
        appendDecimal(cents, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `brl(cents)` as UTF-8 without building the string: written from the right into
    /// a stack buffer and appended at once (appended byte by byte, with the thousands reversed
    /// in place, a value took some 900 instructions, and every message has one or two).
    static func appendBRL(_ cents: Int64, to out: inout [UInt8]) {
        // "-R$ ", 17 digits of reais with their 5 dots, the comma and 2 digits: 29 bytes at most.
        var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var position = raw.count
            let magnitude = cents.magnitude
            let centavos = UInt8(magnitude % 100)
            position -= 3
            raw[position] = UInt8(ascii: ",")
            raw[position + 1] = UInt8(ascii: "0") + centavos / 10
            raw[position + 2] = UInt8(ascii: "0") + centavos % 10
            var rest = magnitude / 100
            var digits = 0
            repeat {
                if digits > 0 && digits % 3 == 0 {
                    position -= 1
                    raw[position] = UInt8(ascii: ".")
                }
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                digits += 1
            } while rest > 0
            position -= 3
            raw[position] = UInt8(ascii: "R")
            raw[position + 1] = UInt8(ascii: "$")
            raw[position + 2] = UInt8(ascii: " ")
            if cents < 0 {
                position -= 1
                raw[position] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// Appends `decimal(cents)` as UTF-8 without building the string.
    static func appendDecimal(_ cents: Int64, to out: inout [UInt8]) {
        if cents < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = cents.magnitude
        TextBytes.appendDigits(magnitude / 100, to: &out)
        out.append(UInt8(ascii: "."))
        appendTwoDigits(magnitude % 100, to: &out)
    }

    private static func appendTwoDigits(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 { out.append(UInt8(ascii: "0")) }
        TextBytes.appendDigits(value, to: &out)
    }

    /// The value in Brazilian Portuguese words, as a voice reads it:
    /// `1234,56` → "mil duzentos e trinta e quatro reais e cinquenta e seis centavos",
    /// `1,00` → "um real", `0,50` → "cinquenta centavos", `1.000.000,00` → "um milhão de reais",
    /// `0,00` → "zero real". Negative values start with "menos".
    public static func spoken(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let reais = magnitude / 100, centavos = magnitude % 100
        var parts: [String] = []
        if reais > 0 {
            var words = numberWords(reais)
            if reais == 1 {
                words += " real"
            } else if reais % 1_000_000 == 0 {
                // "um milhão de reais", "dois bilhões de reais": a round large unit takes "de".
                words += " de reais"
            } else {
                words += " reais"
            }
            parts.append(words)
        }
        if centavos > 0 {
            parts.append(numberWords(centavos) + (centavos == 1 ? " centavo" : " centavos"))
        }
        let text = parts.isEmpty ? "zero real" : parts.joined(separator: " e ")
        return cents < 0 ? "menos " + text : text
    }

    /// A non-negative integer in Brazilian Portuguese words (masculine): 0 → "zero",
    /// 101 → "cento e um", 1234 → "mil duzentos e trinta e quatro", 2000 → "dois mil",
    /// 1_200_000 → "um milhão e duzentos mil".
    public static func numberWords(_ value: UInt64) -> String {
        if value == 0 { return "zero" }
        // Groups of three digits, least significant first.
        var groups: [Int] = []
        var rest = value
        while rest > 0 {
            groups.append(Int(rest % 1000))
            rest /= 1000
        }
        let lastNonZero = groups.firstIndex { $0 != 0 } ?? 0
        var text = ""
        for index in stride(from: groups.count - 1, through: 0, by: -1) {
            let group = groups[index]
            guard group != 0 else { continue }
            var words: String
            switch index {
            case 0:
                words = hundredsWords(group)
            case 1:
                // "mil", never "um mil".
                words = group == 1 ? "mil" : hundredsWords(group) + " mil"
            default:
                let scale = largeScales[min(index - 2, largeScales.count - 1)]
                words = hundredsWords(group) + " " + (group == 1 ? scale.singular : scale.plural)
            }
            if !text.isEmpty {
                // "e" joins the last group when it is below a hundred or a round hundred
                // ("mil e cinquenta", "dois mil e quinhentos"); otherwise a plain space
                // ("mil duzentos e trinta e quatro").
                let joinsWithE = index == lastNonZero && (group < 100 || group % 100 == 0)
                text += joinsWithE ? " e " : " "
            }
            text += words
        }
        return text
    }

    // MARK: Pieces

    private static let units = [
        "zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove",
        "dez", "onze", "doze", "treze", "quatorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove",
    ]
    private static let tens = ["", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"]
    private static let hundreds = [
        "", "cento", "duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos", "setecentos",
        "oitocentos", "novecentos",
    ]
    private static let largeScales: [(singular: String, plural: String)] = [
        ("milhão", "milhões"), ("bilhão", "bilhões"), ("trilhão", "trilhões"),
        ("quatrilhão", "quatrilhões"), ("quintilhão", "quintilhões"),
    ]

    /// 1…999 in words.
    private static func hundredsWords(_ value: Int) -> String {
        if value == 100 { return "cem" }
        var pieces: [String] = []
        let h = value / 100, rest = value % 100
        if h > 0 { pieces.append(hundreds[h]) }
        if rest > 0 {
            if rest < 20 {
                pieces.append(units[rest])
            } else {
                pieces.append(tens[rest / 10])
                if rest % 10 > 0 { pieces.append(units[rest % 10]) }
            }
        }
        return pieces.joined(separator: " e ")
    }
}
