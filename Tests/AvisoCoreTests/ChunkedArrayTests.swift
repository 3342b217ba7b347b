import Testing
@testable import AvisoCore

@Suite struct ChunkedArrayTests {
    @Test("joined gives every element in order, across chunk borders, and empties the list",
          arguments: [(1, 0), (1, 5), (3, 2), (3, 3), (3, 10), (4096, 10_000)])
    func joinedKeepsOrder(chunkCapacity: Int, count: Int) {
        let list = ChunkedArray<Int>(chunkCapacity: chunkCapacity)
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

    /// Counts the live instances of `Tracked` (each test has its own).
    final class Census: @unchecked Sendable {
        var live = 0
    }

    final class Tracked {
        let census: Census
        let value: Int
        init(_ value: Int, _ census: Census) {
            self.value = value
            self.census = census
            census.live += 1
        }
        deinit { census.live -= 1 }
    }

    @Test("every element joined is freed once, with the joined array: none leaked, none freed twice",
          arguments: [(1, 7), (3, 10), (4, 8)])
    func joinedMovesElements(chunkCapacity: Int, count: Int) {
        let census = Census()
        do {
            let list = Self.filledList(chunkCapacity: chunkCapacity, count: count, census: census)
            var all = list.joined()
            #expect(all.map(\.value) == Array(0..<count))
            #expect(census.live == count)
            all.removeAll()
            #expect(census.live == 0)
        }
        #expect(census.live == 0)
    }

    @Test("a list dropped without joining frees its elements", arguments: [(1, 3), (3, 7), (8, 8)])
    func droppedListFreesItsElements(chunkCapacity: Int, count: Int) {
        let census = Census()
        do {
            _ = Self.filledList(chunkCapacity: chunkCapacity, count: count, census: census)
        }
        #expect(census.live == 0)
    }

    /// A list of `count` tracked elements 0, 1, …, all counted alive by `census`.
    static func filledList(chunkCapacity: Int, count: Int, census: Census) -> ChunkedArray<Tracked> {
        let list = ChunkedArray<Tracked>(chunkCapacity: chunkCapacity)
        for n in 0..<count { list.append(Tracked(n, census)) }
        #expect(census.live == count)
        return list
    }
}
