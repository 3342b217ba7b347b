import Foundation
import Testing

extension EndToEndTests {
    /// The lines a terminal shows for `text` as written: `\r\n` is the terminal's line end,
    /// and within a line each `\r` starts a rewrite, so what stays is the part after the last.
    static func visibleLines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.split(separator: "\r", omittingEmptySubsequences: false).last ?? "") }
            .filter { !$0.isEmpty }
    }

    /// Progress goes to stderr when it is a terminal, and nowhere else: one line per input file
    /// ending with the rows summary.json counts, then one line per later phase with its
    /// seconds; stderr in a file (cron) and `AVISO_NO_PROGRESS=1` get the log line alone, and
    /// the published files are the same bytes in all three runs.
    @Test func progressIsShownOnATerminalOnly() throws {
        let scratch = try Scratch()
        let arguments = { (out: String) in
            ["run", "--date", Self.sampleDate, "--input", AvisoBinary.samples("csv"), "--out", scratch.path(out),
             "--config", AvisoBinary.samples("config.json")]
        }
        let shown = try AvisoBinary.runOnTerminal(arguments("terminal"))
        try #require(shown.status == 0, "run on a terminal failed: \(shown.terminal)")
        let logged = try AvisoBinary.run(arguments("logged"))
        try #require(logged.status == 0, "run with stderr in a file failed: \(logged.stderr)")
        let switchedOff = try AvisoBinary.runOnTerminal(arguments("switched-off"), environment: ["AVISO_NO_PROGRESS": "1"])
        try #require(switchedOff.status == 0, "run with AVISO_NO_PROGRESS=1 failed: \(switchedOff.terminal)")

        let snapshot = try FolderSnapshot(scratch.path("terminal/\(Self.sampleDate)"))
        let summary = try Self.summary(snapshot)
        let inputs = try #require(summary["inputs"] as? [[String: Any]])
        let messages = try #require((summary["notifications"] as? [String: Any])?["total"] as? Int)
        try #require(inputs.count == 5 && messages > 0)

        let lines = Self.visibleLines(shown.terminal)
        let fileLine = try Regex(#"^([a-z]+\.csv): ([0-9]+) rows read, [0-9]+ rows/s, [0-9]+\.[0-9] MB, [0-9]+\.[0-9] MB/s$"#)
        var rowsShown: [String: Int] = [:]
        for line in lines {
            if let match = line.wholeMatch(of: fileLine), let file = match.output[1].substring, let rows = match.output[2].substring {
                rowsShown[String(file)] = Int(rows)
            }
        }
        var rowsCounted: [String: Int] = [:]
        for input in inputs {
            rowsCounted[try #require(input["file"] as? String)] = try #require(input["rowsRead"] as? Int)
        }
        #expect(rowsShown == rowsCounted, "each file's last progress line gives its rows read: \(lines)")

        let phases = ["data-quality table and resends", "preparing \(messages) messages", "composing and writing the day's files",
                      "recording the run in the ledger", "publishing"]
        let phaseLines = lines.filter { $0.hasPrefix("\(Self.sampleDate): ") }
        #expect(phaseLines.count == phases.count, "\(phaseLines)")
        for (line, phase) in zip(phaseLines, phases) {
            let expected = try Regex("^" + NSRegularExpression.escapedPattern(for: "\(Self.sampleDate): \(phase)… ") + "[0-9]+\\.[0-9] s$")
            #expect(line.wholeMatch(of: expected) != nil, "phase line \(line), expected \(phase)")
        }
        #expect(lines.contains { $0.contains("info aviso: [aviso] \(Self.sampleDate), business day; \(messages) messages") })
        #expect(!shown.stdout.contains("rows read") && !shown.stdout.contains("…"), "progress must never reach stdout: \(shown.stdout)")

        // Not a terminal, or switched off: the log line only.
        for (label, stderr) in [("stderr in a file", logged.stderr), ("AVISO_NO_PROGRESS=1", switchedOff.terminal)] {
            #expect(!stderr.contains("rows read") && !stderr.contains("\(Self.sampleDate): composing"), "\(label): \(stderr)")
            let stderrLines = Self.visibleLines(stderr)
            #expect(stderrLines.count == 1 && stderrLines[0].contains("info aviso: [aviso] \(Self.sampleDate), business day"), "\(label): \(stderr)")
        }
        for other in ["logged", "switched-off"] {
            let published = try FolderSnapshot(scratch.path("\(other)/\(Self.sampleDate)"))
            #expect(published.names == Self.outputFiles.sorted())
            for name in Self.outputFiles {
                Self.expectSameBytes(published.files[name], snapshot.files[name], "\(other) run's \(name) against the terminal run's")
            }
        }
    }
}
