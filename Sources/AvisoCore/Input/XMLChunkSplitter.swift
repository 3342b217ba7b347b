#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts an XML export into chunks of whole root children (`XMLChunk`), so that libxml2 parses
/// them on several threads at once, each chunk as a document framed by the file's prolog.
///
/// The cutting is done by a light tokenizer that knows only what it must to stay between the
/// root's children: tags (quoted attribute values included), comments, CDATA sections and
/// processing instructions, and how deep it is. It counts the records (the root's children whose
/// local name is the record name, as `XMLRecordReader` counts them) so that each chunk knows
/// its first record's number. It does not check the markup: a chunk of a malformed file fails
/// to parse, and the reader then reads the file from the start on one thread for the error a
/// single parse reports (see `TableReader`). Files with a document type declaration (which may
/// declare entities, whose text a chunk could not see) are not cut: `frame(of:)` says so.
struct XMLChunkSplitter {
    /// The record name's bytes.
    private let recordName: [UInt8]
    /// How deep the scanning is: 1 between the root's children.
    private(set) var depth = 1
    /// Records met since the count was last taken.
    private(set) var records = 0
    /// Whether, since this was last taken, the scan met only tags and text: no comment, CDATA
    /// section, processing instruction or other `<!` markup, and no element inside a record's
    /// field. In such bytes all blank text lies between the tags of records and fields, or is
    /// a field's whole value, and libxml2's ignorable white space (XML_PARSE_NOBLANKS) is then
    /// only the former, which `XMLRecordReader` reads nothing from. Elsewhere it would drop
    /// white space inside a value (between two CDATA sections, say).
    private(set) var blanksAreLayout = true

    /// Where a scan stopped.
    enum Stop: Equatable {
        /// At a start tag of one of the root's children, at or past the cutting point: the
        /// chunk ends before it.
        case cut(Int)
        /// The token starting here does not end within the bytes given.
        case needMore(Int)
        /// At the root's end tag: the rest of the file belongs to the last chunk.
        case rootEnd(Int)
    }

    /// A splitter counting root children named `recordName` (their local name, after any prefix).
    init(recordName: String) {
        self.recordName = Array(recordName.utf8)
    }

    /// The number of records met since the last call, starting the count anew.
    mutating func takeRecords() -> Int {
        defer { records = 0 }
        return records
    }

    /// `blanksAreLayout` for the bytes scanned since the last call, starting anew.
    mutating func takeBlanksAreLayout() -> Bool {
        defer { blanksAreLayout = true }
        return blanksAreLayout
    }

    /// Scans whole tokens of `bytes[from..<end]`, keeping the depth and the record count, and
    /// stops at the first start tag of a root child at or after `cutAt`, at a token that does
    /// not end before `end`, or at the root's end tag.
    mutating func scan(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int, cutAt: Int) -> Stop {
        var p = from
        while true {
            // Text up to the next markup: '<' is never raw text in well-formed XML.
            guard let found = Self.find(UInt8(ascii: "<"), bytes, from: p, end: end) else { return .needMore(end) }
            p = found
            guard p + 1 < end else { return .needMore(p) }
            switch bytes[p + 1] {
            case UInt8(ascii: "/"):
                guard let close = Self.find(UInt8(ascii: ">"), bytes, from: p + 2, end: end) else { return .needMore(p) }
                depth -= 1
                if depth == 0 { return .rootEnd(p) }
                p = close + 1
            case UInt8(ascii: "?"):
                blanksAreLayout = false
                guard let close = Self.find("?>", bytes, from: p + 2, end: end) else { return .needMore(p) }
                p = close + 2
            case UInt8(ascii: "!"):
                blanksAreLayout = false
                if Self.matches("<!--", bytes, at: p, end: end) {
                    guard let close = Self.find("-->", bytes, from: p + 4, end: end) else { return .needMore(p) }
                    p = close + 3
                } else if Self.matches("<![CDATA[", bytes, at: p, end: end) {
                    guard let close = Self.find("]]>", bytes, from: p + 9, end: end) else { return .needMore(p) }
                    p = close + 3
                } else if p + 9 > end {
                    // Too few bytes to tell a comment or CDATA section from something else.
                    return .needMore(p)
                } else {
                    // Not well-formed here: the chunk's parse reports it.
                    guard let close = Self.find(UInt8(ascii: ">"), bytes, from: p + 2, end: end) else { return .needMore(p) }
                    p = close + 1
                }
            default:
                if depth == 1 && p >= cutAt { return .cut(p) }
                // Depth 1 starts a record, 2 a field; deeper, an element inside a field's value.
                if depth > 2 { blanksAreLayout = false }
                guard let close = Self.startTagEnd(bytes, from: p + 1, end: end) else { return .needMore(p) }
                if depth == 1 && isRecordName(bytes, from: p + 1, end: close) { records += 1 }
                if bytes[close - 1] != UInt8(ascii: "/") { depth += 1 }
                p = close + 1
            }
        }
    }

