import Foundation

/// Hands chunk numbers 0, 1, 2… to the threads that fill them, and the filled chunks to one
/// consumer in that order, with at most `width` chunks claimed but not yet consumed: chunk `n`
/// uses slot `n % width`, which the chunk `width` before it must have left. Nothing waits at a
/// batch's end: a thread takes the next chunk as soon as it is done with one (batches of
/// chunks composed at once left a core idle while the batch's last chunk was finished).
final class ChunkWindow: @unchecked Sendable {
    /// How many chunks there are.
    let count: Int
    /// How many chunks may be in flight (claimed, not yet consumed); slots are `0..<width`.
    let width: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var nextToClaim = 0
    private var consumed = 0
    private var filled: [Bool]

    /// A window over `count` chunks, `width` (at least 1) in flight at most.
    init(count: Int, width: Int) {
        precondition(width >= 1, "a window holds at least one chunk")
        self.count = count
        self.width = width
        filled = Array(repeating: false, count: width)
    }

    /// The next chunk to fill, once its slot is free; nil when every chunk was claimed.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToClaim < count else { return nil }
        let chunk = nextToClaim
        nextToClaim += 1
        while chunk >= consumed + width { condition.wait() }
        return chunk
    }

    /// Marks `chunk` (claimed by the caller) as filled.
    func fill(_ chunk: Int) {
        condition.lock()
        filled[chunk % width] = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `chunk`, the next in order, is filled, and returns its slot: the consumer
    /// reads it, then calls `consume`.
    func waitFilled(_ chunk: Int) -> Int {
        condition.lock()
        defer { condition.unlock() }
        let slot = chunk % width
        while !filled[slot] { condition.wait() }
        return slot
    }

    /// Frees the slot of `chunk`, the next in order, once its content was used.
    func consume(_ chunk: Int) {
        condition.lock()
        filled[chunk % width] = false
        consumed = chunk + 1
        condition.broadcast()
        condition.unlock()
    }
}
