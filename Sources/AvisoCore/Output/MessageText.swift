import CSystemSupport

/// The clean-ups applied to rendered message text, on UTF-8 bytes. White space is the ASCII
/// space, tab, line feed, carriage return, vertical tab and form feed, plus U+00A0 (`C2 A0`).
/// Each function appends its result to `out`, leaving what `out` held before untouched.
enum MessageText {
    /// Whether `b` is one of the ASCII white-space bytes.
    @inline(__always)
    static func isSpaceByte(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    /// The length of the white-space character at `i` (1, or 2 for U+00A0), or 0; `end`
    /// bounds the look at the second byte of U+00A0.
    @inline(__always)
    private static func spaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, end: Int) -> Int {
        if isSpaceByte(bytes[i]) { return 1 }
        if bytes[i] == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { return 2 }
        return 0
    }

    /// Whitespace runs (line breaks included) as one space, ends trimmed.
    static func appendOneLine(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let start = out.count
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let width = spaceWidth(bytes, i, end: bytes.count)
            if width > 0 {
                pendingSpace = out.count > start
                i += width
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            // Copy the run up to the next white space in one go.
            var j = i + 1
            while j < bytes.count, !isSpaceByte(bytes[j]), bytes[j] != 0xC2 { j += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
            i = j
        }
    }

    /// Runs of spaces, tabs and U+00A0 as one space (none at the start of a line or before a
    /// line break); line breaks kept; then `appendTrimmed`. `work` is scratch space.
    static func appendCompactSpaces(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], work: inout [UInt8]) {
        // Most rendered messages have nothing to compact nor trim: one look tells, and they are
        // copied as they are (the steps below were some 15% of composing an SMS).
        guard let base = bytes.baseAddress else { return }
        if aviso_is_compact_text(base, bytes.count) != 0 {
            out.append(contentsOf: bytes)
            return
        }
        appendCompactSpacesStepByStep(bytes, to: &out, work: &work)
    }

    /// `appendCompactSpaces` without its first look (tests compare the two).
    static func appendCompactSpacesStepByStep(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], work: inout [UInt8]) {
        work.removeAll(keepingCapacity: true)
        let n = bytes.count
        // The result is never longer than the input: written through a pointer.
        TextBytes.append(atMost: n, to: &work) { o in
            var w = 0
            var pendingSpace = false
            var i = 0
            let base = bytes.baseAddress!
            while i < n {
                // A word (no blank, line break or no-break space) is copied at once, after the
                // space it waits for.
                let run = aviso_text_word_run(base + i, n - i)
                if run > 0 {
                    if pendingSpace {
                        o[w] = 0x20
                        w += 1
                        pendingSpace = false
                    }
                    (o + w).update(from: base + i, count: run)
                    w += run
                    i += run
                    if i == n { break }
                }
                let b = bytes[i]
                let inline = b == 0x20 || b == 0x09 || (b == 0xC2 && i + 1 < n && bytes[i + 1] == 0xA0)
                if inline {
                    pendingSpace = !(w == 0 || o[w - 1] == 0x0A)
                    i += b == 0xC2 ? 2 : 1
                    continue
                }
                if pendingSpace && b != 0x0A && b != 0x0D {
                    o[w] = 0x20
                    w += 1
                }
                pendingSpace = false
                o[w] = b
                w += 1
                i += 1
            }
            return w
        }
        work.withUnsafeBufferPointer { appendTrimmed($0, to: &out) }
    }

    /// Leading and trailing blank lines removed, each line's trailing white space removed, and
    /// the first kept line's leading white space removed (indentation inside the body is the
    /// author's).
    static func appendTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var emitted = false
        // Blank lines seen since the last line written: kept only when text follows them.
        var blankLines = 0
        var start = 0
        while start <= bytes.count {
            var lineEnd = start
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var end = lineEnd
            while end > start {
                if isSpaceByte(bytes[end - 1]) {
                    end -= 1
                } else if end - start >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
                    end -= 2
                } else {
                    break
                }
            }
            if end == start {
                if emitted { blankLines += 1 }
            } else {
                var from = start
                if emitted {
                    for _ in 0...blankLines { out.append(0x0A) }
                } else {
                    while from < end {
                        let width = spaceWidth(bytes, from, end: end)
                        if width == 0 { break }
                        from += width
                    }
                    emitted = true
                }
                blankLines = 0
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<end]))
            }
            start = lineEnd + 1
        }
    }

    /// The range of a name's first name: its first word, or the whole name when it has no word
    /// (messages address the customer by it).
    static func firstName(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        firstWord(bytes) ?? 0..<bytes.count
    }

    /// The byte range of the first word of `bytes` (words split at white space), or nil when
    /// there is no word.
    static func firstWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var i = 0
        while i < bytes.count {
            let width = spaceWidth(bytes, i, end: bytes.count)
            if width == 0 { break }
            i += width
        }
        guard i < bytes.count else { return nil }
        var j = i
        while j < bytes.count, spaceWidth(bytes, j, end: bytes.count) == 0 { j += 1 }
        return i..<j
    }
}
