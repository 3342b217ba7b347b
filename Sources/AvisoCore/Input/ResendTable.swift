/// One manual resend request as read from the resends file.
public struct ResendRow: Sendable, Equatable {
    public var id: String
    /// The charge id.
    public var payment: String
    public var requestedAt: DateTimeValue
    /// `requestedAt` as written, trimmed (shown in resend-results.csv).
    public var requestedAtText: String
}

/// resends: **id**, **payment**, **requestedAt**.
enum ResendTable: InputTableSchema {
    static let baseName = "resends"
    static let recordName = "resend"
    static let fields = ["id", "payment", "requestedAt"]
    static let required = ["id", "payment", "requestedAt"]

    static func decode(_ c: FieldCursor) throws(RowError) -> ResendRow {
        let id = try c.requiredString(0)
        let payment = try c.requiredString(1)
        guard let bytes = c.bytes(2) else { throw c.missing(2) }
        guard let value = DateTimeField.parse(bytes) else {
            throw RowError(
                field: "requestedAt", reason: "BAD_DATETIME",
                detail: "expected YYYY-MM-DDTHH:MM[:SS[.fff]] with an optional Z or ±HH:MM, found '\(String(decoding: bytes.prefix(60), as: UTF8.self))'"
            )
        }
        return ResendRow(id: id, payment: payment, requestedAt: value, requestedAtText: String(decoding: bytes, as: UTF8.self))
    }

    static func id(of row: ResendRow) -> String? { row.id }
}
