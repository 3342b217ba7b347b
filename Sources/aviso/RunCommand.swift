import ArgumentParser
import AvisoCore
import Foundation
import Logging

/// `aviso run`: the nightly run for one date.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the notifications of one date and publish its output folder.",
        discussion: """
        Reads the export in --input, decides every notification, letter and reject for the run \
        date, and publishes OUT/YYYY-MM-DD/ atomically: a rerun replaces that day as a whole and \
        a failed run publishes nothing.

        Example (the shipped samples):
          aviso run --date 2026-12-04 --input samples/csv --out out --config samples/config.json

        From cron, leave out --date: the run date is then today in the configured time zone \
        (America/Sao_Paulo by default), not the machine's UTC date.
        """
    )

    @Option(help: ArgumentHelp("The run date D, as YYYY-MM-DD. Default: today in the configured time zone.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: ArgumentHelp("The export folder (charges, customers, accounts, notifications, resends as .csv/.xml, optionally .gz).", valueName: "EXPORT_DIR"))
    var input: String?

    @Option(help: ArgumentHelp("Where the YYYY-MM-DD output folders are published.", valueName: "OUT_DIR"))
    var out: String

    @Option(help: ArgumentHelp("A JSON configuration (time zone, fees, delivery days, limits); keys left out keep their defaults.", valueName: "FILE.json"))
    var config: String?

    @Option(name: .customLong("holidays"), help: ArgumentHelp("An extra holiday calendar (CSV date,name or .ics); repeat for several. A date is a holiday if any calendar lists it.", valueName: "FILE"))
    var holidayFiles: [String] = []

    @Flag(help: "Do not load the built-in national banking calendar (use only the --holidays files).")
    var noNationalCalendar = false

    @Option(help: ArgumentHelp("A folder of Mustache templates overriding the built-in messages (KEY.mustache).", valueName: "DIR"))
    var templates: String?

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

    @Option(help: ArgumentHelp("The run ledger (SQLite). Default: OUT_DIR/.aviso/ledger.sqlite.", valueName: "FILE"))
    var state: String?

    @Option(help: ArgumentHelp("Seconds to wait when another run holds the ledger, before giving up with exit code 6.", valueName: "SECONDS"))
    var lockTimeout: Double = 30

    @Flag(help: "First run, in order, every business day missed since the last recorded run (from the same export).")
    var catchUp = false

    @Flag(help: "Read and decide everything, print the counts, but write nothing (the ledger is only read).")
    var dryRun = false

    @Flag(help: "Print only warnings and errors on stderr.")
    var quiet = false

    func run() throws {
        var logger = Logger(label: "aviso")
        logger.logLevel = quiet ? .warning : .info
        let configuration = try config.map { try ConfigurationLoader.load(path: $0) } ?? RunConfiguration()
        let runDate: Day
        if let date {
            guard let parsed = Day(iso: date) else {
                throw AvisoError(.usage, "--date '\(date)' is not a date", hint: "write it as YYYY-MM-DD, e.g. 2026-12-04")
            }
            runDate = parsed
        } else {
            runDate = try LocalDate.today(timeZone: configuration.timeZone)
        }
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
        let options = RunOptions(
            runDate: runDate, inputDirectory: input, explicitInputs: explicit, outputRoot: out,
            configuration: configuration, calendars: calendars, templateDirectory: templates,
            dryRun: dryRun, toolVersion: Aviso.version, statePath: state,
            lockTimeoutSeconds: lockTimeout, catchUp: catchUp
        )
        for report in try NightlyRun(options: options, logger: logger).execute() {
            logger.info("\(RunSummaryLine.text(report))")
        }
    }
}
