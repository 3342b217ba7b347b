import Foundation
import Logging

/// The nightly run for one date: reads the export, applies the rules and the manual resends,
/// writes the day's folder to a staging place, and publishes it atomically together with the
/// ledger entry. A failure publishes nothing and changes no state.
public struct NightlyRun {
    public let options: RunOptions
    let logger: Logger

    public init(options: RunOptions, logger: Logger = Logger(label: "aviso")) {
        self.options = options
        self.logger = logger
    }

    /// Runs (after the missed business days first, with `catchUp`). Returns the reports in run
    /// order; the last is the requested date's. Throws `AvisoError` for every condition that must
    /// stop a run; runs that already finished stay published.
    public func execute() throws -> [RunReport] {
        let calendar = BusinessCalendar(calendars: options.calendars)
        if options.dryRun {
            let ledger = try Ledger.openExisting(path: options.resolvedStatePath)
            return [try perform(runDate: options.runDate, calendar: calendar, ledger: ledger)]
        }
        let statePath = options.resolvedStatePath
        let lock = try RunLock(path: statePath + ".lock", timeoutSeconds: options.lockTimeoutSeconds)
        defer { withExtendedLifetime(lock) {} }
        let ledger = try Ledger(path: statePath)
        var reports: [RunReport] = []
        if options.catchUp {
            for day in try missedBusinessDays(before: options.runDate, ledger: ledger, calendar: calendar) {
                logger.info("catch-up: running missed business day \(day.iso)")
                reports.append(try perform(runDate: day, calendar: calendar, ledger: ledger))
            }
        }
        reports.append(try perform(runDate: options.runDate, calendar: calendar, ledger: ledger))
        return reports
    }

    /// Business days after the last recorded run before `day` and before `day`, which no run
    /// covered. Empty when the ledger has no earlier run (a first run has nothing to miss).
    func missedBusinessDays(before day: Day, ledger: Ledger, calendar: BusinessCalendar) throws -> [Day] {
        guard let last = try ledger.lastRun(before: day) else { return [] }
        return try calendar.businessDays(after: last, before: day)
    }

