import Testing
@testable import AvisoCore

@Suite struct RawListTests {
    @Test("appends keep every element in order across the list's growths", arguments: [0, 1, 15, 16, 17, 1000])
    func appendsKeepOrder(count: Int) {
        var list = RawList<UInt64>()
        for n in 0..<count { list.append(UInt64(n) &* 0x9E37_79B9_7F4A_7C15) }
        #expect(list.count == count)
        #expect((0..<count).allSatisfy { list[$0] == UInt64($0) &* 0x9E37_79B9_7F4A_7C15 })
        #expect(list.withUnsafeBufferPointer { Array($0) } == (0..<count).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 })
        #expect(list.last == (count == 0 ? nil : UInt64(count - 1) &* 0x9E37_79B9_7F4A_7C15))
    }

    @Test func anElementIsReplacedInPlace() {
        var list = RawList<Int32>()
        for n in 0..<40 { list.append(Int32(n)) }
        list[0] = -1
        list[17] = -17
        list[39] = -39
        var expected = (0..<40).map { Int32($0) }
        expected[0] = -1
        expected[17] = -17
        expected[39] = -39
        #expect(list.withUnsafeBufferPointer { Array($0) } == expected)
        #expect(list.last == -39)
        #expect(list.count == 40)
    }

    @Test func optionalPointersKeepTheirNils() {
        var list = RawList<UnsafeMutableRawPointer?>()
        let block = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        defer { block.deallocate() }
        for n in 0..<20 { list.append(n % 3 == 0 ? nil : block + n % 8) }
        #expect((0..<20).allSatisfy { list[$0] == (($0 % 3 == 0) ? nil : block + $0 % 8) })
        list[19] = nil
        #expect(list.last == .some(nil))
    }
}
