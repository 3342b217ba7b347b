/// One boleto to print and mail, as listed in `postal-manifest.csv`.
public struct ManifestLetter: Sendable, Equatable {
    /// The account (merchant) id.
    public var account: String
    /// The charge id.
    public var payment: String
    /// The bank's "nosso número" of the boleto, when exported.
    public var nossoNumero: String?
    /// The customer id.
    public var customer: String
    /// The customer's name, as the letter is addressed.
    public var name: String
    /// The customer's CPF or CNPJ, when exported.
    public var cpfCnpj: String?
    /// Street.
    public var address: String
    /// House number.
    public var addressNumber: String
    /// Complement (apartment, block), when exported.
    public var complement: String?
    /// Neighbourhood (bairro).
    public var province: String
    /// City.
    public var cityName: String
    /// UF, two letters.
    public var state: String
    /// CEP as 8 digits.
    public var postalCode: String
    /// Due date of the boleto.
    public var dueDate: Day
    /// Face value in centavos.
    public var value: Int64
    /// The linha digitável.
    public var identificationField: String
    /// Postal fee in centavos.
    public var fee: Int64

    /// A letter with every field given.
    public init(
        account: String, payment: String, nossoNumero: String? = nil, customer: String, name: String,
        cpfCnpj: String? = nil, address: String, addressNumber: String, complement: String? = nil,
        province: String, cityName: String, state: String, postalCode: String, dueDate: Day, value: Int64,
        identificationField: String, fee: Int64
    ) {
        self.account = account
        self.payment = payment
        self.nossoNumero = nossoNumero
        self.customer = customer
        self.name = name
        self.cpfCnpj = cpfCnpj
        self.address = address
        self.addressNumber = addressNumber
        self.complement = complement
        self.province = province
        self.cityName = cityName
        self.state = state
        self.postalCode = postalCode
        self.dueDate = dueDate
        self.value = value
        self.identificationField = identificationField
        self.fee = fee
    }
}

/// Writes `postal-manifest.csv`: the letters sorted by CEP then charge id (byte order),
/// numbered from 1, CEP as `00000-000`, dates ISO, money in reais with two decimals, and a last
/// line `TOTAL` with the letter count (in `payment`), the summed face value and the summed fees.
public enum PostalManifestWriter {
    /// The header line's fields.
    public static let header = [
        "sequence", "account", "payment", "nossoNumero", "customer", "name", "cpfCnpj", "address",
        "addressNumber", "complement", "province", "cityName", "state", "postalCode", "dueDate", "value",
        "identificationField", "fee",
    ]

    /// Whether `a` goes before `b`: CEP, then charge id, then account (ties only in odd inputs).
    public static func precedes(_ a: ManifestLetter, _ b: ManifestLetter) -> Bool {
        if let order = OutboundFileWriter.byteOrder(a.postalCode, b.postalCode) { return order }
        if let order = OutboundFileWriter.byteOrder(a.payment, b.payment) { return order }
        return OutboundFileWriter.byteOrder(a.account, b.account) ?? false
    }

    /// The whole file.
    public static func bytes(_ letters: [ManifestLetter]) -> [UInt8] {
        var csv = CSVWriter()
        forEachRow(letters) { csv.writeRow($0) }
        return csv.bytes
    }

    /// Writes the file at `path`.
    /// - Throws: `AvisoError(.output)`.
    public static func write(_ letters: [ManifestLetter], to path: String) throws {
        let file = try OutputFile(path: path)
        try forEachRow(letters) { fields in
            CSVWriter.appendRow(fields, to: &file.buffer)
            try file.flushIfLarge()
        }
        try file.close()
    }

    /// `12345678` → `12345-678`; anything that is not 8 characters is written as it is.
    public static func formatCEP(_ digits: String) -> String {
        let bytes = Array(digits.utf8)
        guard bytes.count == 8 else { return digits }
        return String(decoding: bytes[0..<5], as: UTF8.self) + "-" + String(decoding: bytes[5...], as: UTF8.self)
    }

    /// Calls `body` with the header, each letter's fields in order, and the totals line.
    private static func forEachRow(_ letters: [ManifestLetter], _ body: ([String]) throws -> Void) rethrows {
        try body(header)
        var totalValue: Int64 = 0, totalFee: Int64 = 0
        for (index, letter) in letters.sorted(by: precedes).enumerated() {
            totalValue += letter.value
            totalFee += letter.fee
            try body([
                String(index + 1), letter.account, letter.payment, letter.nossoNumero ?? "", letter.customer,
                letter.name, letter.cpfCnpj ?? "", letter.address, letter.addressNumber, letter.complement ?? "",
                letter.province, letter.cityName, letter.state, formatCEP(letter.postalCode), letter.dueDate.iso,
                MoneyFormat.decimal(letter.value), letter.identificationField, MoneyFormat.decimal(letter.fee),
            ])
        }
        var total = [String](repeating: "", count: header.count)
        total[0] = "TOTAL"
        total[2] = String(letters.count)
        total[15] = MoneyFormat.decimal(totalValue)
        total[17] = MoneyFormat.decimal(totalFee)
        try body(total)
    }
}
