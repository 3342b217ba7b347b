import Foundation
import Testing
@testable import AvisoCore

/// Serves fixed bytes in chunks of at most `chunk` bytes, to exercise every split point.
private final class ChunkedBytes: ByteSource {
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0

    init(_ bytes: [UInt8], chunk: Int = 1 << 20) {
        self.bytes = bytes
        self.chunk = chunk
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, chunk, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress!.copyMemory(from: all.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

/// Serves some bytes, then fails the way a broken gzip stream would.
private final class FailingBytes: ByteSource {
    struct Broken: Error, Equatable {}
    private let good: ChunkedBytes

    init(_ text: String) { good = ChunkedBytes(Array(text.utf8)) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try good.read(into: buffer)
        if n == 0 { throw Broken() }
        return n
    }
}

/// One record as the tests compare it.
private struct Seen: Equatable, CustomStringConvertible {
    var number: Int
    var line: Int
    var values: [String?]

    var description: String { "#\(number)@\(line) \(values)" }
}

private let chargeFields = ["id", "customer", "value", "dueDate"]

private func reader(_ bytes: [UInt8], fields: [String] = chargeFields, chunk: Int = 1 << 20) throws -> XMLRecordReader {
    try XMLRecordReader(source: ChunkedBytes(bytes, chunk: chunk), fileName: "charges.xml",
                        rootName: "charges", recordName: "charge", fields: fields)
}

private func records(_ text: String, fields: [String] = chargeFields, chunk: Int = 1 << 20) throws -> [Seen] {
    try records(Array(text.utf8), fields: fields, chunk: chunk)
}

private func records(_ bytes: [UInt8], fields: [String] = chargeFields, chunk: Int = 1 << 20) throws -> [Seen] {
    let r = try reader(bytes, fields: fields, chunk: chunk)
    var record = RawRecord(fieldCount: fields.count)
    var out: [Seen] = []
    while try r.next(into: &record) {
        out.append(Seen(number: record.number, line: record.line,
                        values: fields.indices.map { record.string($0) }))
    }
    // The end is sticky.
    #expect(try r.next(into: &record) == false)
    return out
}

/// The AvisoError a whole read of `bytes` ends with (fails the test if there is none).
private func failure(_ bytes: [UInt8], chunk: Int = 1 << 20) -> AvisoError? {
    do {
        _ = try records(bytes, chunk: chunk)
        Issue.record("expected the file to fail")
        return nil
    } catch let error as AvisoError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

private func failure(_ text: String) -> AvisoError? { failure(Array(text.utf8)) }

private let simple = """
<?xml version="1.0" encoding="UTF-8"?>
<charges>
  <charge>
    <id>pay_1</id>
    <customer>cus_1</customer>
    <value>100.50</value>
    <dueDate>2026-12-01</dueDate>
  </charge>
  <charge><dueDate>2026-12-02</dueDate><id>pay_2</id><value>7</value></charge>
</charges>

"""

@Suite struct XMLRecordReaderTests {
    @Test func readsSimpleRecordsWithNumbersAndLines() throws {
        #expect(try records(simple) == [
            Seen(number: 1, line: 3, values: ["pay_1", "cus_1", "100.50", "2026-12-01"]),
            Seen(number: 2, line: 9, values: ["pay_2", nil, "7", "2026-12-02"]),
        ])
    }

    @Test func elementNamesAreComparedAsInternedPointers() throws {
        // The fast path: libxml2 hands out dictionary pointers, compared without reading bytes.
        let r = try reader(Array(simple.utf8))
        var record = RawRecord(fieldCount: chargeFields.count)
        #expect(try r.next(into: &record))
        #expect(r.interned)
        #expect(record.string(0) == "pay_1")
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4095, 4096, 70_000])
    func chunkingDoesNotChangeRecords(chunk: Int) throws {
        #expect(try records(simple, chunk: chunk) == records(simple))
        // A larger document, so chunk boundaries fall inside names, entities and CDATA.
        var big = "<charges>\n"
        for i in 1...300 {
            big += "<charge><id>p&amp;\(i)</id><customer><![CDATA[c<\(i)>]]></customer><value> \(i) </value></charge>\n"
        }
        big += "</charges>\n"
        let read = try records(big, chunk: chunk)
        #expect(read.count == 300)
        #expect(read == (try records(big)))
        #expect(read[299] == Seen(number: 300, line: 301, values: ["p&300", "c<300>", "300", nil]))
    }

    @Test func defaultAndPrefixedNamespacesAreIgnored() throws {
        let text = """
        <ex:charges xmlns:ex="urn:export" xmlns="urn:default">
        <ex:charge><ex:id>pay_1</ex:id><customer>cus_1</customer></ex:charge>
        <charge xmlns="urn:other"><o:value xmlns:o="urn:o">3,50</o:value><id>pay_2</id></charge>
        </ex:charges>
        """
        #expect(try records(text) == [
            Seen(number: 1, line: 2, values: ["pay_1", "cus_1", nil, nil]),
            Seen(number: 2, line: 3, values: ["pay_2", nil, "3,50", nil]),
        ])
    }

    @Test func undeclaredPrefixesAndBadNamespaceURIsDoNotFailTheFile() throws {
        let text = """
        <x:charges xmlns:y="not a uri">
        <x:charge><x:id>pay_1</x:id><y:customer>cus_1</y:customer></x:charge>
        <charge xmlns="also not a uri"><z:value>9</z:value></charge>
        </x:charges>
        """
        #expect(try records(text) == [
            Seen(number: 1, line: 2, values: ["pay_1", "cus_1", nil, nil]),
            Seen(number: 2, line: 3, values: [nil, nil, "9", nil]),
        ])
    }

    @Test func unknownElementsAndForeignRootChildrenAreIgnoredAndNotCounted() throws {
        let text = """
        <charges>
          <meta><charge><id>nested</id></charge></meta>
          <charge><id>pay_1</id><extra><id>inner</id></extra><note>x</note></charge>
          <summary count="2"/>
          <!-- a comment --><?pi data?>
          <charge><junk/><customer>cus_2</customer><id>pay_2</id></charge>
          loose text
        </charges>
        """
        #expect(try records(text) == [
            Seen(number: 1, line: 3, values: ["pay_1", nil, nil, nil]),
            Seen(number: 2, line: 6, values: ["pay_2", "cus_2", nil, nil]),
        ])
    }

    @Test(arguments: [
        ("<id>first</id><id>second</id>", "first"),
        ("<id> first </id><id>second</id>", "first"),
        ("<id/><id>second</id>", nil),
        ("<id>  </id><id>second</id>", nil),
    ] as [(String, String?)])
    func repeatedFieldElementFirstWins(body: String, expected: String?) throws {
        let read = try records("<charges><charge>\(body)<value>1</value></charge></charges>")
        #expect(read == [Seen(number: 1, line: 1, values: [expected, nil, "1", nil])])
    }

    @Test(arguments: [
        ("<id><![CDATA[a<b>&c]]></id>", "a<b>&c"),
        ("<id>x<![CDATA[ y ]]>z</id>", "x y z"),
        ("<id>  <![CDATA[  ]]>  </id>", nil),
        ("<id>R&amp;D &lt;ok&gt; &quot;q&quot; &apos;a&apos;</id>", "R&D <ok> \"q\" 'a'"),
        ("<id>Jos&#233; &#x41;&#x1F600;</id>", "José A😀"),
        ("<id>São Paulo – ação</id>", "São Paulo – ação"),
        ("<id>a <b>bold</b> c</id>", "a bold c"),
        ("<id><!-- note -->abc<?pi x?>def</id>", "abcdef"),
        ("<id>\n\t  pay_9 \r\n </id>", "pay_9"),
        ("<id></id>", nil),
        ("<id/>", nil),
        ("<id>\n   \n</id>", nil),
    ] as [(String, String?)])
    func fieldTextContent(body: String, expected: String?) throws {
        let read = try records("<charges><charge>\(body)</charge></charges>")
        #expect(read == [Seen(number: 1, line: 1, values: [expected, nil, nil, nil])])
    }

    @Test func emptyRecordsAndEmptyRootCount() throws {
        #expect(try records("<charges/>") == [])
        #expect(try records("<charges>\n</charges>") == [])
        #expect(try records("<charges><charge/>\n<charge></charge></charges>") == [
            Seen(number: 1, line: 1, values: [nil, nil, nil, nil]),
            Seen(number: 2, line: 2, values: [nil, nil, nil, nil]),
        ])
    }

    @Test func byteOrderMarkDoctypeAndDeclaredEncodingAreAccepted() throws {
        let text = "\u{FEFF}<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!DOCTYPE charges>\n<charges><charge><id>ç</id></charge></charges>"
        #expect(try records(text) == [Seen(number: 1, line: 3, values: ["ç", nil, nil, nil])])
    }

    @Test func fieldListMayRepeatANameAndMissFromTheFile() throws {
        let read = try records("<charges><charge><id>p</id></charge></charges>", fields: ["id", "nothing", "id"])
        #expect(read == [Seen(number: 1, line: 1, values: ["p", nil, "p"])])
    }

    /// Field elements are found whatever their order, the list's order or a record's own,
    /// with repeated names in the list and repeated elements in the record (the first wins).
    @Test func fieldElementsAreFoundInAnyOrder() throws {
        let text = "<charges><charge><dueDate>d</dueDate><x/><value>v</value><id>p</id><customer>c</customer><id>again</id></charge>"
            + "<charge><customer>c2</customer><id>p2</id></charge>"
            + "<charge><value>v3</value><dueDate>d3</dueDate><value>no</value></charge></charges>"
        #expect(try records(text, fields: ["id", "customer", "value", "dueDate", "customer", "id"]) == [
            Seen(number: 1, line: 1, values: ["p", "c", "v", "d", "c", "p"]),
            Seen(number: 2, line: 1, values: ["p2", "c2", nil, nil, "c2", "p2"]),
            Seen(number: 3, line: 1, values: [nil, nil, "v3", "d3", nil, nil]),
        ])
        #expect(try records(text, fields: ["dueDate", "value"]) == [
            Seen(number: 1, line: 1, values: ["d", "v"]),
            Seen(number: 2, line: 1, values: [nil, nil]),
            Seen(number: 3, line: 1, values: ["d3", "v3"]),
        ])
    }

    /// A value made of many text and CDATA nodes, far longer than the reader's first text
    /// buffer, is gathered whole; the next record's values start afresh.
    @Test func longValuesOfManyNodesAreGatheredWhole() throws {
        let parts = (0..<400).map { $0 % 2 == 0 ? "texto \($0) &amp; " : "<![CDATA[<cdata \($0)>]]>" }
        let expected = (0..<400).map { $0 % 2 == 0 ? "texto \($0) & " : "<cdata \($0)>" }.joined()
        let text = "<charges><charge><id>" + parts.joined() + "</id><value>1</value></charge>"
            + "<charge><id>p2</id></charge></charges>"
        #expect(try records(text, fields: ["id", "value"]) == [
            Seen(number: 1, line: 1, values: [expected.trimmingCharacters(in: .whitespaces), "1"]),
            Seen(number: 2, line: 1, values: ["p2", nil]),
        ])
    }

    @Test func recordLinesStayExactPastLine65535() throws {
        var text = "<charges>\n"
        for i in 1...70_000 { text += "<charge><id>p\(i)</id></charge>\n" }
        text += "</charges>\n"
        let read = try records(text, fields: ["id"])
        #expect(read.count == 70_000)
        #expect(read[65_533] == Seen(number: 65_534, line: 65_535, values: ["p65534"]))
        #expect(read[65_534] == Seen(number: 65_535, line: 65_536, values: ["p65535"]))
        #expect(read[69_999] == Seen(number: 70_000, line: 70_001, values: ["p70000"]))
    }

    @Test(arguments: [
        ("<customers><customer><id>c</id></customer></customers>", 1, "customers"),
        ("<?xml version=\"1.0\"?>\n<!-- x -->\n<ns:charge xmlns:ns=\"u\"/>", 3, "ns:charge"),
    ])
    func wrongRootFailsTheFile(text: String, line: Int, found: String) throws {
        let error = try #require(failure(text))
        #expect(error.category == .input)
        #expect(error.file == "charges.xml")
        #expect(error.line == line)
        #expect(error.message == "expected root element <charges>, found <\(found)>")
    }

    @Test(arguments: [
        // Unclosed record: the document ends inside it (libxml2 2.9's push parser words this
        // "Extra content at the end of the document", so no fragment is pinned).
        ("<charges>\n<charge><id>p1</id></charge>\n<charge><id>p2</id>\n", 3, ""),
        // Mismatched end tag.
        ("<charges>\n<charge>\n<id>p1</value>\n</charge>\n</charges>\n", 3, "Opening and ending tag mismatch: id line 3 and value"),
        // Unclosed start tag.
        ("<charges>\n\n<charge><id>p1</id\n<value>", 4, "expected '>'"),
        // Undeclared entity.
        ("<charges>\n<charge><id>a&nbsp;b</id></charge></charges>", 2, "Entity 'nbsp' not defined"),
        // Second root element.
        ("<charges></charges>\n<charges></charges>", 2, "Extra content at the end of the document"),
        // Not XML at all.
        ("", 1, "the file is empty"),
        ("  \n  ", 2, ""),
        ("not xml", 1, ""),
        ("<charges><charge><id>p1</id></charge></charges>trailing", 1, ""),
    ])
    func malformedMarkupFailsTheFile(text: String, line: Int, fragment: String) throws {
        let error = try #require(failure(text))
        #expect(error.category == .input)
        #expect(error.file == "charges.xml")
        #expect(error.line == line)
        #expect(error.message.hasPrefix("malformed XML: "))
        if !fragment.isEmpty { #expect(error.message.contains(fragment), "\(error.message)") }
        #expect(!error.message.hasSuffix(" ") && !error.message.contains("\n"))
        #expect(error.hint != nil)
    }

    @Test(arguments: [1, 4096])
    func invalidUTF8FailsTheFile(chunk: Int) throws {
        var bytes = Array("<charges>\n<charge><id>ok</id></charge>\n<charge><id>bad ".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("</id></charge>\n</charges>\n".utf8)
        let error = try #require(failure(bytes, chunk: chunk))
        #expect(error.category == .input)
        #expect(error.file == "charges.xml")
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("malformed XML: Input is not proper UTF-8"), "\(error.message)")
    }

    @Test(arguments: [
        [0xFF, 0xFE] + Array("<charges/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        [0xFE, 0xFF] + Array("<charges/>".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] },
        Array("<charges/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        [0x00, 0x00, 0x00, 0x3C],
    ] as [[UInt8]])
    func otherEncodingsThanUTF8FailAtOpening(bytes: [UInt8]) {
        #expect {
            _ = try reader(bytes)
        } throws: { error in
            guard let error = error as? AvisoError else { return false }
            return error.category == .input && error.file == "charges.xml" && error.line == 1
                && error.message == "malformed XML: the file is not UTF-8 (it starts like UTF-16, UTF-32 or EBCDIC)"
        }
    }

    @Test func recordsBeforeADefectAreDeliveredThenTheErrorSticks() throws {
        var filler = ""
        for i in 1...200 { filler += "<charge><id>p\(i)</id></charge>\n" }
        let r = try reader(Array("<charges>\n\(filler)<charge><id>x</oops></charge></charges>".utf8))
        var record = RawRecord(fieldCount: chargeFields.count)
        var count = 0
        var caught: AvisoError?
        do {
            while try r.next(into: &record) { count += 1 }
        } catch let error as AvisoError {
            caught = error
        }
        let error = try #require(caught)
        #expect(count <= 200)
        #expect(error.line == 202)
        #expect(error.message.hasPrefix("malformed XML: Opening and ending tag mismatch"))
        // Asking again repeats the same failure instead of reading on.
        #expect(throws: AvisoError.self) { _ = try r.next(into: &record) }
        do {
            _ = try r.next(into: &record)
        } catch let again as AvisoError {
            #expect(again.message == error.message)
            #expect(again.line == error.line)
        }
    }

    @Test func aSourceErrorIsRethrownAsIs() throws {
        // More than the reader's 64 KiB look-ahead, so opening succeeds and a later read fails.
        var text = "<charges>\n"
        for i in 1...3_000 { text += "<charge><id>p\(i)</id></charge>\n" }
        let r = try XMLRecordReader(source: FailingBytes(text), fileName: "charges.xml.gz",
                                    rootName: "charges", recordName: "charge", fields: chargeFields)
        var record = RawRecord(fieldCount: chargeFields.count)
        var count = 0
        #expect(throws: FailingBytes.Broken()) {
            while try r.next(into: &record) {
                count += 1
                #expect(record.string(0) == "p\(count)")
            }
        }
        #expect(count > 0 && count < 3_000)
        #expect(throws: FailingBytes.Broken()) { _ = try r.next(into: &record) }
    }

    @Test func aSourceFailingAtOnceFailsTheOpening() {
        #expect(throws: FailingBytes.Broken()) {
            _ = try XMLRecordReader(source: FailingBytes(""), fileName: "charges.xml.gz",
                                    rootName: "charges", recordName: "charge", fields: chargeFields)
        }
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let text = """
        <?xml version="1.0"?>
        <!DOCTYPE charges [ <!ENTITY ext SYSTEM "file:///etc/hostname"> <!ENTITY int "inner"> ]>
        <charges><charge><id>a&ext;b</id><customer>&int;</customer></charge></charges>
        """
        // Entity references are left unexpanded: neither the file nor the internal text appears.
        #expect(try records(text) == [Seen(number: 1, line: 3, values: ["ab", nil, nil, nil])])
    }

    @Test func errorHandlingUsesNoGlobalLibxml2Handler() throws {
        // By design: the reader installs its handler with xmlTextReaderSetStructuredErrorHandler
        // only. Verify the source says so, so a later edit reaching for a global handler fails here.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for file in ["Sources/AvisoCore/Input/XMLRecordReader.swift", "Sources/AvisoCore/Input/XMLInputBridge.swift",
                     "Sources/CLibXML2/shim.h"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("xmlTextReaderSetStructuredErrorHandler") || !file.hasSuffix(".h"))
            for global in ["xmlSetGenericErrorFunc", "xmlSetStructuredErrorFunc", "initGenericErrorDefaultFunc",
                           "xmlThrDefSetGenericErrorFunc", "xmlThrDefSetStructuredErrorFunc"] {
                #expect(!text.contains(global), "\(file) uses \(global)")
            }
        }
    }
}
