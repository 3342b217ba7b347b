/// Everything the run decides about one charge that needs only the charge, its customer, its
/// account and its settings: the look ahead's share, whether it is left out, the notifications
/// and the letter of the run date. Worked out where the rows are decoded (on other threads),
/// then applied in file order by the run, which alone builds records and counts.
struct ChargePlan: Sendable {
    /// The charge's share of the report's look ahead; nil when there is no look ahead.
    var upcoming: Result<UpcomingSends.Contribution, any Error>? {
        get {
            if let failure = rare?.upcomingFailure { return .failure(failure) }
            return hasLookAhead ? .success(contribution) : nil
        }
        set {
            switch newValue {
            case .success(let share)?:
                hasLookAhead = true
                contribution = share
                if rare != nil { ownRare().upcomingFailure = nil }
            case .failure(let error)?:
                hasLookAhead = true
                contribution = UpcomingSends.Contribution()
                ownRare().upcomingFailure = error
            case nil:
                hasLookAhead = false
                contribution = UpcomingSends.Contribution()
                if rare != nil { ownRare().upcomingFailure = nil }
            }
        }
    }
    /// Left out of the run (see `LeftOutReason`): nothing below was worked out.
    var leftOut = false
    /// Whether a resend request of the run names this charge (set by the caller, who knows the
    /// requests); the run then keeps the charge for the resends.
    var isResendTarget = false
    /// The run date's notifications, in planner order.
    var notifications: [PlannedNotification] {
        get { rare?.notifications ?? [] }
        set { if rare != nil || !newValue.isEmpty { ownRare().notifications = newValue } }
    }
    /// The run date's letter decision, if the letter is due.
    var letter: LetterDecision? {
        get { rare?.letter }
        set { if rare != nil || newValue != nil { ownRare().letter = newValue } }
    }
    /// A calendar failure while planning, thrown when the run reaches this charge.
    var failure: AvisoError? {
        get { rare?.failure }
        set { if rare != nil || newValue != nil { ownRare().failure = newValue } }
    }
    /// The records of the notifications with a usable contact, when the caller makes them
    /// here too (`NightlyRun` does); nil otherwise or when there is none.
    var messages: ChargeMessages? {
        get { rare?.messages }
        set { if rare != nil || newValue != nil { ownRare().messages = newValue } }
    }

    // A plan is made for each of millions of charges and moved and copied on its way to the
    // run: what most plans hold (the look ahead's share, two flags) is inline, and what few
    // hold (notifications, letter, failures, records) is in one box, nil for most. With each
    // of those a field of its own, a copy of a plan retained five references and its end
    // released them, for every charge.
    private var contribution = UpcomingSends.Contribution()
    private var hasLookAhead = false
    private var rare: Rare?

    /// Whether the run has nothing to do with the charge but count it: no look ahead entry
    /// nor look ahead failure, no notification (not even a rejected one), no letter, no
    /// failure, no records and no resend request. Such a charge never reaches the run's thread.
    var isQuiet: Bool {
        hasNothingButTheLookAhead && rare?.upcomingFailure == nil && contribution.isEmpty
    }

    /// The plan's share of the look ahead packed in a note, when that share is all the run has
    /// to do with the charge but count it (no look ahead failure, notification, letter, failure,
    /// record nor resend request): such a charge reaches the run's thread as a count and this
    /// note (`PreparedRow.counted`), not as a plan. Nil otherwise, or when the share does not fit
    /// a note.
    var lookAheadNote: CountedNote? {
        guard hasNothingButTheLookAhead, rare?.upcomingFailure == nil, !contribution.isEmpty else { return nil }
        return contribution.packed()
    }

    /// No failure, notification (not even a rejected one), letter, record nor resend request:
    /// whatever the run does with the charge beyond counting it comes from its look ahead.
    private var hasNothingButTheLookAhead: Bool {
        !isResendTarget && (rare?.holdsNoDecision ?? true)
    }

    /// The box, to change: made first when there is none, and copied first when another plan
    /// shares it (a plan is a value). The setters above make no box for an empty value.
    // Each setter writes its field of the box itself: through a closure taking the box, the
    // value was first copied into the closure's context (a `memmove` for each letter set).
    @inline(__always)
    private mutating func ownRare() -> Rare {
        if rare == nil {
            rare = Rare()
        } else if !isKnownUniquelyReferenced(&rare) {
            rare = rare!.copy()
        }
        return rare!
    }

