import ArgumentParser
import AvisoCore
import Foundation

/// `aviso explain`: why a payment gets (or does not get) each notification and its letter on a date.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain, step by step, what the run of a date decides for one payment.",
        discussion: """
        Reads the export exactly as `aviso run` does and, for the payment, tells per slot whether \
        it is enabled, its rule, whether its condition holds, the date it aims at, the send date \
        and its weekend/holiday shift, whether it fires on the date, and per channel the contact \
        used or why the message is rejected; then the postal letter. A rejected or left-out row \
        is said so, with its reason and line. Nothing is written.

        Example (the shipped samples):
          aviso explain --payment pay_886938293359 --date 2026-12-04 --input samples/csv --config samples/config.json
        """
    )

    @Option(help: ArgumentHelp("The payment (charge) id.", valueName: "ID"))
    var payment: String

    @Option(help: ArgumentHelp("The run date D, as YYYY-MM-DD. Default: today in the configured time zone.", valueName: "YYYY-MM-DD"))
    var date: String?

    @OptionGroup var export: ExportOptions

    @Option(help: ArgumentHelp("The language of the explanation: pt (default) or en.", valueName: "pt|en"))
    var language: String = "pt"

    func validate() throws {
        guard ExplanationWriter.Language(rawValue: language) != nil else {
            throw ValidationError("--language must be pt or en, not '\(language)'")
        }
    }

    func run() throws {
        let configuration = try export.configuration()
        let runDate = try export.day(date, option: "--date", configuration: configuration)
        let options = try export.runOptions(runDate: runDate, configuration: configuration)
        let result = try ChargeExplainer(options: options).explain(payment: payment)
        let writer = ExplanationWriter(language: ExplanationWriter.Language(rawValue: language) ?? .pt)
        FileHandle.standardOutput.write(Data(writer.text(result).utf8))
    }
}
