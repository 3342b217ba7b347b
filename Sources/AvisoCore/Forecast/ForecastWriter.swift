/// Renders forecast days as JSON, CSV or a terminal table. Fees are integer centavos in JSON and
/// CSV (as in outbound records) and `R$` amounts in the table.
public enum ForecastWriter {
    /// Output formats of `aviso forecast`.
    public enum Format: String, Sendable, CaseIterable {
        /// Aligned columns for a terminal.
        case table
        /// A header line, then one line per day.
        case csv
        /// An array of one object per day.
        case json
    }

    /// The rendered bytes of the days in a format, ending with a newline.
    public static func render(_ days: [ForecastDay], format: Format) -> [UInt8] {
        switch format {
        case .table: return Array(table(days).utf8)
        case .csv: return csv(days)
        case .json: return json(days)
        }
    }

    /// The CSV header: date, businessDay, the four channels, the eight slots, then
    /// rejectedNotifications, letters and the fees (whatsapp, voice, postal, total).
    public static let csvHeader: [String] =
        ["date", "businessDay"] + Channel.allCases.map(\.name) + Slot.allCases.map(\.name)
        + ["rejectedNotifications", "letters", "feeWhatsapp", "feeVoice", "feePostal", "feeTotal"]

    /// `[{date, businessDay, messages: {email, sms, whatsapp, voice}, slots: {CREATED: …},
    /// rejectedNotifications, letters, fees: {whatsapp, voice, postal, total}}, …]`, pretty-printed.
    public static func json(_ days: [ForecastDay]) -> [UInt8] {
        var writer = JSONWriter(pretty: true)
        writer.beginArray()
        for day in days {
            writer.beginObject()
            writer.field("date", day.date.iso)
            writer.field("businessDay", day.businessDay)
            writer.key("messages")
            writer.beginObject()
            for channel in Channel.allCases { writer.field(channel.name, day.messagesByChannel[channel, default: 0]) }
            writer.endObject()
            writer.key("slots")
            writer.beginObject()
            for slot in Slot.allCases { writer.field(slot.name, day.messagesBySlot[slot, default: 0]) }
            writer.endObject()
            writer.field("rejectedNotifications", day.rejectedNotifications)
            writer.field("letters", day.letters)
            writer.key("fees")
            writer.beginObject()
            writer.field("whatsapp", day.feesByChannel[.whatsapp, default: 0])
            writer.field("voice", day.feesByChannel[.voice, default: 0])
            writer.field("postal", day.postalFees)
            writer.field("total", day.totalFees)
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
        return writer.bytes + [UInt8(ascii: "\n")]
    }

    /// The CSV: `csvHeader`, then one row per day.
    public static func csv(_ days: [ForecastDay]) -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(csvHeader)
        for day in days {
            var row = [day.date.iso, day.businessDay ? "true" : "false"]
            row += Channel.allCases.map { String(day.messagesByChannel[$0, default: 0]) }
            row += Slot.allCases.map { String(day.messagesBySlot[$0, default: 0]) }
            row += [String(day.rejectedNotifications), String(day.letters),
                    String(day.feesByChannel[.whatsapp, default: 0]), String(day.feesByChannel[.voice, default: 0]),
                    String(day.postalFees), String(day.totalFees)]
            writer.writeRow(row)
        }
        return writer.bytes
    }

    /// Aligned columns: date and weekday, messages in total and per channel, rejects, letters,
    /// fees; non-business days say so.
    public static func table(_ days: [ForecastDay]) -> String {
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let header = ["date", "day", "messages", "email", "sms", "whatsapp", "voice", "rejected", "letters", "fees"]
        var rows: [[String]] = []
        for day in days {
            var row = [day.date.iso, weekdays[day.date.weekday]]
            if day.businessDay {
                row.append(String(day.messages))
                row += Channel.allCases.map { String(day.messagesByChannel[$0, default: 0]) }
                row += [String(day.rejectedNotifications), String(day.letters), MoneyFormat.brl(day.totalFees)]
            } else {
                row += ["-", "", "", "", "", "", "", "not a business day"]
            }
            rows.append(row)
        }
        var widths = header.map(\.utf8.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                if i == cells.count - 1 {
                    text += cell
                } else {
                    text += cell + String(repeating: " ", count: widths[i] - cell.count + 2)
                }
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var total = ForecastDay(date: days.first?.date ?? Day(number: 0), businessDay: true)
        for day in days {
            for (channel, count) in day.messagesByChannel { total.messagesByChannel[channel, default: 0] += count }
            for (channel, fee) in day.feesByChannel { total.feesByChannel[channel, default: 0] += fee }
            total.rejectedNotifications += day.rejectedNotifications
            total.letters += day.letters
            total.postalFees += day.postalFees
        }
        var totalRow = ["total", "", String(total.messages)]
        totalRow += Channel.allCases.map { String(total.messagesByChannel[$0, default: 0]) }
        totalRow += [String(total.rejectedNotifications), String(total.letters), MoneyFormat.brl(total.totalFees)]
        rows.append(totalRow)
        for (i, cell) in totalRow.enumerated() { widths[i] = max(widths[i], cell.count) }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
