#ifndef AVISO_CSYSTEMSUPPORT_SHIM_H
#define AVISO_CSYSTEMSUPPORT_SHIM_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sched.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). glibc's wrapper is
/// not visible to Swift, so the system call is made directly. Returns 0, or -1 with errno set
/// (ENOSYS / EINVAL where the kernel or file system cannot exchange).
static inline int aviso_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// Asks the kernel to start writing the dirty pages of `count` bytes of file `fd` from `offset`
/// to disk, without waiting for them (Linux `sync_file_range` with SYNC_FILE_RANGE_WRITE only).
/// A hint: it makes nothing durable, and a later fsync still must. Returns 0, or -1 with errno
/// set (ENOSYS where there is no such call).
static inline int aviso_start_writeback(int fd, long long offset, long long count) {
#if defined(__linux__)
    return sync_file_range(fd, (off_t)offset, (off_t)count, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd; (void)offset; (void)count;
    errno = ENOSYS;
    return -1;
#endif
}

/// Opens `path` for writing (created with `mode`, or truncated) with direct I/O (Linux
/// O_DIRECT): writes then go from the caller's buffer to the disk, not through the page cache.
/// Returns the descriptor, or -1 with errno set (EINVAL where the file system has no direct
/// I/O, ENOSYS where the system has no such flag): the caller then opens the file as usual.
static inline int aviso_open_direct(const char *path, int mode) {
#if defined(__linux__) && defined(O_DIRECT)
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, mode);
#else
    (void)path; (void)mode;
    errno = ENOSYS;
    return -1;
#endif
}

/// Turns direct I/O off on an open descriptor (for the last, partial block of a file, which
/// direct I/O cannot write). Returns 0, or -1 with errno set.
static inline int aviso_end_direct(int fd) {
#if defined(__linux__) && defined(O_DIRECT)
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags & ~O_DIRECT);
#else
    (void)fd;
    return 0;
#endif
}

/// Makes glibc map blocks of at least `bytes` on their own (and unmap them when freed) instead
/// of raising that threshold as large blocks are freed. Returns 1 on success, 0 otherwise
/// (and always 0 where the C library is not glibc).
static inline int aviso_set_mmap_threshold(int bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}
/// Gives the pages of freed memory in every glibc arena back to the system (`malloc_trim`);
/// does nothing where the C library is not glibc.
static inline void aviso_trim_heap(void) {
#if defined(__GLIBC__)
    (void)malloc_trim(0);
#endif
}

/// Reads a counter that other threads add to (acquire ordering). Swift's own `Atomic` needs
/// macOS 15; this works wherever the package builds.
static inline long aviso_counter_load(const long *counter) {
    return __atomic_load_n(counter, __ATOMIC_ACQUIRE);
}

/// Adds to a counter that other threads read (release ordering).
static inline void aviso_counter_add(long *counter, long value) {
    __atomic_fetch_add(counter, value, __ATOMIC_RELEASE);
}

/// Asks the processor to start loading the cache line at `address`, for a read soon after.
/// A hint only: it never faults, not even for an address that is no longer mapped.
static inline void aviso_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Reads a word another thread may be storing (relaxed: for hints, ordering nothing).
static inline unsigned long aviso_word_load_relaxed(const unsigned long *word) {
    return __atomic_load_n(word, __ATOMIC_RELAXED);
}

/// Stores a word another thread may be reading (relaxed: for hints, ordering nothing).
static inline void aviso_word_store_relaxed(unsigned long *word, unsigned long value) {
    __atomic_store_n(word, value, __ATOMIC_RELAXED);
}

/// Takes a spin lock (a word: 0 free, 1 held): one atomic exchange when it is free. A waiter
/// reads the word until it looks free, pausing between reads, and yields its core every 64
/// reads, so that a holder another thread displaced gets to run and let go.
static inline void aviso_spin_lock(int *word) {
    while (__atomic_exchange_n(word, 1, __ATOMIC_ACQUIRE) != 0) {
        int reads = 0;
        while (__atomic_load_n(word, __ATOMIC_RELAXED) != 0) {
            if (++reads == 64) {
                reads = 0;
                sched_yield();
            } else {
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#elif defined(__aarch64__)
                __asm__ __volatile__("yield");
#endif
            }
        }
    }
}

