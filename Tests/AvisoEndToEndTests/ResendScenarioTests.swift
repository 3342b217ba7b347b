import Foundation
import Testing
@testable import AvisoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Manual resends and the run ledger through the built `aviso` binary: allowances over many
/// runs, weekend deferrals, reruns, crashes at every crash point, the run lock and catch-up.
@Suite struct ResendScenarioTests {
    static let calendar = BusinessCalendar(calendars: [BrazilBankingCalendar.builtIn])

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    // MARK: Exports

    /// The standard export: one account, one customer with valid contacts, and charges that are
    /// open for the whole second half of 2026 (no scheduled notification falls in December).
    static func writeExport(
        _ folder: String, resends: [String]?, charges: [String]? = nil,
        chargeHeader: String = "id,customer,billingType,status,value,dueDate,dateCreated"
    ) throws {
        try Files.write(folder + "/accounts.csv", """
            id,name,email,mobilePhone
            acc_1,Loja Um,loja@example.com,11987650000

            """)
        try Files.write(folder + "/customers.csv", """
            id,account,name,email,mobilePhone
            cus_1,acc_1,Ana Lima,ana@example.com,11987654321
            cus_2,acc_1,Bruno Reis,bruno@example.com,21987654321

            """)
        try Files.write(folder + "/charges.csv", ([chargeHeader] + (charges ?? [
            "pay_1,cus_1,PIX,PENDING,100.00,2027-03-31,2026-07-01",
            "pay_2,cus_2,PIX,PENDING,250.50,2027-03-31,2026-07-01",
        ])).joined(separator: "\n") + "\n")
        let resendsPath = folder + "/resends.csv"
        if let resends {
            try Files.write(resendsPath, (["id,payment,requestedAt"] + resends).joined(separator: "\n") + "\n")
        } else {
            try? FileManager.default.removeItem(atPath: resendsPath)
        }
    }

