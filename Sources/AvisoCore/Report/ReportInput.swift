/// Everything `report.html` shows: the run's report (the same one summary.json is written from,
/// so every number matches), the configuration in force, the previous run for comparison and the
/// extras the page needs (forecast, data quality, reject examples, names).
public struct ReportInput: Sendable {
    /// What the run did.
    public var report: RunReport
    /// The configuration in force (fees, delivery estimates).
    public var configuration: RunConfiguration
    /// The previous run's summary, if there was one, for the comparison section.
    public var previous: PreviousRun?
    /// The next days as the rules would see them; the page charts the first ten business days
    /// after the run date.
    public var forecast: [ForecastDay]
    /// Contact-data problems per account.
    public var dataQuality: [AccountDataQuality]
    /// All of the run's rejects; the page shows up to three per reason, in rejects.csv order.
    /// A run gives them in that order already, so that putting them in order is one pass.
    public var rejectExamples: [RejectRecord]
    /// Account id → account name.
    public var accountNames: [String: String]
    /// State (UF) → letters mailed there and their face value in centavos.
    public var lettersByState: [String: (letters: Int, value: Int64)]
    /// Optional cross-tab slot name → channel → messages. RunReport keeps only the marginals, so
    /// when this is empty the page shows messages per slot without the channel split.
    public var messagesBySlotAndChannel: [String: [Channel: Int]]

    /// Groups the page's inputs.
    public init(
        report: RunReport, configuration: RunConfiguration, previous: PreviousRun? = nil,
        forecast: [ForecastDay] = [], dataQuality: [AccountDataQuality] = [],
        rejectExamples: [RejectRecord] = [], accountNames: [String: String] = [:],
        lettersByState: [String: (letters: Int, value: Int64)] = [:],
        messagesBySlotAndChannel: [String: [Channel: Int]] = [:]
    ) {
        self.report = report
        self.configuration = configuration
        self.previous = previous
        self.forecast = forecast
        self.dataQuality = dataQuality
        self.rejectExamples = rejectExamples
        self.accountNames = accountNames
        self.lettersByState = lettersByState
        self.messagesBySlotAndChannel = messagesBySlotAndChannel
    }
}
