import Testing
@testable import AvisoCore

/// Enum fields are read by the bytes of their raw values (`RawValueTable`): every case, and
/// nothing but a case byte for byte, among raw values alike in length and ends.
@Suite struct RawValueTableTests {
    /// Raw values of the same length and the same first and last bytes, and others.
    enum Crowded: String, CaseIterable, Sendable {
        case axb = "AXB", ayb = "AYB", azb = "AZB", longer = "A_VALUE_LONGER_THAN_SIXTEEN_BYTES", one = "1"
    }

    static func lookUp<Value>(_ text: String, in table: RawValueTable<Value>) -> Value? {
        Array(text.utf8).withUnsafeBufferPointer { table.value(of: $0) }
    }

    /// Texts that are no raw value of `cases`: each changed in one byte, cut short, run on,
    /// lower-cased, and the empty text.
    static func nearMisses(of cases: [String]) -> [String] {
        var misses = [""]
        for raw in cases {
            var bytes = Array(raw.utf8)
            for index in bytes.indices {
                let kept = bytes[index]
                bytes[index] = kept ^ 0x01
                misses.append(String(decoding: bytes, as: UTF8.self))
                bytes[index] = kept
            }
            misses.append(String(raw.dropLast()))
            misses.append(raw + "X")
            misses.append(" " + raw)
            misses.append(raw.lowercased())
        }
        return misses.filter { !cases.contains($0) }
    }

    @Test("each case is found by its raw value's bytes, and no near miss is")
    func everyCaseAndNoNearMiss() {
        let table = RawValueTable<Crowded>()
        for value in Crowded.allCases { #expect(Self.lookUp(value.rawValue, in: table) == value) }
        for text in Self.nearMisses(of: Crowded.allCases.map(\.rawValue)) {
            #expect(Self.lookUp(text, in: table) == nil, "\(text)")
        }
    }

    @Test("the export's enums: billing types, charge statuses and notification events")
    func exportEnums() {
        for value in BillingType.allCases { #expect(Self.lookUp(value.rawValue, in: BillingType.rawValueTable) == value) }
        for value in ChargeStatus.allCases { #expect(Self.lookUp(value.rawValue, in: ChargeStatus.rawValueTable) == value) }
        for value in NotificationEvent.allCases {
            #expect(Self.lookUp(value.rawValue, in: NotificationEvent.rawValueTable) == value)
        }
        for text in Self.nearMisses(of: ChargeStatus.allCases.map(\.rawValue)) {
            #expect(Self.lookUp(text, in: ChargeStatus.rawValueTable) == nil, "\(text)")
        }
        for text in Self.nearMisses(of: BillingType.allCases.map(\.rawValue)) {
            #expect(Self.lookUp(text, in: BillingType.rawValueTable) == nil, "\(text)")
        }
    }
}
