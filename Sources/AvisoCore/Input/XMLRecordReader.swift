import CLibXML2

/// Reads the records of an XML export one at a time with libxml2's streaming `xmlTextReader`:
/// `<charges><charge><id>pay_1</id>…</charge>…</charges>`.
///
/// Records are the root's children named `recordName`; each child element of a record whose
/// local name is a wanted field gives that field its text content (text and CDATA, descendants
/// included). Namespaces are ignored (local names are matched), unknown elements and other root
/// children are skipped and not counted, and a repeated field element keeps its first value.
/// Malformed markup, invalid UTF-8 or a foreign root element fail the whole file with an
/// `AvisoError(.input)`; libxml2 itself prints nothing. Memory stays bounded: the tree is never
/// expanded and the input is pulled from the `ByteSource` in chunks.
public final class XMLRecordReader: RecordReader {
    /// The wanted field names, in the order `RawRecord` indexes them.
    public let fields: [String]

    private let fileName: String
    private let rootName: String
    private let bridge: XMLInputBridge
    private let reader: OpaquePointer
    private let rootAtom: UnsafePointer<xmlChar>
    private let recordAtom: UnsafePointer<xmlChar>
    private let fieldAtoms: [UnsafePointer<xmlChar>]
    /// For each wanted field, the first wanted field of its name (itself, unless `fields`
    /// repeats a name), and that first field's later namesakes (almost always none).
    private let firstOfName: [Int]
    private let laterNamesakes: [[Int]]
    private let fieldsRepeatAName: Bool
    /// Whether element names are the dictionary's interned pointers (then pointer equality is
    /// name equality); checked once on the root, string comparison otherwise. Internal for tests.
    private(set) var interned = false
    private var sawRoot = false
    private var finished = false
    private var failure: Error?
    private var recordCount = 0
    /// Added to libxml2's line numbers: the lines of a chunk's document are not the file's.
    private var lineShift = 0
    /// Per record: which wanted fields already had an element (the first element wins, even
    /// empty), a bit per field.
    private var seen: UInt64 = 0
    /// The wanted fields the open field element feeds (several if `fields` repeats a name), a
    /// bit per field.
    private var openFields: UInt64 = 0
    /// Where the open field element's text is gathered (`textCapacity` bytes), kept from one
    /// record to the next.
    private var text = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    private var textCapacity = 256

    // Node kinds from libxml2's tree.h and xmlreader.h.
    private static let elementNode: Int32 = 1
    private static let textNode: Int32 = 3
    private static let cdataNode: Int32 = 4
    private static let endElement: Int32 = 15

    /// libxml2's global initialisation, which must not race: a static let runs it exactly once.
    private static let parserReady: Bool = {
        xmlInitParser()
        return true
    }()

    /// Opens `source` as an XML export named `fileName` (for messages) whose root element must be
    /// `rootName` and whose records are `recordName` elements, reading the `fields` elements.
    /// Throws `AvisoError(.input)` when the input is not UTF-8 (UTF-16/32 or EBCDIC signature)
    /// and rethrows errors of the source.
    public convenience init(source: ByteSource, fileName: String, rootName: String, recordName: String, fields: [String]) throws {
        try self.init(source: source, fileName: fileName, rootName: rootName, recordName: recordName, fields: fields,
                      firstNumber: 1, lineShift: 0, dropsLayoutBlanks: false)
    }

