/// The run date's outbound records of one charge, made where the charge is planned (on a
/// decoding thread, see `ChargePlan`) rather than on the run's own thread, which then only
/// numbers the context and appends: the composition context the charge's messages share, and
/// one record per notification whose contact is usable (its message is composed for the
/// record's slot and recipient).
///
/// A class, so that a charge's plan holds a reference: every plan (10M a night, most without
/// messages) is moved a few times on its way. It owns its records' memory, so that the run's
/// thread can move them into the day's list (`moveRecords`) rather than copy them: a copy of a
/// record retains each of its texts and lists, and the charge's records were then released.
/// Made on a decoding thread and handed, with its plan, to the run's thread, which alone moves
/// the records out: hence `@unchecked Sendable`.
final class ChargeMessages: @unchecked Sendable {
    /// What every message of the charge is composed from (slot key and recipient set per record).
    let context: PackedMessageContext
    // The records, in planner order, until `moveRecords` takes them.
    private let storage: UnsafeMutablePointer<OutboundRecord>
    /// How many records it holds (none once they are moved).
    private(set) var count: Int

    /// A copy of the records, in planner order; their messages are composed when they are written.
    var records: [OutboundRecord] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }

    /// The records of `notifications` whose contact is usable; nil when there is none.
    init?(notifications: [PlannedNotification], charge: Charge, customer: Customer, account: Account,
          runDate: Day, configuration: RunConfiguration) {
        guard notifications.contains(where: { !$0.contact.isRejected }) else { return nil }
        context = PackedMessageContext(charge: charge, customer: customer, account: account, runDate: runDate)
        storage = .allocate(capacity: notifications.count)
        count = 0
        // The ids are read once from the texts' bytes, inline (no String made for them).
        let payment = charge.text.withBytes(Charge.TextField.id) { ShortText(utf8: $0) }
        let customerID = customer.text.withBytes(Customer.TextField.id) { ShortText(utf8: $0) }
        let accountID = account.recordID
        // A number, or a single address, is kept inline (see `Destinations`); each distinct list
        // of several addresses is kept once per charge and shared by its messages (each email
        // notification found its addresses anew): the run keeps a million records until it writes.
        var lists: [[String]] = []
        func destinations(_ contact: ContactResult) -> Destinations {
            switch contact {
            case .phone(let number):
                return Destinations(one: number)
            case .email(let addresses):
                guard addresses.count > 1 else { return Destinations(addresses) }
                if let made = lists.first(where: { $0 == addresses }) { return Destinations(made) }
                lists.append(addresses)
                return Destinations(addresses)
            case .rejected:
                return Destinations([])
            }
        }
        for planned in notifications where !planned.contact.isRejected {
            // Made in place: a record made first, then appended, was copied (every string and
            // list retained) and the first destroyed.
            (storage + count).initialize(to: OutboundRecord(
                idStorage: NightlyRun.notificationRecordID(
                    runDate: runDate, payment: payment, slot: planned.slot.name, recipient: planned.recipient, channel: planned.channel
                ),
                runDate: runDate, priority: planned.slot.priority, account: accountID, customer: customerID,
                payment: payment, labels: .slot(planned.slot), scheduleOffset: planned.scheduleOffset,
                slotRank: planned.slot.rawValue, recipient: planned.recipient,
                channel: planned.channel, to: destinations(planned.contact), scheduledFor: planned.scheduledFor,
                shift: planned.shift, fee: configuration.fee(for: planned.channel), body: .awaitingContext(nil)
            ))
            count += 1
        }
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Moves the records, in planner order, to the end of `list`, each to be composed from the
    /// run's context number `context` with its own slot (its key numbered in `keys`) and
    /// recipient; the charge then holds none.
    func moveRecords(into list: ChunkedArray<OutboundRecord>, context: Int32, keys: inout SlotKeys) {
        for index in 0..<count {
            let record = storage + index
            // A slot message's template key is its slot's name.
            record.pointee.body = .awaitingContext(MessageReference(context: context, key: keys.index(of: record.pointee.slot),
                                                                    recipient: record.pointee.recipient))
            list.append(moving: record)
        }
        count = 0
    }
}