    // swiftlint:disable:next function_body_length
    private func perform(runDate: Day, calendar: BusinessCalendar, ledger: Ledger?) throws -> RunReport {
        // An earlier run's records (a catch-up's earlier day) go before this run reads anything.
        ReleaseAtExit.shared.releaseKept()
        let startedAt = Self.timestamp()
        let spilledBefore = SpillArena.processSpilledBytes.value
        let configuration = options.configuration
        let planner = try NotificationPlanner(runDate: runDate, calendar: calendar, configuration: configuration)
        let composer = try MessageComposer(templateDirectory: options.templateDirectory)
        let clock = try ZoneClock(identifier: configuration.timeZone)
        let inputs = try ExportLocator.locate(directory: options.inputDirectory, explicit: options.explicitInputs)

        var report = RunReport(
            runDate: runDate, businessDay: planner.runDateIsBusinessDay,
            holidays: calendar.holidayNames(on: runDate)
        )
        let state = try ledger?.resendState(before: runDate) ?? ResendState()
        if let ledger {
            report.staleLaterRuns = try ledger.runDates(after: runDate)
            report.missedBusinessDays = try missedBusinessDays(before: runDate, ledger: ledger, calendar: calendar)
        }
        if !report.staleLaterRuns.isEmpty {
            logger.warning("\(runDate.iso) is earlier than runs already recorded; these may now be stale: \(report.staleLaterRuns.map(\.iso).joined(separator: ", "))")
        }
        if !report.missedBusinessDays.isEmpty {
            logger.warning("no run recorded for the business days \(report.missedBusinessDays.map(\.iso).joined(separator: ", ")); their reminders were not sent (use --catch-up to run them first)")
        }

        // Accounts, customers and notification settings, read as every command reads them.
        var snapshot = try ExportSnapshot(inputs: inputs, maxRejectRatio: configuration.maxRejectRatio,
                                          spillDirectory: options.resolvedSpillDirectory)
        var rejects = snapshot.rejects
        report.tables += snapshot.tables
        // The finance page's data-quality table needs only the customers and accounts, complete
        // now: counted beside the charges, whose reading keeps both cores busy, instead of alone
        // on one core after them (about 0.3 s at 2M customers); its entries, with their Strings,
        // are made after the charges, whose end is the run's peak of memory.
        let census = BackgroundResult { [customers = snapshot.customers, accounts = snapshot.accountList, dryRun = options.dryRun] in
            dryRun ? nil : DataQualityCensus.count(customers: customers, accounts: accounts)
        }

        // Resend requests: this export's, plus those deferred earlier and not yet handled.
        var requests: [String: ResendRequest] = [:]
        for request in state.pendingDeferred { requests[request.id] = request }
        let resendStats = try snapshot.readResends(rejects: &rejects) { row in
            let instant = clock.instant(row.requestedAt)
            // Requests made on or after the run date belong to later runs; handled ones are done.
            if clock.localDay(ofMillis: instant) >= runDate || state.handledRequestIDs.contains(row.id) { return .leftOut }
            if requests[row.id] == nil {
                requests[row.id] = ResendRequest(id: row.id, payment: row.payment, requestedAtMillis: instant, requestedAtText: row.requestedAtText)
            }
            return .used
        }
        if let resendStats { report.tables.append(resendStats) }
        var requestedPayments = ChargeIDSet(expected: requests.count)
        for request in requests.values { _ = requestedPayments.insert(request.payment) }
        // Read from the decoding threads from here on, never changed.
        let resendPayments = requestedPayments

        // Charges, streamed: each is decided as it is read; only the day's output is kept.
        let records = ChunkedArray<OutboundRecord>()
        // One composition context per charge with messages; each record points at its charge's.
        // Kept as bytes, written out to the spill folder (see `MessageContextStore`).
        let contexts = MessageContextStore(spillDirectory: options.resolvedSpillDirectory)
        var slotKeys = SlotKeys()
        var letters: [ManifestLetter] = []
        var decisionRejects: [RejectRecord] = []
        var resendTargets: [String: ResendTarget] = [:]
        // The finance page's look ahead over the next business days, gathered in the same pass.
        var upcoming: UpcomingSends? = options.dryRun ? nil : try? UpcomingSends(
            after: runDate, businessDays: ReportPage.forecastDays, calendar: calendar, configuration: configuration
        )
        var upcomingProblem: (any Error)?
        let rules = PlanningRules(planner: planner, lookAhead: upcoming)
        let stats: TableStatistics
        // `reading` (and the closures' copies of it) end with this block, so that the customers
        // can be let go once the charges are read.
        do {
            let reading = snapshot
            stats = try reading.readCharges(rejects: &rejects, watching: resendPayments.count > 0 ? resendPayments : nil,
                                               prepare: { charge, customerDeleted, reach, fetch, account, settings, isResendTarget -> PreparedRow<ChargePlan> in
                // Fetched at most once per charge (a fetch reads the customer's row again), and
                // only if planning needs it; the plan leaves it here when it did.
                var fetched: Customer?
                var plan = ChargePlan(charge: charge, customerDeleted: customerDeleted, reach: reach, customer: fetch, fetched: &fetched,
                                      account: account(), settings: settings, rules: rules)
                if plan.failure == nil, !plan.notifications.isEmpty {
                    plan.messages = ChargeMessages(
                        notifications: plan.notifications, charge: charge, customer: fetched ?? fetch(), account: account(),
                        runDate: runDate, configuration: configuration
                    )
                }
                // A left-out charge is no resend target (the run passes it by first).
                plan.isResendTarget = !plan.leftOut && isResendTarget
                if plan.isQuiet { return .counted(leftOut: plan.leftOut) }
                if let note = plan.lookAheadNote { return .counted(leftOut: plan.leftOut, note: note) }
                return .work(plan)
            }, noteCounted: { note in
                upcoming?.add(packed: note)
            }) { charge, position, plan in
                switch plan.upcoming {
                case .success(let contribution)?:
                    upcoming?.add(contribution)
                case .failure(let error)? where upcoming != nil:
                    // A look ahead past the calendars' years must not fail today's run.
                    upcomingProblem = error
                    upcoming = nil
                default:
                    break
                }
                if plan.leftOut { return .leftOut }
                if plan.isResendTarget {
                    resendTargets[charge.id] = ResendTarget(
                        charge: charge, customer: reading.customers.customer(at: position), account: reading.account(ofCustomerAt: position),
                        settings: reading.settings(customerAt: position)
                    )
                }
                if let failure = plan.failure { throw failure }
                for planned in plan.notifications {
                    guard case .rejected(let reason, let detail) = planned.contact else { continue }
                    var reject = RejectRecord(kind: .notification, reason: reason)
                    reject.payment = charge.id
                    reject.slot = planned.slot.name
                    reject.recipient = planned.recipient.name
                    reject.channel = planned.channel.name
                    reject.detail = detail
                    decisionRejects.append(reject)
                }
                if let messages = plan.messages {
                    messages.moveRecords(into: records, context: contexts.append(messages.context), keys: &slotKeys)
                }
                if let decision = plan.letter {
                    switch decision.outcome {
                    case .mail(let postalCode):
                        let customer = reading.customers.customer(at: position)
                        letters.append(ManifestLetter(
                            account: reading.account(ofCustomerAt: position).id, payment: charge.id, nossoNumero: charge.nossoNumero ?? "",
                            customer: customer.id, name: customer.name, cpfCnpj: customer.cpfCnpj ?? "",
                            address: customer.address ?? "", addressNumber: customer.addressNumber ?? "",
                            complement: customer.complement ?? "", province: customer.province ?? "",
                            cityName: customer.cityName ?? "", state: customer.state ?? "",
                            postalCode: postalCode, dueDate: charge.dueDate, value: charge.value,
                            identificationField: charge.identificationField ?? "", fee: configuration.postalFee
                        ))
                    case .rejected(let reason, let detail):
                        var reject = RejectRecord(kind: .letter, reason: reason)
                        reject.payment = charge.id
                        reject.detail = detail
                        decisionRejects.append(reject)
                    }
                }
                return .used
            }
        }
        report.tables.append(stats)
        rejects += decisionRejects
        var phases = PhaseLine(runDate: runDate)
        defer { phases.finish() }
        phases.begin("data-quality table and resends")
        // The data-quality table is the last use of the customers: the day's records, letters
        // and resend targets carry what they need of them.
        let dataQuality = census.wait().map {
            DataQualityCensus.report($0, customers: snapshot.customers, accounts: snapshot.accountList)
        } ?? []
        snapshot.forgetCustomers()
        // The claims and customers are gone: what they held should not stay resident while the
        // files are written (the message contexts' file is mapped then, see `MessageContextStore`).
        MemoryTuning.returnFreedMemoryToTheSystem()
        CrashPoint.reach("after-inputs")

        // Manual resends, decided after the export is read; their messages come first (priority 0).
        let processor = ResendProcessor(runDate: runDate, businessDay: planner.runDateIsBusinessDay, calendar: calendar)
        let decisions = try processor.process(requests: Array(requests.values), state: state) { resendTargets[$0] }
        var resendRows: [ResendResultsWriter.Row] = []
        for decision in decisions {
            let request = decision.request
            report.resendsByOutcome[decision.outcome, default: 0] += 1
            resendRows.append(ResendResultsWriter.Row(
                id: request.id, payment: request.payment, requestedAt: request.requestedAtText,
                outcome: decision.outcome, reason: decision.reason, channels: decision.channels
            ))
            if decision.outcome == .rejected {
                var reject = RejectRecord(kind: .resend, reason: decision.reason)
                reject.payment = request.payment
                reject.resendRequest = request.id
                reject.detail = decision.detail
                rejects.append(reject)
            }
            guard decision.outcome == .sent, let target = resendTargets[request.payment] else { continue }
            for channel in decision.channels {
                let contact: ContactResult = channel == .email
                    ? ContactRules.emailAddresses(primary: target.customer.email, additional: target.customer.additionalEmails)
                    : ContactRules.mobile(target.customer.mobilePhone)
                if case .rejected(let reason, let detail) = contact {
                    var reject = RejectRecord(kind: .notification, reason: reason)
                    reject.payment = request.payment
                    reject.slot = "RESEND"
                    reject.recipient = Recipient.customer.name
                    reject.channel = channel.name
                    reject.resendRequest = request.id
                    reject.detail = detail
                    rejects.append(reject)
                    continue
                }
                records.append(makeResendRecord(decision, channel: channel, to: contact.destinations, target: target, runDate: runDate,
                                                contexts: contexts, keys: &slotKeys))
            }
        }

        phases.begin("preparing \(records.count) messages")
        var outbound = records.joined()
        // Freed at the process's exit, not one by one after the run (see `ReleaseAtExit`).
        defer { ReleaseAtExit.shared.keep(outbound) }
        try ParallelCompose.compose(&outbound, contexts: contexts, keys: slotKeys, composer: composer)

        // The day's counts: worked out by the writer beside the sort of the records (see
        // `RunOutputWriter.write`), or here for a dry run, which writes nothing.
        let tallyDay: @Sendable (inout RunReport) -> Void = { [outbound, letters, rejects] report in
            NightlyRun.tally(outbound: outbound, letters: letters, rejects: rejects, into: &report)
        }

        phases.finish()
        // Logged between phases, so that it does not cut a phase's line on a terminal.
        let spilled = SpillArena.processSpilledBytes.value - spilledBefore
        if spilled > 0 {
            let megabytes = String(format: "%.1f", Double(spilled) / 1e6)
            logger.info("\(megabytes) MB of charge ids, customers' texts and message contexts kept in a temporary file in \(options.resolvedSpillDirectory) instead of memory")
        }
        // A dry run reads an existing ledger (for the resend state) but never writes to it.
        guard let ledger, !options.dryRun else {
            tallyDay(&report)
            logger.info("dry run: nothing written")
            return report
        }
        if let upcomingProblem {
            logger.warning("report.html has no look ahead: \(upcomingProblem)")
        }
        var page = RunOutputWriter.PageContext()
        page.accountNames = snapshot.accounts.mapValues(\.name)
        page.forecast = upcoming?.days ?? []
        page.dataQuality = dataQuality
        if let previousDate = try ledger.lastRun(before: runDate) {
            let path = (options.outputRoot as NSString).appendingPathComponent(previousDate.iso + "/summary.json")
            if let data = FileManager.default.contents(atPath: path) {
                page.previous = PreviousRun.load(summaryJSON: Array(data))
            }
        }
        let publisher = try OutputPublisher(outputRoot: options.outputRoot, runDate: runDate)
        // The ledger inserts the day's messages on a thread of its own while the files are
        // staged here; its transaction commits only once the folder is published. It reads the
        // records themselves (a copy of each as a ledger message was a million more values).
        let recording = ledger.startRecording(runDate: runDate, messages: outbound)
        do {
            phases.begin("composing and writing the day's files")
            try RunOutputWriter(folder: publisher.stagingPath).write(
                outbound: outbound, letters: letters, rejects: rejects, resendRows: resendRows,
                page: page, report: &report, tally: tallyDay, options: options
            )
            try CrashPoint.failIfAsked("staging")
            publisher.startSyncing()
            CrashPoint.reach("after-staging")
            phases.begin("recording the run in the ledger")
            let entry = LedgerEntry(
                runDate: runDate, startedAt: startedAt, finishedAt: Self.timestamp(),
                businessDay: report.businessDay,
                inputs: report.tables.map { ($0.fileName, $0.sha256) },
                outputs: report.outputs.map { ($0.file, $0.sha256) },
                messageCount: report.messages, letterCount: report.letters,
                rejectCount: rejects.count, toolVersion: options.toolVersion,
                resendDecisions: decisions, messages: []
            )
            try recording.complete(entry) {
                phases.begin("publishing")
                try publisher.publish()
            }
        } catch {
            recording.cancel()
            publisher.discard()
            throw error
        }
        report.outputFolder = (options.outputRoot as NSString).appendingPathComponent(runDate.iso)
        return report
    }

