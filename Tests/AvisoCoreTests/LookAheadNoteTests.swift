import Testing
@testable import AvisoCore

/// A charge that only adds to the look ahead crosses to the run's thread as a count and a
/// `CountedNote`: the note must give back exactly the entries packed in it.
@Suite struct LookAheadNoteTests {
    typealias Entry = UpcomingSends.Contribution.Entry

    static func unpacked(_ note: CountedNote) -> [String] {
        var entries: [String] = []
        UpcomingSends.Contribution.forEachEntry(packedIn: note) { entries.append("\($0)") }
        return entries
    }

    static func randomEntry(_ random: inout SplitMix64, maxDay: Int = 15) -> Entry {
        let day = random.within(0...maxDay)
        if random.below(6) == 0 { return .letter(day: day) }
        return .notification(day: day, slot: Slot.allCases[random.below(Slot.allCases.count)],
                             channel: Channel.allCases[random.below(Channel.allCases.count)], rejected: random.below(2) == 0)
    }

    @Test("up to eleven entries round-trip through a note, in order", arguments: 0...11)
    func entriesRoundTrip(count: Int) throws {
        var random = SplitMix64(seed: UInt64(count) + 100)
        for _ in 0..<200 {
            let added = (0..<count).map { _ in Self.randomEntry(&random) }
            var contribution = UpcomingSends.Contribution()
            for entry in added { contribution.append(entry) }
            let note = try #require(contribution.packed())
            #expect(Self.unpacked(note) == added.map { "\($0)" })
            #expect(contribution.isEmpty == added.isEmpty)
        }
    }

    @Test("the extremes of every field survive, in every position")
    func extremesRoundTrip() throws {
        let extremes: [Entry] = [
            .notification(day: 15, slot: .received, channel: .voice, rejected: true),
            .notification(day: 0, slot: .created, channel: .email, rejected: false),
            .letter(day: 15), .letter(day: 0),
        ]
        for first in extremes {
            for position in 0..<11 {
                let added = (0..<11).map { $0 == position ? first : extremes[($0 + 1) % extremes.count] }
                var contribution = UpcomingSends.Contribution()
                contribution.entries = added
                let note = try #require(contribution.packed())
                #expect(Self.unpacked(note) == added.map { "\($0)" })
            }
        }
    }

    @Test("twelve entries, or a day index past 15, do not fit a note")
    func tooMuchForANote() {
        var contribution = UpcomingSends.Contribution()
        contribution.entries = Array(repeating: .letter(day: 1), count: 12)
        #expect(contribution.packed() == nil)
        contribution.entries = [.notification(day: 16, slot: .warningDue, channel: .sms, rejected: false)]
        #expect(contribution.packed() == nil)
        contribution.entries = [.letter(day: 16)]
        #expect(contribution.packed() == nil)
    }

    @Test("entries that outgrow a note are all kept, in order", arguments: [0, 3, 10, 11])
    func outgrowingANote(unfitAt position: Int) {
        var random = SplitMix64(seed: UInt64(position) + 7)
        let unfit: Entry = position == 11 ? .letter(day: 3) : .notification(day: 16, slot: .overdueRepeat, channel: .whatsapp, rejected: true)
        let added = (0..<14).map { $0 == position ? unfit : Self.randomEntry(&random) }
        var contribution = UpcomingSends.Contribution()
        for (index, entry) in added.enumerated() {
            contribution.append(entry)
            // Before the unfit entry everything fits a note; from it on, nothing is a note.
            #expect((contribution.packed() != nil) == (index < position), "after entry \(index)")
            #expect(contribution.entries.map { "\($0)" } == added[...index].map { "\($0)" })
            #expect(!contribution.isEmpty)
        }
        var walked: [String] = []
        contribution.forEach { walked.append("\($0)") }
        #expect(walked == added.map { "\($0)" })
    }

    @Test("adding a note adds what adding its contribution adds")
    func addingANoteAddsTheContribution() throws {
        let window = try UpcomingSends(after: RulesFixtures.day("2026-12-04"), businessDays: 10, calendar: RulesFixtures.calendar,
                                       configuration: RunConfiguration())
        var byNotes = window
        var byContributions = window
        var random = SplitMix64(seed: 9)
        for _ in 0..<500 {
            var contribution = UpcomingSends.Contribution()
            contribution.entries = (0..<random.within(1...11)).map { _ in Self.randomEntry(&random, maxDay: 9) }
            byContributions.add(contribution)
            byNotes.add(packed: try #require(contribution.packed()))
        }
        #expect(byNotes.days == byContributions.days)
        #expect(byNotes.days.contains { $0.letters > 0 && $0.rejectedNotifications > 0 && !$0.messagesByChannel.isEmpty })
    }

    @Test("a plan is a note only when the look ahead is all it holds")
    func onlyALookAheadOnlyPlanIsANote() throws {
        var plan = ChargePlan(charge: RulesFixtures.charge(due: "2027-03-15"), customerDeleted: false, customer: { RulesFixtures.customer },
                              account: RulesFixtures.account, settings: .builtIn,
                              rules: PlanningRules(planner: try RulesFixtures.planner("2026-12-04"), lookAhead: nil))
        #expect(plan.lookAheadNote == nil)
        var contribution = UpcomingSends.Contribution()
        contribution.entries = [.notification(day: 2, slot: .warningDue, channel: .email, rejected: false)]
        plan.upcoming = .success(contribution)
        #expect(plan.lookAheadNote.map(Self.unpacked) == ["\(contribution.entries[0])"])
        plan.leftOut = true
        #expect(plan.lookAheadNote != nil)
        plan.isResendTarget = true
        #expect(plan.lookAheadNote == nil)
        plan.isResendTarget = false
        plan.letter = LetterDecision(sendDate: RulesFixtures.day("2026-12-04"), estimatedDelivery: nil, outcome: .rejected(reason: "X", detail: ""))
        #expect(plan.lookAheadNote == nil)
        plan.letter = nil
        plan.notifications = [PlannedNotification(slot: .warningDue, recipient: .customer, channel: .email, scheduleOffset: 0,
                                                  scheduledFor: RulesFixtures.day("2026-12-04"), shift: .none,
                                                  contact: .rejected(reason: ContactRules.noValidEmail, detail: ""))]
        #expect(plan.lookAheadNote == nil)
        plan.notifications = []
        plan.failure = AvisoError(.calendar, "not covered")
        #expect(plan.lookAheadNote == nil)
        plan.failure = nil
        #expect(plan.lookAheadNote != nil)
        plan.upcoming = .success(UpcomingSends.Contribution())
        #expect(plan.lookAheadNote == nil)
        plan.upcoming = .failure(AvisoError(.calendar, "not covered"))
        #expect(plan.lookAheadNote == nil)
    }
}
