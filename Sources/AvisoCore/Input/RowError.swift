/// Why one input row was rejected: the field at fault, the reason code (FORMATS.md) and what
/// was found.
public struct RowError: Error, Sendable, Equatable {
    public var field: String
    public var reason: String
    public var detail: String

    public init(field: String, reason: String, detail: String) {
        self.field = field
        self.reason = reason
        self.detail = detail
    }
}
