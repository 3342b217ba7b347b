/// The report's look ahead, computed while the run streams the charges: for each charge, the
/// dates in the window on which any of its slots (or its letter) could be sent are worked out
/// from the send-date formulas, and only on those dates is the charge planned, by that date's
/// own planner. A slot fires on D only when its send date is D, so this gives exactly what
/// `aviso forecast` (which plans every charge on every date) gives, at a fraction of the cost.
struct UpcomingSends: Sendable {
    /// The window's dates and planners, which each charge is planned against (shared by
    /// reference with the decoding threads, see `PlanningRules`).
    let window: LookAheadWindow
    /// One entry per business day of the window, in date order, without the per-channel and
    /// per-slot counts (kept apart, see `days`).
    private var totals: [ForecastDay]
    // Counts by day and channel and by day and slot, in flat arrays: the run adds to them once
    // per notification of the window (millions at 10M charges), and a dictionary keyed by an
    // enum would hash each time. A channel's fees are its count times its one fee.
    private var channelCounts: [Int]
    private var slotCounts: [Int]

    /// One entry per business day of the window, in date order. A channel (or slot) has an
    /// entry in a day's counts when at least one message of it was counted that day.
    var days: [ForecastDay] {
        totals.indices.map { index in
            var day = totals[index]
            for channel in Channel.allCases {
                let at = index * Channel.allCases.count + channel.rawValue
                guard channelCounts[at] > 0 else { continue }
                day.messagesByChannel[channel] = channelCounts[at]
                day.feesByChannel[channel] = Int64(channelCounts[at]) * window.configuration.fee(for: channel)
            }
            for slot in Slot.allCases where slotCounts[index * Slot.allCases.count + slot.rawValue] > 0 {
                day.messagesBySlot[slot] = slotCounts[index * Slot.allCases.count + slot.rawValue]
            }
            return day
        }
    }

    /// The next `businessDays` business days after `runDate`.
    init(after runDate: Day, businessDays: Int, calendar: BusinessCalendar, configuration: RunConfiguration) throws {
        var planners: [NotificationPlanner] = []
        var day = runDate
        while planners.count < businessDays {
            day = day + 1
            // Candidate dates are bits of a UInt64, one per calendar day of the window.
            if let first = planners.first, day - first.runDate >= 64 { break }
            guard calendar.covers(day) else { break }
            if try calendar.isBusinessDay(day) {
                planners.append(try NotificationPlanner(runDate: day, calendar: calendar, configuration: configuration))
            }
        }
        self.window = LookAheadWindow(configuration: configuration, planners: planners,
                                      firstDay: planners.first?.runDate ?? runDate + 1, lastDay: planners.last?.runDate ?? runDate)
        self.totals = planners.map { ForecastDay(date: $0.runDate, businessDay: true) }
        self.channelCounts = Array(repeating: 0, count: planners.count * Channel.allCases.count)
        self.slotCounts = Array(repeating: 0, count: planners.count * Slot.allCases.count)
    }

    /// What one charge adds to the look ahead: an entry per notification or letter it would
    /// give on a date of the window. Worked out apart from the totals (`contribution`, which
    /// only reads) so that charges can be planned on other threads and added in file order.
    struct Contribution: Sendable {
        /// What goes out (or would be rejected) on the window's day at `day`.
        enum Entry: Sendable {
            case notification(day: Int, slot: Slot, channel: Channel, rejected: Bool)
            case letter(day: Int)
        }

        // The entries, packed as `packed()` gives them while they fit a note: most charges with
        // a share of the look ahead have a few entries, and a growing array was an allocation
        // or three per such charge (some 7 in 10 charges of a large export). Once an entry
        // does not fit, every entry is kept in `spilled` instead, in order.
        private var note = CountedNote(low: 0, high: 0)
        private var spilled: [Entry]?

        /// No entries.
        init() {}

        /// The entries, in the order they were added.
        var entries: [Entry] {
            get {
                if let spilled { return spilled }
                var all: [Entry] = []
                Self.forEachEntry(packedIn: note) { all.append($0) }
                return all
            }
            set {
                self = Contribution()
                for entry in newValue { append(entry) }
            }
        }

        /// Whether there are no entries.
        var isEmpty: Bool { spilled?.isEmpty ?? (note.high >> 60 == 0) }