/// Lets a spin lock go (one store, release ordering).
static inline void aviso_spin_unlock(int *word) {
    __atomic_store_n(word, 0, __ATOMIC_RELEASE);
}
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdint.h>

/// One bit per byte of `bytes[0..<count]` (count at most 64): bit k is set when byte k is `a`,
/// `b` or `c`. Sixteen bytes per compare where SSE2 is available (every x86-64), which Swift
/// cannot express (it has no vector-mask-to-bits operation); a plain loop elsewhere and for
/// a short tail. Reads no byte at or past `count`.
static inline uint64_t aviso_byte_mask(const uint8_t *bytes, long count, uint8_t a, uint8_t b, uint8_t c) {
    uint64_t mask = 0;
    long k = 0;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a);
    const __m128i vb = _mm_set1_epi8((char)b);
    const __m128i vc = _mm_set1_epi8((char)c);
    for (; k + 16 <= count; k += 16) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(bytes + k));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
        mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(hit) << k;
    }
#endif
    for (; k < count; k++) {
        const uint8_t byte = bytes[k];
        if (byte == a || byte == b || byte == c) mask |= (uint64_t)1 << k;
    }
    return mask;
}
/// One bit per byte of `bytes[0..<count]` (count at most 64) that a JSON string must look at:
/// below 0x20, `"`, `\\`, DEL (0x7F) or 0xE2 (the lead byte of U+2028 and U+2029). Sixteen
/// bytes per compare where SSE2 is available; a plain loop elsewhere and for a short tail.
static inline uint64_t aviso_json_escape_mask(const uint8_t *bytes, long count) {
    uint64_t mask = 0;
    long k = 0;
#if defined(__SSE2__)
    const __m128i control = _mm_set1_epi8(0x1F);
    for (; k + 16 <= count; k += 16) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(bytes + k));
        // Unsigned x <= 0x1F: max(x, 0x1F) is 0x1F.
        const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(x, control), control);
        const __m128i marks = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
        const __m128i others = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)));
        mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(low, marks), others)) << k;
    }
#endif
    for (; k < count; k++) {
        const uint8_t byte = bytes[k];
        if (byte < 0x20 || byte == '"' || byte == '\\' || byte == 0x7F || byte == 0xE2) mask |= (uint64_t)1 << k;
    }
    return mask;
}

/// Whether `byte` is copied as it is by GSM-7 folding at one septet: ASCII in the GSM 03.38
/// basic table (printable ASCII but `[`, `\\`, `]`, `^`, `` ` ``, `{`, `|`, `}`, `~` and DEL; of the
/// control characters, line feed and carriage return). Tests hold it to the alphabet's tables.
static inline int aviso_gsm7_is_plain(uint8_t byte) {
    if (byte >= 0x7B) return 0;
    if (byte < 0x20) return byte == '\n' || byte == '\r';
    return !(byte >= 0x5B && byte <= 0x5E) && byte != 0x60;
}

/// The length of the run of `aviso_gsm7_is_plain` bytes at the start of `bytes[0..<count]`,
/// sixteen bytes per compare where SSE2 is available.
static inline long aviso_gsm7_plain_run(const uint8_t *bytes, long count) {
    long k = 0;
#if defined(__SSE2__)
    for (; k + 16 <= count; k += 16) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(bytes + k));
        // Unsigned comparisons through max: x >= a exactly when max(x, a) == x.
        const __m128i atLeast7B = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x7B)), x);
        const __m128i below20 = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
        const __m128i lineBreak = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
        const __m128i brackets = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x5B)), x),
                                               _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x5E)), x));
        const __m128i backtick = _mm_cmpeq_epi8(x, _mm_set1_epi8(0x60));
        const __m128i other = _mm_or_si128(_mm_or_si128(atLeast7B, _mm_andnot_si128(lineBreak, below20)),
                                           _mm_or_si128(brackets, backtick));
        const unsigned mask = (unsigned)_mm_movemask_epi8(other);
        if (mask != 0) return k + __builtin_ctz(mask);
    }
