/// Everything a run needs to know besides the export's contents.
public struct RunOptions: Sendable {
    /// The run date D.
    public var runDate: Day
    /// The export folder, searched by base name.
    public var inputDirectory: String?
    /// Files named explicitly, by table base name (`charges` → path).
    public var explicitInputs: [String: String]
    /// Where `<YYYY-MM-DD>/` folders are published.
    public var outputRoot: String
    public var configuration: RunConfiguration
    /// Holiday calendars in force (the built-in one first, unless replaced).
    public var calendars: [HolidayCalendar]
    /// Folder of Mustache templates overriding the built-in ones.
    public var templateDirectory: String?
    /// Decide and count everything, but publish nothing.
    public var dryRun: Bool
    /// Written into summary.json.
    public var toolVersion: String

    public init(
        runDate: Day, inputDirectory: String?, explicitInputs: [String: String] = [:], outputRoot: String,
        configuration: RunConfiguration = RunConfiguration(), calendars: [HolidayCalendar],
        templateDirectory: String? = nil, dryRun: Bool = false, toolVersion: String
    ) {
        self.runDate = runDate
        self.inputDirectory = inputDirectory
        self.explicitInputs = explicitInputs
        self.outputRoot = outputRoot
        self.configuration = configuration
        self.calendars = calendars
        self.templateDirectory = templateDirectory
        self.dryRun = dryRun
        self.toolVersion = toolVersion
    }
}
