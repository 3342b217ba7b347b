/// Everything the run decides about one charge that needs only the charge, its customer, its
/// account and its settings: the look ahead's share, whether it is left out, the notifications
/// and the letter of the run date. Worked out where the rows are decoded (on other threads),
/// then applied in file order by the run, which alone builds records and counts.
struct ChargePlan: Sendable {
    /// The charge's share of the report's look ahead; nil when there is no look ahead.
    var upcoming: Result<UpcomingSends.Contribution, any Error>?
    /// Left out of the run (see `LeftOutReason`): nothing below was worked out.
    var leftOut = false
    /// The run date's notifications, in planner order.
    var notifications: [PlannedNotification] = []
    /// The run date's letter decision, if the letter is due.
    var letter: LetterDecision? {
        get { letterBox?.value }
        set { letterBox = newValue.map(OutOfLine.init) }
    }
    /// A calendar failure while planning, thrown when the run reaches this charge.
    var failure: AvisoError? {
        get { failureBox?.value }
        set { failureBox = newValue.map(OutOfLine.init) }
    }
    // The letter and the failure are rare and large (a plan takes 161 bytes with them inline,
    // 49 with them out of line): kept out of line, as a plan is made for each of millions of
    // charges and moved several times on its way to the run.
    private var letterBox: OutOfLine<LetterDecision>?
    private var failureBox: OutOfLine<AvisoError>?
    /// The records of the notifications with a usable contact, when the caller makes them
    /// here too (`NightlyRun` does); nil otherwise or when there is none.
    var messages: ChargeMessages?
    /// Whether a resend request of the run names this charge (set by the caller, who knows the
    /// requests); the run then keeps the charge for the resends.
    var isResendTarget = false

    /// Whether the run has nothing to do with the charge but count it: no look ahead entry
    /// nor look ahead failure, no notification (not even a rejected one), no letter, no
    /// failure, no records and no resend request. Such a charge never reaches the run's thread.
    var isQuiet: Bool {
        guard hasNothingButTheLookAhead else { return false }
        switch upcoming {
        case nil: return true
        case .success(let contribution)?: return contribution.isEmpty
        case .failure?: return false
        }
    }

    /// The plan's share of the look ahead packed in a note, when that share is all the run has
    /// to do with the charge but count it (no look ahead failure, notification, letter, failure,
    /// record nor resend request): such a charge reaches the run's thread as a count and this
    /// note (`PreparedRow.counted`), not as a plan. Nil otherwise, or when the share does not fit
    /// a note.
    var lookAheadNote: CountedNote? {
        guard hasNothingButTheLookAhead, case .success(let contribution)? = upcoming, !contribution.isEmpty else { return nil }
        return contribution.packed()
    }

    /// No failure, notification (not even a rejected one), letter, record nor resend request:
    /// whatever the run does with the charge beyond counting it comes from its look ahead.
    private var hasNothingButTheLookAhead: Bool {
        failureBox == nil && notifications.isEmpty && letterBox == nil && messages == nil && !isResendTarget
    }

    /// An immutable value kept on the heap, so that what holds it stays small.
    private final class OutOfLine<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Plans one charge for the run date (and the look ahead, when `rules` has a window), given
    /// whether the customer is deleted and, when known, its `RecipientReach`, and asking for the
    /// customer itself and its account only when a step needs more: most charges send nothing
    /// today nor in the look ahead, fetching a customer (its text) costs a copy and a cache miss
    /// at millions of customers, and a copy of an account a contended reference count.
    init(charge: Charge, customerDeleted: Bool, reach: RecipientReach? = nil, customer fetch: () -> Customer,
         account: @autoclosure () -> Account, settings: SlotSettings, rules: PlanningRules) {
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
        let customer = fetch()
        do {
            notifications = try rules.planner.notifications(for: charge, customer: customer, account: account(), settings: settings, contacts: &contacts)
            letter = try rules.planner.letter(for: charge, customer: customer)
        } catch {
            failure = error
        }
    }
}
