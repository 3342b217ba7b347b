/// An append-only list kept in chunks of fixed capacity, for the day's records: growing it
/// never copies what is already there (one growing array doubles, and for a moment holds the
/// old and the new storage). `joined()` makes the one array the writers take, moving each
/// chunk's elements into it (no copy: a record holds a dozen references, and copying a
/// million records then freeing the chunks retained and released each of them) and freeing
/// the chunk at once.
///
/// A class, as it owns its chunks' memory; used by one thread at a time.
final class ChunkedArray<Element> {
    private let chunkCapacity: Int
    // Each chunk holds `chunkCapacity` elements but the last, which holds the rest of `count`.
    private var chunks: [UnsafeMutablePointer<Element>] = []
    /// Number of elements.
    private(set) var count = 0

    /// An empty list whose chunks hold `chunkCapacity` elements each.
    init(chunkCapacity: Int = 1 << 16) {
        precondition(chunkCapacity > 0)
        self.chunkCapacity = chunkCapacity
    }

    deinit {
        removeAll()
    }

    /// Adds an element at the end.
    func append(_ element: Element) {
        nextPlace().initialize(to: element)
    }

    /// Adds the element at `element` at the end, moving it: `element` is left uninitialized.
    func append(moving element: UnsafeMutablePointer<Element>) {
        nextPlace().moveInitialize(from: element, count: 1)
    }

    /// Where the next element goes (uninitialized), counted in.
    private func nextPlace() -> UnsafeMutablePointer<Element> {
        let offset = count % chunkCapacity
        if offset == 0 { chunks.append(.allocate(capacity: chunkCapacity)) }
        count += 1
        return chunks[chunks.count - 1] + offset
    }

    /// All elements in order, as one array of exactly their number; the list is left empty.
    func joined() -> [Element] {
        let total = count
        let all = [Element](unsafeUninitializedCapacity: total) { buffer, initialized in
            var done = 0
            for chunk in chunks {
                let n = min(chunkCapacity, total - done)
                (buffer.baseAddress! + done).moveInitialize(from: chunk, count: n)
                chunk.deallocate()
                done += n
            }
            initialized = done
        }
        chunks = []
        count = 0
        return all
    }

    private func removeAll() {
        var left = count
        for chunk in chunks {
            let n = min(chunkCapacity, left)
            chunk.deinitialize(count: n)
            chunk.deallocate()
            left -= n
        }
        chunks = []
        count = 0
    }
}
