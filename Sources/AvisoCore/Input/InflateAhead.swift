import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a `GzipInflater` on a thread of its own, a few buffers ahead of the reader, so that
/// inflating and parsing overlap on two cores. Memory stays bounded: `bufferCount` buffers of
/// `bufferSize` bytes circulate between the threads (the inflating thread fills a free one, the
/// reader copies out of a full one and gives it back).
///
/// An error thrown by the inflater is passed on after the bytes inflated before it, and thrown
/// by the reader's next `read` (and every read after it). `stop()` ends the thread early and
/// joins it; the owner must call it before letting go (the thread holds a reference).
final class InflateAhead: @unchecked Sendable {
    /// The size of each buffer handed from the inflating thread to the reader.
    static let bufferSize = 1 << 20
    /// How many buffers circulate: one being read, the rest inflated ahead.
    static let bufferCount = 3

    /// How the inflated stream ended, once it has.
    private enum Ending {
        case end
        case failure(any Error)
    }

    private let condition = NSCondition()
    /// The inflater; used only by the inflating thread, from `start` until `stop` joins it.
    private let inflater: GzipInflater
    /// Every buffer, to free them in deinit.
    private let buffers: [UnsafeMutableRawPointer]
    // Guarded by `condition`.
    private var free: [UnsafeMutableRawPointer]
    private var ready: [(start: UnsafeMutableRawPointer, count: Int)] = []
    private var ending: Ending?
    private var cancelled = false
    // The reader's side only.
    private var current: UnsafeMutableRawPointer?
    private var currentCount = 0
    private var currentOffset = 0
    private var thread: ThreadHandle?

    /// Starts inflating `inflater` on a new thread; nil if the system won't start one (the
    /// caller then inflates inline).
    static func start(_ inflater: GzipInflater) -> InflateAhead? {
        let ahead = InflateAhead(inflater: inflater)
        guard let handle = ThreadHandle.start(ahead) else { return nil }
        ahead.thread = handle
        return ahead
    }

    private init(inflater: GzipInflater) {
        self.inflater = inflater
        buffers = (0..<InflateAhead.bufferCount).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: InflateAhead.bufferSize, alignment: 64)
        }
        free = buffers
        ready.reserveCapacity(InflateAhead.bufferCount)
    }

    deinit {
        // No thread is left: it held a reference until `stop()` joined it.
        for buffer in buffers { buffer.deallocate() }
    }

    /// Copies the next inflated bytes into `buffer`, waiting for the inflating thread if none
    /// are ready; 0 at the end of the stream.
    /// - Throws: the inflater's error, once the bytes inflated before it have been read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let target = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if currentOffset == currentCount {
            try takeNextBuffer()
            if currentCount == 0 { return 0 }
        }
        let count = min(buffer.count, currentCount - currentOffset)
        target.copyMemory(from: current! + currentOffset, byteCount: count)
        currentOffset += count
        return count
    }

    /// Gives the read-out buffer back and waits for the next full one (count 0 at the end).
    private func takeNextBuffer() throws {
        condition.lock()
        defer { condition.unlock() }
        if let finished = current {
            free.append(finished)
            current = nil
            currentCount = 0
            currentOffset = 0
            condition.broadcast()
        }
        while ready.isEmpty && ending == nil { condition.wait() }
        if !ready.isEmpty {
            let next = ready.removeFirst()
            current = next.start
            currentCount = next.count
            return
        }
        if case .failure(let error) = ending { throw error }
    }

    /// Stops the inflating thread (if it is still working) and waits for it to exit. Reads
    /// after this see only what was inflated before it. Call it from the reader's thread.
    func stop() {
        guard let handle = thread else { return }
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        handle.join()
        thread = nil
    }

    /// The inflating thread's loop: fill a free buffer, pass it on, until the stream ends, fails
    /// or the reader stops.
    fileprivate func inflateAhead() {
        while true {
            condition.lock()
            while free.isEmpty && !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            let buffer = free.removeLast()
            condition.unlock()

            var filled = 0
            var outcome: Ending?
            do {
                while filled < InflateAhead.bufferSize {
                    let got = try inflater.read(into: UnsafeMutableRawBufferPointer(
                        start: buffer + filled, count: InflateAhead.bufferSize - filled))
                    if got == 0 {
                        outcome = .end
                        break
                    }
                    filled += got
                }
            } catch {
                outcome = .failure(error)
            }

            condition.lock()
            if filled > 0 { ready.append((buffer, filled)) } else { free.append(buffer) }
            if let outcome { ending = outcome }
            condition.broadcast()
            condition.unlock()
            if outcome != nil { return }
        }
    }
}

/// A joinable POSIX thread running one `InflateAhead`'s loop. Foundation's `Thread` cannot be
/// joined, and the reader must know the thread is gone before the inflater's source is closed.
private struct ThreadHandle {
    let thread: pthread_t

    /// Starts the loop of `ahead` on a new thread, which holds a reference to it until it exits.
    static func start(_ ahead: InflateAhead) -> ThreadHandle? {
        let context = Unmanaged.passRetained(ahead).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let status = pthread_create(&thread, nil, { raw in
            let ahead = Unmanaged<InflateAhead>.fromOpaque(raw).takeRetainedValue()
            ahead.inflateAhead()
            return nil
        }, context)
        guard status == 0, let thread else {
            Unmanaged<InflateAhead>.fromOpaque(context).release()
            return nil
        }
        return ThreadHandle(thread: thread)
        #else
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            let ahead = Unmanaged<InflateAhead>.fromOpaque(raw!).takeRetainedValue()
            ahead.inflateAhead()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<InflateAhead>.fromOpaque(context).release()
            return nil
        }
        return ThreadHandle(thread: thread)
        #endif
    }

    /// Waits for the thread to exit.
    func join() {
        _ = pthread_join(thread, nil)
    }
}
