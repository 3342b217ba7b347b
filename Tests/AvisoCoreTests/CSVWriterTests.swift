import Testing
@testable import AvisoCore

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("cr\rhere", "\"cr\rhere\""),
        (" lead", "\" lead\""),
        ("trail ", "\"trail \""),
        ("\ttab", "\"\ttab\""),
        ("mid space", "mid space"),
        ("a;b", "a;b"),
        ("São Paulo", "São Paulo"),
    ])
    func quotesOnlyWhenNeeded(field: String, expected: String) {
        var bytes: [UInt8] = []
        CSVWriter.appendField(field, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func writesRowsWithLineFeeds() {
        var csv = CSVWriter()
        csv.writeRow(["id", "detail", "empty"])
        csv.writeRow(["1", "x, \"y\"", ""])
        csv.writeRow([])
        #expect(String(decoding: csv.bytes, as: UTF8.self) == "id,detail,empty\n1,\"x, \"\"y\"\"\",\n\n")
    }
}