    /// `aviso run` for a date; expects exit 0 unless told otherwise.
    @discardableResult
    static func run(
        _ date: String, input: String, out: String, extra: [String] = [], environment: [String: String] = [:],
        expect status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ProcessResult {
        let result = try Binary.run(["run", "--date", date, "--input", input, "--out", out] + extra, environment: environment)
        #expect(!result.signaled, "aviso run --date \(date) was killed: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.status == status, "aviso run --date \(date) exited \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// resend-results.csv of a run, without its header.
    static func resendResults(_ out: String, _ date: String) throws -> [[String]] {
        let rows = try Files.csv(out + "/" + date + "/resend-results.csv")
        #expect(rows.first == ["id", "payment", "requestedAt", "outcome", "reason", "channels"])
        return Array(rows.dropFirst())
    }

    /// The records of an outbound file that are resends: (resendRequest, payment, priority, slot).
    static func resendRecords(_ out: String, _ date: String, _ channel: String) throws -> [String] {
        try Files.jsonl(out + "/" + date + "/" + channel + ".jsonl").compactMap { record in
            guard let request = record["resendRequest"] as? String else { return nil }
            return "\(request) \(record["payment"] as? String ?? "?") p\(record["priority"] as? Int ?? -1) \(record["slot"] as? String ?? "?")"
        }
    }

    static func resendRejects(_ out: String, _ date: String) throws -> [String] {
        let rows = try Files.csv(out + "/" + date + "/rejects.csv")
        let header = try #require(rows.first)
        let kind = try #require(header.firstIndex(of: "kind"))
        let request = try #require(header.firstIndex(of: "resendRequest"))
        let payment = try #require(header.firstIndex(of: "payment"))
        let reason = try #require(header.firstIndex(of: "reason"))
        return rows.dropFirst().filter { $0[kind] == "RESEND" }.map { "\($0[request]) \($0[payment]) \($0[reason])" }
    }

    static func ledgerPath(_ out: String) -> String { out + "/.aviso/ledger.sqlite" }

    /// Everything the ledger holds that does not depend on the wall clock, as text.
    static func ledgerDump(_ out: String, payments: [String] = ["pay_1", "pay_2"]) throws -> String {
        let ledger = try #require(try Ledger.openExisting(path: ledgerPath(out)))
        var lines: [String] = []
        for run in try ledger.runs(limit: 10_000).reversed() {
            lines.append("run \(run.runDate) business=\(run.businessDay) \(run.outcome) messages=\(run.messages) letters=\(run.letters) rejects=\(run.rejects)")
        }
        for payment in payments {
            let history = try ledger.history(payment: payment)
            for m in history.messages {
                lines.append("message \(payment) \(m.runDate) \(m.slot) \(m.recipient) \(m.channel) \(m.id) \(m.resendRequest ?? "-")")
            }
            for r in history.resends {
                lines.append("resend \(payment) \(r.runDate) \(r.requestId) \(r.requestedAt) \(r.outcome) \(r.reason) \(r.channels)")
            }
        }
        let state = try ledger.resendState(before: day("2099-12-31"))
        lines.append("handled \(state.handledRequestIDs.sorted())")
        lines.append("pending \(state.pendingDeferred.map(\.id))")
        lines.append("email \(state.emailResendsUsed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
        lines.append("phone \(state.phoneResendUsed.sorted())")
        if let sql = try Binary.sqliteDump(ledgerPath(out)) { lines.append(sql) }
        return lines.joined(separator: "\n")
    }

    // MARK: Allowances across runs

    /// 101 requests for one charge, one seen by each business-day run: the first sends email and
    /// SMS, the next 99 email only, the 101st is RESEND_LIMIT_REACHED. Every export lists all
    /// requests made so far; those handled on earlier dates are not listed again.
    @Test func hundredEmailResendsThenTheLimit() throws {
        let scratch = try Files.scratch("limit")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        var dates: [Day] = []
        var d = Self.day("2026-08-03")
        while dates.count < 101 {
            if try Self.calendar.isBusinessDay(d) { dates.append(d) }
            d = d + 1
        }
        var lines: [String] = []
        for (index, date) in dates.enumerated() {
            let number = index + 1
            let id = "req_" + String(1000 + number).dropFirst()
            // Made the day before the run (seen by this run, not by the previous one).
            lines.append("\(id),pay_1,\((date - 1).iso)T10:00:00-03:00")
            try Self.writeExport(input, resends: lines)
            try Self.run(date.iso, input: input, out: out, extra: ["--quiet"])
            let results = try Self.resendResults(out, date.iso)
            let email = try Self.resendRecords(out, date.iso, "email")
            let sms = try Self.resendRecords(out, date.iso, "sms")
            switch number {
            case 1:
                #expect(results == [[id, "pay_1", "\((date - 1).iso)T10:00:00-03:00", "SENT", "", "email|sms"]])
                #expect(email == ["\(id) pay_1 p0 RESEND"])
                #expect(sms == ["\(id) pay_1 p0 RESEND"])
            case 2...100:
                #expect(results == [[id, "pay_1", "\((date - 1).iso)T10:00:00-03:00", "SENT", "", "email"]], "run \(number) on \(date.iso)")
                #expect(email == ["\(id) pay_1 p0 RESEND"], "run \(number) on \(date.iso)")
                #expect(sms == [], "run \(number) on \(date.iso)")
            default:
                #expect(results == [[id, "pay_1", "\((date - 1).iso)T10:00:00-03:00", "REJECTED", "RESEND_LIMIT_REACHED", ""]])
                #expect(email == [])
                #expect(sms == [])
                #expect(try Self.resendRejects(out, date.iso) == ["\(id) pay_1 RESEND_LIMIT_REACHED"])
            }
        }
        let ledger = try #require(try Ledger.openExisting(path: Self.ledgerPath(out)))
        let state = try ledger.resendState(before: Self.day("2099-12-31"))
        #expect(state.emailResendsUsed == ["pay_1": 100])
        #expect(state.phoneResendUsed == ["pay_1"])
        #expect(state.handledRequestIDs.count == 101)
        #expect(state.pendingDeferred == [])
    }

    /// The one SMS allowance: a second resend of the charge on a later date sends email only,
    /// while another charge still gets its SMS.
    @Test func secondSMSResendSendsEmailOnly() throws {
        let scratch = try Files.scratch("second-sms")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        try Self.writeExport(input, resends: ["req_a,pay_1,2026-12-02T15:00:00-03:00"])
        try Self.run("2026-12-03", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-03") == [["req_a", "pay_1", "2026-12-02T15:00:00-03:00", "SENT", "", "email|sms"]])
        #expect(try Self.resendRecords(out, "2026-12-03", "sms") == ["req_a pay_1 p0 RESEND"])

        try Self.writeExport(input, resends: [
            "req_a,pay_1,2026-12-02T15:00:00-03:00",
            "req_b,pay_1,2026-12-03 15:00",
            "req_c,pay_2,2026-12-03T18:00Z",
        ])
        try Self.run("2026-12-04", input: input, out: out)
        // 15:00 in São Paulo and 18:00Z are one instant: the request id breaks the tie.
        #expect(try Self.resendResults(out, "2026-12-04") == [
            ["req_b", "pay_1", "2026-12-03 15:00", "SENT", "", "email"],
            ["req_c", "pay_2", "2026-12-03T18:00Z", "SENT", "", "email|sms"],
        ])
        #expect(try Self.resendRecords(out, "2026-12-04", "sms") == ["req_c pay_2 p0 RESEND"])
        #expect(try Self.resendRecords(out, "2026-12-04", "email").sorted() == ["req_b pay_1 p0 RESEND", "req_c pay_2 p0 RESEND"])
    }

    // MARK: Group, priority and contacts

    /// Before-due slots switch on WhatsApp only, overdue slots email only. Charges due
    /// Saturday 12-05 have effDue Monday 12-07: a resend on Friday or Monday is before due
    /// (WhatsApp, PAYMENT_DUEDATE_WARNING), on Tuesday overdue (email, PAYMENT_OVERDUE); the
    /// resend comes first, before the day's scheduled notifications.
    @Test func groupByEffectiveDueDateAndResendsFirst() throws {
        let scratch = try Files.scratch("group")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        let whatsapp = "true,false,false,false,false,false,true"
        let email = "true,false,false,true,false,false,false"
        try Files.write(input + "/notifications.csv", """
            event,scheduleOffset,customer,account,enabled,emailEnabledForProvider,smsEnabledForProvider,emailEnabledForCustomer,smsEnabledForCustomer,phoneCallEnabledForCustomer,whatsappEnabledForCustomer
            PAYMENT_CREATED,0,cus_1,,\(whatsapp)
            PAYMENT_UPDATED,0,cus_1,,\(whatsapp)
            PAYMENT_DUEDATE_WARNING,10,cus_1,,\(whatsapp)
            PAYMENT_DUEDATE_WARNING,0,cus_1,,\(whatsapp)
            SEND_LINHA_DIGITAVEL,0,cus_1,,\(whatsapp)
            PAYMENT_OVERDUE,0,cus_1,,\(email)
            PAYMENT_OVERDUE,7,cus_1,,\(email)
            PAYMENT_RECEIVED,0,cus_1,,true,false,true,false,true,true,false

            """)
        let requests = [
            "req_f,pay_3,2026-12-03T10:00:00-03:00",
            "req_m,pay_4,2026-12-06T10:00:00-03:00",
            "req_t,pay_5,2026-12-07T10:00:00-03:00",
        ]
        try Self.writeExport(input, resends: requests, charges: [
            "pay_3,cus_1,PIX,PENDING,30.00,2026-12-05,2026-11-01",
            "pay_4,cus_1,PIX,PENDING,40.00,2026-12-05,2026-11-01",
            "pay_5,cus_1,PIX,PENDING,50.00,2026-12-05,2026-11-01",
        ])

        // Friday 12-04: WARNING_DUE (pulled forward from Saturday) goes by WhatsApp for all three.
        try Self.run("2026-12-04", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-04") == [["req_f", "pay_3", "2026-12-03T10:00:00-03:00", "SENT", "", "whatsapp"]])
        let friday = try Files.jsonl(out + "/2026-12-04/whatsapp.jsonl")
        #expect(friday.map { "\($0["slot"] as? String ?? "?") \($0["payment"] as? String ?? "?")" } == [
            "RESEND pay_3", "WARNING_DUE pay_3", "WARNING_DUE pay_4", "WARNING_DUE pay_5",
        ])
        let resend = try #require(friday.first)
        #expect(resend["priority"] as? Int == 0)
        #expect(resend["event"] as? String == "PAYMENT_DUEDATE_WARNING")
        #expect(resend["scheduleOffset"] as? Int == 0)
        #expect(resend["scheduledFor"] as? String == "2026-12-04")
        #expect(resend["shift"] as? String == "NONE")
        #expect(resend["recipient"] as? String == "CUSTOMER")
        #expect(resend["resendRequest"] as? String == "req_f")
        #expect(resend["customer"] as? String == "cus_1")
        #expect(resend["account"] as? String == "acc_1")
        #expect(resend["to"] as? String == "+5511987654321")
        #expect(try Self.resendRecords(out, "2026-12-04", "email") == [])

        // Monday 12-07 is effDue itself: still before due.
        try Self.run("2026-12-07", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-07") == [["req_m", "pay_4", "2026-12-06T10:00:00-03:00", "SENT", "", "whatsapp"]])
        let monday = try Files.jsonl(out + "/2026-12-07/whatsapp.jsonl")
        #expect(monday.map { $0["event"] as? String } == ["PAYMENT_DUEDATE_WARNING"])

        // Tuesday 12-08: overdue; OVERDUE_FIRST goes by email for all three, after the resend.
        try Self.run("2026-12-08", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-08") == [["req_t", "pay_5", "2026-12-07T10:00:00-03:00", "SENT", "", "email"]])
        let tuesday = try Files.jsonl(out + "/2026-12-08/email.jsonl")
        #expect(tuesday.map { "\($0["slot"] as? String ?? "?") \($0["payment"] as? String ?? "?") \($0["event"] as? String ?? "?")" } == [
            "RESEND pay_5 PAYMENT_OVERDUE",
            "OVERDUE_FIRST pay_3 PAYMENT_OVERDUE", "OVERDUE_FIRST pay_4 PAYMENT_OVERDUE", "OVERDUE_FIRST pay_5 PAYMENT_OVERDUE",
        ])
        #expect(tuesday.first?["to"] as? [String] == ["ana@example.com"])
        #expect(try Files.jsonl(out + "/2026-12-08/whatsapp.jsonl").isEmpty)
    }

    /// Every rule's rejection, through the binary: each appears in resend-results.csv and in
    /// rejects.csv (kind RESEND, with the request id and reason).
    @Test func rejectedRequestsAreListedInBothFiles() throws {
        let scratch = try Files.scratch("rejections")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        try Self.writeExport(input, resends: [
            "r_absent,pay_nope,2026-12-02T10:00:00-03:00",
            "r_paid,pay_paid,2026-12-02T10:01:00-03:00",
            "r_deleted,pay_deleted,2026-12-02T10:02:00-03:00",
            "r_refunded,pay_refunded,2026-12-02T10:03:00-03:00",
            "r_gone,pay_gone,2026-12-02T10:04:00-03:00",
            "r_new,pay_new,2026-12-02T10:05:00-03:00",
            "r_quiet,pay_quiet,2026-12-02T10:06:00-03:00",
            "r_ok,pay_1,2026-12-02T10:07:00-03:00",
            "r_again,pay_1,2026-12-02T10:08:00-03:00",
        ], charges: [
            "pay_1,cus_1,PIX,PENDING,100.00,2027-03-31,2026-07-01,,,false",
            "pay_paid,cus_1,PIX,RECEIVED,100.00,2026-12-10,2026-07-01,2026-12-01,,false",
            "pay_deleted,cus_1,PIX,PENDING,100.00,2026-12-10,2026-07-01,,,true",
            "pay_refunded,cus_1,PIX,REFUNDED,100.00,2026-12-10,2026-07-01,,,false",
            "pay_gone,cus_gone,PIX,PENDING,100.00,2026-12-10,2026-07-01,,,false",
            "pay_new,cus_1,PIX,PENDING,100.00,2026-12-10,2026-12-03,,,false",
            "pay_quiet,cus_quiet,PIX,PENDING,100.00,2026-12-10,2026-07-01,,,false",
        ], chargeHeader: "id,customer,billingType,status,value,dueDate,dateCreated,paymentDate,clientPaymentDate,deleted")
        try Files.write(input + "/customers.csv", """
            id,account,name,email,mobilePhone,notificationDisabled,deleted
            cus_1,acc_1,Ana Lima,ana@example.com,11987654321,false,false
            cus_gone,acc_1,Gil Souza,gil@example.com,11987654322,false,true
            cus_quiet,acc_1,Quitéria Dias,q@example.com,11987654323,true,false

            """)
        try Self.run("2026-12-03", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-03").map { "\($0[0]) \($0[3]) \($0[4]) \($0[5])" } == [
            "r_absent REJECTED CHARGE_NOT_OPEN ",
            "r_paid REJECTED CHARGE_NOT_OPEN ",
            "r_deleted REJECTED CHARGE_NOT_OPEN ",
            "r_refunded REJECTED CHARGE_NOT_OPEN ",
            "r_gone REJECTED CHARGE_NOT_OPEN ",
            "r_new REJECTED CHARGE_NOT_OPEN ",
            "r_quiet REJECTED CUSTOMER_NOTIFICATIONS_DISABLED ",
            "r_ok SENT  email|sms",
            "r_again REJECTED RESEND_IN_PROGRESS ",
        ])
        #expect(try Self.resendRejects(out, "2026-12-03").sorted() == [
            "r_absent pay_nope CHARGE_NOT_OPEN",
            "r_again pay_1 RESEND_IN_PROGRESS",
            "r_deleted pay_deleted CHARGE_NOT_OPEN",
            "r_gone pay_gone CHARGE_NOT_OPEN",
            "r_new pay_new CHARGE_NOT_OPEN",
            "r_paid pay_paid CHARGE_NOT_OPEN",
            "r_quiet pay_quiet CUSTOMER_NOTIFICATIONS_DISABLED",
            "r_refunded pay_refunded CHARGE_NOT_OPEN",
        ])
        let summary = try Self.summary(out, "2026-12-03")
        let resends = try #require(summary["resends"] as? [String: Any])
        #expect(resends["seen"] as? Int == 9)
        #expect(resends["sent"] as? Int == 1)
        #expect(resends["rejected"] as? Int == 8)
        #expect(resends["deferred"] as? Int == 0)
    }

    /// --dry-run decides everything but publishes nothing and leaves the ledger as it was.
    @Test func dryRunChangesNothing() throws {
        let scratch = try Files.scratch("dry-run")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out", fresh = scratch + "/fresh"
        try Self.writeExport(input, resends: ["req_1,pay_1,2026-12-02T10:00:00-03:00"])
        try Self.run("2026-12-03", input: input, out: out)
        let before = try Self.ledgerDump(out)
        try Self.writeExport(input, resends: ["req_2,pay_1,2026-12-03T10:00:00-03:00"])
        try Self.run("2026-12-04", input: input, out: out, extra: ["--dry-run"])
        #expect(Files.list(out) == [".aviso", "2026-12-03"])
        #expect(try Self.ledgerDump(out) == before)
        try Self.run("2026-12-04", input: input, out: fresh, extra: ["--dry-run"])
        #expect(!FileManager.default.fileExists(atPath: Self.ledgerPath(fresh)))
        #expect(!FileManager.default.fileExists(atPath: fresh + "/2026-12-04"))
    }

    /// A channel whose contact is invalid: the request is still SENT, that message is a
    /// NOTIFICATION reject carrying the request id, and the allowance is used.
    @Test func invalidContactStillUsesTheAllowance() throws {
        let scratch = try Files.scratch("contact")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        try Self.writeExport(input, resends: ["req_1,pay_2,2026-12-02T10:00:00-03:00"])
        // Bruno's mobile is not a Brazilian mobile.
        try Files.write(input + "/customers.csv", """
            id,account,name,email,mobilePhone
            cus_1,acc_1,Ana Lima,ana@example.com,11987654321
            cus_2,acc_1,Bruno Reis,bruno@example.com,1133334444

            """)
        try Self.run("2026-12-03", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-03") == [["req_1", "pay_2", "2026-12-02T10:00:00-03:00", "SENT", "", "email|sms"]])
        #expect(try Self.resendRecords(out, "2026-12-03", "email") == ["req_1 pay_2 p0 RESEND"])
        #expect(try Self.resendRecords(out, "2026-12-03", "sms") == [])
        let rows = try Files.csv(out + "/2026-12-03/rejects.csv")
        let header = try #require(rows.first)
        let named = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let contact = named.filter { $0["resendRequest"] == "req_1" }
        #expect(contact.map { [$0["kind"], $0["payment"], $0["slot"], $0["recipient"], $0["channel"], $0["reason"]] } == [
            ["NOTIFICATION", "pay_2", "RESEND", "CUSTOMER", "sms", "NO_VALID_MOBILE"],
        ])

        try Self.writeExport(input, resends: ["req_2,pay_2,2026-12-03T10:00:00-03:00"])
        try Files.write(input + "/customers.csv", """
            id,account,name,email,mobilePhone
            cus_1,acc_1,Ana Lima,ana@example.com,11987654321
            cus_2,acc_1,Bruno Reis,bruno@example.com,21987654321

            """)
        try Self.run("2026-12-04", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-04") == [["req_2", "pay_2", "2026-12-03T10:00:00-03:00", "SENT", "", "email"]])
        #expect(try Self.resendRecords(out, "2026-12-04", "sms") == [])
    }

    /// The run for D sees the requests whose requestedAt, as a local date in the configured
    /// zone, is before D; offsets are honoured; a bad requestedAt is an input reject.
    @Test func requestedAtLocalDateDecidesTheFirstRun() throws {
        let scratch = try Files.scratch("requested-at")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out", manaus = scratch + "/manaus"
        try Self.writeExport(input, resends: [
            "a,pay_1,2026-12-03T23:59:59.999",
            "b,pay_1,2026-12-04T00:00",
            "c,pay_1,2026-12-03T23:30-05:00",
            "d,pay_1,2026-12-04T01:00+02:00",
            "e,pay_1,2026-12-04T02:59Z",
            "f,pay_1,2026-12-04T03:00Z",
            "g,pay_1,2026-12-03",
        ])
        try Files.write(scratch + "/config.json", #"{"maxRejectRatio": 0.5}"#)
        try Self.run("2026-12-04", input: input, out: out, extra: ["--config", scratch + "/config.json"])
        // d = 23:00Z on 12-03, e = 02:59Z and a = 02:59:59.999Z on 12-04 (all before local midnight).
        #expect(try Self.resendResults(out, "2026-12-04") == [
            ["d", "pay_1", "2026-12-04T01:00+02:00", "SENT", "", "email|sms"],
            ["e", "pay_1", "2026-12-04T02:59Z", "REJECTED", "RESEND_IN_PROGRESS", ""],
            ["a", "pay_1", "2026-12-03T23:59:59.999", "REJECTED", "RESEND_IN_PROGRESS", ""],
        ])
        let rows = try Files.csv(out + "/2026-12-04/rejects.csv")
        let header = try #require(rows.first)
        let named = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(named.filter { $0["kind"] == "INPUT" }.map { [$0["file"], $0["line"], $0["id"], $0["field"], $0["reason"]] } == [
            ["resends.csv", "8", "g", "requestedAt", "BAD_DATETIME"],
        ])
        let resendsInput = try #require((try Self.summary(out, "2026-12-04")["inputs"] as? [[String: Any]])?.first { $0["table"] as? String == "resends" })
        #expect(resendsInput["rowsRead"] as? Int == 7)
        #expect(resendsInput["rowsUsed"] as? Int == 3)
        #expect(resendsInput["rowsLeftOut"] as? Int == 3)
        #expect(resendsInput["rowsRejected"] as? Int == 1)

        // Saturday sees the rest: b = 03:00Z, f = 03:00Z (tie: id order), c = 04:30Z.
        try Self.run("2026-12-05", input: input, out: out, extra: ["--config", scratch + "/config.json"])
        #expect(try Self.resendResults(out, "2026-12-05") == [
            ["b", "pay_1", "2026-12-04T00:00", "DEFERRED", "", "email"],
            ["f", "pay_1", "2026-12-04T03:00Z", "REJECTED", "RESEND_IN_PROGRESS", ""],
            ["c", "pay_1", "2026-12-03T23:30-05:00", "REJECTED", "RESEND_IN_PROGRESS", ""],
        ])

        // In Manaus (UTC−4) local midnight is 04:00Z: b (local, 00:00) is still 12-04, but
        // f (23:00 on 12-03 there) and the local reading of a are seen on 12-04; c is 00:30 on 12-04.
        try Files.write(scratch + "/manaus.json", #"{"maxRejectRatio": 0.5, "timeZone": "America/Manaus"}"#)
        try Self.run("2026-12-04", input: input, out: manaus, extra: ["--config", scratch + "/manaus.json"])
        #expect(try Self.resendResults(manaus, "2026-12-04").map { $0[0] } == ["d", "e", "f", "a"])
    }

    // MARK: Weekend deferral

    /// A request made on Friday afternoon is first seen by Saturday's run: DEFERRED on Saturday
    /// and Sunday, SENT on Monday although Monday's export has no resends file at all; listed
    /// again on Tuesday it is not in resend-results.csv.
    @Test func weekendRequestIsDeferredAndSentOnMonday() throws {
        let scratch = try Files.scratch("weekend")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        let w = "req_w,pay_1,2026-12-04T16:00:00-03:00"
        let x = "req_x,pay_1,2026-12-04T17:00:00-03:00"
        let y = "req_y,pay_1,2026-12-05T09:00:00-03:00"

        // Friday: made on the run date itself, so not seen yet.
        try Self.writeExport(input, resends: [w, x])
        try Self.run("2026-12-04", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-04") == [])

        try Self.run("2026-12-05", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-05") == [
            ["req_w", "pay_1", "2026-12-04T16:00:00-03:00", "DEFERRED", "", "email|sms"],
            ["req_x", "pay_1", "2026-12-04T17:00:00-03:00", "REJECTED", "RESEND_IN_PROGRESS", ""],
        ])
        #expect(try Self.resendRecords(out, "2026-12-05", "email") == [])
        #expect(try Self.resendRecords(out, "2026-12-05", "sms") == [])
        #expect(try Self.resendRejects(out, "2026-12-05") == ["req_x pay_1 RESEND_IN_PROGRESS"])

        // Sunday: still deferred; a new request for the charge is blocked by the pending one;
        // req_x was handled (rejected) on Saturday and is not listed again.
        try Self.writeExport(input, resends: [w, x, y])
        try Self.run("2026-12-06", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-06") == [
            ["req_w", "pay_1", "2026-12-04T16:00:00-03:00", "DEFERRED", "", "email|sms"],
            ["req_y", "pay_1", "2026-12-05T09:00:00-03:00", "REJECTED", "RESEND_IN_PROGRESS", ""],
        ])

        // Monday: the export no longer lists it.
        try Self.writeExport(input, resends: nil)
        try Self.run("2026-12-07", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-07") == [
            ["req_w", "pay_1", "2026-12-04T16:00:00-03:00", "SENT", "", "email|sms"],
        ])
        #expect(try Self.resendRecords(out, "2026-12-07", "email") == ["req_w pay_1 p0 RESEND"])
        #expect(try Self.resendRecords(out, "2026-12-07", "sms") == ["req_w pay_1 p0 RESEND"])

        // Tuesday: all three listed again; all handled on other dates.
        try Self.writeExport(input, resends: [w, x, y])
        try Self.run("2026-12-08", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-08") == [])
        #expect(try Self.resendRecords(out, "2026-12-08", "email") == [])
        #expect(try Self.resendRejects(out, "2026-12-08") == [])

        let history = try Binary.run(["history", "--payment", "pay_1", "--out", out])
        #expect(history.status == 0)
        let resendLines = history.stdout.split(separator: "\n").filter { $0.contains("req_w") && !$0.contains("RESEND ") }
        #expect(resendLines.map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(4).joined(separator: " ") } == [
            "2026-12-05 req_w 2026-12-04T16:00:00-03:00 DEFERRED",
            "2026-12-06 req_w 2026-12-04T16:00:00-03:00 DEFERRED",
            "2026-12-07 req_w 2026-12-04T16:00:00-03:00 SENT",
        ])
    }

    // MARK: Reruns

    /// Running a date twice gives byte-identical files and the same ledger; the next date then
    /// sees each allowance used once.
    @Test func rerunOfADateIsIdempotent() throws {
        let scratch = try Files.scratch("rerun")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        try Self.writeExport(input, resends: [
            "req_1,pay_1,2026-12-02T10:00:00-03:00",
            "req_2,pay_1,2026-12-02T11:00:00-03:00",
            "req_3,pay_9,2026-12-02T12:00:00-03:00",
        ])
        try Self.run("2026-12-03", input: input, out: out)
        let first = try Files.snapshot(out + "/2026-12-03")
        let firstLedger = try Self.ledgerDump(out)
        let firstHistory = try Binary.run(["history", "--payment", "pay_1", "--out", out])

        let second = try Self.run("2026-12-03", input: input, out: out)
        #expect(!second.stderr.contains("stale"))
        #expect(try Files.snapshot(out + "/2026-12-03") == first)
        #expect(try Self.ledgerDump(out) == firstLedger)
        #expect(try Binary.run(["history", "--payment", "pay_1", "--out", out]).stdout == firstHistory.stdout)
        #expect(first.keys.sorted() == ["email.jsonl", "fees.csv", "postal-manifest.csv", "rejects.csv", "report.html", "resend-results.csv", "sms.jsonl", "summary.json", "voice.jsonl", "whatsapp.jsonl"])
        #expect(try Self.resendResults(out, "2026-12-03") == [
            ["req_1", "pay_1", "2026-12-02T10:00:00-03:00", "SENT", "", "email|sms"],
            ["req_2", "pay_1", "2026-12-02T11:00:00-03:00", "REJECTED", "RESEND_IN_PROGRESS", ""],
            ["req_3", "pay_9", "2026-12-02T12:00:00-03:00", "REJECTED", "CHARGE_NOT_OPEN", ""],
        ])

        let ledger = try #require(try Ledger.openExisting(path: Self.ledgerPath(out)))
        let state = try ledger.resendState(before: Self.day("2026-12-04"))
        #expect(state.emailResendsUsed == ["pay_1": 1])
        #expect(state.phoneResendUsed == ["pay_1"])
        #expect(state.handledRequestIDs == ["req_1", "req_2", "req_3"])
        #expect(try ledger.runs(limit: 10).map(\.runDate) == ["2026-12-03"])

        try Self.writeExport(input, resends: ["req_4,pay_1,2026-12-03T10:00:00-03:00"])
        try Self.run("2026-12-04", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-04") == [["req_4", "pay_1", "2026-12-03T10:00:00-03:00", "SENT", "", "email"]])
        #expect(try ledger.resendState(before: Self.day("2026-12-05")).emailResendsUsed == ["pay_1": 2])
    }

    /// Rerunning an earlier date names the later runs as stale, in summary.json and on stderr,
    /// and starts from the state before that date (the later date's resend is not counted).
    @Test func rerunOfAnEarlierDateNamesTheLaterRunsAsStale() throws {
        let scratch = try Files.scratch("stale")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        let requests = ["req_1,pay_1,2026-12-02T10:00:00-03:00", "req_2,pay_1,2026-12-03T10:00:00-03:00"]
        try Self.writeExport(input, resends: requests)
        try Self.run("2026-12-03", input: input, out: out)
        let original = try Files.snapshot(out + "/2026-12-03")
        try Self.run("2026-12-04", input: input, out: out)
        try Self.run("2026-12-07", input: input, out: out)
        let later = try Files.snapshot(out + "/2026-12-04")
        #expect(try Self.summary(out, "2026-12-04")["staleLaterRuns"] as? [String] == [])

        let rerun = try Self.run("2026-12-03", input: input, out: out)
        let summary = try Self.summary(out, "2026-12-03")
        #expect(summary["staleLaterRuns"] as? [String] == ["2026-12-04", "2026-12-07"])
        #expect(rerun.stderr.contains("2026-12-04, 2026-12-07"))
        #expect(rerun.stderr.contains("stale"))
        // Same decisions as the first run of 12-03: SMS still available, req_2 not yet seen.
        #expect(try Self.resendResults(out, "2026-12-03") == [["req_1", "pay_1", "2026-12-02T10:00:00-03:00", "SENT", "", "email|sms"]])
        // summary.json and report.html name the stale later runs; every other file is as before.
        var expected = original
        expected["summary.json"] = nil
        expected["report.html"] = nil
        var actual = try Files.snapshot(out + "/2026-12-03")
        actual["summary.json"] = nil
        actual["report.html"] = nil
        #expect(actual == expected)
        // Other dates' folders are untouched.
        #expect(try Files.snapshot(out + "/2026-12-04") == later)
    }

    static func summary(_ out: String, _ date: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: out + "/" + date + "/summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: Crashes

    static let crashPoints = ["after-inputs", "after-staging", "before-publish", "before-commit"]

    /// Killed at each crash point and rerun, a date's folder and the ledger end up exactly as an
    /// uninterrupted run leaves them, and the next date agrees too.
    @Test(arguments: crashPoints)
    func crashThenRerunEqualsAnUninterruptedRun(_ point: String) throws {
        let scratch = try Files.scratch("crash-\(point)")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", crashed = scratch + "/crashed", control = scratch + "/control"
        try Self.writeExport(input, resends: ["req_1,pay_1,2026-12-02T10:00:00-03:00"])
        for out in [crashed, control] { try Self.run("2026-12-03", input: input, out: out) }

        try Self.writeExport(input, resends: [
            "req_1,pay_1,2026-12-02T10:00:00-03:00",
            "req_2,pay_1,2026-12-03T10:00:00-03:00",
            "req_3,pay_2,2026-12-03T11:00:00-03:00",
        ])
        let killed = try Binary.run(["run", "--date", "2026-12-04", "--input", input, "--out", crashed], environment: ["AVISO_CRASH_AT": point])
        #expect(killed.signaled)
        #expect(killed.status == SIGKILL)
        // The killed run recorded nothing.
        do {
            let ledger = try #require(try Ledger.openExisting(path: Self.ledgerPath(crashed)))
            #expect(try ledger.runs(limit: 10).map(\.runDate) == ["2026-12-03"])
            #expect(try ledger.resendState(before: Self.day("2026-12-05")).handledRequestIDs == ["req_1"])
        }
        if point != "before-commit" {
            // (At before-commit the folder is already in place; the rerun replaces it.)
            #expect(!FileManager.default.fileExists(atPath: crashed + "/2026-12-04"))
        }

        try Self.run("2026-12-04", input: input, out: crashed)
        try Self.run("2026-12-04", input: input, out: control)
        #expect(try Files.snapshot(crashed + "/2026-12-04") == Files.snapshot(control + "/2026-12-04"))
        #expect(try Self.ledgerDump(crashed) == Self.ledgerDump(control))
        #expect(Files.list(crashed) == Files.list(control))
        #expect(try Self.resendResults(crashed, "2026-12-04") == [
            ["req_2", "pay_1", "2026-12-03T10:00:00-03:00", "SENT", "", "email"],
            ["req_3", "pay_2", "2026-12-03T11:00:00-03:00", "SENT", "", "email|sms"],
        ])

        try Self.writeExport(input, resends: ["req_5,pay_2,2026-12-04T10:00:00-03:00"])
        for out in [crashed, control] { try Self.run("2026-12-07", input: input, out: out) }
        #expect(try Files.snapshot(crashed + "/2026-12-07") == Files.snapshot(control + "/2026-12-07"))
        #expect(try Self.ledgerDump(crashed) == Self.ledgerDump(control))
        #expect(try Self.resendResults(crashed, "2026-12-07") == [["req_5", "pay_2", "2026-12-04T10:00:00-03:00", "SENT", "", "email"]])
    }

    /// A rerun whose staging fails (injected after its files are written, while the ledger's
    /// transaction holds the day's new messages) exits 5 and leaves the earlier run of the date
    /// as it was: its folder, its ledger rows, no journal and no staging folder; the next run
    /// then records as usual. Both with the ledger's own thread and single-threaded.
    @Test(arguments: [false, true])
    func aRerunWhoseStagingFailsLeavesTheDateAsItWas(singleThreaded: Bool) throws {
        let scratch = try Files.scratch("fail-staging-\(singleThreaded)")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        let threads = singleThreaded ? ["AVISO_SINGLE_THREADED": "1"] : [:]
        try Self.writeExport(input, resends: ["req_1,pay_1,2026-12-02T10:00:00-03:00"])
        try Self.run("2026-12-03", input: input, out: out, environment: threads)
        try Self.writeExport(input, resends: [
            "req_1,pay_1,2026-12-02T10:00:00-03:00",
            "req_2,pay_1,2026-12-03T10:00:00-03:00",
        ])
        try Self.run("2026-12-04", input: input, out: out, environment: threads)
        let folder = try Files.snapshot(out + "/2026-12-04")
        let ledger = try Self.ledgerDump(out)
        let entries = Files.list(out)
        #expect(ledger.contains("message pay_1 2026-12-04 RESEND"))

        // The rerun would record other messages too: one more resend request for 12-04.
        try Self.writeExport(input, resends: [
            "req_1,pay_1,2026-12-02T10:00:00-03:00",
            "req_2,pay_1,2026-12-03T10:00:00-03:00",
            "req_3,pay_2,2026-12-03T11:00:00-03:00",
        ])
        let failed = try Self.run("2026-12-04", input: input, out: out, environment: threads.merging(["AVISO_FAIL_AT": "staging"]) { $1 }, expect: 5)
        #expect(failed.stderr.contains("failure injected at staging"))
        #expect(try Files.snapshot(out + "/2026-12-04") == folder)
        #expect(try Self.ledgerDump(out) == ledger)
        #expect(Files.list(out) == entries)
        #expect(!FileManager.default.fileExists(atPath: Self.ledgerPath(out) + "-journal"))

        try Self.run("2026-12-04", input: input, out: out, environment: threads)
        #expect(try Self.resendResults(out, "2026-12-04").map { $0[0] } == ["req_2", "req_3"])
    }

    // MARK: Lock

    /// While another process holds the ledger's lock, a run waits --lock-timeout, then exits 6
    /// with a clear message and writes nothing; once the lock is free it runs.
    @Test func busyLedgerExitsSixAndWritesNothing() throws {
        let scratch = try Files.scratch("lock")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        try Self.writeExport(input, resends: ["req_1,pay_1,2026-12-02T10:00:00-03:00"])
        try FileManager.default.createDirectory(atPath: out + "/.aviso", withIntermediateDirectories: true)
        let fd = open(Self.ledgerPath(out) + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)

        let busy = try Self.run("2026-12-03", input: input, out: out, extra: ["--lock-timeout", "1"], expect: 6)
        #expect(busy.stderr.contains("another aviso run holds this ledger"))
        #expect(busy.stderr.contains("ledger.sqlite.lock"))
        #expect(!FileManager.default.fileExists(atPath: out + "/2026-12-03"))
        #expect(!FileManager.default.fileExists(atPath: Self.ledgerPath(out)))
        #expect(Files.list(out) == [".aviso"])

        // A second attempt while still held: still nothing written.
        try Self.run("2026-12-03", input: input, out: out, extra: ["--lock-timeout", "0"], expect: 6)
        #expect(!FileManager.default.fileExists(atPath: Self.ledgerPath(out)))

        flock(fd, LOCK_UN)
        close(fd)
        try Self.run("2026-12-03", input: input, out: out, extra: ["--lock-timeout", "1"])
        #expect(try Self.resendResults(out, "2026-12-03") == [["req_1", "pay_1", "2026-12-02T10:00:00-03:00", "SENT", "", "email|sms"]])
    }

    /// A ledger given with --state is locked beside it, whatever --out is.
    @Test func busyExplicitStateFile() throws {
        let scratch = try Files.scratch("lock-state")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", state = scratch + "/state/runs.sqlite"
        try Self.writeExport(input, resends: nil)
        try FileManager.default.createDirectory(atPath: scratch + "/state", withIntermediateDirectories: true)
        let fd = open(state + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        // Two outputs, one state: the second output's run is refused too.
        for out in [scratch + "/out-a", scratch + "/out-b"] {
            let busy = try Self.run("2026-12-03", input: input, out: out, extra: ["--state", state, "--lock-timeout", "0"], expect: 6)
            #expect(busy.stderr.contains("another aviso run holds this ledger"))
            #expect(!FileManager.default.fileExists(atPath: out + "/2026-12-03"))
        }
    }

    // MARK: Catch-up

    /// Thursday 11-19, then Monday 11-23 after the Friday 11-20 holiday: nothing was missed.
    @Test func longWeekendIsNoGap() throws {
        let scratch = try Files.scratch("long-weekend")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        try Self.writeExport(input, resends: nil)
        try Self.run("2026-11-19", input: input, out: out)
        let monday = try Self.run("2026-11-23", input: input, out: out)
        #expect(!monday.stderr.contains("no run recorded"))
        #expect(try Self.summary(out, "2026-11-23")["missedBusinessDays"] as? [String] == [])
        let status = try Binary.run(["status", "--out", out])
        #expect(status.status == 0)
        #expect(status.stdout.contains("no gap"))
    }

    /// Wednesday 12-02, then Monday 12-07: Thursday and Friday were missed and named.
    @Test func missedDaysAreNamed() throws {
        let scratch = try Files.scratch("missed")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        try Self.writeExport(input, resends: nil)
        try Self.run("2026-12-02", input: input, out: out)
        let monday = try Self.run("2026-12-07", input: input, out: out)
        #expect(monday.stderr.contains("no run recorded for the business days 2026-12-03, 2026-12-04"))
        #expect(try Self.summary(out, "2026-12-07")["missedBusinessDays"] as? [String] == ["2026-12-03", "2026-12-04"])
        #expect(Files.list(out) == [".aviso", "2026-12-02", "2026-12-07"])
        let status = try Binary.run(["status", "--state", Self.ledgerPath(out)])
        #expect(status.stdout.contains("business days without a run between recorded runs: 2026-12-03, 2026-12-04"))
    }

    /// With --catch-up the missed days run first, in order, from the same export, each from the
    /// state the day before left: a request seen on 12-03 uses the SMS, one first seen on 12-04
    /// sends email only.
    @Test func catchUpRunsTheMissedDaysFirstInOrder() throws {
        let scratch = try Files.scratch("catch-up")
        defer { Files.remove(scratch) }
        let input = scratch + "/in", out = scratch + "/out"
        try Self.writeExport(input, resends: [
            "req_1,pay_1,2026-12-02T10:00:00-03:00",
            "req_2,pay_1,2026-12-03T10:00:00-03:00",
            "req_3,pay_1,2026-12-06T10:00:00-03:00",
        ])
        try Self.run("2026-12-02", input: input, out: out)
        #expect(try Self.resendResults(out, "2026-12-02") == [])
        let result = try Self.run("2026-12-07", input: input, out: out, extra: ["--catch-up"])
        let third = try #require(result.stderr.range(of: "catch-up: running missed business day 2026-12-03"))
        let fourth = try #require(result.stderr.range(of: "catch-up: running missed business day 2026-12-04"))
        #expect(third.lowerBound < fourth.lowerBound)
        #expect(!result.stderr.contains("no run recorded"))
        #expect(Files.list(out) == [".aviso", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07"])

        #expect(try Self.resendResults(out, "2026-12-03") == [["req_1", "pay_1", "2026-12-02T10:00:00-03:00", "SENT", "", "email|sms"]])
        #expect(try Self.resendResults(out, "2026-12-04") == [["req_2", "pay_1", "2026-12-03T10:00:00-03:00", "SENT", "", "email"]])
        #expect(try Self.resendResults(out, "2026-12-07") == [["req_3", "pay_1", "2026-12-06T10:00:00-03:00", "SENT", "", "email"]])
        for date in ["2026-12-03", "2026-12-04", "2026-12-07"] {
            #expect(try Self.summary(out, date)["missedBusinessDays"] as? [String] == [], "\(date)")
            #expect(try Self.summary(out, date)["staleLaterRuns"] as? [String] == [], "\(date)")
        }
        let ledger = try #require(try Ledger.openExisting(path: Self.ledgerPath(out)))
        #expect(try ledger.runs(limit: 10).map(\.runDate) == ["2026-12-07", "2026-12-04", "2026-12-03", "2026-12-02"])
        #expect(try ledger.gaps(calendar: Self.calendar) == [])
        #expect(try ledger.resendState(before: Self.day("2026-12-08")).emailResendsUsed == ["pay_1": 3])
    }
}

