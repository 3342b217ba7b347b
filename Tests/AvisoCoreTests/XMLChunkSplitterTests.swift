import Testing
@testable import AvisoCore

@Suite struct XMLChunkSplitterTests {
    /// The frame of `text`'s first bytes, if it can be cut.
    private func frame(_ text: String) -> (prolog: String, closingTag: String, lineFeeds: Int, length: Int)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer in
            XMLChunkSplitter.frame(of: buffer).map {
                (String(decoding: $0.frame.prolog, as: UTF8.self), String(decoding: $0.frame.closingTag, as: UTF8.self),
                 $0.frame.prologLineFeeds, $0.length)
            }
        }
    }

    @Test func aPlainPrologFramesEveryChunk() throws {
        let text = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- export -->\n<?app x?>\n<charges>\n<charge/></charges>"
        let found = try #require(frame(text))
        #expect(found.prolog == "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- export -->\n<?app x?>\n<charges>")
        #expect(found.closingTag == "</charges>")
        #expect(found.lineFeeds == 3)
        #expect(found.length == found.prolog.utf8.count)
    }

    @Test func theRootsEndTagIsSpelledAsItsStartTag() throws {
        let found = try #require(frame("<x:charges xmlns:x=\"urn:a\" note='a>b'\n  version=\"2\">"))
        #expect(found.closingTag == "</x:charges>")
        #expect(found.prolog.hasSuffix("version=\"2\">"))
        #expect(found.lineFeeds == 1)
    }

    @Test(arguments: [
        "<!DOCTYPE charges [<!ENTITY e \"<charge/>\">]><charges>&e;</charges>",
        "<charges/>",
        "text<charges>",
        "<?xml version=\"1.0\"?><charges",
        "<!-- never closed <charges>",
        "",
        "< charges>",
    ])
    func filesThatAreNotCutAreReadOnOneThread(text: String) {
        #expect(frame(text) == nil)
    }

    /// Cuts `body` (what follows the root's start tag) with chunks of at least `size` bytes,
    /// giving each chunk's text and record count.
    private func cut(_ body: String, size: Int, record: String = "charge") -> [(text: String, records: Int)] {
        let bytes = Array(body.utf8)
        var splitter = XMLChunkSplitter(recordName: record)
        var chunks: [(String, Int)] = []
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var start = 0
            while true {
                let stop = splitter.scan(base, from: start, end: bytes.count, cutAt: start + size)
                guard case .cut(let at) = stop else {
                    chunks.append((String(decoding: bytes[start...], as: UTF8.self), splitter.takeRecords()))
                    return
                }
                chunks.append((String(decoding: bytes[start..<at], as: UTF8.self), splitter.takeRecords()))
                start = at
            }
        }
        return chunks
    }

    static let body = [
        "\n  <charge><id>1</id><note><charge>nested</charge></note></charge>",
        "<!-- <charge> in a comment </charge><charge> -->",
        "<charge id=\"a>b\" other='\"<'/>",
        "<![CDATA[ ]]>",
        "<charge><description><![CDATA[</charge><charge>]]></description></charge>",
        "<?pi </charge><charge> ?>",
        "<x:charge xmlns:x=\"urn:a\"><x:id>5</x:id></x:charge>",
        "<chargeX>not a record</chargeX>",
        "<note>another child</note>",
        "<charge\n  >\n<id>7</id></charge >\n",
        "</charges>\n<!-- after -->\n",
    ].joined()

    @Test(arguments: [1, 5, 20, 60, 100_000])
    func chunksStartAtTheRootsChildrenAndCountItsRecords(size: Int) {
        let chunks = cut(Self.body, size: size)
        #expect(chunks.map(\.text).joined() == Self.body)
        // Five records: the nested one, the ones in the comment, CDATA section and processing
        // instruction, and <chargeX> are not.
        #expect(chunks.map(\.records).reduce(0, +) == 5)
        // Every cut is at a start tag of one of the root's children.
        let children = ["<charge>", "<charge id", "<x:charge", "<chargeX", "<note", "<charge\n"]
        for chunk in chunks.dropFirst() {
            #expect(children.contains { chunk.text.hasPrefix($0) }, "cut inside: \(chunk.text)")
        }
        // The last chunk carries the root's end tag and what follows it.
        #expect(chunks.last?.text.hasSuffix("</charges>\n<!-- after -->\n") == true)
        if size == 1 {
            // The first chunk is the white space before the first child.
            #expect(chunks.map(\.records) == [0, 1, 1, 1, 1, 0, 0, 1])
        }
    }

    /// A scan given only the first bytes stops where the bytes run out inside a token; going on
    /// from there with all the bytes gives the cuts and counts of one scan of the whole.
    @Test func aScanResumesWhereItsBytesRanOut() {
        let bytes = Array(Self.body.utf8)
        var whole = XMLChunkSplitter(recordName: "charge")
        let reference = bytes.withUnsafeBufferPointer { whole.scan($0.baseAddress!, from: 0, end: bytes.count, cutAt: Int.max) }
        #expect(reference == .rootEnd(bytes.count - "</charges>\n<!-- after -->\n".utf8.count))
        for prefix in 0..<bytes.count {
            var splitter = XMLChunkSplitter(recordName: "charge")
            let stop = bytes.withUnsafeBufferPointer { splitter.scan($0.baseAddress!, from: 0, end: prefix, cutAt: Int.max) }
            guard case .needMore(let at) = stop else {
                // Prefixes holding the root's whole end tag end the scan there.
                #expect(stop == reference, "prefix \(prefix)")
                #expect(splitter.takeRecords() == 5)
                continue
            }
            #expect(at <= prefix)
            let resumed = bytes.withUnsafeBufferPointer { splitter.scan($0.baseAddress!, from: at, end: bytes.count, cutAt: Int.max) }
            #expect(resumed == reference, "prefix \(prefix)")
            #expect(splitter.takeRecords() == 5, "prefix \(prefix)")
        }
    }

    /// Bytes scanned from between the root's children: whether all their blank text is layout
    /// (between record and field tags), so that their parse may drop it.
    @Test(arguments: [
        ("<charge>\n  <id>p1</id>\n  <name> </name>\n  <x/>\n</charge>\n<charge a='<!--'><id>p2</id></charge>\n", true),
        ("<charge><id>a &amp; b</id><name>\n</name></charge>", true),
        ("<charge><id><![CDATA[a]]> <![CDATA[b]]></id></charge>", false),
        ("<charge><id>a</id><!-- note --></charge>", false),
        ("<!-- between records --><charge><id>a</id></charge>", false),
        ("<charge><id>a</id></charge><?app x?>", false),
        ("<charge><id>a<b>c</b> <b>d</b></id></charge>", false),
        ("<charge><id>a<br/> d</id></charge>", false),
    ])
    func blanksAreLayoutOnlyBetweenRecordAndFieldTags(text: String, layout: Bool) {
        var splitter = XMLChunkSplitter(recordName: "charge")
        let bytes = Array((text + "</charges>").utf8)
        let stop = bytes.withUnsafeBufferPointer { splitter.scan($0.baseAddress!, from: 0, end: bytes.count, cutAt: Int.max) }
        #expect(stop == .rootEnd(bytes.count - "</charges>".utf8.count))
        #expect(splitter.takeBlanksAreLayout() == layout)
        // Taken, it starts anew.
        #expect(splitter.blanksAreLayout)
    }

    /// What a chunk is told covers its own bytes only: markup met before the cut does not make
    /// the next chunk's blanks count as values.
    @Test func blanksAreLayoutIsTakenPerChunk() {
        var splitter = XMLChunkSplitter(recordName: "charge")
        let text = "<charge><id><![CDATA[a]]></id></charge>\n<charge><id>b</id></charge>\n</charges>"
        let bytes = Array(text.utf8)
        let second = text.utf8.count - "<charge><id>b</id></charge>\n</charges>".utf8.count
        let first = bytes.withUnsafeBufferPointer { splitter.scan($0.baseAddress!, from: 0, end: bytes.count, cutAt: 1) }
        #expect(first == .cut(second))
        #expect(splitter.takeBlanksAreLayout() == false)
        let rest = bytes.withUnsafeBufferPointer { splitter.scan($0.baseAddress!, from: second, end: bytes.count, cutAt: Int.max) }
        #expect(rest == .rootEnd(bytes.count - "</charges>".utf8.count))
        #expect(splitter.takeBlanksAreLayout() == true)
    }

    @Test func aDeeperEndTagThanTheRootIsNotItsEnd() {
        var splitter = XMLChunkSplitter(recordName: "charge")
        let bytes = Array("<charge><a><b/></a></charge></charges>".utf8)
        let stop = bytes.withUnsafeBufferPointer { splitter.scan($0.baseAddress!, from: 0, end: bytes.count, cutAt: Int.max) }
        #expect(stop == .rootEnd(28))
        #expect(splitter.depth == 0)
    }

    @Test(arguments: [0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 1000, 255 * 32, 255 * 32 + 41, 20_000])
    func lineFeedsAreCountedExactly(count: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        let bytes = (0..<count).map { _ in [UInt8(0x0A), 0x0D, 0x8A, 0x0B, 0x41, 0x00, 0xFF][Int(generator.next() % 7)] }
        let counted = bytes.withUnsafeBufferPointer { XMLChunkSplitter.lineFeeds($0.baseAddress!, count: count) }
        #expect(counted == bytes.filter { $0 == 0x0A }.count)
        // Only line feeds: every lane counts one per block, as many blocks as a lane can hold.
        let feeds = [UInt8](repeating: 0x0A, count: count)
        #expect(feeds.withUnsafeBufferPointer { XMLChunkSplitter.lineFeeds($0.baseAddress!, count: count) } == count)
    }
}
