import Foundation
import Testing
@testable import AvisoCore

@Suite struct ReleaseAtExitTests {
    /// Counts its own deinit, to tell when the holder lets it go.
    private final class Tracked: @unchecked Sendable {
        let freed: NSLock
        let flag: UnsafeMutablePointer<Bool>
        init(freed: NSLock, flag: UnsafeMutablePointer<Bool>) {
            self.freed = freed
            self.flag = flag
        }
        deinit {
            freed.lock()
            flag.pointee = true
            freed.unlock()
        }
    }

    @Test func keepsUntilReleasedThenLetsGo() {
        let holder = ReleaseAtExit()
        let lock = NSLock()
        let flag = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
        flag.initialize(to: false)
        defer { flag.deallocate() }
        do {
            let value = Tracked(freed: lock, flag: flag)
            holder.keep([value])
        }
        // The only reference left is the holder's.
        #expect(flag.pointee == false)
        #expect(holder.keptCount == 1)
        holder.releaseKept()
        #expect(flag.pointee == true)
        #expect(holder.keptCount == 0)
    }
}
