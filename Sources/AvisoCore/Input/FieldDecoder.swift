/// Decodes field values as the export files write them (FORMATS.md), straight from bytes.
public enum FieldDecoder {
    /// Money as integer centavos: `1234` (reais), `1234.5`, `1234,56`, `1.234,56` (dot
    /// thousands with a comma decimal). Zero or less, a sign, `1.234`, `1,234.56`, three decimals
    /// or a currency symbol → nil (BAD_NUMBER).
    public static func money<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Int64? where Bytes.Index == Int {
        // One pass and no allocation (every charge row has a value): the digits between
        // separators are groups; what the rules below need of them is gathered as they end.
        let dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")
        var value: Int64 = 0
        var count = 0
        var separators = 0
        var lastSeparator: UInt8 = 0
        var firstGroupCount = 0
        var separatorsBeforeLastAreDots = true
        var innerGroupsHaveThreeDigits = true
        // The groups before the last one, read as thousands: g0·1000^(n−1) + … + g(n−1).
        var leading: Int64 = 0
        for b in bytes {
            if b >= 48 && b <= 57 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(b - 48))
                guard !o1, !o2 else { return nil }
                value = a
                count += 1
            } else if b == dot || b == comma {
                guard count > 0 else { return nil }
                if separators == 0 {
                    firstGroupCount = count
                } else {
                    if count != 3 { innerGroupsHaveThreeDigits = false }
                    if lastSeparator != dot { separatorsBeforeLastAreDots = false }
                }
                let (m, o1) = leading.multipliedReportingOverflow(by: 1000)
                let (a, o2) = m.addingReportingOverflow(value)
                guard !o1, !o2 else { return nil }
                leading = a
                separators += 1
                lastSeparator = b
                value = 0
                count = 0
            } else {
                return nil
            }
        }
        guard count > 0 else { return nil }

        // Without a separator the digits are reais; with one or more, the last group is centavos.
        let reais: Int64, cents: Int64
        if separators == 0 {
            reais = value
            cents = 0
        } else {
            // `1234.56`, `1234,5`; a single dot followed by three digits (`1.234`) is ambiguous.
            // With several: dot thousands then a comma decimal, `1.234.567,89`.
            guard count <= 2, separators == 1 || (lastSeparator == comma && separatorsBeforeLastAreDots
                                                  && firstGroupCount <= 3 && innerGroupsHaveThreeDigits) else { return nil }
            reais = leading
            cents = count == 1 ? value * 10 : value
        }
        let (r, o1) = reais.multipliedReportingOverflow(by: 100)
        let (total, o2) = r.addingReportingOverflow(cents)
        guard !o1, !o2, total > 0 else { return nil }
        return total
    }

    /// `true`/`false`, `1`/`0`, `sim`/`não`/`nao`, any case → Bool; anything else → nil.
    public static func boolean<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool? where Bytes.Index == Int {
        // Folded into one word, with no allocation: every charge and customer row has booleans.
        // No accepted value is longer than five bytes ("false"; "não" is four).
        guard bytes.count <= 5 else { return nil }
        var folded: UInt64 = 0
        var count = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            var b = bytes[i]
            if b >= 65 && b <= 90 {
                b += 32
            } else if b == 0xC3, i + 1 < bytes.endIndex, bytes[i + 1] == 0x83 {
                // "Ã" (C3 83) lower-cases to "ã" (C3 A3).
                folded = folded << 8 | 0xC3
                count += 1
                b = 0xA3
                i += 1
            }
            folded = folded << 8 | UInt64(b)
            count += 1
            i += 1
        }
        // The count tells "\0true" from "true".
        let word = folded | UInt64(count) << 56
        // The accepted words folded as above (bytes in the low bits, length in the top byte),
        // written out: folded into static lets at first use, they cost a `swift_once` call for
        // every boolean of every row. `FieldDecoderTests` reads each word in several cases.
        switch word {
        case 0x0400_0000_7472_7565, 0x0100_0000_0000_0031, 0x0300_0000_0073_696D: return true // true, 1, sim
        case 0x0500_0066_616C_7365, 0x0100_0000_0000_0030, 0x0400_0000_6EC3_A36F, 0x0300_0000_006E_616F: return false // false, 0, não, nao
        default: return nil
        }
    }

    /// A case-sensitive enum value by its raw string, compared as bytes (see `ByteDecodableEnum`).
    static func enumeration<E: ByteDecodableEnum>(_ bytes: ArraySlice<UInt8>, as type: E.Type) -> E? {
        bytes.withUnsafeBufferPointer { E.rawValueTable.value(of: $0) }
    }

    /// A whole number of digits only, within `range`.
    public static func integer(_ bytes: ArraySlice<UInt8>, in range: ClosedRange<Int>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return range.contains(value) ? value : nil
    }
}
