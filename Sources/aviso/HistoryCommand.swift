import ArgumentParser
import AvisoCore

/// `aviso history`: what the ledger holds for one charge, for the support desk.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every message and resend the ledger holds for a charge.",
        discussion: """
        Answers "did my customer get the reminder?": one line per message sent for the charge \
        (run date, slot, channel, recipient, message id) and per resend request handled.

        Example: aviso history --payment pay_123 --out out
        """
    )

    @Option(help: ArgumentHelp("The charge id.", valueName: "ID"))
    var payment: String

    @OptionGroup var location: LedgerLocation

    func run() throws {
        let (messages, resends) = try location.open().history(payment: payment)
        if messages.isEmpty && resends.isEmpty {
            print("no message or resend recorded for \(payment)")
            return
        }
        if !messages.isEmpty {
            print("messages for \(payment):")
            let rows = messages.map { [$0.runDate, $0.slot, $0.channel, $0.recipient, $0.id, $0.resendRequest ?? ""] }
            print(TextTable.render(header: ["runDate", "slot", "channel", "recipient", "id", "resendRequest"], rows: rows))
        }
        if !resends.isEmpty {
            print("resend requests for \(payment):")
            let rows = resends.map { [$0.runDate, $0.requestId, $0.requestedAt, $0.outcome, $0.reason, $0.channels] }
            print(TextTable.render(header: ["runDate", "request", "requestedAt", "outcome", "reason", "channels"], rows: rows))
        }
    }
}
