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

    @OptionGroup var export: ExportOptions

    @Option(help: ArgumentHelp("Where the YYYY-MM-DD output folders are published.", valueName: "OUT_DIR"))
    var out: String

    @Option(help: ArgumentHelp("A folder of Mustache templates overriding the built-in messages (KEY.mustache).", valueName: "DIR"))
    var templates: String?

    @Option(help: ArgumentHelp("The run ledger (SQLite). Default: OUT_DIR/.aviso/ledger.sqlite.", valueName: "FILE"))
    var state: String?

    @Option(help: ArgumentHelp(
        "Where the run writes what it keeps but rarely reads again (every charge id, the message contexts, the customers of a gzip or XML file), in temporary files it unlinks at once: at 10M charges some 330 MB (CSV) or 730 MB (gzip, XML) out of memory. A folder that cannot take them keeps them in memory. Default: OUT_DIR.",
        valueName: "DIR"))
    var spillDir: String?

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
        let configuration = try export.configuration()
        let runDate = try export.day(date, option: "--date", configuration: configuration)
        var options = try export.runOptions(runDate: runDate, configuration: configuration)
        options.outputRoot = out
        options.templateDirectory = templates
        options.dryRun = dryRun
        options.statePath = state
        options.spillDirectory = spillDir
        options.lockTimeoutSeconds = lockTimeout
        options.catchUp = catchUp
        for report in try NightlyRun(options: options, logger: logger).execute() {
            logger.info("\(RunSummaryLine.text(report))")
        }
    }
}