    /// A reader of an `XMLChunk`'s document (see `XMLChunk.document()`): its records are
    /// numbered from `firstNumber`, and their lines are the document's shifted by `lineShift`,
    /// the file's. With `dropsLayoutBlanks`, libxml2 makes no text node of white space it
    /// judges ignorable: only for a document whose blank text all lies between the tags of
    /// records and fields (`XMLChunk.blanksAreLayout`), where the reader reads none of it. Such
    /// nodes were a quarter of an indented export's nodes, each made, visited and freed.
    init(source: ByteSource, fileName: String, rootName: String, recordName: String, fields: [String],
         firstNumber: Int, lineShift: Int, dropsLayoutBlanks: Bool) throws {
        _ = XMLRecordReader.parserReady
        self.fields = fields
        self.fileName = fileName
        self.rootName = rootName
        recordCount = firstNumber - 1
        self.lineShift = lineShift
        precondition(fields.count <= 64, "an XML record reader reads at most 64 fields")
        bridge = XMLInputBridge(source: source)

        let start = try bridge.prefix(4)
        if start.isEmpty {
            // libxml2's push parser words this as "Extra content at the end of the document".
            throw AvisoError(.input, file: fileName, line: 1, "malformed XML: the file is empty",
                             hint: XMLRecordReader.malformedHint)
        }
        if XMLRecordReader.looksNotUTF8(start) {
            throw AvisoError(
                .input, file: fileName, line: 1,
                "malformed XML: the file is not UTF-8 (it starts like UTF-16, UTF-32 or EBCDIC)",
                hint: "export the file as UTF-8 XML")
        }

        let context = Unmanaged.passUnretained(bridge).toOpaque()
        let made = fileName.withCString { url in
            xmlReaderForIO({ context, buffer, length in
                guard let context, let buffer, length > 0 else { return -1 }
                let bridge = Unmanaged<XMLInputBridge>.fromOpaque(context).takeUnretainedValue()
                return bridge.deliver(into: UnsafeMutableRawPointer(buffer), count: Int(length))
            }, nil, context, url, nil, aviso_xml_reader_options(dropsLayoutBlanks ? 1 : 0))
        }
        guard let made else {
            if let error = bridge.sourceError { throw error }
            throw AvisoError(.input, file: fileName, "could not start the XML parser",
                             hint: "the machine may be out of memory")
        }
        reader = made
        aviso_xml_reader_capture_errors(made, { context, error in
            guard let context else { return }
            let bridge = Unmanaged<XMLInputBridge>.fromOpaque(context).takeUnretainedValue()
            bridge.note(level: aviso_xml_error_level(error), message: aviso_xml_error_message(error),
                        line: aviso_xml_error_line(error))
        }, context)

        func atom(_ name: String) throws -> UnsafePointer<xmlChar> {
            let interned = name.withCString { text in
                xmlTextReaderConstString(made, UnsafeRawPointer(text).assumingMemoryBound(to: xmlChar.self))
            }
            guard let interned else {
                xmlFreeTextReader(made)
                throw AvisoError(.input, file: fileName, "could not start the XML parser",
                                 hint: "the machine may be out of memory")
            }
            return interned
        }
        rootAtom = try atom(rootName)
        recordAtom = try atom(recordName)
        var atoms: [UnsafePointer<xmlChar>] = []
        atoms.reserveCapacity(fields.count)
        for field in fields { atoms.append(try atom(field)) }
        fieldAtoms = atoms
        firstOfName = fields.indices.map { i in fields.firstIndex(of: fields[i])! }
        laterNamesakes = fields.indices.map { i in fields.indices.filter { $0 > i && fields[$0] == fields[i] } }
        fieldsRepeatAName = Set(fields).count < fields.count
    }

    deinit {
        xmlFreeTextReader(reader)
        text.deallocate()
    }

    /// Overwrites `record` with the next record; returns false after the last one.
    /// Throws `AvisoError(.input)` for malformed XML, invalid UTF-8 or a foreign root element, and
    /// rethrows errors of the byte source; once it has thrown, it throws the same error again.
    public func next(into record: inout RawRecord) throws -> Bool {
        if let failure { throw failure }
        if finished { return false }
        do {
            return try advance(into: &record)
        } catch {
            failure = error
            throw error
        }
    }

