#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An enum read from export fields by the bytes of its raw value: case-sensitive and byte for
/// byte, with no `String` made for the field and no list of cases built per value (every
/// charge row has two enum fields). A conforming type gives its table once:
/// `static let rawValueTable = RawValueTable<Self>()`.
protocol ByteDecodableEnum: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The raw values of the cases as bytes, made once.
    static var rawValueTable: RawValueTable<Self> { get }
}

/// The cases of an enum with their raw values' UTF-8 bytes, in `allCases` order: the bytes
/// back to back in one buffer, and one plain entry per case (so looking a value up copies and
/// counts no references). A class, so that reaching the shared table retains nothing per value.
final class RawValueTable<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    private struct Entry {
        var start: Int
        var count: Int
        var value: Value
    }

    private let bytes: [UInt8]
    private let entries: [Entry]

    init() {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        for value in Value.allCases {
            entries.append(Entry(start: bytes.count, count: value.rawValue.utf8.count, value: value))
            bytes.append(contentsOf: value.rawValue.utf8)
        }
        self.bytes = bytes
        self.entries = entries
    }

    /// The case whose raw value has exactly these bytes, or nil.
    func value(of field: UnsafeBufferPointer<UInt8>) -> Value? {
        bytes.withUnsafeBufferPointer { all in
            entries.withUnsafeBufferPointer { entries in
                guard let wanted = field.baseAddress, let base = all.baseAddress else { return nil }
                for entry in entries where entry.count == field.count {
                    // One compare of the whole value; a byte-by-byte loop cost more than the lookup.
                    if memcmp(base + entry.start, wanted, entry.count) == 0 { return entry.value }
                }
                return nil
            }
        }
    }
}

extension BillingType: ByteDecodableEnum {
    static let rawValueTable = RawValueTable<BillingType>()
}

extension ChargeStatus: ByteDecodableEnum {
    static let rawValueTable = RawValueTable<ChargeStatus>()
}

extension NotificationEvent: ByteDecodableEnum {
    static let rawValueTable = RawValueTable<NotificationEvent>()
}
