import Foundation

/// The run's phases after reading (resends, preparing, composing and writing, recording,
/// publishing) on stderr, one line each with the seconds it took, only when stderr is a
/// terminal (never in cron logs), like the reading's `ProgressLine`:
/// `2026-12-04: composing and writing the day's files… 9.3 s`. A log line must wait for
/// `finish`, or it would land in the middle of a phase's line.
struct PhaseLine {
    private let enabled: Bool
    private let prefix: String
    // When the phase under way began.
    private var started: Date?

    /// Phase lines of the run of `runDate`.
    init(runDate: Day) {
        enabled = ProgressLine.showsProgress
        prefix = runDate.iso + ": "
    }

    /// Ends the phase under way, if any, and shows `name` as the one now under way.
    mutating func begin(_ name: String) {
        guard enabled else { return }
        finish()
        FileHandle.standardError.write(Data("\(prefix)\(name)…".utf8))
        started = Date()
    }

    /// Ends the phase under way, if any, with its seconds.
    mutating func finish() {
        guard enabled, let start = started else { return }
        FileHandle.standardError.write(Data(" \(ProgressLine.oneDecimal(Date().timeIntervalSince(start))) s\n".utf8))
        started = nil
    }
}
