import Foundation
import Logging

/// The nightly run for one date: reads the export, applies the rules, writes the day's folder
/// to a staging place and publishes it atomically. A failure publishes nothing.
public struct NightlyRun {
    public let options: RunOptions
    let logger: Logger

    public init(options: RunOptions, logger: Logger = Logger(label: "aviso")) {
        self.options = options
        self.logger = logger
    }

    /// Runs. Throws `AvisoError` for every condition that must stop a run.
    public func execute() throws -> RunReport {
        let configuration = options.configuration
        let runDate = options.runDate
        let calendar = BusinessCalendar(calendars: options.calendars)
        let planner = try NotificationPlanner(runDate: runDate, calendar: calendar, configuration: configuration)
        let composer = try MessageComposer(templateDirectory: options.templateDirectory)
        let inputs = try ExportLocator.locate(directory: options.inputDirectory, explicit: options.explicitInputs)

        var report = RunReport(
            runDate: runDate, businessDay: planner.runDateIsBusinessDay,
            holidays: calendar.holidayNames(on: runDate)
        )
        var rejects: [RejectRecord] = []
        let ratio = configuration.maxRejectRatio

        // Accounts.
        var accounts: [String: Account] = [:]
        var stats = try TableReader<AccountTable>(input: inputs["accounts"]!, maxRejectRatio: ratio).read(rejects: &rejects) { account in
            guard accounts[account.id] == nil else { return .rejected(Self.duplicate("account", account.id)) }
            accounts[account.id] = account
            return .used
        }
        report.tables.append(stats)

        // Customers.
        var customers: [String: Customer] = [:]
        stats = try TableReader<CustomerTable>(input: inputs["customers"]!, maxRejectRatio: ratio).read(rejects: &rejects) { customer in
            guard accounts[customer.account] != nil else {
                return .rejected(RowError(field: "account", reason: "UNKNOWN_ACCOUNT", detail: "account \(customer.account) is not in the accounts file (or its row was rejected)"))
            }
            guard customers[customer.id] == nil else { return .rejected(Self.duplicate("customer", customer.id)) }
            customers[customer.id] = customer
            return customer.deleted ? .leftOut : .used
        }
        report.tables.append(stats)

        // Notification settings.
        var book = SettingsBook()
        if let input = inputs["notifications"] {
            stats = try TableReader<SettingTable>(input: input, maxRejectRatio: ratio).read(rejects: &rejects) { row in
                switch row.owner {
                case .customer(let id) where customers[id] == nil:
                    return .rejected(RowError(field: "customer", reason: "UNKNOWN_CUSTOMER", detail: "customer \(id) is not in the customers file (or its row was rejected)"))
                case .account(let id) where accounts[id] == nil:
                    return .rejected(RowError(field: "account", reason: "UNKNOWN_ACCOUNT", detail: "account \(id) is not in the accounts file (or its row was rejected)"))
                default:
                    break
                }
                guard book.add(row) else {
                    return .rejected(RowError(field: "event", reason: "DUPLICATE_SETTING", detail: "a row for slot \(row.slot.name) of this owner appeared earlier; the first row is kept"))
                }
                return .used
            }
            report.tables.append(stats)
        }
        book.prepare()

        if let input = inputs["resends"] {
            logger.warning("\(input.fileName): manual resends are not handled yet; the file is not read")
        }

        // Charges, streamed: each is decided as it is read; only the day's output is kept.
        var outbound: [OutboundRecord] = []
        var letters: [ManifestLetter] = []
        var seenCharges = Set<String>()
        var decisionRejects: [RejectRecord] = []
        stats = try TableReader<ChargeTable>(input: inputs["charges"]!, maxRejectRatio: ratio).read(rejects: &rejects) { charge in
            guard let customer = customers[charge.customer] else {
                return .rejected(RowError(field: "customer", reason: "UNKNOWN_CUSTOMER", detail: "customer \(charge.customer) is not in the customers file (or its row was rejected)"))
            }
            guard seenCharges.insert(charge.id).inserted else { return .rejected(Self.duplicate("charge", charge.id)) }
            if charge.dateCreated >= runDate || customer.deleted { return .leftOut }
            let account = accounts[customer.account]!
            let settings = book.settings(customer: customer.id, account: account.id)
            for planned in try planner.notifications(for: charge, customer: customer, account: account, settings: settings) {
                switch planned.contact {
                case .rejected(let reason, let detail):
                    var reject = RejectRecord(kind: .notification, reason: reason)
                    reject.payment = charge.id
                    reject.slot = planned.slot.name
                    reject.recipient = planned.recipient.name
                    reject.channel = planned.channel.name
                    reject.detail = detail
                    decisionRejects.append(reject)
                case .email(let addresses):
                    outbound.append(try makeRecord(planned, to: addresses, charge: charge, customer: customer, account: account, composer: composer))
                case .phone(let number):
                    outbound.append(try makeRecord(planned, to: [number], charge: charge, customer: customer, account: account, composer: composer))
                }
            }
            if let decision = try planner.letter(for: charge, customer: customer) {
                switch decision.outcome {
                case .mail(let postalCode):
                    letters.append(ManifestLetter(
                        account: account.id, payment: charge.id, nossoNumero: charge.nossoNumero ?? "",
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
        report.tables.append(stats)
        rejects += decisionRejects

        for i in report.tables.indices {
            let path = inputs[report.tables[i].table]!.path
            report.tables[i].sha256 = try FileDigest.sha256(path: path, displayName: report.tables[i].fileName)
        }
        tally(outbound: outbound, letters: letters, rejects: rejects, into: &report)

        if options.dryRun {
            logger.info("dry run: nothing written")
            return report
        }
        let publisher = try OutputPublisher(outputRoot: options.outputRoot, runDate: runDate)
        do {
            try RunOutputWriter(folder: publisher.stagingPath).write(
                outbound: outbound, letters: letters, rejects: rejects, report: &report, options: options
            )
            try publisher.publish()
        } catch {
            publisher.discard()
            throw error
        }
        report.outputFolder = (options.outputRoot as NSString).appendingPathComponent(runDate.iso)
        return report
    }

    static func duplicate(_ what: String, _ id: String) -> RowError {
        RowError(field: "id", reason: "DUPLICATE_ID", detail: "\(what) id \(id) appeared on an earlier valid row; the first is kept")
    }

    /// The deterministic notification id: derived only from run date, charge, slot, recipient and
    /// channel, so a sender can drop the duplicates of a repeated run.
    static func notificationID(runDate: Day, payment: String, slot: String, recipient: Recipient, channel: Channel) -> String {
        var hasher = SHA256()
        hasher.update(Array("\(runDate.iso)\n\(payment)\n\(slot)\n\(recipient.name)\n\(channel.name)".utf8))
        return String(SHA256.hex(hasher.finalize()).prefix(32))
    }

    private func makeRecord(
        _ planned: PlannedNotification, to: [String], charge: Charge, customer: Customer, account: Account,
        composer: MessageComposer
    ) throws -> OutboundRecord {
        let runDate = options.runDate
        let context = MessageContext(
            slotKey: planned.slot.name, recipient: planned.recipient, customerName: customer.name,
            accountName: account.name, value: charge.value, dueDate: charge.dueDate, payDate: charge.payDate,
            invoiceUrl: charge.invoiceUrl, bankSlipUrl: charge.bankSlipUrl,
            identificationField: charge.identificationField, description: charge.description,
            daysUntilDue: charge.dueDate >= runDate ? charge.dueDate - runDate : nil,
            daysOverdue: runDate > charge.dueDate ? runDate - charge.dueDate : nil,
            runDate: runDate
        )
        return OutboundRecord(
            id: Self.notificationID(runDate: runDate, payment: charge.id, slot: planned.slot.name, recipient: planned.recipient, channel: planned.channel),
            runDate: runDate, priority: planned.slot.priority, account: account.id, customer: customer.id,
            payment: charge.id, event: planned.slot.event.rawValue, scheduleOffset: planned.scheduleOffset,
            slot: planned.slot.name, slotRank: planned.slot.rawValue, recipient: planned.recipient,
            channel: planned.channel, to: to, scheduledFor: planned.scheduledFor, shift: planned.shift,
            fee: options.configuration.fee(for: planned.channel), resendRequest: nil,
            message: try composer.compose(channel: planned.channel, context: context)
        )
    }

    private func tally(outbound: [OutboundRecord], letters: [ManifestLetter], rejects: [RejectRecord], into report: inout RunReport) {
        for record in outbound {
            report.messagesBySlot[record.slot, default: 0] += 1
            report.messagesByChannel[record.channel, default: 0] += 1
            report.messagesByRecipient[record.recipient, default: 0] += 1
            report.feesByAccount[record.account, default: AccountFees()].messages[record.channel, default: 0] += 1
            report.feesByAccount[record.account, default: AccountFees()].fees[record.channel, default: 0] += record.fee
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
