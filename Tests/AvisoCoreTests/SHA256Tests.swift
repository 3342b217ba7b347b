import Testing
@testable import AvisoCore

@Suite struct SHA256Tests {
    static let millionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    // FIPS 180-4 example messages (NIST CSRC "SHA256.pdf" and SHAVS short messages).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(message: String, digest: String) {
        var hasher = SHA256()
        hasher.update(Array(message.utf8))
        #expect(hasher.finalizeHex() == digest)
    }

    @Test func oneMillionAInOneUpdate() {
        var hasher = SHA256()
        hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(hasher.finalizeHex() == Self.millionA)
    }

    @Test func oneMillionAThroughTheNonContiguousPath() {
        // Repeated has no contiguous storage: exercises the copy-through-a-stack-buffer path.
        var hasher = SHA256()
        hasher.update(repeatElement(UInt8(ascii: "a"), count: 1_000_000))
        #expect(hasher.finalizeHex() == Self.millionA)
    }

    // Lengths around the padding boundaries: 55 fits the length in the same block, 56 does not.
    @Test(arguments: [
        (55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"),
        (56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"),
        (63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"),
        (64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"),
        (119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"),
        (120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "x"), count: length))) == digest)
    }

    static let message: [UInt8] = (0..<5000).map { UInt8(truncatingIfNeeded: ($0 * 31 + 7) ^ ($0 >> 8)) }
    static let messageDigest = "aa9a8ea6ba4e8c61a7ec1f1e431931a90efdde53416eaaf9f30acaad3b91dd00"

    @Test(arguments: [1, 3, 7, 55, 63, 64, 65, 127, 1000, 4999])
    func streamingInChunksEqualsOneShot(chunkSize: Int) {
        var hasher = SHA256()
        var offset = 0
        while offset < Self.message.count {
            let end = min(offset + chunkSize, Self.message.count)
            Self.message[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
        }
        #expect(hasher.finalizeHex() == Self.messageDigest)
        #expect(SHA256.hex(SHA256.hash(Self.message)) == Self.messageDigest)
    }

    @Test func unevenChunkSequenceEqualsOneShot() {
        var hasher = SHA256()
        var offset = 0
        var size = 1
        while offset < Self.message.count {
            let end = min(offset + size, Self.message.count)
            hasher.update(Self.message[offset..<end])
            offset = end
            size = size * 3 % 131 + 1
        }
        #expect(hasher.finalizeHex() == Self.messageDigest)
    }

    @Test func emptyUpdatesChangeNothing() {
        var hasher = SHA256()
        hasher.update([UInt8]())
        hasher.update(Array("ab".utf8))
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        hasher.update("c".utf8)
        #expect(hasher.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func finalizeResetsForTheNextMessage() {
        var hasher = SHA256()
        hasher.update(Array("some earlier message".utf8))
        _ = hasher.finalize()
        hasher.update(Array("abc".utf8))
        #expect(hasher.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hasher.finalizeHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func digestIsThirtyTwoBytes() {
        var hasher = SHA256()
        hasher.update(Array("abc".utf8))
        let digest = hasher.finalize()
        #expect(digest.count == 32)
        #expect(digest.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
        #expect(digest.suffix(2) == [0x15, 0xad])
    }

    @Test func hexIsLowercaseTwoDigitsPerByte() {
        #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(SHA256.hex([]) == "")
    }
    // MARK: Through libcrypto

    /// 200 bytes, neither a multiple of the block size nor uniform (Python's hashlib gives the digest).
    static let twoHundred: [UInt8] = (0..<200).map { UInt8(truncatingIfNeeded: ($0 * 37 + 11) ^ ($0 >> 3)) }
    static let twoHundredDigest = "6953e23658f62f655e628fbcca8e819110ed0031e47ebb88bc02bd544e243025"

    @Test func everySplitPointOfTwoHundredBytesGivesTheSameDigest() {
        #expect(SHA256.hex(SHA256.hash(Self.twoHundred)) == Self.twoHundredDigest)
        for split in 0...Self.twoHundred.count {
            var hasher = SHA256()
            Self.twoHundred[..<split].withUnsafeBytes { hasher.update($0) }
            Self.twoHundred[split...].withUnsafeBytes { hasher.update($0) }
            #expect(hasher.finalizeHex() == Self.twoHundredDigest, "split at \(split)")
        }
    }

    @Test func everyPairOfSplitPointsGivesTheSameDigest() {
        for first in stride(from: 0, through: 200, by: 7) {
            for second in stride(from: first, through: 200, by: 5) {
                var hasher = SHA256()
                hasher.update(Self.twoHundred[..<first])
                hasher.update(Self.twoHundred[first..<second])
                hasher.update(Self.twoHundred[second...])
                #expect(hasher.finalizeHex() == Self.twoHundredDigest, "splits at \(first), \(second)")
            }
        }
    }

    @Test func copyingAHasherForksTheMessage() {
        var original = SHA256()
        original.update(Array("abc".utf8))
        var copy = original
        original.update(Array("def".utf8))
        copy.update(Array("xyz".utf8))
        #expect(original.finalizeHex() == "bef57ec7f53a6d40beb640a780a639c83bc29ac8a9816f1fc6c5c6dcd93c4721")
        #expect(copy.finalizeHex() == "f312795e322c87461a6f3c49e09897c59ca0d5a36245d2a00f08cbc66eee976d")
    }

    @Test func hashersOnSeveralThreadsAgree() async {
        // Sendable values hashed concurrently: libcrypto's state lives in each value alone.
        let digests = await withTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var hasher = SHA256()
                    hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                    return hasher.finalizeHex()
                }
            }
            var all: [String] = []
            for await digest in group { all.append(digest) }
            return all
        }
        #expect(digests == Array(repeating: Self.millionA, count: 8))
    }
}
