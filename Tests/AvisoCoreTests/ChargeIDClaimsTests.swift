import Foundation
import Testing
@testable import AvisoCore

/// Repeated charge ids found on the decoding threads: whatever order rows claim in, a row is a
/// duplicate exactly when a row with a smaller record number has the same id.
@Suite struct ChargeIDClaimsTests {
    static func claim(_ claims: ChargeIDClaims, _ id: String, _ number: Int) -> Bool {
        var id = id
        return id.withUTF8 { claims.claim(UnsafeRawBufferPointer($0), number: number) }
    }

    /// Claims kept in memory, or written out to a temporary file in blocks of 256 bytes (so
    /// that a few ids fill a block and most are read back from the file). The folder is
    /// removed at once: the file was unlinked when made, and lives while the claims do.
    static func makeClaims(spilling: Bool) throws -> ChargeIDClaims {
        guard spilling else { return ChargeIDClaims() }
        return try withTemporaryFolder("aviso-claims") { ChargeIDClaims(spillDirectory: $0, blockBits: 8) }
    }

    /// What each row is after every row has claimed: kept (true) or a duplicate (false).
    static func verdicts(_ claims: ChargeIDClaims, _ answers: [Int: Bool]) -> [Int: Bool] {
        answers.reduce(into: [:]) { result, entry in
            result[entry.key] = entry.value && claims.lateDuplicateID(entry.key) == nil
        }
    }

