import Foundation

/// A value worked out on a thread of its own while the caller goes on with other work, and
/// waited for when the caller needs it. With `AVISO_SINGLE_THREADED=1` it is worked out at
/// once, on the calling thread.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker thread before it signals `done`; read only after the wait.
    private var value: Value?

    /// Starts `work` on a new thread (a thread, not a dispatch queue: the queues' workers may
    /// all be busy with the caller's own parallel work, and this must run beside it).
    init(_ work: @escaping @Sendable () -> Value) {
        guard Parallelism.enabled else {
            value = work()
            done.signal()
            return
        }
        let thread = Thread { [self] in
            value = work()
            done.signal()
        }
        thread.start()
    }

    /// The value, once the work is done. Call once.
    func wait() -> Value {
        done.wait()
        return value!
    }
}
