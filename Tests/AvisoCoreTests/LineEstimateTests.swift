import Foundation
import Testing
@testable import AvisoCore

/// The id indexes of customers and charges are sized ahead from an estimate of the file's
/// rows: exact for a short file, close for a long one, none for a gzipped one.
@Suite struct LineEstimateTests {
    static func write(_ bytes: [UInt8], named name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-lines-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aShortFileIsCountedExactly() throws {
        let path = try Self.write(Array("id,name\n1,a\n2,b\n3,c".utf8), named: "short.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(InputFile.estimatedLineCount(path: path, displayName: "short.csv") == 3)
    }

    @Test func aLongFileIsEstimatedFromItsStart() throws {
        var random = SplitMix64(seed: 5)
        var text = "id,name,value\n"
        let rows = 40_000
        for row in 0..<rows { text += "\(row),\(String(repeating: "n", count: random.within(20...140))),\(row)\n" }
        let path = try Self.write(Array(text.utf8), named: "long.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let estimate = try #require(InputFile.estimatedLineCount(path: path, displayName: "long.csv"))
        #expect(text.utf8.count > 1 << 20)
        #expect(abs(estimate - (rows + 1)) < rows / 20, "estimate \(estimate)")
        let expected = ExportSnapshot.expectedRows(LocatedInput(table: "charges", path: path, fileName: "long.csv", format: .csv))
        #expect(expected == estimate / 10 * 9)
        // Lists that would rather never grow get room above the estimate.
        let room = ExportSnapshot.roomForRows(LocatedInput(table: "customers", path: path, fileName: "long.csv", format: .csv))
        #expect(room == estimate + estimate / 16)
        #expect(ExportSnapshot.roomForRows(LocatedInput(table: "customers", path: path, fileName: "long.csv", format: .xml)) == 0)
        #expect(ExportSnapshot.roomForRows(nil) == 0)
        #expect(ExportSnapshot.expectedRows(LocatedInput(table: "charges", path: path, fileName: "long.csv", format: .xml)) == 0)
    }

    @Test func aGzippedFileHasNoEstimate() throws {
        let path = try Self.write([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03], named: "rows.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(InputFile.estimatedLineCount(path: path, displayName: "rows.csv") == nil)
        #expect(InputFile.estimatedLineCount(path: path, displayName: "rows.csv.gz") == nil)
    }
}
