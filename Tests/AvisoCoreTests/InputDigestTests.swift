import Foundation
import Testing
@testable import AvisoCore

/// Removes the temporary folder `writeFile` made for `path`.
private func removeTemporaryFolder(of path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
}

/// Writes `bytes` to `name` in a fresh temporary folder; returns the path.
private func writeFile(_ name: String, _ bytes: [UInt8]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-digest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// One gzip member holding `bytes`.
private func gzipMember(_ bytes: [UInt8]) throws -> [UInt8] {
    let path = try writeFile("member.gz", [])
    defer { removeTemporaryFolder(of: path) }
    let writer = try GzipFileWriter(path: path)
    try bytes.withUnsafeBytes { try writer.write($0) }
    try writer.finish()
    return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
}

@Suite("Input digests: the SHA-256 of each file as stored, taken while it is read")
struct InputDigestTests {
    /// Accounts as CSV, long enough for many chunks and several 1 MiB refills.
    static let csvText = "id;name;email\n" + (1...60000).map { "acc\($0);Loja \($0);l\($0)@x.com.br\n" }.joined()
    static let xmlText = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<accounts>\n"
        + (1...20000).map { "  <account><id>acc\($0)</id><name>Loja \($0)</name></account>\n" }.joined()
        + "</accounts>\n"

    /// How a file is stored: its name and its bytes on disk.
    static func stored(_ kind: String) throws -> (name: String, bytes: [UInt8]) {
        let csv = Array(csvText.utf8)
        let xml = Array(xmlText.utf8)
        switch kind {
        case "csv": return ("accounts.csv", csv)
        case "csv.gz": return ("accounts.csv.gz", try gzipMember(csv))
        case "csv.gz, three members":
            let third = csv.count / 3
            return ("accounts.csv.gz", try gzipMember(Array(csv[..<third])) + gzipMember(Array(csv[third..<(2 * third)]))
                        + gzipMember(Array(csv[(2 * third)...])))
        case "csv, gzip by its bytes only": return ("accounts.csv", try gzipMember(csv))
        case "csv, blank lines after the last record":
            return ("accounts.csv", csv + Array("\n\r\n\t\n".utf8) + [UInt8](repeating: 0x20, count: 70000))
        case "xml": return ("accounts.xml", xml)
        case "xml, comment and blank lines after the root":
            return ("accounts.xml", xml + Array("<!-- end -->\n\n\n".utf8) + [UInt8](repeating: 0x20, count: 70000) + [0x0A])
        case "xml.gz, two members":
            let half = xml.count / 2
            return ("accounts.xml.gz", try gzipMember(Array(xml[..<half])) + gzipMember(Array(xml[half...])))
        default: preconditionFailure(kind)
        }
    }

    static let kinds = [
        "csv", "csv.gz", "csv.gz, three members", "csv, gzip by its bytes only", "csv, blank lines after the last record", "xml",
        "xml, comment and blank lines after the root", "xml.gz, two members",
    ]

    @Test("the reader's digest is the file's, chunked or not, whatever the chunk size",
          arguments: kinds, [(false, 2 << 20), (true, 2 << 20), (true, 1000), (true, 7)])
    func digestOfTheFileAsStored(kind: String, reading: (chunked: Bool, chunkSize: Int)) throws {
        let (name, bytes) = try Self.stored(kind)
        let path = try writeFile(name, bytes)
        defer { removeTemporaryFolder(of: path) }
        var reader = TableReader<AccountTable>(
            input: LocatedInput(table: "accounts", path: path, fileName: name, format: name.contains(".xml") ? .xml : .csv),
            maxRejectRatio: 0)
        reader.splitsCSV = reading.chunked
        reader.splitsXML = reading.chunked
        reader.chunkSize = reading.chunkSize
        var rejects: [RejectRecord] = []
        var rows = 0
        let statistics = try reader.read(rejects: &rejects) { _ in
            rows += 1
            return .used
        }
        var hasher = SHA256()
        hasher.update(bytes)
        let expected = SHA256.hex(hasher.finalize())
        #expect(statistics.sha256 == expected)
        #expect(try FileDigest.sha256(path: path, displayName: name) == expected)
        #expect(rows == (name.contains(".xml") ? 20000 : 60000))
        #expect(rejects.isEmpty)
    }

    /// A reader of the accounts CSV file at `path`, allowing no rejects.
    static func accountsCSVReader(_ path: String) -> TableReader<AccountTable> {
        TableReader<AccountTable>(
            input: LocatedInput(table: "accounts", path: path, fileName: "accounts.csv", format: .csv), maxRejectRatio: 0)
    }

    @Test("a file of only a header has its digest too, chunked or not", arguments: [false, true])
    func digestOfAHeaderOnly(chunked: Bool) throws {
        let bytes = Array("id;name;email\n\n".utf8)
        let path = try writeFile("accounts.csv", bytes)
        defer { removeTemporaryFolder(of: path) }
        var reader = Self.accountsCSVReader(path)
        reader.splitsCSV = chunked
        var rejects: [RejectRecord] = []
        let statistics = try reader.read(rejects: &rejects) { _ in .used }
        var hasher = SHA256()
        hasher.update(bytes)
        #expect(statistics.sha256 == SHA256.hex(hasher.finalize()))
        #expect(statistics.rowsRead == 0)
    }

    @Test("a reader told not to hash leaves the digest empty")
    func noDigestWhenNotAsked() throws {
        let path = try writeFile("accounts.csv", Array("id,name\na1,Ana\n".utf8))
        defer { removeTemporaryFolder(of: path) }
        var reader = Self.accountsCSVReader(path)
        reader.hashesInput = false
        var rejects: [RejectRecord] = []
        let statistics = try reader.read(rejects: &rejects) { _ in .used }
        #expect(statistics.sha256 == "")
        #expect(statistics.rowsUsed == 1)
    }

    @Test("the hashing source digests what went through it, only once it reached the end",
          arguments: [1, 3, 64, 1 << 20])
    func hashingSource(maxChunk: Int) throws {
        let bytes = Array(Self.csvText.utf8.prefix(5000))
        let source = HashingByteSource(MemoryByteSource(bytes, maxChunk: maxChunk))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 100, alignment: 1)
        defer { buffer.deallocate() }
        var read: [UInt8] = []
        while true {
            #expect(source.digest() == nil)
            let count = try source.read(into: buffer)
            if count == 0 { break }
            read += buffer[..<count]
        }
        #expect(read == bytes)
        var hasher = SHA256()
        hasher.update(bytes)
        #expect(source.digest() == SHA256.hex(hasher.finalize()))
        // Asking again gives the same digest: the running state is not consumed.
        #expect(source.digest() == source.digest())
    }

    @Test("the snapshot's tables carry their files' digests when it audits, none when it only looks",
          arguments: [true, false])
    func snapshotDigests(audits: Bool) throws {
        let accounts = try writeFile("accounts.csv", Array("id,name\nacc_1,Um\n".utf8))
        defer { removeTemporaryFolder(of: accounts) }
        let customers = try writeFile("customers.csv.gz", try gzipMember(Array("id,account,name\ncus_1,acc_1,Ana\n".utf8)))
        defer { removeTemporaryFolder(of: customers) }
        let inputs = [
            "accounts": LocatedInput(table: "accounts", path: accounts, fileName: "accounts.csv", format: .csv),
            "customers": LocatedInput(table: "customers", path: customers, fileName: "customers.csv.gz", format: .csv),
        ]
        let snapshot = try ExportSnapshot(inputs: inputs, maxRejectRatio: 0, audits: audits)
        let expected = audits
            ? [try FileDigest.sha256(path: accounts, displayName: "a"), try FileDigest.sha256(path: customers, displayName: "c")]
            : ["", ""]
        #expect(snapshot.tables.map(\.sha256) == expected)
        #expect(snapshot.customers.problems == (audits ? [[.counted, .badEmail, .badMobile]] : [[]]))
    }
}
