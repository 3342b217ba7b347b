import CSystemSupport
import Foundation
import Testing
@testable import AvisoCore
#if canImport(Glibc)
import Glibc
#endif

@Suite struct OutputFileTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("aviso-output-file-\(UUID().uuidString)").path
    }

    /// Whether the file system of `folder` takes direct I/O: a probe file opened with it.
    static func takesDirectIO(_ folder: String) -> Bool {
        let probe = folder + "/aviso-direct-probe-\(UUID().uuidString)"
        let fd = aviso_open_direct(probe, 0o644)
        guard fd >= 0 else { return false }
        close(fd)
        unlink(probe)
        return true
    }

    /// Pieces of every awkward size around the direct block (4 KiB) and the aligned buffer (1 MiB).
    static let awkwardPieces = [1, 4095, 4096, 4097, 1 << 20, (1 << 20) - 1, (1 << 20) + 1, 3 << 20 + 7, 0, 12_345, 2]

    /// Writes `pieces` to `file`, each of bytes that tell its place, flushing after each; closes
    /// the file and returns every byte written, in order.
    static func write(_ pieces: [Int], to file: OutputFile) throws -> [UInt8] {
        var expected: [UInt8] = []
        for (index, size) in pieces.enumerated() {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            file.buffer.append(contentsOf: bytes)
            expected += bytes
            try file.flush()
        }
        try file.close()
        return expected
    }

    /// Written directly, whole blocks go by direct I/O and the last partial one at the close:
    /// the file holds exactly the bytes flushed, whatever the pieces' sizes.
    @Test func directWritesKeepEveryByte() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path, direct: true)
        #if os(Linux)
        #expect(file.writesDirectly == Self.takesDirectIO(FileManager.default.temporaryDirectory.path))
        #endif
        let expected = try Self.write(Self.awkwardPieces, to: file)
        #expect(file.bytesWritten == Int64(expected.count))
        #expect(file.writebackRequested == 0)
        #expect(Array(try #require(FileManager.default.contents(atPath: path))) == expected)
    }

    /// A file shorter than a block is written whole at the close; an empty one stays empty.
    @Test(arguments: [0, 1, 4095, 4096]) func directSmallFilesKeepEveryByte(size: Int) throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = [UInt8]((0..<size).map { UInt8(truncatingIfNeeded: $0 &+ 7) })
        let file = try OutputFile(path: path, direct: true)
        file.buffer = expected
        try file.close()
        #expect(Array(try #require(FileManager.default.contents(atPath: path))) == expected)
    }

    /// When the kernel refuses a direct write (here: a buffer off its alignment), the file falls
    /// back to writing the usual way and loses nothing.
    @Test(.enabled(if: takesDirectIO(FileManager.default.temporaryDirectory.path), "the temporary folder's file system has no direct I/O"))
    func refusedDirectWriteFallsBack() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path, direct: true, misalignedBy: 1)
        #expect(file.writesDirectly)
        let expected = try Self.write(Self.awkwardPieces, to: file)
        #expect(!file.writesDirectly)
        #expect(Array(try #require(FileManager.default.contents(atPath: path))) == expected)
    }

    /// Written the usual way, writing to disk is asked for every `writebackStep` bytes, from
    /// where the last request ended, and the file's bytes are exactly the ones written.
    @Test func asksForWritebackEveryStepAndKeepsTheBytes() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path, direct: false)
        let step = Int(OutputFile.writebackStep)
        // Pieces of 3 MiB plus one byte, so that the steps do not fall on a flush.
        let piece = 3 << 20 + 1
        var expected: [UInt8] = []
        var requested: [Int64] = []
        var round = 0
        while expected.count < 2 * step + piece {
            var bytes = [UInt8](repeating: UInt8(65 + round), count: piece)
            bytes[round] = 10
            file.buffer.append(contentsOf: bytes)
            expected += bytes
            try file.flushIfLarge()
            file.waitForWriteback()
            requested.append(file.writebackRequested)
            round += 1
        }
        try file.close()
        #expect(file.bytesWritten == Int64(expected.count))
        #if os(Linux)
        // The first request once 16 MiB were written (after the sixth piece), the second once
        // 16 MiB more were (after the twelfth); each covers everything written until then.
        let afterSix = Int64(6 * piece), afterTwelve = Int64(12 * piece)
        #expect(requested == [0, 0, 0, 0, 0, afterSix, afterSix, afterSix, afterSix, afterSix, afterSix, afterTwelve])
        #endif
        let read = try #require(FileManager.default.contents(atPath: path))
        #expect(read.count == expected.count)
        #expect(Array(read) == expected)
    }

    /// A small file never asks.
    @Test func smallFileAsksForNothing() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path, direct: false)
        file.buffer = Array(repeating: 65, count: 1 << 20)
        try file.close()
        #expect(file.bytesWritten == 1 << 20)
        #expect(file.writebackRequested == 0)
        #expect(FileManager.default.contents(atPath: path)?.count == 1 << 20)
    }
}