    @Test("a shard makes its index at its first claim, not before; every shard has one once ids fall in all")
    func shardsMakeTheirIndexesAtTheFirstClaim() {
        let claims = ChargeIDClaims(expected: 10_000)
        #expect(claims.sizedShards == 0)
        #expect(Self.claim(claims, "pay_1", 1))
        #expect(claims.sizedShards == 1)
        for number in 2...400 { #expect(Self.claim(claims, "pay_\(number)", number)) }
        #expect(claims.sizedShards == 16)
        // Sized late, the indexes still know every id claimed before and after.
        for number in 1...400 { #expect(!Self.claim(claims, "pay_\(number)", 400 + number)) }
    }

    @Test(arguments: [false, true])
    func inFileOrderTheFirstRowOfAnIdWinsAndNothingIsLate(spilling: Bool) throws {
        let claims = try Self.makeClaims(spilling: spilling)
        #expect(Self.claim(claims, "pay_1", 1))
        #expect(Self.claim(claims, "pay_2", 2))
        #expect(!Self.claim(claims, "pay_1", 3))
        #expect(!Self.claim(claims, "pay_1", 4))
        #expect(Self.claim(claims, "", 5))
        #expect(!Self.claim(claims, "", 6))
        for number in 1...6 { #expect(claims.lateDuplicateID(number) == nil) }
    }

    @Test(arguments: [false, true])
    func anEarlierRowClaimingLaterTakesTheIdOverAndTheLaterRowBecomesADuplicate(spilling: Bool) throws {
        let claims = try Self.makeClaims(spilling: spilling)
        // A chunk further on (rows 7 and 9) is decoded before the chunk with rows 2 and 3.
        #expect(Self.claim(claims, "pay_9", 7))
        #expect(!Self.claim(claims, "pay_9", 9))
        #expect(Self.claim(claims, "pay_9", 3))
        #expect(Self.claim(claims, "pay_x", 2))
        #expect(claims.lateDuplicateID(7) != nil)
        #expect(claims.lateDuplicateID(3) == nil)
        #expect(claims.lateDuplicateID(9) == nil, "row 9 was told it is a duplicate when it claimed")
        #expect(claims.lateDuplicateID(2) == nil)
        // An even earlier row takes it over again: row 3 is now a duplicate too.
        #expect(Self.claim(claims, "pay_9", 1))
        #expect(claims.lateDuplicateID(3) != nil)
        #expect(!Self.claim(claims, "pay_9", 5))
        // A late duplicate is told with its id (a counted row reaches the run without its row).
        #expect(claims.lateDuplicateID(7) == "pay_9")
        #expect(claims.lateDuplicateID(3) == "pay_9")
        #expect(claims.lateDuplicateID(1) == nil)
        #expect(claims.lateDuplicateID(2) == nil)
    }

    @Test(arguments: [0, 1, 127, 128, 240, 300, 16_384], [false, true])
    func idsOfEveryLengthStayApart(length: Int, spilling: Bool) throws {
        let claims = try Self.makeClaims(spilling: spilling)
        let id = String(repeating: "x", count: length)
        #expect(Self.claim(claims, id, 10))
        #expect(Self.claim(claims, id + "y", 11))
        if length > 0 { #expect(Self.claim(claims, String(id.dropLast()), 12)) }
        #expect(!Self.claim(claims, id, 13))
        #expect(Self.claim(claims, id, 4))
        #expect(claims.lateDuplicateID(10) != nil)
        #expect(claims.lateDuplicateID(11) == nil)
    }

    @Test(arguments: [false, true])
    func chunksClaimedOnManyThreadsInAnyOrderGiveTheInOrderVerdicts(spilling: Bool) throws {
        // 60,000 rows over 12,000 ids: every id repeats, at random places.
        var generator = SplitMix64(seed: 42)
        let rows = (1...60_000).map { number in (number, "pay_\(generator.next() % 12_000)") }
        var firstOfID: [String: Int] = [:]
        for (number, id) in rows where firstOfID[id] == nil { firstOfID[id] = number }
        let expected = Dictionary(uniqueKeysWithValues: rows.map { ($0.0, firstOfID[$0.1] == $0.0) })

        // Chunks of 500 rows, claimed by several threads, the later chunks first.
        let chunks = stride(from: 0, to: rows.count, by: 500).map { Array(rows[$0..<min(rows.count, $0 + 500)]) }.reversed()
        let claims = try Self.makeClaims(spilling: spilling)
        let answers = AnswerBox()
        DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
            let chunk = chunks[chunks.index(chunks.startIndex, offsetBy: k)]
            var local: [(Int, Bool)] = []
            for (number, id) in chunk { local.append((number, Self.claim(claims, id, number))) }
            answers.add(local)
        }
        let verdicts = Self.verdicts(claims, answers.all)
        #expect(verdicts.count == rows.count)
        #expect(verdicts == expected)
        #expect(verdicts.values.filter { $0 }.count == firstOfID.count)
        // Written out, the ids are nearly all in the file (some 10 bytes each, 12,000 ids).
        #expect(spilling ? claims.spilledBytes > 90_000 : claims.spilledBytes == 0)
    }

    /// Answers gathered from several threads.
    final class AnswerBox: @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [Int: Bool] = [:]
        func add(_ pairs: [(Int, Bool)]) {
            lock.withLock { for (number, answer) in pairs { answers[number] = answer } }
        }
        var all: [Int: Bool] { lock.withLock { answers } }
    }

    @Test("asking ahead for ids' slots from another thread, while the claims grow, changes no verdict")
    func prefetchingWhileClaimingChangesNothing() async throws {
        let claims = ChargeIDClaims()
        let ids = (0..<60_000).map { "pay_\($0 % 45_000)" }
        let done = AtomicCounter()
        // Asks for slots of ids being claimed and of ids never claimed, until the claims are done.
        let asking = Task.detached {
            var asked = 0
            while done.value == 0 || asked == 0 {
                for n in stride(from: asked % 7, to: 60_000, by: 7) {
                    var id = "pay_\(n)"
                    id.withUTF8 { claims.prefetch(hash: ByteKeyIndex.hash(UnsafeRawBufferPointer($0))) }
                }
                asked += 1
            }
            return asked
        }
        var kept = 0
        for (number, id) in ids.enumerated() where Self.claim(claims, id, number + 1) { kept += 1 }
        done.add(1)
        #expect(await asking.value > 0)
        #expect(kept == 45_000)
        #expect((1...60_000).allSatisfy { claims.lateDuplicateID($0) == nil })
    }

}
