import ArgumentParser
import AvisoCore

/// Where `history` and `status` find the ledger: --state, or --out as `run` uses it.
struct LedgerLocation: ParsableArguments {
    @Option(help: ArgumentHelp("The run ledger (SQLite).", valueName: "FILE"))
    var state: String?

    @Option(help: ArgumentHelp("The output folder of the runs; the ledger is OUT_DIR/.aviso/ledger.sqlite.", valueName: "OUT_DIR"))
    var out: String?

    func validate() throws {
        guard state != nil || out != nil else { throw ValidationError("give --state FILE or --out OUT_DIR to find the ledger") }
    }

    /// Opens the ledger, which must exist.
    func open() throws -> Ledger {
        let path = state ?? Ledger.defaultPath(outputRoot: out ?? ".")
        guard let ledger = try Ledger.openExisting(path: path) else {
            throw AvisoError(.usage, file: path, "no ledger here", hint: "a ledger is created by the first `aviso run`; check --state or --out")
        }
        return ledger
    }
}
