import Foundation
import Testing
@testable import AvisoCore

/// The shipped samples (samples/csv, samples/xml, samples/config.json) and real runs over them.
enum SampleExport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let csv = root.appendingPathComponent("samples/csv").path
    static let xml = root.appendingPathComponent("samples/xml").path

    static func configuration() throws -> RunConfiguration {
        try ConfigurationLoader.load(path: root.appendingPathComponent("samples/config.json").path)
    }

    /// Options for a run of the samples. Explain and forecast leave manual resends aside (they
    /// can't be foreseen), so by default the run compared with them reads the export without
    /// its resends file: every table but `resends`, named explicitly.
    static func options(_ date: String, input: String = csv, outputRoot: String = "/nonexistent-aviso-out",
                        dryRun: Bool = true, withResends: Bool = false) throws -> RunOptions {
        var explicit: [String: String] = [:]
        if !withResends {
            for name in try FileManager.default.contentsOfDirectory(atPath: input) {
                let table = String(name.prefix { $0 != "." })
                if table != "resends" { explicit[table] = input + "/" + name }
            }
        }
        return RunOptions(
            runDate: RulesFixtures.day(date), inputDirectory: withResends ? input : nil, explicitInputs: explicit,
            outputRoot: outputRoot,
            configuration: try configuration(), calendars: [BrazilBankingCalendar.builtIn], dryRun: dryRun,
            toolVersion: "test", statePath: outputRoot + "/ledger.sqlite")
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("aviso-explain-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// One notification of a run's output, as comparable text:
    /// `payment slot recipient channel -> addresses | scheduledFor shift` for a message,
    /// `payment slot recipient channel REJECTED reason` for a NOTIFICATION reject.
    static func runOutcomes(date: String, input: String = csv) throws -> (notifications: [String], letters: [String]) {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try NightlyRun(options: options(date, input: input, outputRoot: out, dryRun: false)).execute()
        let folder = out + "/" + date
        var notifications: [String] = []
        for channel in Channel.allCases {
            let text = try String(contentsOfFile: folder + "/\(channel.name).jsonl", encoding: .utf8)
            for line in text.split(separator: "\n") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                // Email records list their addresses; phone records carry one number.
                let to = (object["to"] as? [String])?.joined(separator: ",") ?? (object["to"] as? String ?? "")
                notifications.append("\(object["payment"]!) \(object["slot"]!) \(object["recipient"]!) \(object["channel"]!) -> \(to) | \(object["scheduledFor"]!) \(object["shift"]!)")
            }
        }
        var letters: [String] = []
        let rejects = try parseCSV(String(contentsOfFile: folder + "/rejects.csv", encoding: .utf8))
        for row in rejects.dropFirst() where row[0] == "NOTIFICATION" {
            notifications.append("\(row[6]) \(row[7]) \(row[8]) \(row[9]) REJECTED \(row[11])")
        }
        for row in rejects.dropFirst() where row[0] == "LETTER" { letters.append("\(row[6]) REJECTED \(row[11])") }
        let manifest = try parseCSV(String(contentsOfFile: folder + "/postal-manifest.csv", encoding: .utf8))
        for row in manifest.dropFirst() where row[0] != "TOTAL" { letters.append("\(row[2]) MAILED \(row[13].filter(\.isNumber))") }
        return (notifications.sorted(), letters.sorted())
    }

    /// What explanations say goes out on their date, in the form of `runOutcomes`.
    static func explainedOutcomes(_ explanations: [ChargeExplanation]) -> (notifications: [String], letters: [String]) {
        var notifications: [String] = []
        var letters: [String] = []
        for e in explanations {
            for slot in e.slots where slot.fires {
                for delivery in slot.deliveries {
                    let head = "\(e.charge.id) \(slot.slot.name) \(delivery.recipient.name) \(delivery.channel.name)"
                    switch (delivery.outcome, delivery.contact) {
                    case (.sent, .email(let addresses)):
                        notifications.append("\(head) -> \(addresses.joined(separator: ",")) | \(slot.scheduledFor!.iso) \(slot.shift!.rawValue)")
                    case (.sent, .phone(let number)):
                        notifications.append("\(head) -> \(number) | \(slot.scheduledFor!.iso) \(slot.shift!.rawValue)")
                    case (.rejected, .rejected(let reason, _)):
                        notifications.append("\(head) REJECTED \(reason)")
                    default:
                        break
                    }
                }
            }
            if e.postal.decidedOnRunDate, let decision = e.postal.decision {
                switch decision.outcome {
                case .mail(let cep): letters.append("\(e.charge.id) MAILED \(cep)")
                case .rejected(let reason, _): letters.append("\(e.charge.id) REJECTED \(reason)")
                }
            }
        }
        return (notifications.sorted(), letters.sorted())
    }

    /// Every sound charge row of the export explained for a date, read the way the run reads it.
    static func explainAll(date: String, input: String = csv) throws -> [ChargeExplanation] {
        let options = try options(date, input: input)
        let planner = try NotificationPlanner(
            runDate: options.runDate, calendar: BusinessCalendar(calendars: options.calendars),
            configuration: options.configuration)
        let snapshot = try ExportSnapshot(directory: input, explicit: [:], maxRejectRatio: options.configuration.maxRejectRatio)
        var rejects = snapshot.rejects
        var result: [ChargeExplanation] = []
        _ = try snapshot.readCharges(rejects: &rejects) { charge, customer, account, settings in
            result.append(try planner.explain(charge: charge, customer: customer, account: account, settings: settings))
            return .used
        }
        return result
    }

    /// A small RFC 4180 reader for the run's own output files.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

private typealias F = RulesFixtures

@Suite struct ExplainTests {
    // MARK: - explain and run agree on the samples

    @Test(arguments: ["2026-12-04", "2026-12-05", "2026-12-07", "2026-12-08", "2026-11-30"])
    func explainAgreesWithTheRunForEveryChargeOfTheSamples(date: String) throws {
        let run = try SampleExport.runOutcomes(date: date)
        let explanations = try SampleExport.explainAll(date: date)
        // 300 rows, 3 rejected (BAD_NUMBER, BAD_ENUM, DUPLICATE_ID).
        #expect(explanations.count == 297)
        let explained = SampleExport.explainedOutcomes(explanations)
        #expect(explained.notifications == run.notifications)
        #expect(explained.letters == run.letters)
        if date == "2026-12-05" {
            #expect(run.notifications.isEmpty && run.letters.isEmpty)
        } else {
            #expect(run.notifications.count > 20)
        }
    }

    @Test func explainAgreesWithTheRunOnTheXMLSamples() throws {
        let run = try SampleExport.runOutcomes(date: "2026-12-04", input: SampleExport.xml)
        let explained = SampleExport.explainedOutcomes(try SampleExport.explainAll(date: "2026-12-04", input: SampleExport.xml))
        #expect(explained.notifications == run.notifications)
        #expect(explained.letters == run.letters)
        // The sample README: 7 letters mailed, 4 refused; 13 rejected notifications.
        #expect(run.letters.filter { $0.contains("MAILED") }.count == 7)
        #expect(run.letters.filter { $0.contains("REJECTED") }.count == 4)
        #expect(run.notifications.filter { $0.contains("REJECTED") }.count == 13)
    }

    @Test(arguments: ["2026-12-04", "2026-12-07"])
    func explanationsAreInternallyConsistent(date: String) throws {
        for e in try SampleExport.explainAll(date: date) {
            let considered = e.businessDay && e.leftOut == nil
            var fromDeliveries: [String] = []
            for slot in e.slots {
                let expected = considered && slot.enabled && slot.condition == .met && slot.sendDate == e.runDate
                #expect(slot.fires == expected, "\(e.charge.id) \(slot.slot.name)")
                for delivery in slot.deliveries {
                    if case .sent = delivery.outcome { fromDeliveries.append("\(slot.slot.name) \(delivery.recipient.name) \(delivery.channel.name)") }
                    if case .rejected = delivery.outcome { fromDeliveries.append("\(slot.slot.name) \(delivery.recipient.name) \(delivery.channel.name)") }
                    if !slot.fires { #expect(delivery.outcome == .slotDoesNotFire) }
                }
            }
            #expect(fromDeliveries == e.notifications.map { "\($0.slot.name) \($0.recipient.name) \($0.channel.name)" })
        }
    }

    // MARK: - Slot by slot

    @Test func dueSaturdayIsPulledForwardAndSaysWhy() throws {
        let charge = F.charge(due: "2026-12-05", billing: .boleto, identificationField: "23793.38128")
        let e = try F.planner("2026-12-04").explain(charge: charge, customer: F.customer, account: F.account, settings: .builtIn)
        let due = e[.warningDue]
        #expect(due.fires)
        #expect(due.condition == .met)
        #expect(due.scheduledFor == F.day("2026-12-05"))
        #expect(due.sendDate == F.day("2026-12-04"))
        #expect(due.shift == .pulledForward)
        #expect(due.shiftReason == ShiftReason(weekendDay: 6, holidays: []))
        #expect(due.deliveries == [
            .init(recipient: .customer, channel: .email, outcome: .sent,
                  contact: .email(["maria@example.com.br", "financeiro@example.com.br"])),
            .init(recipient: .customer, channel: .sms, outcome: .sent, contact: .phone("+5511987654321")),
        ])
        #expect(e[.linhaDigitavel].fires)
        #expect(e.effectiveDue == F.day("2026-12-07"))
        // Its OVERDUE_FIRST goes Tuesday 12-08, scheduledFor 12-08, no shift; not today.
        let overdue = e[.overdueFirst]
        #expect(!overdue.fires)
        #expect(overdue.condition == .notYetOverdue)
        #expect(overdue.scheduledFor == F.day("2026-12-08"))
        #expect(overdue.sendDate == F.day("2026-12-08"))
        #expect(overdue.shift == Shift.none)
        #expect(overdue.shiftReason == nil)
        #expect(overdue.deliveries.map(\.outcome) == [.slotDoesNotFire, .slotDoesNotFire, .slotDoesNotFire])
    }

    @Test func holidayShiftNamesTheHoliday() throws {
        let charge = F.charge(due: "2026-12-31", created: "2026-11-19")
        let e = try F.planner("2026-11-23").explain(charge: charge, customer: F.customer, account: F.account, settings: .builtIn)
        let created = e[.created]
        #expect(created.fires)
        #expect(created.scheduledFor == F.day("2026-11-20"))
        #expect(created.sendDate == F.day("2026-11-23"))
        #expect(created.shift == .pushedBack)
        #expect(created.shiftReason == ShiftReason(weekendDay: nil, holidays: ["Consciência Negra"]))
    }

    @Test func warningCollisionIsPerChannel() throws {
        var settings = F.allOff
        settings[.warningBefore] = SlotSetting(enabled: true, scheduleOffset: 1, customerEmail: true, customerWhatsApp: true)
        settings[.warningDue] = SlotSetting(enabled: true, scheduleOffset: 0, customerEmail: true)
        let e = try F.planner("2026-12-04").explain(charge: F.charge(due: "2026-12-06"), customer: F.customer,
                                                    account: F.account, settings: settings)
        let before = e[.warningBefore]
        #expect(before.fires)
        #expect(before.scheduledFor == F.day("2026-12-05"))
        #expect(before.deliveries.map(\.outcome) == [.lostCollision(to: .warningDue), .sent])
        #expect(before.deliveries[1].contact == .phone("+5511987654321"))
        #expect(e[.warningDue].deliveries.map(\.outcome) == [.sent])
        #expect(e.notifications.map { "\($0.slot.name) \($0.channel.name)" } == ["WARNING_BEFORE whatsapp", "WARNING_DUE email"])
    }

    @Test func overdueFirstBeatsTheEarliestRepeat() throws {
        var settings = SlotSettings.builtIn
        settings[.overdueRepeat].scheduleOffset = 1
        let e = try F.planner("2026-12-07").explain(charge: F.charge(due: "2026-12-04"), customer: F.customer,
                                                    account: F.account, settings: settings)
        let repeating = e[.overdueRepeat]
        #expect(repeating.fires)
        #expect(repeating.repeatIndex == 1)
        #expect(repeating.scheduledFor == F.day("2026-12-06"))
        #expect(repeating.shift == .pushedBack)
        #expect(repeating.shiftReason == ShiftReason(weekendDay: 0, holidays: []))
        #expect(repeating.deliveries.map(\.outcome) == [.lostCollision(to: .overdueFirst), .lostCollision(to: .overdueFirst)])
        let first = e[.overdueFirst]
        #expect(first.fires)
        #expect(first.deliveries.map(\.outcome) == [.sent, .sent, .sent])
        #expect(first.deliveries[2].contact == .email(["contato@loja.example.com"]))
    }

    /// A charge, a run date, a slot and the first failing part of its condition.
    struct ConditionCase: Sendable, CustomTestStringConvertible {
        var label: String
        var run: String
        var charge: Charge
        var slot: Slot
        var expected: SlotCondition
        var testDescription: String { label }
    }

    static let conditionCases: [ConditionCase] = [
        ConditionCase(label: "subscription: no CREATED", run: "2026-12-03",
                      charge: F.charge(due: "2026-12-31", created: "2026-12-02", subscription: "sub_1"), slot: .created,
                      expected: .generatedBySubscription),
        ConditionCase(label: "paid: WARNING_DUE not open", run: "2026-12-04",
                      charge: F.charge(due: "2026-12-05", status: .received, paymentDate: "2026-12-01"), slot: .warningDue,
                      expected: .notOpen),
        ConditionCase(label: "deleted: CREATED not open", run: "2026-12-03",
                      charge: F.charge(due: "2026-12-31", created: "2026-12-02", deleted: true), slot: .created, expected: .notOpen),
        ConditionCase(label: "Pix: no linha", run: "2026-12-04", charge: F.charge(due: "2026-12-05"),
                      slot: .linhaDigitavel, expected: .billingType),
        ConditionCase(label: "boleto without line", run: "2026-12-04", charge: F.charge(due: "2026-12-05", billing: .boleto),
                      slot: .linhaDigitavel, expected: .noIdentificationField),
        ConditionCase(label: "viewed boleto", run: "2026-12-04",
                      charge: F.charge(due: "2026-12-05", billing: .boleto, identificationField: "1", viewed: "2026-12-01"),
                      slot: .linhaDigitavel, expected: .boletoViewed),
        ConditionCase(label: "warning after effDue", run: "2026-12-08", charge: F.charge(due: "2026-12-05"),
                      slot: .warningDue, expected: .afterEffectiveDue),
        ConditionCase(label: "linha after effDue", run: "2026-12-08",
                      charge: F.charge(due: "2026-12-05", billing: .boleto, identificationField: "1"),
                      slot: .linhaDigitavel, expected: .afterEffectiveDue),
        ConditionCase(label: "overdue on effDue itself", run: "2026-12-07", charge: F.charge(due: "2026-12-05"),
                      slot: .overdueFirst, expected: .notYetOverdue),
        ConditionCase(label: "RECEIVED of a pending charge", run: "2026-12-04", charge: F.charge(due: "2026-12-05"),
                      slot: .received, expected: .notPaid),
        ConditionCase(label: "UPDATED", run: "2026-12-04", charge: F.charge(due: "2026-12-05"), slot: .updated,
                      expected: .eventDriven),
        ConditionCase(label: "repeat N=7 between two repeats", run: "2026-12-10", charge: F.charge(due: "2026-12-01"),
                      slot: .overdueRepeat, expected: .met),
        ConditionCase(label: "met WARNING_BEFORE", run: "2026-12-04", charge: F.charge(due: "2026-12-16"),
                      slot: .warningBefore, expected: .met),
    ]

    @Test(arguments: conditionCases)
    func conditionNamesTheFirstFailingPart(_ c: ConditionCase) throws {
        let e = try F.planner(c.run).explain(charge: c.charge, customer: F.customer, account: F.account, settings: .builtIn)
        #expect(e[c.slot].condition == c.expected)
        if c.expected != .met { #expect(!e[c.slot].fires) }
    }

    @Test func repeatsStopAfterMaxOverdueRepeats() throws {
        var configuration = RunConfiguration()
        configuration.maxOverdueRepeats = 2
        // effDue 12-01; repeats aim at 12-09 and 12-16; on 12-18 both went out.
        let planner = try F.planner("2026-12-18", configuration)
        let e = try planner.explain(charge: F.charge(due: "2026-12-01"), customer: F.customer, account: F.account, settings: .builtIn)
        #expect(e[.overdueRepeat].condition == .repeatsExhausted)
        #expect(e[.overdueRepeat].sendDate == nil)
        let before = try F.planner("2026-12-10", configuration)
            .explain(charge: F.charge(due: "2026-12-01"), customer: F.customer, account: F.account, settings: .builtIn)
        #expect(before[.overdueRepeat].condition == .met)
        #expect(before[.overdueRepeat].repeatIndex == 2)
        #expect(before[.overdueRepeat].scheduledFor == F.day("2026-12-16"))
        #expect(!before[.overdueRepeat].fires)
    }

    @Test(arguments: NotificationPlannerTests.createdCases + NotificationPlannerTests.warningBeforeCases
        + NotificationPlannerTests.warningDueCases + NotificationPlannerTests.linhaDigitavelCases
        + NotificationPlannerTests.overdueFirstCases + NotificationPlannerTests.overdueRepeatCases
        + NotificationPlannerTests.receivedCases)
    func explainFiresExactlyWhatTheSlotTableExpects(_ c: SlotCase) throws {
        let e = try F.planner(c.run).explain(charge: c.charge, customer: F.customer, account: F.account, settings: F.emailOnly)
        let fired = e.slots.filter(\.fires).map { "\($0.slot.name) \($0.scheduledFor!.iso) \($0.shift!.rawValue)" }
        #expect(fired == c.expected)
        #expect(e.notifications == (try F.planner(c.run).notifications(
            for: c.charge, customer: F.customer, account: F.account, settings: F.emailOnly)))
    }

    @Test func disabledCustomerKeepsTheAccountsMessages() throws {
        var customer = F.customer
        customer.notificationDisabled = true
        let e = try F.planner("2026-12-08").explain(charge: F.charge(due: "2026-12-05"), customer: customer,
                                                    account: F.account, settings: .builtIn)
        #expect(e[.overdueFirst].deliveries.map(\.outcome) == [.customerNotificationsDisabled, .customerNotificationsDisabled, .sent])
        #expect(e.notifications.map { "\($0.recipient.name) \($0.channel.name)" } == ["PROVIDER email"])
    }

    @Test func rejectedContactsCarryTheirReason() throws {
        var customer = F.customer
        customer.mobilePhone = "123"
        customer.email = nil
        customer.additionalEmails = "not-an-address"
        let e = try F.planner("2026-12-04").explain(charge: F.charge(due: "2026-12-05"), customer: customer,
                                                    account: F.account, settings: .builtIn)
        #expect(e[.warningDue].deliveries == [
            .init(recipient: .customer, channel: .email, outcome: .rejected,
                  contact: .rejected(reason: "NO_VALID_EMAIL", detail: "no valid email address in: not-an-address")),
            .init(recipient: .customer, channel: .sms, outcome: .rejected,
                  contact: .rejected(reason: "NO_VALID_MOBILE", detail: "\"123\" is not a valid mobile number")),
        ])
    }

    @Test func leftOutAndNonBusinessDaysFireNothing() throws {
        let created = try F.planner("2026-12-03").explain(
            charge: F.charge(due: "2026-12-31", created: "2026-12-03"), customer: F.customer, account: F.account, settings: .builtIn)
        #expect(created.leftOut == .notCreatedYet)
        #expect(created.slots.allSatisfy { !$0.fires })
        #expect(created[.created].condition == .met)
        #expect(created[.created].sendDate == F.day("2026-12-04"))
        var deleted = F.customer
        deleted.deleted = true
        let gone = try F.planner("2026-12-04").explain(charge: F.charge(due: "2026-12-05"), customer: deleted,
                                                       account: F.account, settings: .builtIn)
        #expect(gone.leftOut == .customerDeleted)
        #expect(gone.notifications.isEmpty && gone.slots.allSatisfy { !$0.fires })
        let saturday = try F.planner("2026-12-05").explain(charge: F.charge(due: "2026-12-05"), customer: F.customer,
                                                           account: F.account, settings: .builtIn)
        #expect(!saturday.businessDay)
        #expect(saturday.slots.allSatisfy { !$0.fires })
        #expect(saturday[.warningDue].condition == .met)
    }

    @Test func explainThrowsExactlyWhenTheRunWould() throws {
        let planner = try F.planner("2027-12-30")
        let charge = F.charge(due: "2028-01-10")
        #expect(throws: AvisoError.self) { try planner.notifications(for: charge, customer: F.customer, account: F.account, settings: .builtIn) }
        #expect(throws: AvisoError.self) { try planner.explain(charge: charge, customer: F.customer, account: F.account, settings: .builtIn) }
        // Left out: the run looks at none of its dates, so explain shows what it can.
        let future = F.charge(due: "2028-01-10", created: "2027-12-30")
        let e = try planner.explain(charge: future, customer: F.customer, account: F.account, settings: .builtIn)
        #expect(e.effectiveDue == nil)
        #expect(e[.warningDue].condition == nil)
        #expect(e[.created].sendDate == F.day("2027-12-31"))
    }

    // MARK: - Letters

    @Test func postalDecisionOnItsSendDateAndBefore() throws {
        var customer = F.customer
        customer.postalService = true
        let charge = F.charge(due: "2026-12-29", created: "2026-11-01", billing: .boleto, identificationField: "23793.38128")
        // S = nextBD(max(11-02, 12-29 − 22 = 12-07)) = 12-07; SP delivers in 7 business days by default.
        let onTime = try F.planner("2026-12-07").explain(charge: charge, customer: customer, account: F.account, settings: .builtIn)
        #expect(onTime.postal.ineligibility == nil)
        #expect(onTime.postal.scheduledFor == F.day("2026-12-07"))
        #expect(onTime.postal.sendDate == F.day("2026-12-07"))
        #expect(onTime.postal.decidedOnRunDate)
        #expect(onTime.letter == LetterDecision(sendDate: F.day("2026-12-07"), estimatedDelivery: F.day("2026-12-16"),
                                                outcome: .mail(postalCode: "01310100")))
        #expect(onTime.postal.decision == onTime.letter)
        let earlier = try F.planner("2026-12-04").explain(charge: charge, customer: customer, account: F.account, settings: .builtIn)
        #expect(!earlier.postal.decidedOnRunDate)
        #expect(earlier.letter == nil)
        #expect(earlier.postal.decision == onTime.letter)
        let plain = try F.planner("2026-12-07").explain(charge: charge, customer: F.customer, account: F.account, settings: .builtIn)
        #expect(plain.postal.ineligibility == .notRequested)
        #expect(plain.postal.decision == nil)
        var pix = charge
        pix.billingType = .pix
        pix.postalService = true
        let ineligible = try F.planner("2026-12-07").explain(charge: pix, customer: F.customer, account: F.account, settings: .builtIn)
        #expect(ineligible.postal.ineligibility == .billingType)
        #expect(ineligible.postal.chargeRequested && !ineligible.postal.customerRequested)
    }

    @Test(arguments: [
        (Charge(id: "p", customer: "c", billingType: .boleto, status: .pending, value: 1, dueDate: F.day("2026-12-29"),
                dateCreated: F.day("2026-11-01"), identificationField: "1"), true, PostalIneligibility?.none),
        (Charge(id: "p", customer: "c", billingType: .boleto, status: .received, value: 1, dueDate: F.day("2026-12-29"),
                dateCreated: F.day("2026-11-01"), paymentDate: F.day("2026-12-01"), identificationField: "1"), true, .notOpen),
        (Charge(id: "p", customer: "c", billingType: .undefined, status: .overdue, value: 1, dueDate: F.day("2026-12-29"),
                dateCreated: F.day("2026-11-01")), true, .noIdentificationField),
        (Charge(id: "p", customer: "c", billingType: .boleto, status: .pending, value: 1, dueDate: F.day("2026-12-29"),
                dateCreated: F.day("2026-11-01"), identificationField: "1"), false, .notRequested),
    ])
    func postalIneligibilityMatchesPostalRules(charge: Charge, postal: Bool, expected: PostalIneligibility?) throws {
        var customer = F.customer
        customer.postalService = postal
        let planner = try F.planner("2026-12-07")
        #expect(planner.postalIneligibility(of: charge, customer: customer) == expected)
        #expect(PostalRules.isEligible(charge, customer: customer) == (expected == nil))
    }

    // MARK: - aviso explain over the samples

    @Test func rejectedRowIsReportedWithLineAndReason() throws {
        let result = try ChargeExplainer(options: SampleExport.options("2026-12-04")).explain(payment: "pay_458115374430")
        #expect(result.charge == nil)
        #expect(result.chargesFile == "charges.csv")
        #expect(result.rejectedRows.map { "\($0.file):\($0.line ?? 0) \($0.field) \($0.reason)" } == ["charges.csv:42 value BAD_NUMBER"])
        let text = ExplanationWriter(language: .pt).text(result)
        #expect(text == """
            Cobrança pay_458115374430, execução de 04/12/2026: sexta-feira, dia útil.
            Rejeitada na leitura: linha 42 de charges.csv — BAD_NUMBER, campo value: expected a positive amount like 1234.56, 1234,56 or 1.234,56, found '1,234.56'.
            Nenhuma linha válida com este id: a execução não considera a cobrança (nenhuma notificação, nenhuma carta).

            """)
        let xml = try ChargeExplainer(options: SampleExport.options("2026-12-04", input: SampleExport.xml)).explain(payment: "pay_458115374430")
        #expect(xml.rejectedRows.map { "\($0.file) \($0.record ?? 0) \($0.reason)" } == ["charges.xml 41 BAD_NUMBER"])
    }

    @Test func duplicateRowIsReportedNextToTheUsedOne() throws {
        let result = try ChargeExplainer(options: SampleExport.options("2026-12-04")).explain(payment: "pay_585149475423")
        #expect(result.rejectedRows.map { "\($0.line ?? 0) \($0.reason)" } == ["262 DUPLICATE_ID"])
        let charge = try #require(result.charge)
        #expect(charge[.warningBefore].fires)
        let text = ExplanationWriter(language: .en).text(result)
        #expect(text.contains("\nRejected rows with this id (the run uses the first valid row):\nRejected on input: line 262 of charges.csv — DUPLICATE_ID, field id: charge id pay_585149475423 appeared on an earlier valid row; the first is kept.\n"))
    }

    @Test func unknownPaymentAndLeftOutCharges() throws {
        let explainer = ChargeExplainer(options: try SampleExport.options("2026-12-04"))
        let missing = try explainer.explain(payment: "pay_does_not_exist")
        #expect(missing.charge == nil && missing.rejectedRows.isEmpty)
        #expect(ExplanationWriter(language: .en).text(missing) == """
            Payment pay_does_not_exist, run of 2026-12-04: Friday, a business day.
            The payment is not in charges.csv: the run does not know it.

            """)
        // The sample has three charges left out on 12-04 (created that day, deleted customer).
        let leftOut = try SampleExport.explainAll(date: "2026-12-04").filter { $0.leftOut != nil }
        #expect(leftOut.count == 3)
        for e in leftOut {
            let result = try explainer.explain(payment: e.charge.id)
            #expect(result.charge == e)
            let text = ExplanationWriter(language: .pt).text(result)
            #expect(text.contains("\nDeixada de fora da execução: "))
            #expect(text.hasSuffix("Resultado em 04/12/2026: 0 mensagens, 0 notificações rejeitadas, nenhuma carta.\n"))
        }
    }

    // MARK: - Text

    @Test func writerSpellsOutShiftsChannelsAndOutcome() throws {
        let charge = F.charge(due: "2026-12-05", billing: .boleto, identificationField: "23793.38128")
        var customer = F.customer
        customer.mobilePhone = "123"
        let e = try F.planner("2026-12-04").explain(charge: charge, customer: customer, account: F.account, settings: .builtIn)
        let result = PaymentExplanation(payment: "pay_1", runDate: e.runDate, businessDay: true, holidays: [],
                                        chargesFile: "charges.csv", rejectedRows: [], charge: e, resendRequests: [])
        let pt = ExplanationWriter(language: .pt).text(result).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let warningDue = try #require(pt.firstIndex { $0.hasPrefix("WARNING_DUE ") })
        #expect(Array(pt[warningDue...(warningDue + 5)]) == [
            "WARNING_DUE (lembrete no vencimento): ativo. Regra: em aberto e D ≤ vencimento efetivo; sai no vencimento, antecipada para o dia útil anterior.",
            "  Condição: atendida.",
            "  Agenda: vencimento 05/12/2026 (sábado) → envio em 04/12/2026 (sexta-feira) (antecipado: sábado).",
            "  Dispara em 04/12/2026: sim.",
            "  - E-mail para o cliente: maria@example.com.br, financeiro@example.com.br",
            "  - SMS para o cliente: rejeitado — NO_VALID_MOBILE (\"123\" is not a valid mobile number)",
        ])
        #expect(pt.contains("Status PENDING, BOLETO, R$ 150,00; criada em 01/12/2025; vencimento 05/12/2026 (sábado), vencimento efetivo 07/12/2026 (segunda-feira)."))
        #expect(pt.contains("Resultado em 04/12/2026: 2 mensagens (E-mail 2), 2 notificações rejeitadas, nenhuma carta."))
        let en = ExplanationWriter(language: .en).text(result).split(separator: "\n").map(String.init)
        #expect(en.contains("  Schedule: due 2026-12-05 (Saturday) → send date 2026-12-04 (Friday) (pulled forward: Saturday)."))
        #expect(en.contains("  Fires on 2026-12-04: no (condition not met)."))
        #expect(en.contains("  - Email to the account: not today (contact: contato@loja.example.com)"))
    }
}
