/// Memory of its own cache line (64 bytes, aligned), for a few words that two threads use for
/// every row: a small allocation shares its line with other small allocations, and a write to
/// any of them (a reference count, a counter) takes the line from the other core, so a word
/// only ever read still costs a miss. At 10M charges, the claims' slot tables (two words a
/// shard), read from the shard objects every claim writes, were such a miss most times.
enum CacheLine {
    /// The size and alignment of a line.
    static let size = 64

    /// Room for `count` values of type `T`, uninitialized, on whole lines of their own (from the
    /// start of a line, up to the end of the last line they touch); give it back with
    /// `deallocate`.
    static func allocate<T>(_: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        precondition(count > 0 && MemoryLayout<T>.alignment <= size)
        let lines = (MemoryLayout<T>.stride * count + size - 1) / size
        return UnsafeMutableRawPointer.allocate(byteCount: lines * size, alignment: size).bindMemory(to: T.self, capacity: count)
    }

    /// Gives back a line `allocate` made (its values must be trivial or deinitialized).
    static func deallocate<T>(_ pointer: UnsafeMutablePointer<T>) {
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}
