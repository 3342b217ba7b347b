import ArgumentParser
import AvisoCore
import Foundation

/// `aviso generate`: writes a synthetic export folder for tests and benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic, realistic export (accounts, customers, charges, notifications, resends) for a run date.",
        discussion: """
        The same arguments always write the same bytes (a seeded generator). About 0.2% of the \
        rows of files with 500 rows or more are bad on purpose, well under the 1% reject limit. \
        Files of the same base name in another format in OUT_DIR are replaced. gzip uses zlib \
        level 1 (fast).

        Example: aviso generate --charges 1000000 --customers 200000 --out /tmp/export --gzip
        """
    )

    @Option(help: "Charge rows.")
    var charges: Int

    @Option(help: "Customer rows.")
    var customers: Int

    @Option(help: "Account rows (default: one per 200 customers, at least one).")
    var accounts: Int?

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("File format.", valueName: "csv|xml"))
    var format: String = "csv"

    @Flag(help: "Gzip every file.")
    var gzip = false

    @Option(help: ArgumentHelp("The export folder to write.", valueName: "OUT_DIR"))
    var out: String

    @Option(help: ArgumentHelp("The run date the export is for.", valueName: "YYYY-MM-DD"))
    var date: String = "2026-12-04"

    func run() throws {
        guard let runDate = Day(iso: date) else {
            throw AvisoError(.usage, "--date '\(date)' is not a date", hint: "write it as YYYY-MM-DD, e.g. 2026-12-04")
        }
        guard let fileFormat = ExportGenerator.Format(rawValue: format) else {
            throw AvisoError(.usage, "--format '\(format)' is not csv or xml")
        }
        let generator = try ExportGenerator(options: ExportGenerator.Options(
            charges: charges, customers: customers, accounts: accounts, seed: seed,
            format: fileFormat, gzip: gzip, runDate: runDate
        ))
        for file in try generator.write(to: out) {
            print("\(file.path): \(file.rows) rows, \(file.bytes) bytes")
        }
    }
}
