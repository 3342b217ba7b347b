/// `fees.csv`: every account's fees per channel in reais, for finance to bill from. The report
/// page shows only the top accounts; this file has them all.
public enum FeeTable {
    /// The header line's fields.
    public static let header = ["account", "name", "email", "sms", "whatsapp", "voice", "postal", "total"]

    /// `account,name,email,sms,whatsapp,voice,postal,total`, one row per account sorted by id
    /// (bytewise), amounts in reais with two decimals (`1234.56`), then a `TOTAL` row (empty
    /// name) with the column sums. LF line ends, RFC 4180 quoting.
    public static func csv(_ report: RunReport, accountNames: [String: String]) -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(header)
        var totals = AccountFees()
        for account in report.feesByAccount.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let fees = report.feesByAccount[account]!
            writer.writeRow([account, accountNames[account] ?? ""] + amounts(fees))
            for channel in Channel.allCases { totals.fees[channel, default: 0] += fees.fees[channel, default: 0] }
            totals.postalFees += fees.postalFees
        }
        writer.writeRow(["TOTAL", ""] + amounts(totals))
        return writer.bytes
    }

    private static func amounts(_ fees: AccountFees) -> [String] {
        Channel.allCases.map { MoneyFormat.decimal(fees.fees[$0, default: 0]) }
            + [MoneyFormat.decimal(fees.postalFees), MoneyFormat.decimal(fees.total)]
    }
}
