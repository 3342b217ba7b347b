/// How the arenas (`ByteArena`, `SpillArena`) lay out a stored key: its length in 7-bit
/// groups, low bits first, the high bit set on all but the last byte, then the key's bytes.
enum KeyEncoding {
    /// Bytes the length header of a key of `count` bytes takes.
    @inline(__always)
    static func headerCount(_ count: Int) -> Int {
        var headerCount = 1
        while count >> (7 * headerCount) > 0 { headerCount += 1 }
        return headerCount
    }

    /// Writes `key`'s header and bytes at `target` (`headerCount(key.count) + key.count` bytes).
    @inline(__always)
    static func write(_ key: UnsafeRawBufferPointer, to target: UnsafeMutableRawPointer) {
        let headerCount = headerCount(key.count)
        var length = key.count
        for k in 0..<headerCount {
            let more = k < headerCount - 1
            target.storeBytes(of: UInt8(length & 0x7F) | (more ? 0x80 : 0), toByteOffset: k, as: UInt8.self)
            length >>= 7
        }
        if key.count > 0 { (target + headerCount).copyMemory(from: key.baseAddress!, byteCount: key.count) }
    }

    /// The length of the key whose header starts at `header`, and the bytes the header takes.
    /// Stops the process when the header runs past `available` bytes.
    @inline(__always)
    static func readHeader(_ header: UnsafeRawPointer, available: Int) -> (length: Int, headerCount: Int) {
        var length = 0
        var shift = 0
        var position = 0
        while true {
            precondition(position < available, "a key's length header past the bytes read")
            let byte = header.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return (length, position) }
            shift += 7
        }
    }
}
