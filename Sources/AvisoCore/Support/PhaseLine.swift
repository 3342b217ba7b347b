import Foundation

/// The run's phases after reading (composing, writing, recording, publishing) on stderr, one
/// line each with the seconds it took, only when stderr is a terminal (never in cron logs),
/// like the reading's `ProgressLine`: `writing the day's files… 4.1 s`.
struct PhaseLine {
    private let enabled: Bool
    private var current: (name: String, start: Date)?

    init() {
        enabled = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["AVISO_NO_PROGRESS"] == nil
    }

    /// Ends the phase under way, if any, and shows `name` as the one now under way.
    mutating func begin(_ name: String) {
        guard enabled else { return }
        finish()
        FileHandle.standardError.write(Data("\(name)…".utf8))
        current = (name, Date())
    }

    /// Ends the phase under way, if any, with its seconds.
    mutating func finish() {
        guard enabled, let (_, start) = current else { return }
        FileHandle.standardError.write(Data(" \(ProgressLine.oneDecimal(Date().timeIntervalSince(start))) s\n".utf8))
        current = nil
    }
}
