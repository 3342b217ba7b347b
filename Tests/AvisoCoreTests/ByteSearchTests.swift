import Testing
@testable import AvisoCore

@Suite struct ByteSearchTests {
    /// The first of three bytes, found eight at a time and 64 at a time, against a byte-by-byte
    /// search: for every buffer length up to 200, with the byte wanted at every place (and
    /// nowhere), searched from several starts, so that every block and tail size is crossed.
    @Test func bothSearchesFindTheFirstOfThreeBytes() {
        for length in 0...200 {
            for place in [-1, 0, 7, 8, 63, 64, 65, 127, 128, 199].filter({ $0 < length }) {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                if place >= 0 { bytes[place] = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n")][place % 3] }
                // A wanted byte past the place, which must not be found first.
                if place >= 0, place + 1 < length { bytes[place + 1] = UInt8(ascii: ",") }
                for from in [0, 1, 9, 64].filter({ $0 <= length }) {
                    let expected = (from..<length).first { [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n")].contains(bytes[$0]) } ?? length
                    bytes.withUnsafeBufferPointer { buffer in
                        let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                        let eight = ByteSearch.first(UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), in: base, from: from, to: length)
                        let far = ByteSearch.firstFar(UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), in: base, from: from, to: length)
                        #expect(eight == expected, "length \(length), place \(place), from \(from)")
                        #expect(far == expected, "length \(length), place \(place), from \(from)")
                    }
                }
            }
        }
    }

    /// The search stops at `to` even when a wanted byte lies just past it.
    @Test func neitherSearchLooksPastTheEnd() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 100) + [UInt8(ascii: ",")]
        bytes.withUnsafeBufferPointer { buffer in
            for to in [0, 1, 63, 64, 99, 100] {
                #expect(ByteSearch.first(UInt8(ascii: ","), 0, 0, in: buffer.baseAddress!, from: 0, to: to) == to)
                #expect(ByteSearch.firstFar(UInt8(ascii: ","), 0, 0, in: buffer.baseAddress!, from: 0, to: to) == to)
            }
        }
    }
}
