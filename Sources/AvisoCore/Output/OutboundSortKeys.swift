import Foundation

/// The outbound files' order (`OutboundFileWriter.precedes`) as one compact byte key per record,
/// built once, so that sorting compares keys with `memcmp` instead of walking strings field by
/// field on every comparison. A key holds priority, account, customer, payment, slot rank,
/// recipient, the resend request (empty when none) and whether there is one, each encoded so
/// that byte order is the field order; records whose keys are equal are then ordered by id and
/// channel, and finally by their position (as a stable sort would).
struct OutboundSortKeys {
    private var arena: [UInt8] = []
    // Key `i` is arena[offsets[i]..<offsets[i + 1]].
    private var offsets: [Int] = [0]
    // Key `i`'s first 32 bytes, zero-padded, as four big-endian words at 4i to 4i + 3 (one
    // 32-byte block). Words that differ order two keys as their bytes do (padding can only
    // make keys tie, never swap them); only ties are compared in full. Most comparisons of a
    // sort are settled here, where each was a `memcmp` of keys that share their first bytes.
    // Four words, not two: the first 16 bytes are the priority and the account, which the
    // records of one account share (some 140 each at 10M charges), so that two words left
    // every comparison within an account to `memcmp`, each reading two keys far apart in the
    // arena (`memcmp` was 1.9% of a 10M run's samples, 0.9% with four words); the next 16 hold
    // the customer's id.
    private var heads: [UInt64] = []
    private static let headWords = 4

    init(_ records: [OutboundRecord]) {
        arena.reserveCapacity(records.count * 64)
        offsets.reserveCapacity(records.count + 1)
        // Records are borrowed through the buffer: iterating the array would copy each one.
        records.withUnsafeBufferPointer { records in
            for i in records.indices {
                appendInteger(records[i].priority)
                records[i].accountID.withUTF8 { appendString($0) }
                records[i].customerID.withUTF8 { appendString($0) }
                records[i].paymentID.withUTF8 { appendString($0) }
                appendInteger(records[i].slotRank)
                appendInteger(records[i].recipient.rawValue)
                if let resendRequest = records[i].resendRequest {
                    appendString(resendRequest)
                    arena.append(1)
                } else {
                    appendString("")
                    arena.append(0)
                }
                offsets.append(arena.count)
            }
        }
        heads = Self.heads(of: arena, offsets: offsets)
    }

    private static func heads(of arena: [UInt8], offsets: [Int]) -> [UInt64] {
        var heads: [UInt64] = []
        heads.reserveCapacity(headWords * (offsets.count - 1))
        arena.withUnsafeBufferPointer { arena in
            for key in 0..<(offsets.count - 1) {
                let start = offsets[key], end = offsets[key + 1]
                let (first, second) = TextBytes.leadingWords(UnsafeBufferPointer(rebasing: arena[start..<end]))
                let (third, fourth) = TextBytes.leadingWords(UnsafeBufferPointer(rebasing: arena[min(start + 16, end)..<end]))
                heads.append(first)
                heads.append(second)
                heads.append(third)
                heads.append(fourth)
            }
        }
        return heads
    }

    /// The indices of `records` (the records the keys were built from) in output order. A
    /// large run's are sorted in two halves at once, on two threads, then merged: the order is
    /// total (ties end on the position), so it is the one a single sort gives.
    func order(_ records: [OutboundRecord]) -> [Int] {
        let count = records.count
        // No records, no keys (and an empty arena has no address to compare from).
        guard count > 0 else { return [] }
        guard Parallelism.enabled, count >= Self.smallestSplitSort else {
            var indices = Array(records.indices)
            withPrecedes(records) { precedes in indices.sort(by: precedes) }
            return indices
        }
        let halves = SortedHalves()
        let middle = count / 2
        Parallelism.forEach(2) { half in
            var part = half == 0 ? Array(0..<middle) : Array(middle..<count)
            withPrecedes(records) { precedes in part.sort(by: precedes) }
            halves.set(half, part)
        }
        let first = halves.take(0), second = halves.take(1)
        var merged: [Int] = []
        merged.reserveCapacity(count)
        withPrecedes(records) { precedes in
            var i = 0, j = 0
            while i < first.count && j < second.count {
                if precedes(second[j], first[i]) {
                    merged.append(second[j])
                    j += 1
                } else {
                    merged.append(first[i])
                    i += 1
                }
            }
            merged.append(contentsOf: first[i...])
            merged.append(contentsOf: second[j...])
        }
        return merged
    }

