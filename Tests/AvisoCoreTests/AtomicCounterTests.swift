import Foundation
import Testing
@testable import AvisoCore

@Suite struct AtomicCounterTests {
    @Test func addsFromManyThreadsAreAllCounted() {
        let counter = AtomicCounter()
        #expect(counter.value == 0)
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            for _ in 0..<10_000 { counter.add(k + 1) }
        }
        #expect(counter.value == 10_000 * (1...8).reduce(0, +))
    }
}
