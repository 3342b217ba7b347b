/// Postal boleto rules of RULES.md: CEP clean-up, the CEP ranges of the states, and the checks
/// a letter must pass before it is printed and mailed.
public enum PostalRules {
    /// Reason code when street, number, neighbourhood, city or state is missing.
    public static let addressIncomplete = "POSTAL_ADDRESS_INCOMPLETE"
    /// Reason code for a missing or malformed CEP, an unknown state, or a CEP outside its state.
    public static let invalidCEP = "POSTAL_INVALID_CEP"
    /// Reason code when the estimated delivery is after the effective due date.
    public static let tooLate = "POSTAL_TOO_LATE"

    /// The CEP as 8 ASCII digits once dashes, dots and spaces are removed; nil otherwise.
    public static func normalizedCEP(_ raw: String) -> String? {
        var digits: [UInt8] = []
        digits.reserveCapacity(8)
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: " "):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits.count < 8 else { return nil }
                digits.append(byte)
            default:
                return nil
            }
        }
        guard digits.count == 8 else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The ranges of the first five CEP digits for a state (UF, compared upper-cased), or nil
    /// for an unknown state. AM, DF and GO have two ranges.
    public static func cepRanges(state: String) -> [ClosedRange<Int>]? {
        switch state.uppercased() {
        case "SP": return [1000...19999]
        case "RJ": return [20000...28999]
        case "ES": return [29000...29999]
        case "MG": return [30000...39999]
        case "BA": return [40000...48999]
        case "SE": return [49000...49999]
        case "PE": return [50000...56999]
        case "AL": return [57000...57999]
        case "PB": return [58000...58999]
        case "RN": return [59000...59999]
        case "CE": return [60000...63999]
        case "PI": return [64000...64999]
        case "MA": return [65000...65999]
        case "PA": return [66000...68899]
        case "AP": return [68900...68999]
        case "AM": return [69000...69299, 69400...69899]
        case "RR": return [69300...69399]
        case "AC": return [69900...69999]
        case "DF": return [70000...72799, 73000...73699]
        case "GO": return [72800...72999, 73700...76799]
        case "RO": return [76800...76999]
        case "TO": return [77000...77999]
        case "MT": return [78000...78899]
        case "MS": return [79000...79999]
        case "PR": return [80000...87999]
        case "SC": return [88000...89999]
        case "RS": return [90000...99999]
        default: return nil
        }
    }

    /// Whether an 8-digit CEP lies inside one of its state's ranges (false for an unknown state
    /// or a CEP that is not 8 digits).
    public static func cep(_ cep: String, isInside state: String) -> Bool {
        guard let ranges = cepRanges(state: state), let prefix = cepPrefix(cep) else { return false }
        return ranges.contains { $0.contains(prefix) }
    }

    /// The first five digits of an 8-digit CEP as a number.
    static func cepPrefix(_ cep: String) -> Int? {
        let bytes = cep.utf8
        guard bytes.count == 8 else { return nil }
        var value = 0
        for (i, byte) in bytes.enumerated() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if i < 5 { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
        }
        return value
    }

    /// Whether the charge gets a printed boleto at all: open, BOLETO or UNDEFINED, with a linha
    /// digitável, and the customer's or the charge's own `postalService` set.
    public static func isEligible(_ charge: Charge, customer: Customer) -> Bool {
        ineligibility(of: charge, customer: customer) == nil
    }

    /// The first eligibility check the charge fails (no one asked for letters, not open, a
    /// billing type without boleto, no linha digitável), or nil when its boleto is mailed.
    /// The one statement of the rule: the planner, explain and `isEligible` all use it.
    public static func ineligibility(of charge: Charge, customer: Customer) -> PostalIneligibility? {
        ineligibility(of: charge, customerPostalService: customer.postalService)
    }

    /// `ineligibility(of:customer:)` from the customer's `postalService` alone (nothing else of
    /// the customer decides it): the look ahead knows that from the customer's reach, and
    /// fetches the customer only for a charge that could go by post.
    static func ineligibility(of charge: Charge, customerPostalService: Bool) -> PostalIneligibility? {
        if !customerPostalService, !charge.postalService { return .notRequested }
        if !charge.isOpen { return .notOpen }
        if !charge.billingType.carriesBoleto { return .billingType }
        if !charge.hasIdentificationField { return .noIdentificationField }
        return nil
    }

    /// The names of the address fields that are missing (street, number, neighbourhood, city,
    /// state), in that order, as the customer file names them.
    public static func missingAddressFields(of customer: Customer) -> [String] {
        var missing: [String] = []
        if !isPresent(customer.address) { missing.append("address") }
        if !isPresent(customer.addressNumber) { missing.append("addressNumber") }
        if !isPresent(customer.province) { missing.append("province") }
        if !isPresent(customer.cityName) { missing.append("cityName") }
        if !isPresent(customer.state) { missing.append("state") }
        return missing
    }

    /// The CEP check for a complete address: the 8-digit CEP, or the detail of why it is invalid
    /// (missing, not 8 digits, unknown state, outside the state's ranges).
    public static func checkCEP(postalCode: String?, state: String) -> Result<String, CEPProblem> {
        guard let postalCode, isPresent(postalCode) else { return .failure(CEPProblem(detail: "postalCode missing")) }
        guard let cep = normalizedCEP(postalCode) else {
            return .failure(CEPProblem(detail: "postalCode \"\(postalCode)\" is not 8 digits"))
        }
        let uf = state.uppercased()
        guard let ranges = cepRanges(state: uf) else {
            return .failure(CEPProblem(detail: "unknown state \"\(state)\""))
        }
        let prefix = cepPrefix(cep) ?? -1
        guard ranges.contains(where: { $0.contains(prefix) }) else {
            return .failure(CEPProblem(detail: "CEP \(cep) is outside the CEP range of \(uf)"))
        }
        return .success(cep)
    }

    /// Why a CEP was refused, in words.
    public struct CEPProblem: Error, Sendable, Equatable {
        /// What was found.
        public var detail: String
    }

    // A value counts as present when it has something besides spaces; the input layer already
    // turns blank fields into nil, this only guards values built elsewhere.
    static func isPresent(_ value: String?) -> Bool {
        guard var value else { return false }
        return value.withUTF8 { isPresent(UnsafeRawBufferPointer($0)) }
    }

    /// Whether UTF-8 bytes hold anything but white space (nil holds nothing).
    static func isPresent(_ bytes: UnsafeRawBufferPointer?) -> Bool {
        guard let bytes else { return false }
        return bytes.contains { $0 != 0x20 && !(0x09...0x0D).contains($0) }
    }
}
