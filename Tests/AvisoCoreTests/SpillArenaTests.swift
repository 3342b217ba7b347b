import Foundation
import Testing
@testable import AvisoCore

/// The arena that writes its full blocks out to a temporary file: every key reads back as
/// stored, from memory or from the file, whatever its length; overwrites land in either; and
/// without a file (no folder, or one that cannot take a file) nothing is lost.
@Suite struct SpillArenaTests {
    /// Keys of lengths 0 to 1,000 (length headers of one and two bytes; keys longer than the
    /// first read of a key in the file), each with its number as a 4-byte prefix.
    static let keys: [[UInt8]] = (0..<600).map { k in
        let length = k % 7 == 0 ? 130 + k : k % 11 == 0 ? 1_000 : k % 40
        return (0..<length).map { UInt8(truncatingIfNeeded: k &* 31 &+ $0) }
    }

    static func fill(_ arena: SpillArena) -> [UInt64] {
        keys.enumerated().map { k, key in
            key.withUnsafeBytes { bytes in
                arena.appendKey(bytes, prefix: 4) { $0.storeBytes(of: UInt32(k), as: UInt32.self) }
            }
        }
    }

    static func readBack(_ arena: SpillArena, _ places: [UInt64]) -> [(UInt32, [UInt8])] {
        places.map { place in
            arena.withKey(at: place, prefix: 4) { prefix, key in (prefix.loadUnaligned(as: UInt32.self), Array(key)) }
        }
    }

    @Test("keys of every length read back as stored, nearly all of them from the file")
    func keysReadBackFromTheFile() throws {
        try withTemporaryFolder("aviso-spill") { folder in
            let arena = SpillArena(blockBits: 11, directory: folder)
            #expect(arena.spills)
            let places = Self.fill(arena)
            let read = Self.readBack(arena, places)
            #expect(read.map(\.0) == (0..<UInt32(Self.keys.count)).map { $0 })
            #expect(read.map(\.1) == Self.keys)
            #expect(arena.blocksInMemory == 1)
            let total = Self.keys.reduce(0) { $0 + 4 + KeyEncoding.headerCount($1.count) + $1.count }
            #expect(arena.spilledBytes > total - 2_048 && arena.spilledBytes <= total)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(leftovers.isEmpty, "the file is unlinked when made")
        }
    }

    @Test("once mapped for reading, every key reads back from the mapping, and keys appended after it from the file")
    func keysReadBackThroughTheMapping() throws {
        try withTemporaryFolder("aviso-spill") { folder in
            let arena = SpillArena(blockBits: 11, directory: folder)
            let places = Self.fill(arena)
            arena.mapForReading()
            #expect(Self.readBack(arena, places).map(\.1) == Self.keys)
            // Appending after the mapping breaks the contract, but must still read back right.
            let later = Self.fill(arena)
            #expect(Self.readBack(arena, later).map(\.1) == Self.keys)
            #expect(Self.readBack(arena, places).map(\.0) == (0..<UInt32(Self.keys.count)).map { $0 })
        }
    }

    @Test("an overwrite lands in a block in the file and in the block in memory", arguments: [false, true])
    func overwritesLand(spilling: Bool) throws {
        try withTemporaryFolder("aviso-spill") { folder in
            let arena = SpillArena(blockBits: 11, directory: spilling ? folder : nil)
            let places = Self.fill(arena)
            for k in [0, 1, 300, places.count - 1] {
                withUnsafeBytes(of: UInt32(90_000 + k)) { arena.overwrite(at: places[k], with: $0) }
            }
            let read = Self.readBack(arena, places)
            #expect([0, 1, 2, 300, places.count - 1].map { read[$0].0 } == [90_000, 90_001, 2, 90_300, UInt32(90_000 + places.count - 1)])
            #expect(read.map(\.1) == Self.keys, "an overwrite of the prefix leaves the key as it was")
        }
    }

    @Test("without a file every block stays in memory and reads back", arguments: ["none", "missing"])
    func withoutAFileNothingIsLost(folder: String) {
        let arena = SpillArena(blockBits: 11, directory: folder == "none" ? nil : "/nonexistent-\(UUID().uuidString)")
        #expect(!arena.spills)
        let places = Self.fill(arena)
        #expect(Self.readBack(arena, places).map(\.1) == Self.keys)
        #expect(arena.blocksInMemory > 10)
        #expect(arena.spilledBytes == 0)
    }

    @Test("bytes appended with append read back through withKey when laid out as a key")
    func appendAndKeyAgree() throws {
        try withTemporaryFolder("aviso-spill") { folder in
            let arena = SpillArena(blockBits: 6, directory: folder)
            var places: [UInt64] = []
            for k in 0..<50 {
                // A key of k % 9 bytes, laid out by hand: a one-byte header, then the bytes.
                let length = k % 9
                places.append(arena.append(count: 1 + length) { target in
                    target.storeBytes(of: UInt8(length), as: UInt8.self)
                    for b in 0..<length { target.storeBytes(of: UInt8(k), toByteOffset: 1 + b, as: UInt8.self) }
                })
            }
            let read = places.map { arena.withKey(at: $0) { _, key in Array(key) } }
            #expect(read == (0..<50).map { Array(repeating: UInt8($0), count: $0 % 9) })
        }
    }
}
