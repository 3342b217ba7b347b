/// Decodes field values as the export files write them (FORMATS.md), straight from bytes.
public enum FieldDecoder {
    /// Money as integer centavos: `1234` (reais), `1234.5`, `1234,56`, `1.234,56` (dot
    /// thousands with a comma decimal). Zero or less, a sign, `1.234`, `1,234.56`, three decimals
    /// or a currency symbol → nil (BAD_NUMBER).
    public static func money(_ bytes: ArraySlice<UInt8>) -> Int64? {
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
    public static func boolean(_ bytes: ArraySlice<UInt8>) -> Bool? {
        var lowered: [UInt8] = []
        lowered.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b >= 65 && b <= 90 {
                lowered.append(b + 32)
            } else if b == 0xC3, i + 1 < bytes.endIndex, bytes[i + 1] == 0x83 {
                // "Ã" (C3 83) lower-cases to "ã" (C3 A3).
                lowered.append(0xC3)
                lowered.append(0xA3)
                i += 1
            } else {
                lowered.append(b)
            }
            i += 1
        }
        switch lowered {
        case Array("true".utf8), Array("1".utf8), Array("sim".utf8): return true
        case Array("false".utf8), Array("0".utf8), Array("não".utf8), Array("nao".utf8): return false
        default: return nil
        }
    }

    /// A case-sensitive enum value by its raw string.
    public static func enumeration<E: RawRepresentable>(_ bytes: ArraySlice<UInt8>, as type: E.Type) -> E? where E.RawValue == String {
        E(rawValue: String(decoding: bytes, as: UTF8.self))
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
