import Foundation
import GRDB
import Testing
@testable import AvisoCore

/// The run ledger: state for D comes only from earlier dates, a rerun of D replaces D's rows,
/// deferred requests stay pending until handled, and a failed publish records nothing.
@Suite struct LedgerTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static let calendar = BusinessCalendar(calendars: [BrazilBankingCalendar.builtIn])

    /// A fresh ledger path in its own temporary folder (the folder is not created: the ledger does it).
    static func temporaryPath() -> (folder: String, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-ledger-\(UUID().uuidString)").path
        return (folder, folder + "/state/ledger.sqlite")
    }

    static func request(_ id: String, _ payment: String, millis: Int64 = 1_796_000_000_000) -> ResendRequest {
        ResendRequest(id: id, payment: payment, requestedAtMillis: millis, requestedAtText: "at-\(id)")
    }

    static func decision(
        _ id: String, _ payment: String, _ outcome: ResendDecision.Outcome, reason: String = "",
        channels: [Channel] = [], millis: Int64 = 1_796_000_000_000
    ) -> ResendDecision {
        let sent = outcome == .sent
        return ResendDecision(
            request: request(id, payment, millis: millis), outcome: outcome, reason: reason, detail: "d",
            channels: channels, overdue: false,
            usesEmail: sent && channels.contains(.email),
            usesPhone: sent && (channels.contains(.sms) || channels.contains(.whatsapp))
        )
    }

    static func entry(
        _ iso: String, businessDay: Bool = true, decisions: [ResendDecision] = [],
        messages: [LedgerEntry.Message] = [], messageCount: Int? = nil
    ) -> LedgerEntry {
        LedgerEntry(
            runDate: day(iso), startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z",
            businessDay: businessDay, inputs: [("charges.csv", "aa")], outputs: [("email.jsonl", "bb")],
            messageCount: messageCount ?? messages.count, letterCount: 0, rejectCount: 0, toolVersion: "test",
            resendDecisions: decisions, messages: messages
        )
    }

    static func message(_ id: String, _ payment: String, slot: String = "RESEND", channel: String = "email", request: String? = nil) -> LedgerEntry.Message {
        LedgerEntry.Message(id: id, payment: payment, slot: slot, recipient: "CUSTOMER", channel: channel, resendRequest: request)
    }

    static func record(_ ledger: Ledger, _ entry: LedgerEntry) throws {
        try ledger.record(entry) {}
    }

    struct Failure: Error {}

    // MARK: State before D

    @Test func emptyLedgerHasEmptyState() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try ledger.resendState(before: Self.day("2026-12-03")) == ResendState())
        #expect(try ledger.runDates(after: Self.day("2000-01-01")) == [])
        #expect(try ledger.lastRun(before: Self.day("2099-01-01")) == nil)
        #expect(try ledger.gaps(calendar: Self.calendar) == [])
        #expect(try ledger.runs(limit: 10) == [])
    }

    @Test("a new ledger has 64 KiB pages; an existing one keeps its own and opens as before")
    func pageSizeOfNewAndExistingLedgers() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pageSize = { (path: String) throws -> Int in
            try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_size") ?? 0 }
        }
        _ = try Ledger(path: path)
        #expect(try pageSize(path) == 65536)

        // A ledger made before (4 KiB pages, its tables already there) is opened and migrated
        // as it is: SQLite sets a file's page size once.
        let oldPath = folder + "/old.sqlite"
        let old = try DatabaseQueue(path: oldPath)
        try old.write { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "CREATE TABLE before_aviso (x INTEGER)")
        }
        try old.close()
        let ledger = try Ledger(path: oldPath)
        #expect(try pageSize(oldPath) == 4096)
        #expect(try ledger.runs(limit: 10) == [])
    }

    @Test func stateComesOnlyFromDatesBeforeD() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-03", decisions: [
            Self.decision("r1", "pay_1", .sent, channels: [.email, .sms]),
            Self.decision("r2", "pay_2", .rejected, reason: "CHARGE_NOT_OPEN"),
        ]))
        try Self.record(ledger, Self.entry("2026-12-04", decisions: [
            Self.decision("r3", "pay_1", .sent, channels: [.email]),
            Self.decision("r4", "pay_3", .sent, channels: [.whatsapp]),
        ]))

        // Nothing of 12-03 itself counts for 12-03.
        #expect(try ledger.resendState(before: Self.day("2026-12-03")) == ResendState())

        var afterThursday = ResendState()
        afterThursday.handledRequestIDs = ["r1", "r2"]
        afterThursday.emailResendsUsed = ["pay_1": 1]
        afterThursday.phoneResendUsed = ["pay_1"]
        #expect(try ledger.resendState(before: Self.day("2026-12-04")) == afterThursday)

        var afterFriday = ResendState()
        afterFriday.handledRequestIDs = ["r1", "r2", "r3", "r4"]
        afterFriday.emailResendsUsed = ["pay_1": 2]
        afterFriday.phoneResendUsed = ["pay_1", "pay_3"]
        #expect(try ledger.resendState(before: Self.day("2026-12-05")) == afterFriday)
        #expect(try ledger.resendState(before: Self.day("2027-06-01")) == afterFriday)
    }

    @Test func earlierDateRecordedLaterStillCountsOnlyForLaterDates() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-04", decisions: [Self.decision("r2", "pay_1", .sent, channels: [.email])]))
        try Self.record(ledger, Self.entry("2026-12-03", decisions: [Self.decision("r1", "pay_1", .sent, channels: [.email, .sms])]))
        var beforeFriday = ResendState()
        beforeFriday.handledRequestIDs = ["r1"]
        beforeFriday.emailResendsUsed = ["pay_1": 1]
        beforeFriday.phoneResendUsed = ["pay_1"]
        #expect(try ledger.resendState(before: Self.day("2026-12-04")) == beforeFriday)
    }

    // MARK: Reruns

    @Test func rerunOfADateReplacesItsRowsAndCountsNothingTwice() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        let thursday = Self.entry(
            "2026-12-03",
            decisions: [Self.decision("r1", "pay_1", .sent, channels: [.email, .sms])],
            messages: [Self.message("m1", "pay_1", request: "r1"), Self.message("m2", "pay_1", channel: "sms", request: "r1")]
        )
        try Self.record(ledger, thursday)
        try Self.record(ledger, thursday)
        try Self.record(ledger, thursday)

        var expected = ResendState()
        expected.handledRequestIDs = ["r1"]
        expected.emailResendsUsed = ["pay_1": 1]
        expected.phoneResendUsed = ["pay_1"]
        #expect(try ledger.resendState(before: Self.day("2026-12-04")) == expected)
        let history = try ledger.history(payment: "pay_1")
        #expect(history.messages.map(\.id) == ["m1", "m2"])
        #expect(history.resends.map(\.requestId) == ["r1"])
        #expect(try ledger.runs(limit: 10).map(\.runDate) == ["2026-12-03"])

        // A rerun with different results replaces the date's rows as a whole.
        try Self.record(ledger, Self.entry(
            "2026-12-03",
            decisions: [Self.decision("r9", "pay_2", .sent, channels: [.email])],
            messages: [Self.message("m9", "pay_2", request: "r9")]
        ))
        var replaced = ResendState()
        replaced.handledRequestIDs = ["r9"]
        replaced.emailResendsUsed = ["pay_2": 1]
        #expect(try ledger.resendState(before: Self.day("2026-12-04")) == replaced)
        let old = try ledger.history(payment: "pay_1")
        #expect(old.messages.isEmpty)
        #expect(old.resends.isEmpty)
        #expect(try ledger.history(payment: "pay_2").messages.map(\.id) == ["m9"])
    }

    @Test func rerunLeavesOtherDatesAlone() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-03", decisions: [Self.decision("r1", "pay_1", .sent, channels: [.email])], messages: [Self.message("m1", "pay_1", request: "r1")]))
        try Self.record(ledger, Self.entry("2026-12-04", decisions: [Self.decision("r2", "pay_1", .sent, channels: [.email])], messages: [Self.message("m2", "pay_1", request: "r2")]))
        try Self.record(ledger, Self.entry("2026-12-03", decisions: [], messages: []))
        var expected = ResendState()
        expected.handledRequestIDs = ["r2"]
        expected.emailResendsUsed = ["pay_1": 1]
        #expect(try ledger.resendState(before: Self.day("2026-12-05")) == expected)
        let history = try ledger.history(payment: "pay_1")
        #expect(history.messages.map(\.runDate) == ["2026-12-04"])
        #expect(history.resends.map(\.runDate) == ["2026-12-04"])
        #expect(try ledger.runs(limit: 10).map(\.runDate) == ["2026-12-04", "2026-12-03"])
    }

    // MARK: Deferred requests

    @Test func deferredRequestStaysPendingUntilHandled() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        let millis: Int64 = 1_796_500_000_123
        try Self.record(ledger, Self.entry("2026-12-05", businessDay: false, decisions: [
            Self.decision("r5", "pay_2", .deferred, channels: [.email, .sms], millis: millis),
            Self.decision("r6", "pay_3", .rejected, reason: "RESEND_LIMIT_REACHED"),
        ]))
        try Self.record(ledger, Self.entry("2026-12-06", businessDay: false, decisions: [
            Self.decision("r5", "pay_2", .deferred, channels: [.email, .sms], millis: millis),
        ]))

        var weekend = ResendState()
        weekend.handledRequestIDs = ["r6"]
        weekend.pendingDeferred = [ResendRequest(id: "r5", payment: "pay_2", requestedAtMillis: millis, requestedAtText: "at-r5")]
        // Before Sunday and before Monday alike: pending once, with its instant and text; a
        // DEFERRED request is not handled, a REJECTED one is and blocks nothing.
        #expect(try ledger.resendState(before: Self.day("2026-12-06")) == weekend)
        #expect(try ledger.resendState(before: Self.day("2026-12-07")) == weekend)
        #expect(try ledger.resendState(before: Self.day("2026-12-05")) == ResendState())
        // Deferrals use no allowance.
        #expect(try ledger.resendState(before: Self.day("2026-12-07")).emailResendsUsed == [:])

        try Self.record(ledger, Self.entry("2026-12-07", decisions: [
            Self.decision("r5", "pay_2", .sent, channels: [.email, .sms], millis: millis),
        ]))
        var monday = ResendState()
        monday.handledRequestIDs = ["r5", "r6"]
        monday.emailResendsUsed = ["pay_2": 1]
        monday.phoneResendUsed = ["pay_2"]
        #expect(try ledger.resendState(before: Self.day("2026-12-08")) == monday)
        // A rerun of Sunday still starts from Saturday's state.
        #expect(try ledger.resendState(before: Self.day("2026-12-06")) == weekend)
    }

    @Test func deferredThenRejectedIsNoLongerPending() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-05", businessDay: false, decisions: [Self.decision("r5", "pay_2", .deferred, channels: [.email])]))
        try Self.record(ledger, Self.entry("2026-12-07", decisions: [Self.decision("r5", "pay_2", .rejected, reason: "CHARGE_NOT_OPEN")]))
        let state = try ledger.resendState(before: Self.day("2026-12-08"))
        #expect(state.pendingDeferred == [])
        #expect(state.handledRequestIDs == ["r5"])
        #expect(state.emailResendsUsed == [:])
        #expect(state.phoneResendUsed == [])
    }

    @Test func severalPendingRequestsComeBackInIdOrder() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-05", businessDay: false, decisions: [
            Self.decision("r_b", "pay_2", .deferred, channels: [.email], millis: 1),
            Self.decision("r_a", "pay_1", .deferred, channels: [.email], millis: 2),
        ]))
        let state = try ledger.resendState(before: Self.day("2026-12-07"))
        #expect(state.pendingDeferred.map(\.id) == ["r_a", "r_b"])
        #expect(state.pendingDeferred.map(\.payment) == ["pay_1", "pay_2"])
        #expect(state.pendingDeferred.map(\.requestedAtMillis) == [2, 1])
    }

    // MARK: Run dates

    @Test func runDatesLastRunAndGaps() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        for iso in ["2026-12-07", "2026-12-02", "2026-12-03"] { try Self.record(ledger, Self.entry(iso)) }

        #expect(try ledger.runDates(after: Self.day("2026-12-02")) == [Self.day("2026-12-03"), Self.day("2026-12-07")])
        #expect(try ledger.runDates(after: Self.day("2026-12-01")) == [Self.day("2026-12-02"), Self.day("2026-12-03"), Self.day("2026-12-07")])
        #expect(try ledger.runDates(after: Self.day("2026-12-05")) == [Self.day("2026-12-07")])
        #expect(try ledger.runDates(after: Self.day("2026-12-07")) == [])

        #expect(try ledger.lastRun(before: Self.day("2026-12-02")) == nil)
        #expect(try ledger.lastRun(before: Self.day("2026-12-03")) == Self.day("2026-12-02"))
        #expect(try ledger.lastRun(before: Self.day("2026-12-07")) == Self.day("2026-12-03"))
        #expect(try ledger.lastRun(before: Self.day("2026-12-05")) == Self.day("2026-12-03"))
        #expect(try ledger.lastRun(before: Self.day("2026-12-31")) == Self.day("2026-12-07"))

        // Thursday 12-03 ran; Friday 12-04 did not; the weekend is no gap.
        #expect(try ledger.gaps(calendar: Self.calendar) == [Self.day("2026-12-04")])
        #expect(try ledger.runs(limit: 2).map(\.runDate) == ["2026-12-07", "2026-12-03"])
    }

    struct GapCase: Sendable, CustomTestStringConvertible {
        var runs: [String]
        var gaps: [String]
        var testDescription: String { runs.joined(separator: ",") }
    }

    @Test(arguments: [
        GapCase(runs: ["2026-12-03"], gaps: []),
        GapCase(runs: ["2026-12-02", "2026-12-07"], gaps: ["2026-12-03", "2026-12-04"]),
        // Friday 11-20 is a holiday: Thursday then Monday misses nothing.
        GapCase(runs: ["2026-11-19", "2026-11-23"], gaps: []),
        GapCase(runs: ["2026-11-18", "2026-11-23"], gaps: ["2026-11-19"]),
        // A weekend run counts as a run; the weekend itself is never a gap.
        GapCase(runs: ["2026-12-04", "2026-12-05", "2026-12-07"], gaps: []),
        // Christmas Friday and New Year Friday are holidays.
        GapCase(runs: ["2026-12-23", "2027-01-05"], gaps: ["2026-12-24", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-04"]),
    ])
    func gapsAreTheMissingBusinessDaysBetweenRuns(_ c: GapCase) throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        for iso in c.runs { try Self.record(ledger, Self.entry(iso)) }
        #expect(try ledger.gaps(calendar: Self.calendar) == c.gaps.map(Self.day))
    }

    // MARK: Failed publish

    @Test func recordRollsBackWhenPublishThrows() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry(
            "2026-12-03", decisions: [Self.decision("r1", "pay_1", .sent, channels: [.email])],
            messages: [Self.message("m1", "pay_1", request: "r1")]
        ))
        let stateBefore = try ledger.resendState(before: Self.day("2026-12-31"))
        let runsBefore = try ledger.runs(limit: 10)
        let historyBefore = try ledger.history(payment: "pay_1")

        // A rerun of 12-03 and a first run of 12-04 whose publishing fails.
        var calls = 0
        for iso in ["2026-12-03", "2026-12-04"] {
            do {
                try ledger.record(Self.entry(
                    iso, decisions: [Self.decision("r7-\(iso)", "pay_1", .sent, channels: [.email, .sms])],
                    messages: [Self.message("m7-\(iso)", "pay_1", request: "r7-\(iso)")]
                )) {
                    calls += 1
                    throw Failure()
                }
                Issue.record("record must throw when publish throws")
            } catch let error as AvisoError {
                #expect(error.category == .output)
            }
        }
        #expect(calls == 2)
        #expect(try ledger.resendState(before: Self.day("2026-12-31")) == stateBefore)
        #expect(try ledger.runs(limit: 10) == runsBefore)
        let historyAfter = try ledger.history(payment: "pay_1")
        #expect(historyAfter.messages == historyBefore.messages)
        #expect(historyAfter.resends == historyBefore.resends)
        #expect(try ledger.runDates(after: Self.day("2026-12-03")) == [])
    }

    // MARK: Recording in two steps (the nightly run's messages go in while it stages its files)

    @Test func aStartedRecordingCompletesWithTheMessagesItStartedWith() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-03", messages: [Self.message("old", "pay_1")]))
        let started = [Self.message("m2", "pay_1", slot: "WARNING_DUE"), Self.message("m1", "pay_2", request: "r1")]
        let recording = ledger.startRecording(runDate: Self.day("2026-12-03"), messages: started)
        var published = false
        // The entry completing it carries no messages: the started ones are the run's.
        try recording.complete(Self.entry("2026-12-03", decisions: [Self.decision("r1", "pay_2", .sent, channels: [.email])], messageCount: 2)) {
            published = true
        }
        recording.cancel()
        #expect(published)
        #expect(try ledger.history(payment: "pay_1").messages.map(\.id) == ["m2"])
        #expect(try ledger.history(payment: "pay_2").messages.map(\.resendRequest) == ["r1"])
        #expect(try ledger.runs(limit: 10).map(\.messages) == [2])
        #expect(try ledger.resendState(before: Self.day("2026-12-31")).handledRequestIDs.contains("r1"))
    }

    @Test func aRunsOutboundRecordsAreStoredAsTheirMessagesWouldBe() throws {
        // The nightly run gives the ledger its outbound records as they are; they must be stored
        // exactly as the equivalent ledger messages are (recipient and channel by name, a digest
        // id as its hex digits, a resend's request).
        let day = Self.day("2026-12-03")
        func outbound(_ id: RecordID, _ payment: String, _ recipient: Recipient, _ channel: Channel, request: String? = nil) -> OutboundRecord {
            var record = OutboundRecord(
                id: "", runDate: day, priority: 1, account: "acc_1", customer: "cus_1", payment: payment, event: "PAYMENT_OVERDUE",
                scheduleOffset: 0, slot: request == nil ? "OVERDUE_FIRST" : "RESEND", slotRank: request == nil ? 5 : -1,
                recipient: recipient, channel: channel, to: ["+5511987654321"], scheduledFor: day, shift: .none, fee: 0,
                resendRequest: request, message: .sms(text: "texto")
            )
            record.idStorage = id
            return record
        }
        let records = [
            outbound(.digest(0xABCD, 0x1234), "pay_2", .provider, .voice),
            outbound(.text("m1"), "pay_1", .customer, .sms, request: "req_1"),
            outbound(.digest(1, 2), "pay_1", .customer, .whatsapp),
        ]
        let messages = records.map {
            LedgerEntry.Message(idStorage: $0.idStorage, payment: $0.payment, slot: $0.slot, recipient: $0.recipient.name,
                                channel: $0.channel.name, resendRequest: $0.resendRequest)
        }
        func stored(_ record: (Ledger) throws -> Void) throws -> [[String?]] {
            let (folder, path) = Self.temporaryPath()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let ledger = try Ledger(path: path)
            try record(ledger)
            return try ledger.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM message").map { row in (0..<row.count).map { row[$0] as String? } }
            }
        }
        let fromRecords = try stored { ledger in
            try ledger.startRecording(runDate: day, messages: records).complete(Self.entry("2026-12-03", messageCount: 3)) {}
        }
        let fromMessages = try stored { ledger in try Self.record(ledger, Self.entry("2026-12-03", messages: messages)) }
        // One row per charge: pay_1's two messages in one array, by id.
        #expect(fromRecords == [
            ["2026-12-03", "pay_1", #"[["00000000000000010000000000000002","OVERDUE_FIRST","CUSTOMER","whatsapp"],["m1","RESEND","CUSTOMER","sms","req_1"]]"#],
            ["2026-12-03", "pay_2", #"[["000000000000abcd0000000000001234","OVERDUE_FIRST","PROVIDER","voice"]]"#],
        ])
        #expect(fromRecords == fromMessages)
    }

    @Test func aCancelledRecordingLeavesTheDateAsItWas() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-03", messages: [Self.message("old", "pay_1")]))
        let runsBefore = try ledger.runs(limit: 10)
        let recording = ledger.startRecording(runDate: Self.day("2026-12-03"), messages: [Self.message("new", "pay_1")])
        recording.cancel()
        #expect(try ledger.history(payment: "pay_1").messages.map(\.id) == ["old"])
        #expect(try ledger.runs(limit: 10) == runsBefore)
        // The ledger is free again: the next run records.
        try Self.record(ledger, Self.entry("2026-12-04", messages: [Self.message("next", "pay_1")]))
        #expect(try ledger.history(payment: "pay_1").messages.map(\.id) == ["old", "next"])
    }

    @Test func aStartedRecordingWhosePublishFailsLeavesTheDateAsItWas() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-03", messages: [Self.message("old", "pay_1")]))
        let recording = ledger.startRecording(runDate: Self.day("2026-12-03"), messages: [Self.message("new", "pay_1")])
        do {
            try recording.complete(Self.entry("2026-12-03")) { throw Failure() }
            Issue.record("complete must throw when publish throws")
        } catch let error as AvisoError {
            #expect(error.category == .output)
            #expect(error.file == path)
        }
        recording.cancel()
        #expect(try ledger.history(payment: "pay_1").messages.map(\.id) == ["old"])
    }

    @Test func aStartedRecordingWhoseMessagesFailToGoInNeverPublishes() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-03", messages: [Self.message("old", "pay_1")]))
        // Two messages with one key: the insert fails before the run's own rows are given.
        let recording = ledger.startRecording(runDate: Self.day("2026-12-03"), messages: [Self.message("m", "pay_1"), Self.message("m", "pay_1")])
        var published = false
        do {
            try recording.complete(Self.entry("2026-12-03")) { published = true }
            Issue.record("complete must throw when the messages cannot be inserted")
        } catch let error as AvisoError {
            #expect(error.category == .output)
            #expect(error.message.contains("UNIQUE"))
        }
        recording.cancel()
        #expect(!published)
        #expect(try ledger.history(payment: "pay_1").messages.map(\.id) == ["old"])
    }

    @Test func aCancelledRecordingStopsItsInsertBetweenBatches() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        // Batches are checked for cancelling: a cancelled run stops at the next one.
        var batches = 0
        let messages = (0..<(3 * Ledger.messagesPerBatch)).map { Self.message("m\($0)", "pay_\($0)") }
        do {
            try ledger.queue.write { db in
                try Ledger.replaceRun(db, runDate: Self.day("2026-12-03"), messages: messages) {
                    batches += 1
                    if batches == 2 { throw CancellationError() }
                }
            }
            Issue.record("the insert must stop when its checkpoint throws")
        } catch is CancellationError {}
        #expect(batches == 2)
        #expect(try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") } == 0)
    }

    @Test func everyValueOfEveryMessageIsStoredAsGiven() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        // The values of one message are bound from one buffer refilled for the next: a long row
        // before a short one, empty values and an empty request (text, not NULL) must all come
        // back as given, each in its own column.
        let messages = [
            LedgerEntry.Message(id: String(repeating: "i", count: 300), payment: "pay_1", slot: String(repeating: "s", count: 200),
                                recipient: "PROVIDER", channel: "email", resendRequest: String(repeating: "r", count: 150)),
            LedgerEntry.Message(id: "b", payment: "pay_2", slot: "", recipient: "", channel: "sms", resendRequest: ""),
            LedgerEntry.Message(id: "c", payment: "", slot: "WARNING_DUE", recipient: "CUSTOMER", channel: "", resendRequest: nil),
            LedgerEntry.Message(id: "", payment: "pay_3é", slot: "X", recipient: "Y", channel: "voice", resendRequest: "req_9"),
        ]
        try Self.record(ledger, Self.entry("2026-12-03", messages: messages))
        let rows = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT runDate, payment, messages FROM message")
        }
        // Each charge's messages as its array holds them; a resend request absent (not one of
        // the strings) or given, empty included.
        let stored = try rows.flatMap { row -> [String] in
            let runDate: String = row[0], payment: String = row[1]
            return try Ledger.messageElements(row[2]).map { message in
                [runDate, payment, message.id, message.slot, message.recipient, message.channel, message.resendRequest ?? "<null>"]
                    .joined(separator: "|") + (message.resendRequest == nil ? " null" : " text")
            }
        }
        #expect(stored.sorted() == [
            "2026-12-03|pay_1|\(String(repeating: "i", count: 300))|\(String(repeating: "s", count: 200))|PROVIDER|email|\(String(repeating: "r", count: 150)) text",
            "2026-12-03|pay_2|b|||sms| text",
            "2026-12-03|pay_3é||X|Y|voice|req_9 text",
            "2026-12-03||c|WARNING_DUE|CUSTOMER||<null> null",
        ])
    }

    @Test func digestIdsAreRecordedAsTheirHexDigits() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        // As the run keeps them: two words of a digest, ordered (and written) as their hex text.
        let high = LedgerEntry.Message(idStorage: .digest(0xF000_0000_0000_0000, 1), payment: "pay_1", slot: "WARNING_DUE",
                                       recipient: "CUSTOMER", channel: "sms", resendRequest: nil)
        let low = LedgerEntry.Message(idStorage: .digest(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210), payment: "pay_1",
                                      slot: "WARNING_DUE", recipient: "CUSTOMER", channel: "email", resendRequest: nil)
        let text = Self.message("0123456789abcdeffedcba9876543211", "pay_1")
        #expect(low == LedgerEntry.Message(id: "0123456789abcdeffedcba9876543210", payment: "pay_1", slot: "WARNING_DUE",
                                           recipient: "CUSTOMER", channel: "email"))
        #expect(Ledger.keyOrder([high, text, low]) == [2, 1, 0])
        try Self.record(ledger, Self.entry("2026-12-03", messages: [high, text, low]))
        #expect(try ledger.history(payment: "pay_1").messages.map(\.id).sorted() == [
            "0123456789abcdeffedcba9876543210", "0123456789abcdeffedcba9876543211", "f0000000000000000000000000000001",
        ])
    }

    @Test func aLeftoverRollbackJournalIsExplainedToReadersAndRolledBackByTheNextRun() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.record(try Ledger(path: path), Self.entry("2026-12-03", messages: [Self.message("m1", "pay_1")]))
        // What a run killed while recording leaves: a journal SQLite must play back before reading
        // (its first byte non-zero; this one holds nothing to restore).
        #expect(FileManager.default.createFile(atPath: path + "-journal", contents: Data([0xD9, 0xD5, 0x05, 0xF9] + [UInt8](repeating: 1, count: 508))))
        do {
            _ = try Ledger.openExisting(path: path)
            Issue.record("a read-only opening cannot roll a journal back")
        } catch let error as AvisoError {
            #expect(error.message.contains("a run was stopped before it finished recording"))
            #expect(error.hint?.contains("the next `aviso run` rolls") == true)
        }
        _ = try Ledger(path: path)
        #expect(try Ledger.openExisting(path: path)?.runs(limit: 5).map(\.runDate) == ["2026-12-03"])
    }

    @Test func publishErrorsKeepTheirCategoryAndOthersBecomeOutputErrors() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        do {
            try ledger.record(Self.entry("2026-12-03")) { throw AvisoError(.output, file: "x", "publish failed") }
            Issue.record("record must rethrow")
        } catch let error as AvisoError {
            #expect(error.message == "publish failed")
            #expect(error.file == "x")
        }
        do {
            try ledger.record(Self.entry("2026-12-03")) { throw Failure() }
            Issue.record("record must throw")
        } catch let error as AvisoError {
            #expect(error.category == .output)
            #expect(error.file == path)
        }
        #expect(try ledger.runs(limit: 10) == [])
    }

    @Test func publishRunsInsideTheTransaction() throws {
        // What publish sees: the date's old rows are already replaced (not yet committed).
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        var published = false
        try ledger.record(Self.entry("2026-12-03", messageCount: 7)) { published = true }
        #expect(published)
        let runs = try ledger.runs(limit: 10)
        #expect(runs == [RecordedRun(
            runDate: "2026-12-03", startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z",
            businessDay: true, outcome: "SUCCEEDED", messages: 7, letters: 0, rejects: 0
        )])
    }

    // MARK: History

    @Test func historyListsMessagesAndResendsOldestFirst() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry(
            "2026-12-04", decisions: [Self.decision("r2", "pay_1", .sent, channels: [.email, .sms], millis: 5)],
            messages: [Self.message("mb", "pay_1", channel: "sms", request: "r2"), Self.message("ma", "pay_1", request: "r2"), Self.message("mx", "pay_9")]
        ))
        try Self.record(ledger, Self.entry(
            "2026-12-03", decisions: [Self.decision("r1", "pay_1", .rejected, reason: "RESEND_IN_PROGRESS", millis: 9), Self.decision("r0", "pay_1", .sent, channels: [.email], millis: 1)],
            messages: [Self.message("mc", "pay_1", slot: "WARNING_DUE")]
        ))
        let history = try ledger.history(payment: "pay_1")
        #expect(history.messages == [
            HistoryMessage(runDate: "2026-12-03", id: "mc", slot: "WARNING_DUE", recipient: "CUSTOMER", channel: "email", resendRequest: nil),
            HistoryMessage(runDate: "2026-12-04", id: "ma", slot: "RESEND", recipient: "CUSTOMER", channel: "email", resendRequest: "r2"),
            HistoryMessage(runDate: "2026-12-04", id: "mb", slot: "RESEND", recipient: "CUSTOMER", channel: "sms", resendRequest: "r2"),
        ])
        #expect(history.resends == [
            HistoryResend(runDate: "2026-12-03", requestId: "r0", requestedAt: "at-r0", outcome: "SENT", reason: "", channels: "email"),
            HistoryResend(runDate: "2026-12-03", requestId: "r1", requestedAt: "at-r1", outcome: "REJECTED", reason: "RESEND_IN_PROGRESS", channels: ""),
            HistoryResend(runDate: "2026-12-04", requestId: "r2", requestedAt: "at-r2", outcome: "SENT", reason: "", channels: "email|sms"),
        ])
        #expect(try ledger.history(payment: "pay_unknown").messages.isEmpty)
    }

    // MARK: Opening and schema

    @Test func reopeningKeepsEverythingAndMigratesOnlyOnce() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let ledger = try Ledger(path: path)
            try Self.record(ledger, Self.entry("2026-12-03", decisions: [Self.decision("r1", "pay_1", .sent, channels: [.email, .sms])]))
        }
        for _ in 0..<2 {
            let reopened = try Ledger(path: path)
            var expected = ResendState()
            expected.handledRequestIDs = ["r1"]
            expected.emailResendsUsed = ["pay_1": 1]
            expected.phoneResendUsed = ["pay_1"]
            #expect(try reopened.resendState(before: Self.day("2026-12-04")) == expected)
            #expect(try reopened.runs(limit: 5).map(\.runDate) == ["2026-12-03"])
        }
        let existing = try #require(try Ledger.openExisting(path: path))
        #expect(try existing.runs(limit: 5).count == 1)
    }

    @Test func emptyFileIsMigratedIntoALedger() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let ledger = try Ledger(path: path)
        try Self.record(ledger, Self.entry("2026-12-03"))
        #expect(try ledger.runs(limit: 5).map(\.runDate) == ["2026-12-03"])
    }

    @Test func ledgerOfTheFirstSchemaKeepsItsMessagesWhenMigrated() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            // A ledger as the first release left it: messages keyed by a random id, with a payment index.
            let queue = try DatabaseQueue(path: path)
            try Ledger.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO run VALUES ('2026-12-03', 's', 'f', 1, 'SUCCEEDED', '', '', 2, 0, 0, 'old');
                    INSERT INTO message VALUES ('2026-12-03', 'mz', 'pay_1', 'WARNING_DUE', 'CUSTOMER', 'email', NULL);
                    INSERT INTO message VALUES ('2026-12-03', 'ma', 'pay_2', 'RESEND', 'CUSTOMER', 'sms', 'r1');
                    """)
            }
        }
        #expect(throws: AvisoError.self) { try Ledger(path: path, readOnly: true) }
        let ledger = try Ledger(path: path)
        #expect(try ledger.history(payment: "pay_1").messages == [
            HistoryMessage(runDate: "2026-12-03", id: "mz", slot: "WARNING_DUE", recipient: "CUSTOMER", channel: "email", resendRequest: nil),
        ])
        #expect(try ledger.history(payment: "pay_2").messages == [
            HistoryMessage(runDate: "2026-12-03", id: "ma", slot: "RESEND", recipient: "CUSTOMER", channel: "sms", resendRequest: "r1"),
        ])
        let indexes = try ledger.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'message' ORDER BY name")
        }
        // The key is the table (WITHOUT ROWID): no index left to maintain on every insert.
        #expect(indexes.isEmpty)
    }

    @Test func ledgerOfTheSecondSchemaKeepsEveryMessageWhenMigrated() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            // A ledger of a row a message, keyed (runDate, payment, id), rows put in out of order.
            let queue = try DatabaseQueue(path: path)
            try Ledger.migrator.migrate(queue, upTo: "v2-message-by-payment")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO run VALUES ('2026-12-03', 's', 'f', 1, 'SUCCEEDED', '', '', 4, 0, 0, 'old');
                    INSERT INTO run VALUES ('2026-12-04', 's', 'f', 1, 'SUCCEEDED', '', '', 1, 0, 0, 'old');
                    INSERT INTO message VALUES ('2026-12-03', 'pay_1', 'mz', 'WARNING_DUE', 'CUSTOMER', 'email', NULL);
                    INSERT INTO message VALUES ('2026-12-03', 'pay_1', 'ma', 'WARNING_DUE', 'CUSTOMER', 'sms', NULL);
                    INSERT INTO message VALUES ('2026-12-03', 'pay_1', 'q"\\', 'RESEND', 'CUSTOMER', 'sms', '');
                    INSERT INTO message VALUES ('2026-12-03', 'pay_2', 'mb', 'RESEND', 'CUSTOMER', 'sms', 'r1');
                    INSERT INTO message VALUES ('2026-12-04', 'pay_1', 'mc', 'OVERDUE_FIRST', 'PROVIDER', 'email', NULL);
                    """)
            }
        }
        let ledger = try Ledger(path: path)
        #expect(try ledger.history(payment: "pay_1").messages == [
            HistoryMessage(runDate: "2026-12-03", id: "q\"\\", slot: "RESEND", recipient: "CUSTOMER", channel: "sms", resendRequest: ""),
            HistoryMessage(runDate: "2026-12-03", id: "mz", slot: "WARNING_DUE", recipient: "CUSTOMER", channel: "email", resendRequest: nil),
            HistoryMessage(runDate: "2026-12-03", id: "ma", slot: "WARNING_DUE", recipient: "CUSTOMER", channel: "sms", resendRequest: nil),
            HistoryMessage(runDate: "2026-12-04", id: "mc", slot: "OVERDUE_FIRST", recipient: "PROVIDER", channel: "email", resendRequest: nil),
        ])
        #expect(try ledger.history(payment: "pay_2").messages.map(\.id) == ["mb"])
        let rows = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT runDate, payment, messages FROM message ORDER BY runDate, payment").map { row -> String in
                "\(row[0] as String) \(row[1] as String) \(row[2] as String)"
            }
        }
        // A charge's messages of one run in one row, by id in byte order.
        #expect(rows == [
            #"2026-12-03 pay_1 [["ma","WARNING_DUE","CUSTOMER","sms"],["mz","WARNING_DUE","CUSTOMER","email"],["q\"\\","RESEND","CUSTOMER","sms",""]]"#,
            #"2026-12-03 pay_2 [["mb","RESEND","CUSTOMER","sms","r1"]]"#,
            #"2026-12-04 pay_1 [["mc","OVERDUE_FIRST","PROVIDER","email"]]"#,
        ])
    }

    @Test func aLedgerMessageListThatIsNotAviso_sIsRefusedWithItsReason() throws {
        #expect(throws: AvisoError.self) { try Ledger.messageElements("{}") }
        #expect(throws: AvisoError.self) { try Ledger.messageElements(#"[["a","b","c"]]"#) }
        #expect(throws: (any Error).self) { try Ledger.messageElements("not json") }
        #expect(try Ledger.messageElements(#"[["a","b","c","d"],["e","f","g","h","i"]]"#).map(\.resendRequest) == [nil, "i"])
    }

    @Test func historyLooksUpOneKeyRangePerRunAndNeverScansTheMessages() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        let plan = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Ledger.historyMessagesSQL, arguments: ["pay_1"]).map { row -> String in row["detail"] }
        }
        #expect(plan.contains { $0.hasPrefix("SEARCH message USING PRIMARY KEY (runDate=? AND payment=?)") })
        #expect(!plan.contains { $0.hasPrefix("SCAN message") })
    }

    @Test func messagesAreInsertedInKeyOrderPaymentThenIdByBytes() {
        let messages = [
            Self.message("b", "pay_2"), Self.message("z", "pay_1"), Self.message("a", "pay_2"),
            Self.message("é", "pay_1"), Self.message("Z", "pay_1"), Self.message("c", "PAY_9"),
        ]
        #expect(Ledger.keyOrder(messages).map { "\(messages[$0].payment)/\(messages[$0].id)" } == ["PAY_9/c", "pay_1/Z", "pay_1/z", "pay_1/é", "pay_2/a", "pay_2/b"])
    }

    @Test func keyOrderLooksPastThePaymentsFirstSixteenBytes() {
        // Equal in their first 16 bytes, or equal but for trailing zero bytes: the integer
        // prefixes tie and the whole payments decide.
        let messages = [
            Self.message("a", "pay_0123456789ab_2"), Self.message("a", "pay_0123456789ab_10"),
            Self.message("b", "pay_0123456789ab"), Self.message("a", "pay_0123456789ab"),
            Self.message("a", "pay_\u{0}"), Self.message("a", "pay_"), Self.message("a", "pay_\u{0}\u{0}"),
        ]
        #expect(Ledger.keyOrder(messages).map { "\(messages[$0].payment)/\(messages[$0].id)" } == [
            "pay_/a", "pay_\u{0}/a", "pay_\u{0}\u{0}/a", "pay_0123456789ab/a", "pay_0123456789ab/b",
            "pay_0123456789ab_10/a", "pay_0123456789ab_2/a",
        ])
    }

    @Test func keyOrderIsTheByteOrderOfPaymentThenIdOnRandomKeys() {
        // Short keys over a few bytes (zero and a two-byte letter among them) make prefixes,
        // ties and lengths around 16 bytes common; the reference compares the strings whole.
        var generator = SplitMix64(seed: 7)
        let alphabet = ["\u{0}", "0", "1", "_", "p", "é", "a"]
        func key(_ maxLength: Int) -> String {
            let length = Int(generator.next() % UInt64(maxLength + 1))
            return (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
        }
        let messages = (0..<3000).map { _ in Self.message(key(3), "pay_0123456789" + key(5)) }
        let reference = messages.indices.sorted { a, b in
            let x = (Array(messages[a].payment.utf8), Array(messages[a].id.utf8))
            let y = (Array(messages[b].payment.utf8), Array(messages[b].id.utf8))
            if x.0 != y.0 { return x.0.lexicographicallyPrecedes(y.0) }
            if x.1 != y.1 { return x.1.lexicographicallyPrecedes(y.1) }
            return a < b
        }
        let order = Ledger.keyOrder(messages)
        #expect(order.count == reference.count)
        let firstDifference = zip(order, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil)
    }

    @Test func keyOrderComparesThePaymentWholeBeforeTheId() {
        // Read as one run of bytes, "pay_1"+"0z" would sort after "pay_10"+"a": the payment decides first.
        let messages = [
            Self.message("a", "pay_10"), Self.message("0z", "pay_1"), Self.message("ab", "pay_1"),
            Self.message("a", "pay_1"), Self.message("", "pay_"), Self.message("b", ""),
        ]
        #expect(Ledger.keyOrder(messages).map { "\(messages[$0].payment)/\(messages[$0].id)" } == ["/b", "pay_/", "pay_1/0z", "pay_1/a", "pay_1/ab", "pay_10/a"])
    }

    @Test func messagesOfEveryShapeComeBackAsRecordedAcrossBatches() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Ledger(path: path)
        // More than one batch of the cancelling checks, with quotes, control characters and emoji, and a null resend request.
        var messages = (0..<(Ledger.messagesPerBatch + 5)).map { Self.message("m\($0)", "pay_\($0 % 7)", slot: "WARNING_DUE") }
        messages.append(LedgerEntry.Message(id: "q\"\\/\n\u{1}é😀", payment: "pay_odd", slot: "RESEND", recipient: "CUSTOMER", channel: "sms", resendRequest: "r\"1"))
        // Empty texts stay empty texts, not NULL.
        messages.append(LedgerEntry.Message(id: "", payment: "pay_empty", slot: "", recipient: "CUSTOMER", channel: "email", resendRequest: ""))
        try Self.record(ledger, Self.entry("2026-12-04", messages: messages))
        #expect(try ledger.history(payment: "pay_odd").messages == [
            HistoryMessage(runDate: "2026-12-04", id: "q\"\\/\n\u{1}é😀", slot: "RESEND", recipient: "CUSTOMER", channel: "sms", resendRequest: "r\"1"),
        ])
        #expect(try ledger.history(payment: "pay_empty").messages == [
            HistoryMessage(runDate: "2026-12-04", id: "", slot: "", recipient: "CUSTOMER", channel: "email", resendRequest: ""),
        ])
        let payThree = try ledger.history(payment: "pay_3").messages
        #expect(payThree.count == messages.filter { $0.payment == "pay_3" }.count)
        #expect(payThree.allSatisfy { $0.resendRequest == nil && $0.slot == "WARNING_DUE" && $0.channel == "email" })
        // One row per charge, its messages in one JSON array each (SQLite's JSON functions read them).
        let (rows, total) = try ledger.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message"), try Int.fetchOne(db, sql: "SELECT SUM(json_array_length(messages)) FROM message"))
        }
        #expect(rows == Set(messages.map(\.payment)).count)
        #expect(total == messages.count)
    }

    @Test func openExistingCreatesNothing() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Ledger.openExisting(path: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func fileThatIsNotADatabaseIsAnOutputError() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(String(repeating: "not a database\n", count: 100).utf8)))
        do {
            _ = try Ledger(path: path)
            Issue.record("opening garbage must fail")
        } catch let error as AvisoError {
            #expect(error.category == .output)
            #expect(error.file == path)
            #expect(error.message.contains("cannot open the run ledger"))
        }
    }

    @Test func defaultPathIsBesideTheOutputFolders() {
        #expect(Ledger.defaultPath(outputRoot: "out") == "out/.aviso/ledger.sqlite")
        #expect(Ledger.defaultPath(outputRoot: "/srv/aviso/out/") == "/srv/aviso/out/.aviso/ledger.sqlite")
    }

    // MARK: Run lock

    @Test func secondLockOnTheSameLedgerIsBusyUntilTheFirstIsReleased() throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lockPath = path + ".lock"
        var first: RunLock? = try RunLock(path: lockPath, timeoutSeconds: 0)
        #expect(FileManager.default.fileExists(atPath: lockPath))
        do {
            _ = try RunLock(path: lockPath, timeoutSeconds: 0.2)
            Issue.record("a second lock must not be granted while the first is held")
        } catch let error as AvisoError {
            #expect(error.category == .busy)
            #expect(error.file == lockPath)
            #expect(error.message.contains("another aviso run holds this ledger"))
        }
        withExtendedLifetime(first) {}
        first = nil
        let second = try RunLock(path: lockPath, timeoutSeconds: 0)
        #expect(second.path == lockPath)
    }
}