        /// Adds `entry` after the others.
        mutating func append(_ entry: Entry) {
            if spilled != nil {
                spilled!.append(entry)
                return
            }
            let count = Int(note.high >> 60)
            guard count < Self.packedCapacity, let bits = Self.bits(of: entry) else {
                spilled = entries + [entry]
                return
            }
            let offset = count * 11
            if offset < 64 { note.low |= bits << UInt64(offset) }
            // An entry that straddles the two words puts its high bits in the second.
            if offset + 11 > 64 { note.high |= offset >= 64 ? bits << UInt64(offset - 64) : bits >> UInt64(64 - offset) }
            note.high = note.high & ~(0xF << 60) | UInt64(count + 1) << 60
        }

        /// Calls `body` with each entry, in order.
        @inline(__always)
        func forEach(_ body: (Entry) -> Void) {
            if let spilled {
                for entry in spilled { body(entry) }
            } else {
                Self.forEachEntry(packedIn: note, body)
            }
        }

        /// The most entries a `CountedNote` holds, at 11 bits each (the last 4 bits count them).
        static let packedCapacity = 11

        /// The entries packed in a `CountedNote`, so that a charge the run only counts carries
        /// its share of the look ahead across threads without its row: nil when there are more
        /// than `packedCapacity` or a day index does not fit 4 bits (the charge then goes to the
        /// run as a planned row). Bits of an entry: 0 letter, 1 rejected, 2–3 channel, 4–6
        /// slot, 7–10 the day's index.
        func packed() -> CountedNote? {
            spilled == nil ? note : nil
        }

        /// An entry's 11 bits in a note, or nil when its day index does not fit 4 bits.
        @inline(__always)
        private static func bits(of entry: Entry) -> UInt64? {
            // Three bits of slot and two of channel: a ninth slot or fifth channel must widen them.
            guard Slot.allCases.count <= 8, Channel.allCases.count <= 4 else { return nil }
            switch entry {
            case .letter(let day):
                guard day >= 0 && day < 16 else { return nil }
                return UInt64(day) << 7 | 1
            case .notification(let day, let slot, let channel, let rejected):
                guard day >= 0 && day < 16 else { return nil }
                return UInt64(day) << 7 | UInt64(slot.rawValue) << 4 | UInt64(channel.rawValue) << 2 | (rejected ? 2 : 0)
            }
        }

        /// Calls `body` with each entry a `packed()` note holds, in order.
        @inline(__always)
        static func forEachEntry(packedIn note: CountedNote, _ body: (Entry) -> Void) {
            let count = Int(note.high >> 60)
            for index in 0..<count {
                let offset = index * 11
                var bits: UInt64 = 0
                if offset < 64 { bits = note.low >> UInt64(offset) }
                if offset + 11 > 64 { bits |= offset >= 64 ? note.high >> UInt64(offset - 64) : note.high << UInt64(64 - offset) }
                bits &= 0x7FF
                let day = Int(bits >> 7)
                if bits & 1 != 0 {
                    body(.letter(day: day))
                } else {
                    body(.notification(day: day, slot: Slot(rawValue: Int(bits >> 4 & 7))!,
                                       channel: Channel(rawValue: Int(bits >> 2 & 3))!, rejected: bits & 2 != 0))
                }
            }
        }
    }

    /// Adds what a charge would emit on the window's dates.
    mutating func add(charge: Charge, customer: Customer, account: Account, settings: SlotSettings) throws {
        var contacts = ContactCache()
        add(try window.contribution(charge: charge, customerDeleted: customer.deleted, reach: nil, customer: { customer },
                                    account: account, settings: settings, contacts: &contacts))
    }

    /// Adds a charge's contribution to the totals of its dates.
    mutating func add(_ contribution: Contribution) {
        contribution.forEach { add($0) }
    }

    /// Adds a charge's contribution packed in a note (`Contribution.packed`).
    mutating func add(packed note: CountedNote) {
        Contribution.forEachEntry(packedIn: note) { add($0) }
    }

    /// Adds one entry of a charge's contribution to the totals of its date.
    @inline(__always)
    private mutating func add(_ entry: Contribution.Entry) {
        switch entry {
        case .letter(let day):
            totals[day].letters += 1
            totals[day].postalFees += window.configuration.postalFee
        case .notification(let day, _, _, rejected: true):
            totals[day].rejectedNotifications += 1
        case .notification(let day, let slot, let channel, rejected: false):
            channelCounts[day * Channel.allCases.count + channel.rawValue] += 1
            slotCounts[day * Slot.allCases.count + slot.rawValue] += 1
        }
    }
}
