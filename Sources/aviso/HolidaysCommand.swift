import ArgumentParser
import AvisoCore

/// `aviso holidays`: prints the national banking calendar the project ships.
struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "Print Brazil's national banking calendar as CSV (how holidays/brazil-banking.csv is made).",
        discussion: """
        The calendar is computed from the fixed holidays and the Easter rule (Carnival, Good \
        Friday, Corpus Christi), with Nov 20 from 2024 on. The built-in calendar of every run is \
        this one for 2000–2099.

        Example: aviso holidays --from 2000 --to 2099 > holidays/brazil-banking.csv
        """
    )

    @Option(help: "First year.")
    var from: Int = 2000

    @Option(help: "Last year.")
    var to: Int = 2099

    func validate() throws {
        guard (1583...9999).contains(from), (1583...9999).contains(to), from <= to else {
            throw ValidationError("--from and --to must be Gregorian years (1583–9999) with --from ≤ --to")
        }
    }

    func run() throws {
        print(BrazilBankingCalendar.csv(years: from...to), terminator: "")
    }
}
