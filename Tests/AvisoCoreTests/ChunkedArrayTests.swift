import Testing
@testable import AvisoCore

@Suite struct ChunkedArrayTests {
    @Test("joined gives every element in order, across chunk borders, and empties the list",
          arguments: [(1, 0), (1, 5), (3, 2), (3, 3), (3, 10), (4096, 10_000)])
    func joinedKeepsOrder(chunkCapacity: Int, count: Int) {
        var list = ChunkedArray<Int>(chunkCapacity: chunkCapacity)
        for n in 0..<count { list.append(n * 7) }
        #expect(list.count == count)
        let all = list.joined()
        #expect(all == (0..<count).map { $0 * 7 })
        #expect(all.capacity >= count)
        #expect(list.count == 0)
        #expect(list.joined().isEmpty)
        list.append(1)
        #expect(list.joined() == [1])
    }
}
