#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loops every POSIX read and write of the project needs, in one place: a call that a
/// signal interrupts (EINTR) is made again, and a write or positioned read that moves fewer
/// bytes than asked goes on from where it stopped. Named so that types with `read` or `write`
/// methods of their own reach the C functions.
enum POSIXIO {
    /// Calls `call` again for as long as it fails with EINTR, and returns what it returned last
    /// (a failure leaves `errno` set).
    @inline(__always)
    static func retryingInterrupted(_ call: () -> Int) -> Int {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// Reads once into `buffer` (up to `count` bytes): the bytes read, 0 at the end of the
    /// file, or -1 with `errno` set.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        retryingInterrupted {
            #if canImport(Glibc)
            Glibc.read(descriptor, buffer, count)
            #else
            Darwin.read(descriptor, buffer, count)
            #endif
        }
    }

    /// Writes all `count` bytes, at offset `offset` of the file (`pwrite`) or, with no
    /// offset, where the file stands (`write`). False, with `errno` set, when the file takes
    /// no more (EIO when a write moved nothing without saying why).
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawPointer, count: Int, at offset: Int? = nil) -> Bool {
        writeAsMuch(descriptor, bytes, count: count, at: offset) == count
    }

    /// `writeAll`, telling how far it got: `count`, or the bytes written before the file took
    /// no more (then `errno` is set).
    static func writeAsMuch(_ descriptor: Int32, _ bytes: UnsafeRawPointer, count: Int, at offset: Int? = nil) -> Int {
        var written = 0
        while written < count {
            let wrote = retryingInterrupted {
                if let offset { return pwrite(descriptor, bytes + written, count - written, off_t(offset + written)) }
                // The C function: this type has no `write` of its own.
                return write(descriptor, bytes + written, count - written)
            }
            if wrote == 0 { errno = EIO }
            guard wrote > 0 else { break }
            written += wrote
        }
        return written
    }

    /// Reads `count` bytes at offset `offset` of the file (`pread`), or fewer at its end:
    /// the bytes read; when fewer than `count`, `errno` tells a failure from the end (0).
    static func readAll(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        var got = 0
        errno = 0
        while got < count {
            let read = retryingInterrupted { pread(descriptor, buffer + got, count - got, off_t(offset + got)) }
            guard read > 0 else { break }
            got += read
        }
        return got
    }
}
