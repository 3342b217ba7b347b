import ArgumentParser
import AvisoCore

/// `aviso status`: the last runs recorded and any gap before today's run.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last runs in the ledger, their outcome, and any missed business day.",
        discussion: "Example: aviso status --out out"
    )

    @OptionGroup var location: LedgerLocation

    @Option(help: "How many runs to show.")
    var last: Int = 10

    func run() throws {
        let ledger = try location.open()
        let runs = try ledger.runs(limit: max(1, last))
        guard !runs.isEmpty else {
            print("no run recorded yet")
            return
        }
        let rows = runs.map { run in
            [run.runDate, run.businessDay ? "yes" : "no", run.outcome, String(run.messages), String(run.letters), String(run.rejects), run.startedAt, run.finishedAt]
        }
        print(TextTable.render(header: ["runDate", "business", "outcome", "messages", "letters", "rejects", "started", "finished"], rows: rows))
        let gaps = try ledger.gaps(calendar: BusinessCalendar(calendars: [BrazilBankingCalendar.builtIn]))
        if gaps.isEmpty {
            print("no gap: every business day between the recorded runs has a run")
        } else {
            print("business days without a run between recorded runs: \(gaps.map(\.iso).joined(separator: ", "))")
        }
    }
}
