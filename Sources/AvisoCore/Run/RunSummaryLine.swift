/// The one-line account of a run that the command prints on stderr when it ends.
public enum RunSummaryLine {
    public static func text(_ report: RunReport) -> String {
        var parts: [String] = []
        let day = report.businessDay ? "business day" : "not a business day" + (report.holidays.isEmpty ? "" : " (\(report.holidays.joined(separator: ", ")))")
        parts.append("\(report.runDate.iso), \(day)")
        let channels = Channel.allCases.map { "\($0.name) \(report.messagesByChannel[$0, default: 0])" }.joined(separator: ", ")
        parts.append("\(report.messages) messages (\(channels))")
        parts.append("\(report.letters) letters")
        parts.append("\(report.rejectsByKind.values.reduce(0, +)) rejects")
        var line = parts.joined(separator: "; ")
        if let folder = report.outputFolder { line += " → \(folder)" } else { line += " (dry run: nothing written)" }
        return line
    }
}
