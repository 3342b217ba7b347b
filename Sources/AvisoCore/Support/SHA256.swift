import CCrypto

/// A streaming SHA-256 hasher (FIPS 180-4). Feed bytes with `update` as they are read, then
/// take the 32-byte digest with `finalize()`. The work is done by OpenSSL's libcrypto, which
/// uses the CPU's SHA extensions where present. The state is OpenSSL's `SHA256_CTX`, a plain C
/// struct stored inline (no pointers inside), so a hasher is a value: copying one forks the
/// message, and hashing allocates nothing on the heap until the digest is returned.
public struct SHA256: Sendable {
    /// OpenSSL's running state: hash words, length and the pending partial block.
    private var context = SHA256_CTX()

    /// A hasher with the initial hash value of FIPS 180-4 §5.3.3.
    public init() {
        aviso_sha256_init(&context)
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        aviso_sha256_update(&context, base, bytes.count)
    }

    /// Adds bytes to the message from any byte collection (an array, a slice, a string's UTF-8).
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        guard done == nil else { return }
        // Not contiguous: copy through a small stack buffer rather than feeding byte by byte.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { chunk in
            var filled = 0
            for byte in bytes {
                chunk[filled] = byte
                filled += 1
                if filled == chunk.count {
                    update(UnsafeRawBufferPointer(chunk))
                    filled = 0
                }
            }
            if filled > 0 {
                update(UnsafeRawBufferPointer(start: chunk.baseAddress, count: filled))
            }
        }
    }

    /// Pads the message, returns its 32-byte digest, and resets the hasher to its initial state
    /// so it can hash another message.
    public mutating func finalize() -> [UInt8] {
        finalize { Array($0) }
    }

    /// `finalize()` with the digest lent to `body` instead of returned in an array (none is
    /// allocated: a run hashes an id for every message).
    public mutating func finalize<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
            _ = aviso_sha256_final(digest.baseAddress, &context)
            aviso_sha256_init(&context)
            return body(UnsafeBufferPointer(digest))
        }
    }

    /// `finalize()` as 64 lowercase hex digits.
    public mutating func finalizeHex() -> String {
        SHA256.hex(finalize())
    }

    /// Lowercase hex of any bytes.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of one whole message.
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
