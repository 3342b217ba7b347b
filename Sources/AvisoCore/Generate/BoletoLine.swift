/// Builds a boleto's linha digitável (47 digits) the way FEBRABAN lays it out, check digits
/// included, so generated boletos look like real ones: bank, currency 9, the 25-digit "campo
/// livre" in three fields with modulo-10 check digits, the barcode's modulo-11 general check
/// digit, the due-date factor and the value in centavos.
enum BoletoLine {
    static let banks: [Int] = [1, 33, 104, 237, 341, 756, 77, 260, 336, 748]

    /// Writes the 47 digits for `bank`, a random campo livre (25 digits from `rng`), `dueDate`
    /// and `value` (centavos; values beyond 10 digits are cut to 10).
    static func write(_ b: inout ByteBuilder, bank: Int, rng: inout SplitMix64, dueDate: Day, value: Int64) {
        // Barcode (44 digits): bank(3) currency(1) DV(1) factor(4) value(10) free(25).
        var code = [UInt8](repeating: 0, count: 44)
        put(&code, 0, UInt64(bank), 3)
        code[3] = 9
        put(&code, 5, UInt64(factor(dueDate)), 4)
        put(&code, 9, UInt64(value % 10_000_000_000), 10)
        for i in 0..<25 { code[19 + i] = UInt8(rng.below(10)) }
        code[4] = generalCheckDigit(code)

        var line = [UInt8](repeating: 0, count: 47)
        // Field 1: bank, currency, free[0..<5], DV.
        for i in 0..<4 { line[i] = code[i] }
        for i in 0..<5 { line[4 + i] = code[19 + i] }
        line[9] = modulo10(line[0..<9])
        // Field 2: free[5..<15], DV.
        for i in 0..<10 { line[10 + i] = code[24 + i] }
        line[20] = modulo10(line[10..<20])
        // Field 3: free[15..<25], DV.
        for i in 0..<10 { line[21 + i] = code[34 + i] }
        line[31] = modulo10(line[21..<31])
        // Field 4: general DV; field 5: factor and value.
        line[32] = code[4]
        for i in 0..<14 { line[33 + i] = code[5 + i] }
        for digit in line { b.byte(48 + digit) }
    }

    /// The due-date factor: days since 1997-10-07, restarted at 1000 on 2025-02-22 when it
    /// reached 9999 (FEBRABAN's rule).
    static func factor(_ dueDate: Day) -> Int {
        let restart = Day(year: 2025, month: 2, day: 22)!
        let base = Day(year: 1997, month: 10, day: 7)!
        if dueDate >= restart { return 1000 + (dueDate - restart) % 9000 }
        return max(1000, min(9999, dueDate - base))
    }

    private static func put(_ digits: inout [UInt8], _ at: Int, _ value: UInt64, _ width: Int) {
        var v = value
        for i in stride(from: at + width - 1, through: at, by: -1) {
            digits[i] = UInt8(v % 10)
            v /= 10
        }
    }

    /// Modulo 10 with weights 2, 1, 2 … from the right; products' digits are summed.
    static func modulo10(_ digits: ArraySlice<UInt8>) -> UInt8 {
        var sum = 0
        var weight = 2
        for digit in digits.reversed() {
            let product = Int(digit) * weight
            sum += product / 10 + product % 10
            weight = weight == 2 ? 1 : 2
        }
        return UInt8((10 - sum % 10) % 10)
    }

    /// Modulo 11 over the 43 other barcode digits with weights 2…9 from the right; 0, 10 and 11
    /// become 1.
    static func generalCheckDigit(_ code: [UInt8]) -> UInt8 {
        var sum = 0
        var weight = 2
        for i in stride(from: 43, through: 0, by: -1) where i != 4 {
            sum += Int(code[i]) * weight
            weight = weight == 9 ? 2 : weight + 1
        }
        let digit = 11 - sum % 11
        return digit == 0 || digit == 10 || digit == 11 ? 1 : UInt8(digit)
    }
}
