import Foundation
import Testing

extension EndToEndTests {
    #if os(Linux)
    /// On Linux (the only place it is linked) the executable is linked with jemalloc, which must
    /// replace glibc's malloc for the whole process (a library linked after the C library, or
    /// dropped by the linker as unused, would leave glibc's in place without a word). jemalloc
    /// prints its statistics at exit when `MALLOC_CONF` asks: only the allocator in use reads
    /// that variable.
    @Test func theExecutableAllocatesThroughJemalloc() throws {
        let result = try AvisoBinary.run(["--version"], environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("Begin jemalloc statistics"), "stderr: \(result.stderr.prefix(300))")
    }

    /// The executable gives jemalloc its options (`CAllocatorSettings`): transparent huge
    /// pages for its memory, which an operator's `MALLOC_CONF` can still turn off.
    @Test func jemallocAsksForHugePagesUnlessTheEnvironmentSaysOtherwise() throws {
        let given = try AvisoBinary.run(["--version"], environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(given.stderr.contains("opt.thp: \"always\""), "stderr: \(given.stderr.prefix(600))")
        let overridden = try AvisoBinary.run(["--version"], environment: ["MALLOC_CONF": "thp:never,stats_print:true"])
        #expect(overridden.stderr.contains("opt.thp: \"never\""), "stderr: \(overridden.stderr.prefix(600))")
    }
    #endif
}
