import Testing
@testable import AvisoCore

@Suite struct DestinationsTests {
    /// The destinations as the channel files write them (`OutboundRecord.writeFields`).
    static func json(_ destinations: Destinations, asArray: Bool) -> [UInt8] {
        var sink = EscapingFieldSink(bytes: [])
        #expect(destinations.write(json: &sink, asArray: asArray))
        return sink.bytes
    }

    static let lists: [[String]] = [
        [], ["+5511987654321"], ["maria@example.com"], ["a@b.c", "maria.da.silva@example.com.br"],
        ["q\"uote@x"], ["+55119876543210000"], ["", "x"],
    ]

    @Test(arguments: lists)
    func keepsTheListAsGiven(list: [String]) {
        // Reading ahead (a hint, in every form: inline, a String, a list) changes nothing.
        let destinations = Destinations(list)
        destinations.prefetch()
        #expect(destinations.list == list)
        #expect(Destinations(list).list == list)
        #expect(Destinations(list) == Destinations(list))
    }

    @Test(arguments: lists)
    func writesAnArrayOrTheFirstAlone(list: [String]) {
        let array = Self.json(Destinations(list), asArray: true)
        var expectedArray: [UInt8] = []
        JSONWriter.appendArray(list, to: &expectedArray)
        #expect(String(decoding: array, as: UTF8.self) == String(decoding: expectedArray, as: UTF8.self))
        let single = Self.json(Destinations(list), asArray: false)
        var expectedSingle: [UInt8] = []
        JSONWriter.appendEscaped(list.first ?? "", to: &expectedSingle)
        #expect(single == expectedSingle)
    }

    @Test func oneDestinationIsTheListOfIt() {
        #expect(Destinations(one: "+5511987654321") == Destinations(["+5511987654321"]))
        #expect(Destinations(one: "+5511987654321").list == ["+5511987654321"])
        #expect(Destinations(["a", "b"]) != Destinations(["a"]))
        #expect(Destinations([]) != Destinations([""]))
    }

    @Test func theArrayIsCompactJSON() {
        var out = Self.json(Destinations(["a@b.c", "d\"e@f.g"]), asArray: true)
        #expect(String(decoding: out, as: UTF8.self) == #"["a@b.c","d\"e@f.g"]"#)
        out = Self.json(Destinations(["+5511987654321"]), asArray: true)
        #expect(String(decoding: out, as: UTF8.self) == #"["+5511987654321"]"#)
        out = Self.json(Destinations([]), asArray: false)
        #expect(String(decoding: out, as: UTF8.self) == #""""#)
    }
}