    static func timestamp() -> String {
        let seconds = Int(Date().timeIntervalSince1970)
        let day = Day(number: Int32(seconds / 86_400))
        let s = seconds % 86_400
        return "\(day.iso)T\(Day.pad(s / 3600, 2)):\(Day.pad(s / 60 % 60, 2)):\(Day.pad(s % 60, 2))Z"
    }

    /// The deterministic notification id: derived only from run date, charge, slot, recipient and
    /// channel, so a sender can drop the duplicates of a repeated run.
    static func notificationID(runDate: Day, payment: String, slot: String, recipient: Recipient, channel: Channel) -> String {
        notificationRecordID(runDate: runDate, payment: ShortText(payment), slot: slot, recipient: recipient, channel: channel).text
    }

    /// A resend message's id: derived only from the request id and the channel.
    static func resendID(request: String, channel: Channel) -> String {
        shortHash("resend\n\(request)\n\(channel.name)")
    }

    /// `notificationID` as the record keeps it (the same 32 hex digits, without a String).
    static func notificationRecordID(runDate: Day, payment: ShortText, slot: String, recipient: Recipient, channel: Channel) -> RecordID {
        // The key (run date, payment, slot, recipient, channel, a line feed between each) is
        // hashed part by part from where each part lies: laid out in an array first, it took an
        // allocation and an append call per part.
        var hasher = SHA256()
        let lineFeed: UInt8 = 0x0A
        func hash(_ bytes: UnsafeBufferPointer<UInt8>) { hasher.update(UnsafeRawBufferPointer(bytes)) }
        func separate() { withUnsafeBytes(of: lineFeed) { hasher.update($0) } }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            var date = RawByteWriter(buffer)
            if date.write(isoDayOfFourDigitYear: runDate) {
                hash(date.written)
            } else {
                TextBytes.withUTF8(runDate.iso, hash)
            }
        }
        separate()
        payment.withUTF8(hash)
        separate()
        TextBytes.withUTF8(slot, hash)
        separate()
        TextBytes.withUTF8(recipient.name, hash)
        separate()
        TextBytes.withUTF8(channel.name, hash)
        return hasher.finalize { RecordID(digestPrefix: $0) }
    }

    /// The first 16 bytes of the text's SHA-256, as a record keeps an id.
    static func digestID(_ text: String) -> RecordID {
        // Hashed in place: `Array(text.utf8)` allocated a copy through an unspecialized entry
        // (a run-time metadata lookup), for every message of the day.
        TextBytes.withUTF8(text) { digestID(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// `digestID(_:)` of a text's UTF-8 bytes.
    static func digestID(bytes: UnsafeRawBufferPointer) -> RecordID {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize { RecordID(digestPrefix: $0) }
    }

    /// The 32 hex digits of `digestID(text)`.
    static func shortHash(_ text: String) -> String {
        digestID(text).text
    }

    /// A resend's record, its message composed later from a context of its own.
    private func makeResendRecord(
        _ decision: ResendDecision, channel: Channel, to: [String], target: ResendTarget, runDate: Day,
        contexts: MessageContextStore, keys: inout SlotKeys
    ) -> OutboundRecord {
        let context = contexts.append(PackedMessageContext(charge: target.charge, customer: target.customer, account: target.account, runDate: runDate))
        let event: NotificationEvent = decision.overdue ? .paymentOverdue : .paymentDueDateWarning
        let key = keys.index(of: decision.overdue ? "RESEND_OVERDUE" : "RESEND_BEFORE_DUE")
        return OutboundRecord(
            id: Self.resendID(request: decision.request.id, channel: channel),
            runDate: runDate, priority: 0, account: target.account.id, customer: target.customer.id,
            payment: target.charge.id, event: event.rawValue, scheduleOffset: 0, slot: "RESEND", slotRank: -1,
            recipient: .customer, channel: channel, to: to, scheduledFor: runDate, shift: .none,
            fee: options.configuration.fee(for: channel), resendRequest: decision.request.id,
            body: .awaitingContext(MessageReference(context: context, key: key, recipient: .customer))
        )
    }

    private static func tally(outbound: [OutboundRecord], letters: [ManifestLetter], rejects: [RejectRecord], into report: inout RunReport) {
        // Counted in arrays by slot rank, channel and recipient, and per account in arrays by
        // the account's first appearance, then moved into the report's dictionaries: a day of
        // 10M charges has over a million records, in charge order (an account's records are not
        // together), and hashing a String key per record and count, four times a record, was the
        // longest step between reading the charges and writing the files, on one thread. An
        // account's key is now hashed once per run of its records.
        let channelCount = Channel.allCases.count
        var bySlotRank = [Int](repeating: 0, count: Slot.allCases.count + 1)
        var slotNames = [String](repeating: "", count: Slot.allCases.count + 1)
        var byChannel = [Int](repeating: 0, count: channelCount)
        var byRecipient = [Int](repeating: 0, count: Recipient.allCases.count)
        var accountSlots: [String: Int] = [:]
        var accountNames: [String] = []
        var accountMessages: [Int] = []
        var accountFees: [Int64] = []
        outbound.withUnsafeBufferPointer { records in
            var account: ShortText?
            var slot = 0
            for index in records.indices {
                // A resend's rank is -1: its slot counts at 0, the slots' after it.
                let rank = records[index].slotRank + 1
                if bySlotRank[rank] == 0 { slotNames[rank] = records[index].slot }
                bySlotRank[rank] += 1
                let channel = records[index].channel.rawValue
                byChannel[channel] += 1
                byRecipient[records[index].recipient.rawValue] += 1
                if records[index].accountID != account {
                    let id = records[index].accountID
                    account = id
                    let name = id.string
                    if let known = accountSlots[name] {
                        slot = known
                    } else {
                        slot = accountNames.count
                        accountSlots[name] = slot
                        accountNames.append(name)
                        accountMessages.append(contentsOf: repeatElement(0, count: channelCount))
                        accountFees.append(contentsOf: repeatElement(0, count: channelCount))
                    }
                }
                accountMessages[slot * channelCount + channel] += 1
                accountFees[slot * channelCount + channel] += records[index].fee
            }
        }
        for (slot, account) in accountNames.enumerated() {
            for channel in Channel.allCases where accountMessages[slot * channelCount + channel.rawValue] > 0 {
                report.feesByAccount[account, default: AccountFees()].messages[channel, default: 0] += accountMessages[slot * channelCount + channel.rawValue]
                report.feesByAccount[account, default: AccountFees()].fees[channel, default: 0] += accountFees[slot * channelCount + channel.rawValue]
            }
        }
        for rank in bySlotRank.indices where bySlotRank[rank] > 0 { report.messagesBySlot[slotNames[rank], default: 0] += bySlotRank[rank] }
        for channel in Channel.allCases where byChannel[channel.rawValue] > 0 { report.messagesByChannel[channel, default: 0] += byChannel[channel.rawValue] }
        for recipient in Recipient.allCases where byRecipient[recipient.rawValue] > 0 {
            report.messagesByRecipient[recipient, default: 0] += byRecipient[recipient.rawValue]
        }
        for letter in letters {
            report.letters += 1
            report.lettersFaceValue += letter.value
            report.lettersFees += letter.fee
            report.feesByAccount[letter.account, default: AccountFees()].letters += 1
            report.feesByAccount[letter.account, default: AccountFees()].postalFees += letter.fee
        }
        for reject in rejects {
            report.rejectsByReason[reject.reason, default: 0] += 1
            report.rejectsByKind[reject.kind, default: 0] += 1
        }
    }
}
