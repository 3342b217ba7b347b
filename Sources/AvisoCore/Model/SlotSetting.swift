/// One slot's settings: whether it is on, its offset in days and its channel switches.
public struct SlotSetting: Sendable, Equatable, BitwiseCopyable {
    public var enabled: Bool
    public var scheduleOffset: Int
    public var customerEmail: Bool
    public var customerSMS: Bool
    public var customerWhatsApp: Bool
    public var customerVoice: Bool
    public var providerEmail: Bool
    public var providerSMS: Bool

    public init(
        enabled: Bool, scheduleOffset: Int, customerEmail: Bool = false, customerSMS: Bool = false,
        customerWhatsApp: Bool = false, customerVoice: Bool = false, providerEmail: Bool = false,
        providerSMS: Bool = false
    ) {
        self.enabled = enabled
        self.scheduleOffset = scheduleOffset
        self.customerEmail = customerEmail
        self.customerSMS = customerSMS
        self.customerWhatsApp = customerWhatsApp
        self.customerVoice = customerVoice
        self.providerEmail = providerEmail
        self.providerSMS = providerSMS
    }

    /// Whether the switch for a recipient and channel is on (providers have email and SMS only).
    public func isOn(_ recipient: Recipient, _ channel: Channel) -> Bool {
        switch (recipient, channel) {
        case (.customer, .email): return customerEmail
        case (.customer, .sms): return customerSMS
        case (.customer, .whatsapp): return customerWhatsApp
        case (.customer, .voice): return customerVoice
        case (.provider, .email): return providerEmail
        case (.provider, .sms): return providerSMS
        case (.provider, _): return false
        }
    }
}
