import Foundation
import Testing
@testable import AvisoCore

@Suite struct ChunkWindowTests {
    /// Slots written by several threads and read by one, as the channel files' writer uses them.
    private final class Slots: @unchecked Sendable {
        var values: [Int]
        init(_ count: Int) { values = Array(repeating: -1, count: count) }
    }

    /// Threads fill chunks in whatever order they get them (each slot holds its chunk's number,
    /// written only once the chunk is claimed); the consumer sees every chunk once, in order,
    /// in its own slot: no chunk is claimed before the one `width` before it was consumed.
    /// A window that let a chunk into a slot still in use would hang here (the consumer waits
    /// for a slot a later chunk filled and it emptied): hence the time limit.
    @Test(.timeLimit(.minutes(1)), arguments: [(1, 1), (3, 2), (500, 1), (500, 3), (2000, 8)])
    func everyChunkReachesTheConsumerInOrderAndUntouched(count: Int, width: Int) {
        let window = ChunkWindow(count: count, width: width)
        let slots = Slots(width)
        let done = DispatchGroup()
        for thread in 0..<4 {
            done.enter()
            Thread {
                var spin = thread
                while let chunk = window.claim() {
                    slots.values[chunk % width] = chunk
                    // Uneven work, so that chunks finish out of order.
                    spin = (spin &* 1_103_515_245 &+ 12_345) & 0xFFFF
                    if spin % 7 == 0 { usleep(UInt32(spin % 200)) }
                    window.fill(chunk)
                }
                done.leave()
            }.start()
        }
        var seen: [Int] = []
        for chunk in 0..<count {
            let slot = window.waitFilled(chunk)
            #expect(slot == chunk % width)
            seen.append(slots.values[slot])
            window.consume(chunk)
        }
        done.wait()
        #expect(seen == Array(0..<count))
        #expect(window.claim() == nil)
    }

    @Test func noChunksEndsAtOnce() {
        let window = ChunkWindow(count: 0, width: 4)
        #expect(window.claim() == nil)
    }
}
