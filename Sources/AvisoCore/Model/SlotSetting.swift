/// One slot's settings: whether it is on, its offset in days and its channel switches.
///
/// Stored in four bytes (the offset and one byte of switches), so that the eight slots of a
/// `SlotSettings` fill half a cache line: every charge the run reads takes a copy of its
/// customer's settings, and at ten thousand accounts a wider layout (192 bytes) was a
/// cache miss per charge.
public struct SlotSetting: Sendable, Equatable, BitwiseCopyable {
    private var offset: Int16
    private var switches: UInt8

    private static let enabledBit: UInt8 = 1 << 0
    private static let customerEmailBit: UInt8 = 1 << 1
    private static let customerSMSBit: UInt8 = 1 << 2
    private static let customerWhatsAppBit: UInt8 = 1 << 3
    private static let customerVoiceBit: UInt8 = 1 << 4
    private static let providerEmailBit: UInt8 = 1 << 5
    private static let providerSMSBit: UInt8 = 1 << 6

    /// The offsets a setting can hold. The settings file allows 0 to 90 days.
    public static let offsetRange = Int(Int16.min)...Int(Int16.max)

    /// Whether the slot sends at all.
    public var enabled: Bool {
        get { bit(Self.enabledBit) }
        set { setBit(Self.enabledBit, newValue) }
    }
    /// Days before the due date (warning) or between repeats (overdue repeat); 0 for other slots.
    /// Must lie in `offsetRange`.
    public var scheduleOffset: Int {
        get { Int(offset) }
        set {
            precondition(Self.offsetRange.contains(newValue), "a schedule offset lies in \(Self.offsetRange)")
            offset = Int16(newValue)
        }
    }
    /// Email to the customer.
    public var customerEmail: Bool {
        get { bit(Self.customerEmailBit) }
        set { setBit(Self.customerEmailBit, newValue) }
    }
    /// SMS to the customer.
    public var customerSMS: Bool {
        get { bit(Self.customerSMSBit) }
        set { setBit(Self.customerSMSBit, newValue) }
    }
    /// WhatsApp to the customer.
    public var customerWhatsApp: Bool {
        get { bit(Self.customerWhatsAppBit) }
        set { setBit(Self.customerWhatsAppBit, newValue) }
    }
    /// A voice call to the customer.
    public var customerVoice: Bool {
        get { bit(Self.customerVoiceBit) }
        set { setBit(Self.customerVoiceBit, newValue) }
    }
    /// Email to the merchant ("para mim").
    public var providerEmail: Bool {
        get { bit(Self.providerEmailBit) }
        set { setBit(Self.providerEmailBit, newValue) }
    }
    /// SMS to the merchant ("para mim").
    public var providerSMS: Bool {
        get { bit(Self.providerSMSBit) }
        set { setBit(Self.providerSMSBit, newValue) }
    }

    /// A setting; `scheduleOffset` must lie in `offsetRange`.
    public init(
        enabled: Bool, scheduleOffset: Int, customerEmail: Bool = false, customerSMS: Bool = false,
        customerWhatsApp: Bool = false, customerVoice: Bool = false, providerEmail: Bool = false,
        providerSMS: Bool = false
    ) {
        offset = 0
        switches = 0
        self.scheduleOffset = scheduleOffset
        self.enabled = enabled
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

    @inline(__always)
    private func bit(_ mask: UInt8) -> Bool {
        switches & mask != 0
    }

    @inline(__always)
    private mutating func setBit(_ mask: UInt8, _ on: Bool) {
        switches = on ? switches | mask : switches & ~mask
    }
}
