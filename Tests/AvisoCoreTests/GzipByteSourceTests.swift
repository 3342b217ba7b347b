import CZlib
import Foundation
import Testing
@testable import AvisoCore

/// Compresses `bytes` into one gzip member with zlib's deflate.
private func gzip(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
    var stream = z_stream()
    #expect(aviso_deflate_init_gzip(&stream, level) == Z_OK)
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
    let status = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = uInt(target.count)
            return deflate(&stream, Z_FINISH)
        }
    }
    #expect(status == Z_STREAM_END)
    return Array(output[..<Int(stream.total_out)])
}

/// Reads a source to its end with reads of `chunk` bytes.
private func drain(_ source: ByteSource, chunk: Int = 1 << 16) throws -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
        let got = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if got == 0 { return result }
        result += buffer[..<got]
    }
}

/// Some text that compresses, of a given length.
private func sample(_ count: Int, seed: Int = 0) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    var state = UInt64(seed &+ 12345)
    while bytes.count < count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        bytes += Array("pay_\(state >> 50),cus_\(state >> 58),R$ 10,00\n".utf8)
    }
    return Array(bytes.prefix(count))
}

/// A fresh temporary directory, removed by the caller.
private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct GzipByteSourceTests {
    @Test(arguments: [0, 1, 100, 3 << 20])
    func singleMemberRoundTrips(size: Int) throws {
        let plain = sample(size)
        for chunk in [1, 7, 1 << 20] where size < 1000 || chunk > 1 {
            let source = try GzipByteSource(source: MemoryByteSource(try gzip(plain), maxChunk: chunk), name: "charges.csv.gz")
            #expect(try drain(source, chunk: chunk == 1 ? 3 : 1 << 16) == plain, "chunk \(chunk)")
        }
    }

    @Test func multiMemberIsReadWhole() throws {
        let parts = [sample(5000, seed: 1), sample(0, seed: 2), sample(70_000, seed: 3), Array("last\n".utf8)]
        let data = try parts.flatMap { try gzip($0) }
        for chunk in [1, 2, 5, 4096, nil] {
            let source = try GzipByteSource(source: MemoryByteSource(data, maxChunk: chunk), name: "a.gz")
            #expect(try drain(source, chunk: 1000) == parts.flatMap { $0 }, "chunk \(String(describing: chunk))")
        }
    }

    /// Ways to break a good gzip stream, and the message each must give.
    enum Damage: String, CaseIterable, Sendable {
        case truncatedInTheMiddle, trailerCutShort, onlyTheHeader, trailingGarbage, oneTrailingByte
        case zeroPadding, secondMemberTruncated, corruptCRC, notGzipAtAll, empty

        func apply(_ data: [UInt8]) -> [UInt8] {
            switch self {
            case .truncatedInTheMiddle: return Array(data.prefix(data.count / 2))
            case .trailerCutShort: return Array(data.dropLast(3))
            case .onlyTheHeader: return Array(data.prefix(10))
            case .trailingGarbage: return data + Array("junk".utf8)
            case .oneTrailingByte: return data + [0x1F]
            case .zeroPadding: return data + [0, 0, 0, 0]
            case .secondMemberTruncated: return data + Array(data.prefix(20))
            case .corruptCRC:
                var damaged = data
                damaged[damaged.count - 6] ^= 0xFF
                return damaged
            case .notGzipAtAll: return Array("id,name\n1,a\n".utf8)
            case .empty: return []
            }
        }

        var message: String {
            switch self {
            case .truncatedInTheMiddle, .trailerCutShort, .onlyTheHeader:
                return "broken gzip: truncated: the data ends inside gzip member 1"
            case .trailingGarbage, .oneTrailingByte, .zeroPadding:
                return "broken gzip: trailing garbage after gzip member 1"
            case .secondMemberTruncated: return "broken gzip: truncated: the data ends inside gzip member 2"
            case .corruptCRC: return "broken gzip: incorrect data check"
            case .notGzipAtAll: return "broken gzip: not gzip data (no 1f 8b magic at the start)"
            case .empty: return "broken gzip: the file is empty"
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func brokenStreamsFail(damage: Damage) throws {
        let name = damage.rawValue
        let message = damage.message
        let data = damage.apply(try gzip(sample(20_000)))
        for chunk in [1, 3, nil] {
            let source = try GzipByteSource(source: MemoryByteSource(data, maxChunk: chunk), name: "charges.csv.gz")
            let error = try #require(throws: AvisoError.self, "\(name)") { _ = try drain(source) }
            #expect(error.category == .input)
            #expect(error.file == "charges.csv.gz")
            #expect(error.message == message, "\(name), chunk \(String(describing: chunk))")
            #expect(error.hint != nil)
        }
    }

    // MARK: Files

    @Test(arguments: [
        ("charges.csv.gz", true, "by name"),
        ("charges.CSV.GZ", true, "by name, any case"),
        ("charges.csv", true, "by magic bytes"),
        ("charges.csv", false, "plain"),
        ("x", false, "plain, one byte"),
    ])
    func inputFileOpensPlainAndGzip(fileName: String, compressed: Bool, _ how: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = how.hasSuffix("one byte") ? Array("z".utf8) : sample(300_000)
        let path = directory.appendingPathComponent(fileName).path
        try Data(compressed ? try gzip(plain) : plain).write(to: URL(fileURLWithPath: path))
        let source = try InputFile.open(path: path, displayName: fileName)
        #expect((source is GzipByteSource) == compressed, "\(how)")
        #expect(try drain(source, chunk: 1 << 20) == plain, "\(how)")
    }

    @Test func gzipCSVReadsThroughTheRecordReader() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "id;value\n" + (1...20_000).map { "pay_\($0);\($0),00\n" }.joined()
        let half = text.utf8.count / 2
        let bytes = Array(text.utf8)
        let path = directory.appendingPathComponent("charges").path
        try Data(try gzip(Array(bytes[..<half])) + (try gzip(Array(bytes[half...])))).write(to: URL(fileURLWithPath: path))
        let reader = try CSVRecordReader(source: try InputFile.open(path: path, displayName: "charges"),
                                         fileName: "charges", fields: ["id", "value"], required: ["id"])
        var record = RawRecord(fieldCount: 2)
        var count = 0
        while try reader.next(into: &record) {
            count += 1
            #expect(record.string(0) == "pay_\(count)")
            #expect(record.line == count + 1)
            #expect(record.problem == nil)
        }
        #expect(count == 20_000)
    }

    @Test func gzipNamedFileWithPlainContentFails() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("customers.csv.gz").path
        try Data("id,name\n".utf8).write(to: URL(fileURLWithPath: path))
        let source = try InputFile.open(path: path, displayName: "customers.csv.gz")
        let error = try #require(throws: AvisoError.self) { _ = try drain(source) }
        #expect(error.description.hasPrefix("customers.csv.gz: broken gzip: not gzip data"))
    }

    @Test func truncatedGzipFileFails() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("accounts.csv.gz").path
        let data = try gzip(sample(50_000))
        try Data(data.prefix(data.count - 100)).write(to: URL(fileURLWithPath: path))
        // The reader's first 1 MiB refill already meets the truncation, while reading the header.
        let error = try #require(throws: AvisoError.self) {
            let reader = try CSVRecordReader(source: try InputFile.open(path: path, displayName: "accounts.csv.gz"),
                                             fileName: "accounts.csv.gz", fields: ["id"], required: [])
            var record = RawRecord(fieldCount: 1)
            while try reader.next(into: &record) {}
        }
        #expect(error.file == "accounts.csv.gz")
        #expect(error.message == "broken gzip: truncated: the data ends inside gzip member 1")
    }

    @Test func missingFileFailsWithItsName() throws {
        let path = "/nonexistent-aviso-dir/charges.csv"
        let error = try #require(throws: AvisoError.self) {
            _ = try InputFile.open(path: path, displayName: "charges.csv")
        }
        #expect(error.category == .input)
        #expect(error.file == "charges.csv")
        #expect(error.message == "cannot open /nonexistent-aviso-dir/charges.csv: No such file or directory")
        let direct = try #require(throws: AvisoError.self) { _ = try FileByteSource(path: path) }
        #expect(direct.file == path)
    }

    @Test func directoryFails() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try #require(throws: AvisoError.self) {
            _ = try InputFile.open(path: directory.path, displayName: "charges.csv")
        }
        #expect(error.message == "cannot open \(directory.path): Is a directory")
    }

    @Test func peekKeepsTheBytes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("p.csv").path
        try Data("abcdef".utf8).write(to: URL(fileURLWithPath: path))
        let file = try FileByteSource(path: path)
        #expect(try file.peek(2) == Array("ab".utf8))
        #expect(try file.peek(3) == Array("abc".utf8))
        #expect(try drain(file, chunk: 2) == Array("abcdef".utf8))
        #expect(try file.peek(2) == [])
    }

    @Test func memorySourceHonoursItsChunkSize() throws {
        let source = MemoryByteSource(Array("hello".utf8), maxChunk: 2)
        var buffer = [UInt8](repeating: 0, count: 10)
        let sizes = try (0..<4).map { _ in try buffer.withUnsafeMutableBytes { try source.read(into: $0) } }
        #expect(sizes == [2, 2, 1, 0])
    }
}
