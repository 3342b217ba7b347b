import CSystemSupport

/// Asks the processor for memory a loop will read soon (`aviso_prefetch`), for loops that
/// visit a large array in an order of their own (sorted output, key order), where each
/// element would otherwise be a cache miss the loop waits for.
enum Prefetch {
    /// Asks for the cache line at `address` and the next one (a key or a context of a few
    /// hundred bytes begins there).
    @inline(__always)
    static func bytes(at address: UnsafeRawPointer) {
        aviso_prefetch(address)
        aviso_prefetch(address + 64)
    }

    /// Asks for every cache line of the value at `pointer`.
    @inline(__always)
    static func lines<Value>(of pointer: UnsafePointer<Value>) {
        let start = UnsafeRawPointer(pointer)
        for offset in stride(from: 0, to: MemoryLayout<Value>.size, by: 64) {
            aviso_prefetch(start + offset)
        }
    }
}
