import CSystemSupport

/// A lock for a critical section of a few dozen instructions that two threads take millions of
/// times (a shard of the charge-id claims, once per charge row): taking it is one atomic
/// exchange and letting it go one store, where `NSLock` calls into pthreads for each and a
/// release checks for waiters. A waiter spins on the word, yielding its core every 64 reads
/// (see `aviso_spin_lock`), so it never waits a time slice for a holder that was displaced.
/// Not for long sections, nor for sections that block: a waiter burns its core meanwhile.
///
/// A value that cannot be copied, held where it is used (a stored `let`): the word's address is
/// then read from the holder's own memory, not from an object of its own (one cache miss less).
struct SpinLock: ~Copyable, @unchecked Sendable {
    // On a cache line of its own: two locks (or a lock and data the other thread writes) on
    // one line would move it between the cores at every take.
    private let word: UnsafeMutablePointer<Int32>

    init() {
        word = CacheLine.allocate(Int32.self, count: 1)
        word.initialize(to: 0)
    }

    deinit {
        CacheLine.deallocate(word)
    }

    /// Runs `body` holding the lock.
    @inline(__always)
    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        aviso_spin_lock(word)
        defer { aviso_spin_unlock(word) }
        return try body()
    }
}
