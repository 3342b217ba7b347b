#if defined(__linux__)
// Nothing refers to this file: SwiftPM links every object of the executable's targets, and
// jemalloc (linked into the executable on Linux) reads its options from this symbol before the
// first allocation, then from the MALLOC_CONF environment variable, which can still override
// them. "thp:always" asks the kernel for transparent huge pages on all of jemalloc's memory
// (madvise; nothing happens where THP is off): a run looks up millions of charges and customers
// in hash tables of tens of megabytes, and with 4 KiB pages nearly every lookup, and every
// prefetch ahead of one, also missed the TLB. At 10M charges: about 8% less CPU, about 80 MiB
// more peak memory (bench/RESULTS.md).
// "percpu_arena:percpu" gives jemalloc one arena per CPU, each used by the threads running on
// that CPU, instead of four arenas per CPU shared out among threads for good: with eight
// arenas on two cores, memory one thread freed was rarely reused by another, which took fresh
// pages (expensive on a virtual machine) and held more of them. At 10M CSV charges on two
// cores: peak memory 713 -> 689 MiB and wall time -3.5% in four alternated rounds (20 to 32
// MiB less peak memory at 1M and at CSV.gz, wall time within the machine's swings there).
const char *malloc_conf = "thp:always,percpu_arena:percpu";
#endif
