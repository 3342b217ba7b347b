import Foundation
import Testing
@testable import AvisoCore

@Suite struct POSIXIOTests {
    @Test("writeAll at offsets and readAll give the bytes back; past the end readAll gives fewer, with errno 0")
    func positionedWritesReadBack() throws {
        try withTemporaryFolder("aviso-posixio") { folder in
            let descriptor = open(folder + "/file", O_RDWR | O_CREAT | O_TRUNC, 0o600)
            #expect(descriptor >= 0)
            defer { close(descriptor) }
            let first = Array("0123456789".utf8), second = Array("abc".utf8)
            #expect(first.withUnsafeBytes { POSIXIO.writeAll(descriptor, $0.baseAddress!, count: $0.count, at: 0) })
            #expect(second.withUnsafeBytes { POSIXIO.writeAll(descriptor, $0.baseAddress!, count: $0.count, at: 4) })
            var buffer = [UInt8](repeating: 0, count: 16)
            // errno is read at once: what runs between the call and an expectation may set it.
            let (got, error) = buffer.withUnsafeMutableBytes { (POSIXIO.readAll(descriptor, into: $0.baseAddress!, count: 16, at: 2), errno) }
            #expect(got == 8)
            #expect(error == 0)
            #expect(Array(buffer[0..<got]) == Array("23abc789".utf8))
            // `write` goes where the file stands: at its start, as nothing moved it.
            #expect(second.withUnsafeBytes { POSIXIO.writeAll(descriptor, $0.baseAddress!, count: $0.count) })
            let whole = buffer.withUnsafeMutableBytes { POSIXIO.readAll(descriptor, into: $0.baseAddress!, count: 16, at: 0) }
            #expect(Array(buffer[0..<whole]) == Array("abc3abc789".utf8))
        }
    }

    @Test("a write to a descriptor that takes none fails with its errno; a read once reads what a pipe holds, then 0 at its end")
    func failuresAndSingleReads() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let bytes = Array("hello".utf8)
        // The pipe's read end takes no writes.
        let (wrote, writeError) = bytes.withUnsafeBytes { (POSIXIO.writeAll(fds[0], $0.baseAddress!, count: $0.count), errno) }
        #expect(!wrote)
        #expect(writeError == EBADF)
        #expect(bytes.withUnsafeBytes { POSIXIO.writeAll(fds[1], $0.baseAddress!, count: $0.count) })
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 64)
        let got = buffer.withUnsafeMutableBytes { POSIXIO.read(fds[0], into: $0.baseAddress!, count: 64) }
        #expect(Array(buffer[0..<max(got, 0)]) == bytes)
        #expect(buffer.withUnsafeMutableBytes { POSIXIO.read(fds[0], into: $0.baseAddress!, count: 64) } == 0)
        close(fds[0])
        let (failed, readError) = buffer.withUnsafeMutableBytes { (POSIXIO.read(fds[0], into: $0.baseAddress!, count: 64), errno) }
        #expect(failed == -1)
        #expect(readError == EBADF)
    }
}
