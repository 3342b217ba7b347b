import Foundation

/// A run's configuration (the JSON file given with `--config`). Every key is optional; a partial
/// object merges with the defaults. Unknown keys and bad values are errors that name them.
public struct RunConfiguration: Sendable, Equatable {
    /// IANA time zone that decides the default run date and the local date of `requestedAt`.
    public var timeZone: String = "America/Sao_Paulo"
    /// A letter goes out at most this many days before the due date.
    public var mailingWindowDays: Int = 22
    /// Correios delivery estimate in business days when the state has no entry of its own.
    public var deliveryBusinessDaysDefault: Int = 7
    /// Delivery estimate per state (UF).
    public var deliveryBusinessDaysByState: [String: Int] = [:]
    /// How many OVERDUE_REPEAT reminders at most (k = 1 … this).
    public var maxOverdueRepeats: Int = 10
    /// Fee per WhatsApp message, in centavos.
    public var whatsappFee: Int64 = 0
    /// Fee per voice call, in centavos.
    public var voiceFee: Int64 = 0
    /// Fee per postal letter, in centavos.
    public var postalFee: Int64 = 0
    /// A file fails when its rejected rows are strictly more than this share of its records.
    public var maxRejectRatio: Double = 0.01

    /// The defaults.
    public init() {}

    /// Delivery estimate for a state (UF), falling back to the default.
    public func deliveryBusinessDays(state: String?) -> Int {
        if let state, let days = deliveryBusinessDaysByState[state] { return days }
        return deliveryBusinessDaysDefault
    }

    /// The fee of one item sent by a channel (email and SMS are in the package: 0).
    public func fee(for channel: Channel) -> Int64 {
        switch channel {
        case .email, .sms: return 0
        case .whatsapp: return whatsappFee
        case .voice: return voiceFee
        }
    }
}
