import ArgumentParser
import AvisoCore
import Foundation
import Logging

/// The `aviso` command: argument parsing and exit codes over AvisoCore.
@main
struct Aviso: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "aviso",
        abstract: "Decides and writes the day's billing notifications from a payment platform's export.",
        discussion: """
        Aviso reads an export folder (charges, customers, accounts, notification settings; CSV or \
        XML, optionally gzipped), applies Brazil's banking calendar and the notification rules, and \
        writes one folder per run date: email.jsonl, sms.jsonl, whatsapp.jsonl, voice.jsonl, \
        postal-manifest.csv, rejects.csv, resend-results.csv and summary.json.

        Exit codes: 0 success; 2 bad command line or configuration; 3 an input file can't be \
        trusted (missing, unreadable, malformed, too many rejected rows); 4 a date outside the \
        holiday calendars' years; 5 the output or the ledger could not be written; 6 another run holds the \
        ledger; 1 anything unexpected.
        """,
        version: version,
        subcommands: [
            RunCommand.self, ExplainCommand.self, ForecastCommand.self, HistoryCommand.self, StatusCommand.self,
            GenerateCommand.self, HolidaysCommand.self,
        ],
        defaultSubcommand: nil
    )

    /// Parses, runs, and maps errors to the documented exit codes.
    static func main() {
        MemoryTuning.returnLargeBlocksToTheSystem()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            try command.run()
        } catch let error as AvisoError {
            FileHandle.standardError.write(Data("aviso: error: \(error)\n".utf8))
            Foundation.exit(ExitCodes.code(for: error.category))
        } catch {
            // Help requests and argument errors that surface from a subcommand's run(): let
            // ArgumentParser print them, but keep usage errors on the documented code 2.
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            FileHandle.standardError.write(Data("aviso: unexpected error: \(error)\n".utf8))
            Foundation.exit(1)
        }
    }
}

/// The documented process exit codes.
enum ExitCodes {
    static func code(for category: AvisoError.Category) -> Int32 {
        switch category {
        case .usage: return 2
        case .input: return 3
        case .calendar: return 4
        case .output: return 5
        case .busy: return 6
        }
    }
}
