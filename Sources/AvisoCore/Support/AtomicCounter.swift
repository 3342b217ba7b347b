import CSystemSupport

/// A count that one thread adds to while others read it, without a lock (C11 atomics through
/// the CSystemSupport shim: Swift's own `Atomic` needs macOS 15).
final class AtomicCounter: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Int>

    init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: 0)
    }

    deinit {
        storage.deallocate()
    }

    /// The count (acquire ordering: what was written before an `add` is visible after it).
    var value: Int { aviso_counter_load(storage) }

    /// Adds `amount` (release ordering).
    func add(_ amount: Int) {
        aviso_counter_add(storage, amount)
    }
}
