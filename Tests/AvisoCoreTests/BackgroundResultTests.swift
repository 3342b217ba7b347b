import Foundation
import Testing
@testable import AvisoCore

@Suite struct BackgroundResultTests {
    /// The value is the work's, and the work ran beside the caller (on another thread) unless
    /// the process runs single-threaded.
    @Test func givesTheWorksValueFromAnotherThread() {
        let caller = pthread_self()
        let result = BackgroundResult { () -> (value: Int, sameThread: Bool) in
            (6 * 7, pthread_equal(pthread_self(), caller) != 0)
        }
        let made = result.wait()
        #expect(made.value == 42)
        #expect(made.sameThread == !Parallelism.enabled)
    }
}
