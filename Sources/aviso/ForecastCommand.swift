import ArgumentParser
import AvisoCore
import Foundation

/// `aviso forecast`: what the runs of the coming dates would emit from the export as it stands.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast messages, rejects, letters and fees per day for the coming dates.",
        discussion: """
        Reads the export once and plans every payment for each calendar day from --from on, \
        with the same rules as `aviso run` of that day (manual resends can't be foreseen and are \
        left out). Non-business days show zeros. Fees are centavos in csv and json.

        Example (the shipped samples):
          aviso forecast --from 2026-11-30 --days 14 --input samples/csv --config samples/config.json
        """
    )

    @Option(help: ArgumentHelp("The first date, as YYYY-MM-DD. Default: today in the configured time zone.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("How many calendar days (1–3660).", valueName: "N"))
    var days: Int = 14

    @OptionGroup var export: ExportOptions

    @Option(help: ArgumentHelp("table (default), csv or json.", valueName: "FORMAT"))
    var format: String = "table"

    func validate() throws {
        guard (1...3660).contains(days) else { throw ValidationError("--days must be between 1 and 3660, not \(days)") }
        guard ForecastWriter.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be table, csv or json, not '\(format)'")
        }
    }

    func run() throws {
        let configuration = try export.configuration()
        let first = try export.day(from, option: "--from", configuration: configuration)
        let options = try export.runOptions(runDate: first, configuration: configuration)
        let forecast = try Forecaster(options: options).forecast(from: first, days: days)
        let bytes = ForecastWriter.render(forecast, format: ForecastWriter.Format(rawValue: format) ?? .table)
        FileHandle.standardOutput.write(Data(bytes))
    }
}
