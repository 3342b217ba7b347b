import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `ByteSource` on a thread of its own, a few buffers ahead of the reader, so that
/// producing the bytes (inflating a gzip stream; reading and hashing a plain file) and parsing
/// them overlap on two cores. Memory stays bounded: `bufferCount` buffers of `bufferSize` bytes
/// circulate between the threads (the reading-ahead thread fills a free one, the reader copies
/// out of a full one and gives it back).
///
/// An error thrown by the source is passed on after the bytes read before it, and thrown by
/// the reader's next `read` (and every read after it). `stop()` ends the thread early and
/// joins it; the owner must call it before letting go (the thread holds a reference). The
/// source is used only by that thread from `start` until `stop` or the end of the stream.
final class ReadAhead: @unchecked Sendable {
    /// The size of each buffer handed from the reading-ahead thread to the reader.
    static let bufferSize = 1 << 20
    /// How many buffers circulate: one being read, the rest filled ahead.
    static let bufferCount = 3

    /// How the stream ended, once it has.
    private enum Ending {
        case end
        case failure(any Error)
    }

    private let condition = NSCondition()
    /// The source; used only by the reading-ahead thread, from `start` until `stop` joins it.
    private let source: ByteSource
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

    /// Starts reading `source` on a new thread; nil if the system won't start one (the caller
    /// then reads it inline).
    static func start(_ source: ByteSource) -> ReadAhead? {
        let ahead = ReadAhead(source: source)
        guard let handle = ThreadHandle.start(ahead) else { return nil }
        ahead.thread = handle
        return ahead
    }

    private init(source: ByteSource) {
        self.source = source
        buffers = (0..<ReadAhead.bufferCount).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: ReadAhead.bufferSize, alignment: 64)
        }
        free = buffers
        ready.reserveCapacity(ReadAhead.bufferCount)
    }

    deinit {
        // No thread is left: it held a reference until `stop()` joined it.
        for buffer in buffers { buffer.deallocate() }
    }

    /// Copies the next bytes into `buffer`, waiting for the reading-ahead thread if none
    /// are ready; 0 at the end of the stream.
    /// - Throws: the source's error, once the bytes read before it have been read.
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

    /// Stops the reading-ahead thread (if it is still working) and waits for it to exit. Reads
    /// after this see only what was read before it. Call it from the reader's thread.
    func stop() {
        guard let handle = thread else { return }
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        handle.join()
        thread = nil
    }

    /// The reading-ahead thread's loop: fill a free buffer, pass it on, until the stream ends, fails
    /// or the reader stops.
    fileprivate func readAhead() {
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
                while filled < ReadAhead.bufferSize {
                    let got = try source.read(into: UnsafeMutableRawBufferPointer(
                        start: buffer + filled, count: ReadAhead.bufferSize - filled))
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

/// A joinable POSIX thread running one `ReadAhead`'s loop. Foundation's `Thread` cannot be
/// joined, and the reader must know the thread is gone before the source is closed.
private struct ThreadHandle {
    let thread: pthread_t

    /// Starts the loop of `ahead` on a new thread, which holds a reference to it until it exits.
    static func start(_ ahead: ReadAhead) -> ThreadHandle? {
        let context = Unmanaged.passRetained(ahead).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let status = pthread_create(&thread, nil, { raw in
            let ahead = Unmanaged<ReadAhead>.fromOpaque(raw).takeRetainedValue()
            ahead.readAhead()
            return nil
        }, context)
        guard status == 0, let thread else {
            Unmanaged<ReadAhead>.fromOpaque(context).release()
            return nil
        }
        return ThreadHandle(thread: thread)
        #else
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            let ahead = Unmanaged<ReadAhead>.fromOpaque(raw!).takeRetainedValue()
            ahead.readAhead()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<ReadAhead>.fromOpaque(context).release()
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
