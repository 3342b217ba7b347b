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
    // MARK: Inflating ahead on a thread of its own

    /// Bytes that deflate cannot shrink (stored blocks), so the compressed size tracks the plain one.
    static func noise(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var state = seed
        bytes.withUnsafeMutableBytes { raw in
            for offset in stride(from: 0, to: count, by: 8) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let word = state ^ (state >> 29)
                withUnsafeBytes(of: word) { raw.baseAddress!.advanced(by: offset)
                    .copyMemory(from: $0.baseAddress!, byteCount: min(8, count - offset)) }
            }
        }
        return bytes
    }

    @Test(arguments: [false, true])
    func theModeFollowsTheRequest(ahead: Bool) throws {
        let source = try GzipByteSource(source: MemoryByteSource(try gzip(sample(10))), name: "a.gz", inflateAhead: ahead)
        #expect(source.inflatesAhead == ahead)
        let byDefault = try GzipByteSource(source: MemoryByteSource(try gzip(sample(10))), name: "a.gz")
        #expect(byDefault.inflatesAhead == Parallelism.enabled)
    }

    @Test(arguments: [false, true])
    func oneByteReadsEqualWholeReads(ahead: Bool) throws {
        // Longer than two hand-over buffers, so single bytes cross buffer boundaries.
        let plain = sample(ReadAhead.bufferSize * 2 + 12_345, seed: 9)
        let data = try gzip(plain)
        let whole = try drain(try GzipByteSource(source: MemoryByteSource(data), name: "w.gz", inflateAhead: ahead),
                              chunk: 4 << 20)
        #expect(firstDifference(whole, plain) == nil)
        let source = try GzipByteSource(source: MemoryByteSource(data, maxChunk: 777), name: "b.gz", inflateAhead: ahead)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(plain.count)
        var one: UInt8 = 0
        while try withUnsafeMutableBytes(of: &one, { try source.read(into: $0) }) == 1 {
            bytes.append(one)
        }
        #expect(firstDifference(bytes, plain) == nil)
        #expect(try withUnsafeMutableBytes(of: &one, { try source.read(into: $0) }) == 0, "the end stays the end")
    }

    @Test(arguments: [false, true])
    func multiMemberFileAcrossBuffers(ahead: Bool) throws {
        // An empty member, one bigger than a buffer, a tiny one, then one ending mid-buffer.
        let parts = [[], sample(ReadAhead.bufferSize + 100_001, seed: 4), Array("x\n".utf8), sample(700_000, seed: 5)]
        let data = try parts.flatMap { try gzip($0, level: 1) }
        for (chunk, read) in [(nil, 1 << 20), (4093, 1000), (1, 65_536)] as [(Int?, Int)] {
            let source = try GzipByteSource(source: MemoryByteSource(data, maxChunk: chunk), name: "m.gz", inflateAhead: ahead)
            #expect(firstDifference(try drain(source, chunk: read), parts.flatMap { $0 }) == nil, "chunk \(String(describing: chunk)), read \(read)")
        }
    }

    @Test(arguments: Damage.allCases, [false, true])
    func brokenStreamsFailInEitherMode(damage: Damage, ahead: Bool) throws {
        let data = damage.apply(try gzip(sample(20_000)))
        let source = try GzipByteSource(source: MemoryByteSource(data, maxChunk: 5), name: "c.csv.gz", inflateAhead: ahead)
        let error = try #require(throws: AvisoError.self, "\(damage.rawValue)") { _ = try drain(source, chunk: 100) }
        #expect(error.file == "c.csv.gz")
        #expect(error.message == damage.message, "\(damage.rawValue), ahead \(ahead)")
    }

    @Test(arguments: [false, true])
    func anErrorAfterManyBuffersComesAfterTheirBytes(ahead: Bool) throws {
        // A corrupt checksum at the end of 3.5 buffers: the bytes before it arrive, then the error.
        let plain = sample(ReadAhead.bufferSize * 7 / 2, seed: 6)
        var data = try gzip(plain)
        data[data.count - 6] ^= 0xFF
        let source = try GzipByteSource(source: MemoryByteSource(data), name: "charges.csv.gz", inflateAhead: ahead)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 300_000)
        let error = try #require(throws: AvisoError.self) {
            while true {
                let got = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if got == 0 { break }
                received += buffer[..<got]
            }
        }
        #expect(error.file == "charges.csv.gz")
        #expect(error.message == "broken gzip: incorrect data check")
        #expect(received.count <= plain.count)
        #expect(firstDifference(received, Array(plain.prefix(received.count))) == nil)
        // Whole buffers crossed threads before the error did (the bytes of the zlib call that
        // met the bad checksum are dropped, in either mode).
        #expect(received.count >= 2 * ReadAhead.bufferSize)
        if ahead {
            let again = try #require(throws: AvisoError.self) { _ = try buffer.withUnsafeMutableBytes { try source.read(into: $0) } }
            #expect(again.message == "broken gzip: incorrect data check", "the error stays")
        }
    }

    @Test(arguments: [false, true])
    func theSourcesOwnErrorReachesTheReader(ahead: Bool) throws {
        let plain = sample(3 << 20, seed: 7)
        let data = try gzip(plain)
        let failing = FailingSource(MemoryByteSource(data, maxChunk: 50_000), failAfter: data.count / 2)
        let source = try GzipByteSource(source: failing, name: "customers.csv.gz", inflateAhead: ahead)
        let error = try #require(throws: AvisoError.self) { _ = try drain(source) }
        #expect(error.category == .input)
        #expect(error.file == "customers.csv.gz")
        #expect(error.message == "read failed: Input/output error")
    }

    @Test(arguments: [0, 10, ReadAhead.bufferSize + 1])
    func releasingEarlyStopsAndJoinsTheThread(bytesRead: Int) throws {
        let plain = Self.noise(12 << 20)
        let data = try gzip(plain, level: 1)
        let probe = Probe()
        var source: GzipByteSource? = try GzipByteSource(source: ProbedSource(MemoryByteSource(data), probe: probe),
                                                         name: "big.gz", inflateAhead: true)
        #expect(source?.inflatesAhead == true)
        var buffer = [UInt8](repeating: 0, count: bytesRead)
        var got = 0
        while got < bytesRead {
            got += try buffer.withUnsafeMutableBytes { try source!.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[got...])) }
        }
        #expect(firstDifference(buffer, Array(plain.prefix(bytesRead))) == nil)
        source = nil
        // The compressed source is released only after the thread let go of the inflater: if it
        // is gone now, the thread was stopped and joined while the reader waited.
        #expect(probe.released)
        // Bounded read-ahead: at most the hand-over buffers and one input chunk were inflated.
        let bound = (ReadAhead.bufferCount + 2) * ReadAhead.bufferSize + bytesRead
        #expect(probe.bytesRead < bound, "read \(probe.bytesRead) of \(data.count) compressed bytes")
    }

    @Test(arguments: [false, true])
    func releasingAfterTheEndOrAnErrorIsClean(fail: Bool) throws {
        var data = try gzip(sample(2 << 20, seed: 8))
        if fail { data.removeLast(100) }
        let probe = Probe()
        var source: GzipByteSource? = try GzipByteSource(source: ProbedSource(MemoryByteSource(data), probe: probe),
                                                         name: "done.gz", inflateAhead: true)
        if fail {
            #expect(throws: AvisoError.self) { _ = try drain(source!) }
        } else {
            #expect(try drain(source!).count == 2 << 20)
        }
        source = nil
        #expect(probe.released)
        #expect(probe.bytesRead == data.count)
    }
}