#endif
    while (k < count && aviso_gsm7_is_plain(bytes[k])) k++;
    return k;
}

/// The length of the run of ASCII bytes (below 0x80) at the start of `bytes[0..<count]`: what
/// UTF-8 validation passes over without decoding. Thirty-two bytes per step where SSE2 is
/// available (the high bits are the byte mask itself); a plain loop elsewhere and for a tail.
static inline long aviso_ascii_run(const uint8_t *bytes, long count) {
    long k = 0;
#if defined(__SSE2__)
    for (; k + 32 <= count; k += 32) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(bytes + k));
        const __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(bytes + k + 16));
        if (_mm_movemask_epi8(_mm_or_si128(x, y)) != 0) {
            const unsigned low = (unsigned)_mm_movemask_epi8(x);
            if (low != 0) return k + __builtin_ctz(low);
            return k + 16 + __builtin_ctz((unsigned)_mm_movemask_epi8(y));
        }
    }
    for (; k + 16 <= count; k += 16) {
        const unsigned mask = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(bytes + k)));
        if (mask != 0) return k + __builtin_ctz(mask);
    }
#endif
    while (k < count && bytes[k] < 0x80) k++;
    return k;
}

/// 1 when compacting spaces and trimming would leave `bytes[0..<count]` as it is: it neither
/// starts nor ends with a space, holds no two spaces in a row, and no tab, line feed, vertical
/// tab, form feed, carriage return nor 0xC2 (the lead byte of a no-break space); else 0.
/// Sixteen bytes per compare where SSE2 is available.
static inline int aviso_is_compact_text(const uint8_t *bytes, long count) {
    if (count == 0) return 1;
    if (bytes[0] == ' ' || bytes[count - 1] == ' ') return 0;
    long k = 0;
    unsigned previousSpace = 0;
#if defined(__SSE2__)
    for (; k + 16 <= count; k += 16) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(bytes + k));
        // Tab, line feed, vertical tab, form feed and carriage return are 0x09 to 0x0D.
        const __m128i control = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x08)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x0E)));
        const __m128i lead = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC2));
        if (_mm_movemask_epi8(_mm_or_si128(control, lead)) != 0) return 0;
        const unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
        if ((spaces & (spaces >> 1)) != 0 || (previousSpace && (spaces & 1))) return 0;
        previousSpace = (spaces >> 15) & 1;
    }
#endif
    for (; k < count; k++) {
        const uint8_t byte = bytes[k];
        if ((byte >= 0x09 && byte <= 0x0D) || byte == 0xC2) return 0;
        const unsigned space = byte == ' ';
        if (space && previousSpace) return 0;
        previousSpace = space;
    }
    return 1;
}

/// The length of the run at the start of `bytes[0..<count]` with no space, tab, line feed,
/// carriage return or 0xC2 (the lead byte of a no-break space): text that compacting spaces
/// copies as it is. Sixteen bytes per compare where SSE2 is available.
static inline long aviso_text_word_run(const uint8_t *bytes, long count) {
    long k = 0;
#if defined(__SSE2__)
    for (; k + 16 <= count; k += 16) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(bytes + k));
        const __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\t')));
        const __m128i lineBreak = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
        const __m128i lead = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC2));
        const unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(blank, lineBreak), lead));
        if (mask != 0) return k + __builtin_ctz(mask);
    }
#endif
    while (k < count) {
        const uint8_t byte = bytes[k];
        if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == 0xC2) break;
        k++;
    }
    return k;
}

#endif
