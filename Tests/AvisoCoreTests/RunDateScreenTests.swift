import Testing
@testable import AvisoCore

/// `NotificationPlanner.mightSendOnRunDate`: the run skips planning a charge when it answers
/// false, so false must never be said of a charge the planner would notify or mail a letter
/// for. Checked over a grid of charges (every status, due dates around the run date, created,
/// paid and postal variants) for several run dates and settings, against the planner itself.
@Suite struct RunDateScreenTests {
    static let runDates = ["2026-12-04", "2026-12-07", "2026-12-24", "2026-12-28", "2027-02-10", "2026-12-05"]

    static let settingsVariants: [SlotSettings] = {
        var everyOffset = SlotSettings.builtIn
        everyOffset[.warningBefore].scheduleOffset = 3
        everyOffset[.overdueRepeat].scheduleOffset = 2
        for slot in Slot.allCases { everyOffset[slot].customerWhatsApp = true }
        var someOff = SlotSettings.builtIn
        someOff[.warningDue].enabled = false
        someOff[.created].enabled = false
        someOff[.overdueRepeat].scheduleOffset = 0
        return [.builtIn, everyOffset, someOff, RulesFixtures.emailOnly]
    }()

    static func charges(around run: Day) -> [Charge] {
        var charges: [Charge] = []
        for dueOffset in -40...25 {
            let due = (run + dueOffset).iso
            for created in [-60, -12, -3, -1, 0] {
                let createdISO = (run + created).iso
                for status in ChargeStatus.allCases {
                    let paid = status.isPaid
                    charges.append(RulesFixtures.charge(
                        due: due, created: createdISO, status: status, billing: dueOffset % 2 == 0 ? .boleto : .pix,
                        identificationField: dueOffset % 3 == 0 ? nil : "34191.79001 01043.510047 91020.150008 1 99990000015000",
                        paymentDate: paid && dueOffset % 4 != 0 ? (run + created / 2 - 1).iso : nil,
                        clientPaymentDate: paid ? (run - 1).iso : nil,
                        deleted: dueOffset == 7, postalService: dueOffset % 5 == 0))
                }
            }
        }
        return charges
    }

    @Test(arguments: runDates)
    func neverSaysNoToAChargeThePlannerWouldSend(run: String) throws {
        let planner = try RulesFixtures.planner(run)
        var customer = RulesFixtures.customer
        customer.postalService = true
        var screenedOut = 0
        var planned = 0
        for settings in Self.settingsVariants {
            for charge in Self.charges(around: planner.runDate) {
                let notifications = try planner.notifications(for: charge, customer: customer, account: RulesFixtures.account, settings: settings)
                let letter = try planner.letter(for: charge, customer: customer)
                let sends = !notifications.isEmpty || letter != nil
                if sends { planned += 1 }
                if !planner.mightSendOnRunDate(charge, settings: settings) {
                    screenedOut += 1
                    #expect(!sends, "screened out but planned on \(run): due \(charge.dueDate.iso), created \(charge.dateCreated.iso), \(charge.status)")
                }
            }
        }
        // The screen must also be worth having: on a business day most of the grid sends nothing.
        if planner.runDateIsBusinessDay {
            #expect(planned > 0)
            #expect(screenedOut > 0)
        } else {
            #expect(planned == 0)
        }
    }

    @Test func aDateOutsideTheCalendarsIsLeftToThePlannerToReport() throws {
        let planner = try RulesFixtures.planner("2027-12-20")
        // effDue is in 2028, which the calendars do not cover: planning throws, so the screen says yes.
        let charge = RulesFixtures.charge(due: "2028-01-03", created: "2027-12-01")
        #expect(planner.mightSendOnRunDate(charge, settings: .builtIn))
        #expect(throws: AvisoError.self) {
            _ = try planner.notifications(for: charge, customer: RulesFixtures.customer, account: RulesFixtures.account, settings: .builtIn)
        }
    }

    @Test func theWindowIsABitPerDayFromItsFirstDay() throws {
        let planner = try RulesFixtures.planner("2026-12-04")
        // Due Monday 2026-12-14, created 2026-12-01: CREATED on Wed 12-02, WARNING_BEFORE (10 days)
        // on Fri 12-04, WARNING_DUE on Mon 12-14, OVERDUE_FIRST on Tue 12-15, repeats every 7 days
        // from 12-22; the letter (22-day window, the default) on Wed 12-02 (target 12-02, the day after creation).
        let charge = RulesFixtures.charge(due: "2026-12-14", created: "2026-12-01")
        let first = RulesFixtures.day("2026-12-01")
        let mask = try planner.candidateSendDates(of: charge, settings: .builtIn, from: first, through: first + 21, skippingUncovered: false)
        let days = (0..<22).filter { mask & (1 << UInt64($0)) != 0 }.map { (first + $0).iso }
        #expect(days == ["2026-12-02", "2026-12-04", "2026-12-14", "2026-12-15", "2026-12-22"])
    }

    /// The run works a charge's candidate dates out once for the run date and the look ahead
    /// (`PlanningRules.sharedCandidates`); each answer must be what its own evaluation gives:
    /// the window's bits, and the screen's yes or no. Run dates include one whose look ahead
    /// runs off the calendars' last covered year, where formulas are passed over or throw.
    @Test(arguments: runDates + ["2027-12-20", "2027-12-29"])
    func sharedCandidatesAnswerAsEachOwnEvaluation(run: String) throws {
        let planner = try RulesFixtures.planner(run)
        let lookAhead = try UpcomingSends(after: planner.runDate, businessDays: ReportPage.forecastDays,
                                          calendar: RulesFixtures.calendar, configuration: RunConfiguration())
        let rules = PlanningRules(planner: planner, lookAhead: lookAhead)
        let window = lookAhead.window
        var shared = 0, screenAnswered = 0
        for settings in Self.settingsVariants {
            for charge in Self.charges(around: planner.runDate) {
                guard let candidates = rules.sharedCandidates(of: charge, customerDeleted: false, settings: settings) else { continue }
                shared += 1
                let own = try planner.candidateSendDates(of: charge, settings: settings, from: window.firstDay, through: window.lastDay,
                                                         skippingUncovered: true)
                #expect(candidates.window == own, "window bits on \(run): due \(charge.dueDate.iso), \(charge.status)")
                if let fromRunDate = candidates.runDate {
                    screenAnswered += 1
                    #expect(planner.mightSendOnRunDate(charge, settings: settings, candidatesFromRunDate: fromRunDate)
                            == planner.mightSendOnRunDate(charge, settings: settings),
                            "screen on \(run): due \(charge.dueDate.iso), created \(charge.dateCreated.iso), \(charge.status)")
                }
            }
        }
        #expect(shared > 0)
        #expect(screenAnswered > 0)
        #expect(rules.sharedCandidates(of: Self.charges(around: planner.runDate)[0], customerDeleted: true, settings: .builtIn) == nil)
    }
}
