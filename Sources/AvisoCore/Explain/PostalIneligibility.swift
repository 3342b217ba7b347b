/// Why a charge gets no printed boleto at all (RULES.md "Postal boletos", eligibility), the
/// first that applies in this order.
public enum PostalIneligibility: Sendable, Equatable {
    /// Neither the customer's nor the charge's `postalService` is set.
    case notRequested
    /// The charge is not open.
    case notOpen
    /// The billing type is neither BOLETO nor UNDEFINED.
    case billingType
    /// The charge has no identificationField (linha digitável).
    case noIdentificationField
}
