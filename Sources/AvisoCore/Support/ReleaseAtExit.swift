import Foundation

/// The last run's largest values, kept until the process ends instead of being freed one by one
/// just before it does. Freeing a day's records at 10M charges (1.4M records, each with several
/// counted references) took about 0.9 s on one thread after the folder was published: work the
/// process's exit does at once by dropping its memory.
///
/// Only one run's values are kept: the next run in the same process (`--catch-up`, tests) lets
/// the kept ones go first, before it reads anything, so that its peak memory does not include
/// an earlier day's records.
final class ReleaseAtExit: @unchecked Sendable {
    /// The process's one holder.
    static let shared = ReleaseAtExit()

    private let lock = NSLock()
    private var kept: [Any] = []

    /// Keeps `value` (a reference to it, for a class or a copy-on-write buffer) until the
    /// process ends or `releaseKept()` is called.
    func keep(_ value: Any) {
        lock.lock()
        kept.append(value)
        lock.unlock()
    }

    /// Lets every kept value go now.
    func releaseKept() {
        lock.lock()
        let released = kept
        kept = []
        lock.unlock()
        // Freed here, outside the lock.
        _ = released
    }

    /// How many values are kept (for tests).
    var keptCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return kept.count
    }
}
