#if defined(__linux__)
// Nothing refers to this file: SwiftPM links every object of the executable's targets, and
// jemalloc (linked into the executable on Linux) reads its options from this symbol before the
// first allocation, then from the MALLOC_CONF environment variable, which can still override
// them. "thp:always" asks the kernel for transparent huge pages on all of jemalloc's memory
// (madvise; nothing happens where THP is off): a run looks up millions of charges and customers
// in hash tables of tens of megabytes, and with 4 KiB pages nearly every lookup, and every
// prefetch ahead of one, also missed the TLB. At 10M charges: about 8% less CPU, about 80 MiB
// more peak memory (bench/RESULTS.md).
const char *malloc_conf = "thp:always";
#endif