    /// Fewer records than this are sorted on one thread.
    static let smallestSplitSort = 1 << 15

    /// Calls `body` with the order of two records' indices: their keys, then id and channel,
    /// then their positions.
    private func withPrecedes<R>(_ records: [OutboundRecord], _ body: ((Int, Int) -> Bool) -> R) -> R {
        arena.withUnsafeBufferPointer { arena in
            offsets.withUnsafeBufferPointer { offsets in
                heads.withUnsafeBufferPointer { heads in
                    records.withUnsafeBufferPointer { records in
                        let base = arena.baseAddress!
                        return body { a, b in
                            let wordsA = Self.headWords * a, wordsB = Self.headWords * b
                            for word in 0..<Self.headWords where heads[wordsA + word] != heads[wordsB + word] {
                                return heads[wordsA + word] < heads[wordsB + word]
                            }
                            let startA = offsets[a], lengthA = offsets[a + 1] - startA
                            let startB = offsets[b], lengthB = offsets[b + 1] - startB
                            let c = memcmp(base + startA, base + startB, min(lengthA, lengthB))
                            if c != 0 { return c < 0 }
                            if lengthA != lengthB { return lengthA < lengthB }
                            if let order = RecordID.byteOrder(records[a].idStorage, records[b].idStorage) { return order }
                            if records[a].channel != records[b].channel { return records[a].channel < records[b].channel }
                            return a < b
                        }
                    }
                }
            }
        }
    }

    /// The two sorted halves, each set by the thread that sorted it.
    private final class SortedHalves: @unchecked Sendable {
        private let parts = UnsafeMutablePointer<[Int]>.allocate(capacity: 2)

        init() { parts.initialize(repeating: [], count: 2) }

        deinit {
            parts.deinitialize(count: 2)
            parts.deallocate()
        }

        func set(_ half: Int, _ part: [Int]) { parts[half] = part }

        func take(_ half: Int) -> [Int] {
            var part: [Int] = []
            swap(&part, &parts[half])
            return part
        }
    }

    /// An integer as bytes in the same order: 0...250 as one byte, others tagged and in
    /// eight big-endian bytes (negative ones with the sign bit flipped).
    private mutating func appendInteger(_ value: Int) {
        if value >= 0 && value <= 250 {
            arena.append(UInt8(value + 1))
            return
        }
        let bits: UInt64
        if value < 0 {
            arena.append(0x00)
            bits = UInt64(bitPattern: Int64(value)) ^ (1 << 63)
        } else {
            arena.append(0xFF)
            bits = UInt64(value)
        }
        for shift in stride(from: 56, through: 0, by: -8) { arena.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// A string's UTF-8 bytes with 00 written as 00 FF, then the terminator 00 00: no key is a
    /// prefix of another, and a shorter string goes first.
    private mutating func appendString(_ text: String) {
        TextBytes.withUTF8(text) { appendString($0) }
    }

    /// `appendString(_:)` of a text's UTF-8 bytes.
    private mutating func appendString(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !bytes.contains(0) {
            arena.append(contentsOf: bytes)
        } else {
            for byte in bytes {
                arena.append(byte)
                if byte == 0 { arena.append(0xFF) }
            }
        }
        arena.append(0)
        arena.append(0)
    }
}
