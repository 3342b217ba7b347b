/// How a charge is paid, as the platform names it.
public enum BillingType: String, Sendable, CaseIterable {
    case boleto = "BOLETO"
    case pix = "PIX"
    case creditCard = "CREDIT_CARD"
    case debitCard = "DEBIT_CARD"
    case transfer = "TRANSFER"
    case deposit = "DEPOSIT"
    case undefined = "UNDEFINED"

    /// BOLETO and UNDEFINED charges can carry a printed boleto and its linha digitável.
    public var carriesBoleto: Bool { self == .boleto || self == .undefined }
}
