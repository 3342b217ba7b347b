import Foundation
import Testing
@testable import AvisoCore

@Suite struct SpinLockTests {
    /// A count read and written back in two steps: without the lock, threads overwrite each
    /// other's steps and the total comes out short.
    private final class UnguardedCount: @unchecked Sendable {
        var value = 0
        var steps: [Int] = []
    }

    private final class Guarded: @unchecked Sendable {
        let lock = SpinLock()
    }

    @Test func sectionsOnManyThreadsDoNotInterleave() {
        let guarded = Guarded()
        let count = UnguardedCount()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20_000 {
                guarded.lock.withLock {
                    let seen = count.value
                    count.steps.append(seen)
                    count.value = seen + 1
                }
            }
        }
        #expect(count.value == 160_000)
        // Each section saw what the one before it left.
        #expect(count.steps == Array(0..<160_000))
    }

    private struct Stop: Error {}

    @Test func givesTheSectionsResultAndLetsGoWhenItThrows() throws {
        let guarded = Guarded()
        #expect(guarded.lock.withLock { 41 + 1 } == 42)
        #expect(throws: Stop.self) { try guarded.lock.withLock { throw Stop() } }
        // Taken again at once: the throwing section let it go.
        #expect(guarded.lock.withLock { "again" } == "again")
    }
}
