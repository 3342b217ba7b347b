import Foundation
import Testing
@testable import AvisoCore

@Suite struct OutputFileTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("aviso-output-file-\(UUID().uuidString)").path
    }

    /// Writing to disk is asked for every `writebackStep` bytes, from where the last request
    /// ended, and the file's bytes are exactly the ones written.
    @Test func asksForWritebackEveryStepAndKeepsTheBytes() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path)
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
        let file = try OutputFile(path: path)
        file.buffer = Array(repeating: 65, count: 1 << 20)
        try file.close()
        #expect(file.bytesWritten == 1 << 20)
        #expect(file.writebackRequested == 0)
        #expect(FileManager.default.contents(atPath: path)?.count == 1 << 20)
    }
}