extension ResendScenarioTests {
    /// Finds and runs the built `aviso` executable.
    struct Binary {
        /// Runs the built binary (see `AvisoBinary`).
        static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
            try AvisoBinary.run(arguments, environment: environment)
        }

        /// The ledger's tables without wall-clock columns, through the `sqlite3` tool when the
        /// machine has it (nil otherwise: the Ledger API dump still applies).
        static func sqliteDump(_ path: String) throws -> String? {
            let tool = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
            guard let tool else { return nil }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = [
                "-readonly", path,
                """
                SELECT runDate, businessDay, outcome, inputSha256, outputSha256, messages, letters, rejects, toolVersion FROM run ORDER BY runDate;
                SELECT * FROM resend_event ORDER BY runDate, requestId;
                SELECT * FROM resend_allowance ORDER BY payment, runDate;
                SELECT * FROM message ORDER BY runDate, payment;
                """,
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "sqlite3 failed on \(path)")
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Scratch folders and file reading for the resend scenarios.
    struct Files {
        static func scratch(_ name: String) throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("aviso-resend-\(name)-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        static func remove(_ path: String) {
            try? FileManager.default.removeItem(atPath: path)
        }

        static func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        static func list(_ path: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        }

        /// Every file of a folder (not recursive) by name.
        static func snapshot(_ folder: String) throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in list(folder) {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            }
            try #require(!files.isEmpty, "no files in \(folder)")
            return files
        }

        /// RFC 4180 rows (quoted fields with commas, doubled quotes and line breaks).
        static func csv(_ path: String) throws -> [[String]] {
            let data = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
            var rows: [[String]] = []
            var row: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var bytes = Array(data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if quoted {
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(b)
                            i += 1
                        } else {
                            quoted = false
                        }
                    } else {
                        field.append(b)
                    }
                } else if b == UInt8(ascii: "\"") {
                    quoted = true
                } else if b == UInt8(ascii: ",") {
                    row.append(String(decoding: field, as: UTF8.self))
                    field = []
                } else if b == UInt8(ascii: "\n") {
                    row.append(String(decoding: field, as: UTF8.self))
                    rows.append(row)
                    row = []
                    field = []
                } else if b != UInt8(ascii: "\r") {
                    field.append(b)
                }
                i += 1
            }
            if !field.isEmpty || !row.isEmpty {
                row.append(String(decoding: field, as: UTF8.self))
                rows.append(row)
            }
            return rows
        }

        /// One JSON object per line.
        static func jsonl(_ path: String) throws -> [[String: Any]] {
            let data = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
            return try data.split(separator: UInt8(ascii: "\n")).map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            }
        }
    }
}
