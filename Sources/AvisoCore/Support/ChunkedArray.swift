/// An append-only list kept in chunks of fixed capacity, for the day's records: growing it
/// never copies what is already there (one growing array doubles, and for a moment holds the
/// old and the new storage). `joined()` makes the one array the writers take, freeing each
/// chunk as soon as it is copied.
struct ChunkedArray<Element> {
    private let chunkCapacity: Int
    private var chunks: [[Element]] = []
    /// Number of elements.
    private(set) var count = 0

    /// An empty list whose chunks hold `chunkCapacity` elements each.
    init(chunkCapacity: Int = 1 << 16) {
        precondition(chunkCapacity > 0)
        self.chunkCapacity = chunkCapacity
    }

    /// Adds an element at the end.
    mutating func append(_ element: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == chunkCapacity {
            var chunk: [Element] = []
            chunk.reserveCapacity(chunkCapacity)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// All elements in order, as one array of exactly their number; the list is left empty.
    mutating func joined() -> [Element] {
        var all: [Element] = []
        all.reserveCapacity(count)
        var remaining = chunks
        chunks = []
        count = 0
        for index in remaining.indices {
            all.append(contentsOf: remaining[index])
            remaining[index] = []
        }
        return all
    }
}
