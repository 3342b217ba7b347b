#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain (not gzipped) file mapped into memory, read-only, for the CSV splitter: its records
/// are parsed and its chunks handed out where the file's pages lie, with no copy from the
/// page cache into a read buffer and none from that buffer into each chunk.
///
/// The export must not change while a run reads it (a file truncated under a mapping faults
/// on access; a run reading a file being rewritten reads garbage either way).
/// Immutable once made; the pages are unmapped when the last reference goes (the splitter's
/// reader and every chunk cut from it hold one), hence `@unchecked Sendable`.
final class MappedFile: @unchecked Sendable {
    /// The file's first byte.
    let base: UnsafePointer<UInt8>
    /// The file's size in bytes (never 0).
    let count: Int

    /// Maps `path`; nil when it is not a regular non-empty file or cannot be mapped (a pipe,
    /// an empty file, a file system without mappings), which the caller then reads as a
    /// stream and reports on as usual.
    init?(path: String) {
        let descriptor = FileByteSource.openForReading(path)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0,
              let size = Int(exactly: status.st_size)
        else { return nil }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        // Read once, front to back: let the kernel read ahead and drop pages behind.
        _ = madvise(mapped, size, MADV_SEQUENTIAL)
        base = UnsafePointer(mapped.assumingMemoryBound(to: UInt8.self))
        count = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), count)
    }

    /// Lets go of the pages wholly inside `count` bytes at `start`, once they have been read:
    /// they stay in the page cache, but no longer count in the run's resident memory (a mapped
    /// page read once would otherwise stay resident until the mapping goes, the whole file at
    /// the end). The pages at the edges, shared with the bytes around, are kept.
    func release(_ start: UnsafePointer<UInt8>, count length: Int) {
        let page = Self.pageSize
        let first = (Int(bitPattern: start) + page - 1) / page * page
        let last = (Int(bitPattern: start) + length) / page * page
        guard last > first, let address = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(address, last - first, MADV_DONTNEED)
    }

    private static let pageSize = max(1, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// Whether the file starts with gzip's magic bytes.
    var startsLikeGzip: Bool {
        GzipInflater.startsWithMagic(UnsafeRawBufferPointer(start: base, count: count))
    }
}
