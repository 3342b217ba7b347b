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
    /// The run ledger; nil means `OUT_DIR/.aviso/ledger.sqlite`.
    public var statePath: String?
    /// How long to wait for another run holding the ledger.
    public var lockTimeoutSeconds: Double = 30
    /// Run the business days missed since the last recorded run first, in order.
    public var catchUp: Bool = false

    /// Where the run writes out what it must keep but rarely reads again (each charge's id,
    /// the texts of customers from a gzip or XML file), in a temporary file it unlinks at once;
    /// nil means the output root. A folder that cannot take the file keeps it all in memory.
    public var spillDirectory: String?

    /// The ledger file in force.
    public var resolvedStatePath: String { statePath ?? Ledger.defaultPath(outputRoot: outputRoot) }

    /// The spill folder in force.
    public var resolvedSpillDirectory: String { spillDirectory ?? outputRoot }

    public init(
        runDate: Day, inputDirectory: String?, explicitInputs: [String: String] = [:], outputRoot: String,
        configuration: RunConfiguration = RunConfiguration(), calendars: [HolidayCalendar],
        templateDirectory: String? = nil, dryRun: Bool = false, toolVersion: String,
        statePath: String? = nil, lockTimeoutSeconds: Double = 30, catchUp: Bool = false
    ) {
        self.statePath = statePath
        self.lockTimeoutSeconds = lockTimeoutSeconds
        self.catchUp = catchUp
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