    /// Whether the name starting at `from` (a start tag's, ending at whitespace, '/' or '>')
    /// has the record name as its local part.
    private func isRecordName(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Bool {
        var stop = from
        while stop < end, !Self.endsName(bytes[stop]) { stop += 1 }
        var start = from
        // The local part follows the first colon, as `XMLRecordReader` reads a prefixed name.
        if let colon = Self.find(UInt8(ascii: ":"), bytes, from: from, end: stop) { start = colon + 1 }
        guard stop - start == recordName.count else { return false }
        return recordName.withUnsafeBufferPointer { memcmp(bytes + start, $0.baseAddress!, $0.count) == 0 }
    }

    // MARK: The prolog

    /// The frame of a file that starts with `bytes` and the prolog's length, when the file can
    /// be cut: a byte order mark, XML declaration, comments, processing instructions and white
    /// space, then the root's start tag (not an empty element), all within `bytes`. Nil for
    /// anything else: a document type declaration, text before the root, a prolog longer than
    /// `bytes`; such a file is read on one thread, as before.
    static func frame(of bytes: UnsafeRawBufferPointer) -> (frame: XMLFrame, length: Int)? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let end = bytes.count
        var p = 0
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { p = 3 }
        while true {
            while p < end, isSpace(base[p]) { p += 1 }
            guard p + 1 < end, base[p] == UInt8(ascii: "<") else { return nil }
            if base[p + 1] == UInt8(ascii: "?") {
                guard let close = find("?>", base, from: p + 2, end: end) else { return nil }
                p = close + 2
            } else if matches("<!--", base, at: p, end: end) {
                guard let close = find("-->", base, from: p + 4, end: end) else { return nil }
                p = close + 3
            } else if base[p + 1] == UInt8(ascii: "!") || endsName(base[p + 1]) {
                return nil
            } else {
                guard let close = startTagEnd(base, from: p + 1, end: end), base[close - 1] != UInt8(ascii: "/") else { return nil }
                var nameEnd = p + 1
                while nameEnd < close, !endsName(base[nameEnd]) { nameEnd += 1 }
                let prolog = Array(UnsafeBufferPointer(start: base, count: close + 1))
                let closingTag = Array("</".utf8) + Array(UnsafeBufferPointer(start: base + p + 1, count: nameEnd - p - 1)) + [UInt8(ascii: ">")]
                return (XMLFrame(prolog: prolog, closingTag: closingTag, prologLineFeeds: lineFeeds(base, count: close + 1)), close + 1)
            }
        }
    }

    // MARK: Bytes

    /// The index of the '>' ending the start tag whose name starts at `from`, skipping quoted
    /// attribute values (which may hold '>'); nil when it does not end before `end`.
    private static func startTagEnd(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
        var p = from
        while true {
            p = ByteSearch.first(UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), in: bytes, from: p, to: end)
            guard p < end else { return nil }
            let byte = bytes[p]
            if byte == UInt8(ascii: ">") { return p }
            // A quoted attribute value, which may hold '>'.
            guard let closing = find(byte, bytes, from: p + 1, end: end) else { return nil }
            p = closing + 1
        }
    }

    /// The first index of `byte` in `bytes[from..<end]`.
    @inline(__always)
    private static func find(_ byte: UInt8, _ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
        let hit = ByteSearch.first(byte, byte, byte, in: bytes, from: from, to: end)
        return hit < end ? hit : nil
    }

    /// The first index of `pattern` in `bytes[from..<end]`.
    private static func find(_ pattern: StaticString, _ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
        let count = pattern.utf8CodeUnitCount
        let first = pattern.utf8Start[0]
        var p = from
        while let hit = find(first, bytes, from: p, end: end) {
            guard hit + count <= end else { return nil }
            if memcmp(bytes + hit, pattern.utf8Start, count) == 0 { return hit }
            p = hit + 1
        }
        return nil
    }

    /// Whether `bytes` holds `pattern` at `at`.
    private static func matches(_ pattern: StaticString, _ bytes: UnsafePointer<UInt8>, at: Int, end: Int) -> Bool {
        at + pattern.utf8CodeUnitCount <= end && memcmp(bytes + at, pattern.utf8Start, pattern.utf8CodeUnitCount) == 0
    }

    /// XML white space.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether `byte` ends a tag's name.
    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    /// The line feeds in `count` bytes at `bytes`, 32 bytes at a time.
    static func lineFeeds(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int {
        var total = 0
        var i = 0
        let feedLanes = SIMD32<UInt8>(repeating: 0x0A)
        while i + 32 <= count {
            // Each lane counts its line feeds, up to 255 blocks of 32 bytes before the lanes are
            // added up: a true lane of the comparison is all ones, so subtracting it adds one.
            var lanes = SIMD32<UInt8>()
            let stop = min(count - 31, i + 255 * 32)
            while i < stop {
                let block = UnsafeRawPointer(bytes + i).loadUnaligned(as: SIMD32<UInt8>.self)
                lanes &-= unsafeBitCast(block .== feedLanes, to: SIMD32<UInt8>.self)
                i += 32
            }
            total += Int(SIMD32<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let feeds = ones &* 0x0A
        while i + 8 <= count {
            let x = UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self) ^ feeds
            // A byte's high bit is set here exactly when the byte of x is zero.
            let zero = ~(((x & lows) &+ lows) | x | lows)
            total += zero.nonzeroBitCount
            i += 8
        }
        while i < count {
            if bytes[i] == 0x0A { total += 1 }
            i += 1
        }
        return total
    }
}
