import CSystemSupport

/// Checks bytes for well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF). ASCII runs are skipped 32 bytes at a time
/// (`aviso_ascii_run`): every CSV record is checked, and most are ASCII throughout.
enum UTF8Validator {
    /// The offset of the first byte that starts an ill-formed sequence, or nil when all of
    /// `count` bytes at `start` are well-formed UTF-8.
    static func firstInvalid(_ start: UnsafePointer<UInt8>, count: Int) -> Int? {
        var i = 0
        while i < count {
            i += aviso_ascii_run(start + i, count - i)
            guard i < count else { return nil }
            let lead = start[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= count else { return i }
            let second = start[i + 1]
            guard second >= low, second <= high else { return i }
            var k = 2
            while k < length {
                guard start[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }

    /// Whether all bytes of `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return firstInvalid(base, count: bytes.count) == nil
    }
}