    /// What few plans hold. Changed only through `ownRare`, by the one plan that holds it
    /// (copied first otherwise), and read by any: hence `@unchecked Sendable`.
    private final class Rare: @unchecked Sendable {
        var notifications: [PlannedNotification] = []
        var letter: LetterDecision?
        var failure: AvisoError?
        var upcomingFailure: (any Error)?
        var messages: ChargeMessages?

        /// No notification, letter, failure nor records (a look ahead failure aside).
        var holdsNoDecision: Bool {
            notifications.isEmpty && letter == nil && failure == nil && messages == nil
        }

        func copy() -> Rare {
            let copy = Rare()
            copy.notifications = notifications
            copy.letter = letter
            copy.failure = failure
            copy.upcomingFailure = upcomingFailure
            copy.messages = messages
            return copy
        }
    }

    /// Plans one charge for the run date (and the look ahead, when `rules` has a window), given
    /// whether the customer is deleted and, when known, its `RecipientReach`, and asking for the
    /// customer itself and its account only when a step needs more: most charges send nothing
    /// today nor in the look ahead, fetching a customer (its text) costs a copy and a cache miss
    /// at millions of customers, and a copy of an account a contended reference count.
    init(charge: Charge, customerDeleted: Bool, reach: RecipientReach? = nil, customer fetch: () -> Customer,
         account: @autoclosure () -> Account, settings: SlotSettings, rules: PlanningRules) {
        var fetched: Customer?
        self.init(charge: charge, customerDeleted: customerDeleted, reach: reach, customer: fetch, fetched: &fetched,
                  account: account(), settings: settings, rules: rules)
    }

    /// `init(charge:customerDeleted:reach:customer:account:settings:rules:)` that calls `make`
    /// at most once, and leaves the customer it made in `fetched` (which may hold it already).
    init(charge: Charge, customerDeleted: Bool, reach: RecipientReach? = nil, customer make: () -> Customer,
         fetched: inout Customer?, account: @autoclosure () -> Account, settings: SlotSettings, rules: PlanningRules) {
        // The cache is the caller's, reached through `inout`: a local `var` captured by this
        // function, passed down to the planner's closures, was given a heap box for every
        // charge.
        func fetch() -> Customer {
            if let fetched { return fetched }
            let made = make()
            fetched = made
            return made
        }
        var contacts = ContactCache()
        // The candidate dates of the run date and of the look ahead's window, worked out in one
        // pass from the run date on (each pass walks the charge's send-date formulas).
        let shared = rules.sharedCandidates(of: charge, customerDeleted: customerDeleted, settings: settings)
        upcoming = rules.withWindow { window in
            Result {
                try window.contribution(charge: charge, customerDeleted: customerDeleted, reach: reach, customer: fetch, account: account(),
                                        settings: settings, contacts: &contacts, candidates: shared?.window)
            }
        }
        if LeftOutReason.of(charge: charge, customerDeleted: customerDeleted, runDate: rules.withPlanner { $0.runDate }) != nil {
            leftOut = true
            return
        }
        // Most charges have no send date on the run date: the formulas alone tell, and the
        // slots' conditions, contacts and the letter's checks are then not worked out.
        guard rules.withPlanner({ $0.mightSendOnRunDate(charge, settings: settings, candidatesFromRunDate: shared?.runDate) }) else { return }
        // With the customer's reach known, the customer itself (read again from its file) is
        // fetched only when a slot fires or the letter is due: about one charge in seven that
        // might send on the run date does neither (on the bench's data).
        let flags = reach.map { (notificationDisabled: $0.notificationDisabled, postalService: $0.postalService) }
            ?? { let customer = fetch(); return (customer.notificationDisabled, customer.postalService) }()
        // Lent, not read through `rules.planner`: that copy was a retain and a release of the
        // planner, which both decoding threads share, for every charge that got this far.
        rules.withPlanner { planner in
            do throws(AvisoError) {
                notifications = try planner.notifications(for: charge, customerDeleted: customerDeleted, notificationDisabled: flags.notificationDisabled,
                                                          customer: fetch, account: account(), settings: settings, contacts: &contacts)
                // Set only when due: the setter of an optional letter moved the whole decision
                // (a `memmove`) for every charge that got this far, almost all with none.
                if let decision = try planner.letter(for: charge, customerDeleted: customerDeleted, customerPostalService: flags.postalService,
                                                     customer: fetch) {
                    letter = decision
                }
            } catch {
                failure = error
            }
        }
    }
}
