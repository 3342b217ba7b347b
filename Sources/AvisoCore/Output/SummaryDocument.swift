/// Renders `summary.json`: what a run read, decided, rejected and will cost, with input and
/// output checksums, the tool's version and the configuration in force. Keys are written in a
/// fixed order and maps sorted by key, so the same run gives the same bytes.
enum SummaryDocument {
    static func render(report: RunReport, options: RunOptions) -> [UInt8] {
        var json = JSONWriter(pretty: true)
        let config = options.configuration
        json.beginObject()
        json.field("tool", "aviso")
        json.field("version", options.toolVersion)
        json.field("runDate", report.runDate.iso)
        json.field("businessDay", report.businessDay)
        json.field("holidays", report.holidays)
        json.field("staleLaterRuns", report.staleLaterRuns.map(\.iso))
        json.field("missedBusinessDays", report.missedBusinessDays.map(\.iso))

        json.key("configuration")
        json.beginObject()
        json.field("timeZone", config.timeZone)
        json.field("mailingWindowDays", config.mailingWindowDays)
        json.key("deliveryBusinessDays")
        json.beginObject()
        json.field("default", config.deliveryBusinessDaysDefault)
        json.key("byState")
        json.beginObject()
        for state in config.deliveryBusinessDaysByState.keys.sorted() {
            json.field(state, config.deliveryBusinessDaysByState[state]!)
        }
        json.endObject()
        json.endObject()
        json.field("maxOverdueRepeats", config.maxOverdueRepeats)
        json.key("fees")
        json.beginObject()
        json.field("whatsapp", config.whatsappFee)
        json.field("voice", config.voiceFee)
        json.field("postal", config.postalFee)
        json.endObject()
        json.key("maxRejectRatio")
        json.decimal(config.maxRejectRatio)
        json.field("calendars", options.calendars.map(\.name))
        json.field("templates", options.templateDirectory ?? "built-in")
        json.endObject()

        json.key("inputs")
        json.beginArray()
        for table in report.tables {
            json.beginObject()
            json.field("table", table.table)
            json.field("file", table.fileName)
            json.field("format", table.format)
            json.field("gzip", table.gzip)
            json.field("rowsRead", table.rowsRead)
            json.field("rowsUsed", table.rowsUsed)
            json.field("rowsRejected", table.rowsRejected)
            json.field("rowsLeftOut", table.rowsLeftOut)
            json.field("sha256", table.sha256)
            json.endObject()
        }
        json.endArray()

        json.key("notifications")
        json.beginObject()
        json.field("total", report.messages)
        json.key("bySlot")
        json.beginObject()
        for slot in ["RESEND"] + Slot.allCases.map(\.name) where report.messagesBySlot[slot] != nil {
            json.field(slot, report.messagesBySlot[slot]!)
        }
        json.endObject()
        json.key("byChannel")
        json.beginObject()
        for channel in Channel.allCases { json.field(channel.name, report.messagesByChannel[channel, default: 0]) }
        json.endObject()
        json.key("byRecipient")
        json.beginObject()
        for recipient in Recipient.allCases { json.field(recipient.name, report.messagesByRecipient[recipient, default: 0]) }
        json.endObject()
        json.endObject()

        json.key("resends")
        json.beginObject()
        json.field("seen", report.resendsByOutcome.values.reduce(0, +))
        for outcome in [ResendDecision.Outcome.sent, .rejected, .deferred] {
            json.field(outcome.rawValue.lowercased(), report.resendsByOutcome[outcome, default: 0])
        }
        json.endObject()

        json.key("letters")
        json.beginObject()
        json.field("count", report.letters)
        json.field("faceValue", report.lettersFaceValue)
        json.field("fees", report.lettersFees)
        json.endObject()

        json.key("rejects")
        json.beginObject()
        json.field("total", report.rejectsByKind.values.reduce(0, +))
        json.key("byKind")
        json.beginObject()
        for kind in [RejectRecord.Kind.input, .notification, .letter, .resend] {
            json.field(kind.name, report.rejectsByKind[kind, default: 0])
        }
        json.endObject()
        json.key("byReason")
        json.beginObject()
        for reason in report.rejectsByReason.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            json.field(reason, report.rejectsByReason[reason]!)
        }
        json.endObject()
        json.endObject()

        json.key("fees")
        json.beginObject()
        json.field("unit", "centavos")
        json.key("byAccount")
        json.beginArray()
        var totals = AccountFees()
        for account in report.feesByAccount.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let fees = report.feesByAccount[account]!
            json.beginObject()
            json.field("account", account)
            writeChannels(fees, into: &json)
            json.field("total", fees.total)
            json.endObject()
            for channel in Channel.allCases {
                totals.messages[channel, default: 0] += fees.messages[channel, default: 0]
                totals.fees[channel, default: 0] += fees.fees[channel, default: 0]
            }
            totals.letters += fees.letters
            totals.postalFees += fees.postalFees
        }
        json.endArray()
        json.key("byChannel")
        json.beginObject()
        writeChannels(totals, into: &json)
        json.endObject()
        json.field("total", totals.total)
        json.endObject()

        json.key("outputs")
        json.beginArray()
        for output in report.outputs {
            json.beginObject()
            json.field("file", output.file)
            json.field("records", output.records)
            json.field("sha256", output.sha256)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.bytes.append(UInt8(ascii: "\n"))
        return json.bytes
    }

    private static func writeChannels(_ fees: AccountFees, into json: inout JSONWriter) {
        for channel in Channel.allCases {
            json.key(channel.name)
            json.beginObject()
            json.field("messages", fees.messages[channel, default: 0])
            json.field("fee", fees.fees[channel, default: 0])
            json.endObject()
        }
        json.key("postal")
        json.beginObject()
        json.field("letters", fees.letters)
        json.field("fee", fees.postalFees)
        json.endObject()
    }
}
