import Foundation

/// Progress on stderr for long reads, only when stderr is a terminal (never in cron logs):
/// rows read and rows per second, rewritten in place at most every half second.
struct ProgressLine {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private var lastShown = Date.distantPast
    private var shown = false

    init(label: String) {
        self.label = label
        self.enabled = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["AVISO_NO_PROGRESS"] == nil
    }

    mutating func update(rows: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= 0.5 else { return }
        lastShown = now
        shown = true
        write(rows: rows, now: now, final: false)
    }

    mutating func finish(rows: Int) {
        guard enabled, shown else { return }
        write(rows: rows, now: Date(), final: true)
    }

    private func write(rows: Int, now: Date, final: Bool) {
        let seconds = max(now.timeIntervalSince(start), 0.001)
        let rate = Int(Double(rows) / seconds)
        let text = "\r\(label): \(rows) rows read, \(rate) rows/s" + (final ? "\n" : "")
        FileHandle.standardError.write(Data(text.utf8))
    }
}
