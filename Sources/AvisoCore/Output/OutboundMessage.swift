/// The content of one outbound message, by channel.
public enum OutboundMessage: Sendable, Equatable {
    /// An email: subject line and plain-text body (pt-BR).
    case email(subject: String, text: String)
    /// An SMS: GSM-7 text of at most 160 septets.
    case sms(text: String)
    /// A WhatsApp Business template message: the template name and its ordered parameters.
    case whatsapp(template: String, parameters: [String])
    /// A voice call: the script for speech synthesis.
    case voice(script: String)

    /// The channel this message goes by.
    public var channel: Channel {
        switch self {
        case .email: return .email
        case .sms: return .sms
        case .whatsapp: return .whatsapp
        case .voice: return .voice
        }
    }
}
