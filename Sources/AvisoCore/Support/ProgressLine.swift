import Foundation

/// Progress on stderr for long reads, only when stderr is a terminal (never in cron logs):
/// the file being read (the phase), rows read, rows per second, and MB read and MB/s when
/// given a meter; rewritten in place at most every half second.
struct ProgressLine {
    private let label: String
    private let meter: MeteredByteSource.Meter?
    private let enabled: Bool
    private let start = Date()
    private var lastShown = Date.distantPast
    private var shown = false

    init(label: String, meter: MeteredByteSource.Meter? = nil) {
        self.label = label
        self.meter = meter
        self.enabled = Self.showsProgress
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
        var text = "\r\(label): \(rows) rows read, \(rate) rows/s"
        if let meter {
            let megabytes = Double(meter.bytes) / 1e6
            text += ", \(Self.oneDecimal(megabytes)) MB, \(Self.oneDecimal(megabytes / seconds)) MB/s"
        }
        if final { text += "\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether progress is shown at all: stderr is a terminal and `AVISO_NO_PROGRESS` is unset
    /// (the reading's lines and the later phases' lines alike).
    static var showsProgress: Bool {
        isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["AVISO_NO_PROGRESS"] == nil
    }

    /// `12.3`: one decimal, without Foundation's formatters.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
