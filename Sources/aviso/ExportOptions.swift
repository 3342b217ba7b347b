import ArgumentParser
import AvisoCore

/// The options that say which export, configuration and calendars to read, as `aviso run` takes
/// them; shared by `aviso explain` and `aviso forecast`.
struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The export folder (charges, customers, accounts, notifications, resends as .csv/.xml, optionally .gz).", valueName: "EXPORT_DIR"))
    var input: String?

    @Option(help: ArgumentHelp("A JSON configuration (time zone, fees, delivery days, limits); keys left out keep their defaults.", valueName: "FILE.json"))
    var config: String?

    @Option(name: .customLong("holidays"), help: ArgumentHelp("An extra holiday calendar (CSV date,name or .ics); repeat for several.", valueName: "FILE"))
    var holidayFiles: [String] = []

    @Flag(help: "Do not load the built-in national banking calendar (use only the --holidays files).")
    var noNationalCalendar = false

    @Option(help: ArgumentHelp("The charges file, instead of looking in --input.", valueName: "FILE"))
    var charges: String?
    @Option(help: ArgumentHelp("The customers file.", valueName: "FILE"))
    var customers: String?
    @Option(help: ArgumentHelp("The accounts file.", valueName: "FILE"))
    var accounts: String?
    @Option(help: ArgumentHelp("The notification settings file.", valueName: "FILE"))
    var notifications: String?
    @Option(help: ArgumentHelp("The manual resend requests file.", valueName: "FILE"))
    var resends: String?

    /// The configuration file's settings, or the defaults.
    func configuration() throws -> RunConfiguration {
        try config.map { try ConfigurationLoader.load(path: $0) } ?? RunConfiguration()
    }

    /// A date option as a day, or today in the configured time zone when absent.
    func day(_ text: String?, option: String, configuration: RunConfiguration) throws -> Day {
        guard let text else { return try LocalDate.today(timeZone: configuration.timeZone) }
        guard let parsed = Day(iso: text) else {
            throw AvisoError(.usage, "\(option) '\(text)' is not a date", hint: "write it as YYYY-MM-DD, e.g. 2026-12-04")
        }
        return parsed
    }

    /// Run options for a date, exactly as `aviso run` would build them (nothing is written).
    func runOptions(runDate: Day, configuration: RunConfiguration) throws -> RunOptions {
        var calendars: [HolidayCalendar] = noNationalCalendar ? [] : [BrazilBankingCalendar.builtIn]
        for file in holidayFiles { calendars.append(try HolidayCalendarLoader.load(path: file)) }
        guard !calendars.isEmpty else {
            throw AvisoError(.usage, "no holiday calendar loaded", hint: "give --holidays FILE when using --no-national-calendar")
        }
        var explicit: [String: String] = [:]
        for (table, path) in [("charges", charges), ("customers", customers), ("accounts", accounts), ("notifications", notifications), ("resends", resends)] {
            if let path { explicit[table] = path }
        }
        guard input != nil || explicit.count >= 3 else {
            throw AvisoError(.usage, "no export given", hint: "use --input EXPORT_DIR, or name the files with --charges, --customers and --accounts")
        }
        return RunOptions(
            runDate: runDate, inputDirectory: input, explicitInputs: explicit, outputRoot: "",
            configuration: configuration, calendars: calendars, dryRun: true, toolVersion: Aviso.version)
    }
}