/// Where two byte arrays first differ, or nil if they are equal (cheaper to report than the
/// whole arrays when megabytes differ).
private func firstDifference(_ got: [UInt8], _ expected: [UInt8]) -> String? {
    if got == expected { return nil }
    let index = (0..<min(got.count, expected.count)).first { got[$0] != expected[$0] } ?? min(got.count, expected.count)
    return "\(got.count) bytes against \(expected.count), first difference at \(index)"
}

/// What a `ProbedSource` saw, readable from the test's thread.
private final class Probe: @unchecked Sendable {
    private let lock = NSLock()
    private var read = 0
    private var gone = false

    var bytesRead: Int { lock.withLock { read } }
    var released: Bool { lock.withLock { gone } }
    func add(_ count: Int) { lock.withLock { read += count } }
    func release() { lock.withLock { gone = true } }
}

/// A source that counts the bytes read through it and notes when it is released.
private final class ProbedSource: ByteSource {
    private let inner: ByteSource
    private let probe: Probe

    init(_ inner: ByteSource, probe: Probe) {
        self.inner = inner
        self.probe = probe
    }

    deinit { probe.release() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let got = try inner.read(into: buffer)
        probe.add(got)
        return got
    }
}

/// A source whose reads fail, like a disk error, once `failAfter` bytes have been served.
private final class FailingSource: ByteSource {
    private let inner: ByteSource
    private let failAfter: Int
    private var served = 0

    init(_ inner: ByteSource, failAfter: Int) {
        self.inner = inner
        self.failAfter = failAfter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard served < failAfter else {
            throw AvisoError(.input, file: "customers.csv.gz", "read failed: Input/output error")
        }
        let room = UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, failAfter - served)])
        let got = try inner.read(into: room)
        served += got
        return got
    }
}

/// A plain source read ahead on a thread of its own gives the same bytes, then its error.
@Suite struct ReadAheadByteSourceTests {
    /// A source that gives `bytes` in chunks of `chunk`, then throws.
    final class FailingAfter: ByteSource {
        let inner: MemoryByteSource
        init(_ bytes: [UInt8], chunk: Int) { inner = MemoryByteSource(bytes, maxChunk: chunk) }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let got = try inner.read(into: buffer)
            if got == 0 { throw AvisoError(.input, file: "f.xml", "the disk went away") }
            return got
        }
    }

    @Test func givesTheSameBytesAcrossBuffersThenTheEnd() throws {
        let plain = sample(ReadAhead.bufferSize * 3 + 4_321, seed: 11)
        let source = try #require(ReadAheadByteSource(MemoryByteSource(plain, maxChunk: 100_003)))
        #expect(firstDifference(try drain(source, chunk: 65_537), plain) == nil)
        var one: UInt8 = 0
        #expect(try withUnsafeMutableBytes(of: &one, { try source.read(into: $0) }) == 0, "the end stays the end")
    }

    @Test func anErrorComesAfterTheBytesReadBeforeIt() throws {
        let plain = sample(ReadAhead.bufferSize + 77, seed: 12)
        let source = try #require(ReadAheadByteSource(FailingAfter(plain, chunk: 4_096)))
        var received: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 10_000, alignment: 1)
        defer { buffer.deallocate() }
        let error = try #require(throws: AvisoError.self) {
            // An end instead of the error stops the loop too (and fails the expectation).
            while received.count <= plain.count {
                let got = try source.read(into: buffer)
                if got == 0 { break }
                received.append(contentsOf: buffer.prefix(got))
            }
        }
        #expect(error.message == "the disk went away")
        #expect(firstDifference(received, plain) == nil)
    }
}
