import CSystemSupport

/// Finding bytes in a buffer eight at a time, inline: the CSV scanner and the XML chunk
/// splitter look for the next of a few bytes a few dozen bytes away, millions of times, where
/// a call to `memchr` costs more than the search.
enum ByteSearch {
    /// The first index in `from..<to` holding `a`, `b` or `c`, or `to`.
    @inline(__always)
    static func first(_ a: UInt8, _ b: UInt8, _ c: UInt8, in bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pa = ones &* UInt64(a)
        let pb = ones &* UInt64(b)
        let pc = ones &* UInt64(c)
        var i = from
        while i + 8 <= to {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
            let xa = word ^ pa
            let xb = word ^ pb
            let xc = word ^ pc
            // A zero byte in x sets its high bit here; the lowest flag is always exact.
            let hits = ((xa &- ones) & ~xa | (xb &- ones) & ~xb | (xc &- ones) & ~xc) & highs
            if hits != 0 { return i + (hits.trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < to {
            let byte = bytes[i]
            if byte == a || byte == b || byte == c { return i }
            i += 1
        }
        return max(i, to)
    }

    /// `first(_:_:_:in:from:to:)` for a search that usually goes on for hundreds of bytes (to the
    /// end of a line): 64 bytes at a time through the shim's vector compare, where eight at a
    /// time spends more per byte.
    @inline(__always)
    static func firstFar(_ a: UInt8, _ b: UInt8, _ c: UInt8, in bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var block = from
        while block < to {
            let count = min(64, to - block)
            let found = aviso_byte_mask(bytes + block, count, a, b, c)
            if found != 0 { return block + found.trailingZeroBitCount }
            block += count
        }
        return max(from, to)
    }
}
