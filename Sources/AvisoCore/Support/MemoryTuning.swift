import CSystemSupport

/// Process-wide memory settings for a run over millions of rows, for glibc's allocator. The
/// `aviso` executable runs on jemalloc on Linux (see Package.swift), which gives freed memory
/// back by itself and ignores these calls; they matter where AvisoCore runs on glibc's malloc
/// (the tests, another program using the library).
public enum MemoryTuning {
    /// Blocks of 8 MiB and more are mapped on their own and given back to the system when
    /// freed. glibc otherwise raises that threshold after the first large block is freed and
    /// keeps later large blocks (decoding chunks, the day's record chunks) in its heap after
    /// they are freed, which showed as about 300 MB more peak memory at 10M charges.
    public static func returnLargeBlocksToTheSystem() {
        _ = aviso_set_mmap_threshold(8 << 20)
    }

    /// Gives the pages of memory freed so far back to the system. glibc keeps freed small
    /// blocks in its arenas (one per decoding thread as well): after the charges of a 10M run,
    /// some 150 MB the process no longer uses stayed resident into the output steps.
    public static func returnFreedMemoryToTheSystem() {
        aviso_trim_heap()
    }
}