    private func advance(into record: inout RawRecord) throws -> Bool {
        // The per-node state lives in locals for the loop: class properties would pay a dynamic
        // exclusivity check on every access. The text buffer is handed back to keep its capacity.
        var text = self.text
        var textCapacity = self.textCapacity
        var textCount = 0
        var open = openFields
        var seen = self.seen
        defer {
            self.text = text
            self.textCapacity = textCapacity
            openFields = open
            self.seen = seen
        }
        let reader = self.reader
        let atoms = fieldAtoms
        let firstOfName = self.firstOfName
        let repeats = fieldsRepeatAName
        // Where the search for a field element's name starts: after the last field found, as
        // exports list a record's fields in one order.
        var expected = 0
        var interned = self.interned
        var inRecord = false
        while true {
            let status = xmlTextReaderRead(reader)
            if status != 1 {
                if let error = bridge.sourceError { throw error }
                if status == 0, bridge.firstFatal == nil, sawRoot {
                    finished = true
                    return false
                }
                throw malformed()
            }
            guard let node = xmlTextReaderCurrentNode(reader) else { continue }
            let kind = aviso_xml_node_kind(node)
            if kind == XMLRecordReader.textNode || kind == XMLRecordReader.cdataNode {
                if open != 0, let value = xmlTextReaderConstValue(reader) {
                    let count = Int(xmlStrlen(value))
                    if textCount + count > textCapacity {
                        textCapacity = max(textCapacity * 2, textCount + count)
                        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: textCapacity)
                        larger.update(from: text, count: textCount)
                        text.deallocate()
                        text = larger
                    }
                    (text + textCount).update(from: value, count: count)
                    textCount += count
                }
                continue
            }
            guard kind == XMLRecordReader.elementNode else { continue }
            let depth = xmlTextReaderDepth(reader)
            if xmlTextReaderNodeType(reader) == XMLRecordReader.endElement {
                if depth == 2, open != 0 {
                    var fields = open
                    while fields != 0 {
                        record.set(fields.trailingZeroBitCount, UnsafeBufferPointer(start: text, count: textCount))
                        fields &= fields - 1
                    }
                    open = 0
                } else if depth == 1, inRecord {
                    return true
                }
                continue
            }
            guard depth <= 2 else { continue }
            let name = aviso_xml_node_name(node)!
            switch depth {
            case 0:
                try checkRoot(name, node: node)
                interned = self.interned
            case 1:
                guard XMLRecordReader.same(name, recordAtom, interned)
                    || XMLRecordReader.prefixed(name).map({ xmlStrEqual($0, recordAtom) != 0 }) == true
                else { continue }
                record.reset()
                recordCount += 1
                record.number = recordCount
                record.line = line(of: node)
                seen = 0
                expected = 0
                if xmlTextReaderIsEmptyElement(reader) == 1 { return true }
                inRecord = true
            case 2:
                guard inRecord else { continue }
                var matched = false
                if interned {
                    // Interned names compare by pointer: the first field of this name, searched
                    // from where the last one was found, then its namesakes.
                    var first = -1
                    var i = expected
                    for _ in atoms.indices {
                        if i == atoms.count { i = 0 }
                        if atoms[i] == name {
                            first = i
                            break
                        }
                        i += 1
                    }
                    if first >= 0 {
                        matched = true
                        expected = first + 1
                        // Every wanted field of this name, in order, as the loop below finds them.
                        let head = firstOfName[first]
                        if seen & (1 << UInt64(head)) == 0 {
                            seen |= 1 << UInt64(head)
                            open |= 1 << UInt64(head)
                        }
                        if repeats {
                            for field in laterNamesakes[head] where seen & (1 << UInt64(field)) == 0 {
                                seen |= 1 << UInt64(field)
                                open |= 1 << UInt64(field)
                            }
                        }
                    }
                } else {
                    for i in atoms.indices where XMLRecordReader.same(name, atoms[i], interned) {
                        matched = true
                        if seen & (1 << UInt64(i)) == 0 {
                            seen |= 1 << UInt64(i)
                            open |= 1 << UInt64(i)
                        }
                    }
                }
                if !matched, let local = XMLRecordReader.prefixed(name) {
                    for i in atoms.indices where seen & (1 << UInt64(i)) == 0 && xmlStrEqual(local, atoms[i]) != 0 {
                        seen |= 1 << UInt64(i)
                        open |= 1 << UInt64(i)
                    }
                }
                // An empty element leaves its fields absent; no end tag will follow it.
                if xmlTextReaderIsEmptyElement(reader) == 1 { open = 0 }
                textCount = 0
            default:
                break
            }
        }
    }

    /// Accepts the root element or throws the wrong-root error; learns whether names are interned.
    private func checkRoot(_ name: UnsafePointer<xmlChar>, node: xmlNodePtr) throws {
        sawRoot = true
        interned = xmlTextReaderConstString(reader, name) == name
        if XMLRecordReader.same(name, rootAtom, interned) { return }
        if let local = XMLRecordReader.prefixed(name), xmlStrEqual(local, rootAtom) != 0 { return }
        let found = xmlTextReaderConstName(reader).map { String(cString: $0) } ?? String(cString: name)
        throw AvisoError(
            .input, file: fileName, line: line(of: node),
            "expected root element <\(rootName)>, found <\(found)>",
            hint: "check that this is the \(rootName) export")
    }

    /// Name equality: by pointer when names are dictionary-interned, else by bytes.
    @inline(__always)
    private static func same(_ name: UnsafePointer<xmlChar>, _ atom: UnsafePointer<xmlChar>, _ interned: Bool) -> Bool {
        interned ? name == atom : xmlStrEqual(name, atom) != 0
    }

    /// The part after the colon of a name libxml2 left prefixed ("x:charge" when the prefix `x`
    /// is not declared): namespaces are ignored, so that part is the name. Nil without a colon.
    private static func prefixed(_ name: UnsafePointer<xmlChar>) -> UnsafePointer<xmlChar>? {
        xmlStrchr(name, 0x3A).map { UnsafePointer($0 + 1) }
    }

    /// The line of an element's start tag (see `aviso_xml_element_line`).
    private func line(of node: xmlNodePtr) -> Int {
        Int(aviso_xml_element_line(reader, node)) + lineShift
    }

    private func malformed() -> AvisoError {
        let issue = bridge.firstFatal ?? bridge.firstError
        var line = issue?.line ?? 0
        if line <= 0 { line = Int(xmlTextReaderGetParserLineNumber(reader)) }
        var message = issue?.message ?? ""
        if message.isEmpty { message = sawRoot ? "the parser stopped early" : "no root element" }
        return AvisoError(
            .input, file: fileName, line: line > 0 ? line : nil,
            "malformed XML: \(message)",
            hint: XMLRecordReader.malformedHint)
    }

    private static let malformedHint =
        "the file is not well-formed UTF-8 XML (truncated, hand-edited or not XML at all); fix or re-export it"

    /// True when the first bytes carry a UTF-16, UTF-32 or EBCDIC signature, which libxml2 would
    /// decode through a converter; a NUL, 0xFE or 0xFF byte there is never UTF-8 XML anyway.
    private static func looksNotUTF8(_ start: UnsafeRawBufferPointer) -> Bool {
        for b in start.prefix(4) where b == 0x00 || b == 0xFE || b == 0xFF { return true }
        return start.count >= 4 && start[0] == 0x4C && start[1] == 0x6F && start[2] == 0xA7 && start[3] == 0x94
    }
}
