/// An export read the way every run reads it: accounts, customers and notification settings
/// loaded whole (with their rejects), resend requests and charges streamed with the run's
/// reject logic. `aviso run`, `aviso explain` and `aviso forecast` all read through it, so they
/// see the same rows, rejects and left-out charges.
public struct ExportSnapshot: Sendable {
    /// What a caller made of a sound charge row (known customer, first valid row of its id).
    public enum ChargeUse: Sendable, Equatable {
        /// Considered by the run.
        case used
        /// Left out (counted, not rejected): not yet created on the run date, deleted customer.
        case leftOut
    }

    /// The export's files by table base name.
    public let inputs: [String: LocatedInput]
    /// A file fails when its rejected rows are strictly more than this share of its records.
    public let maxRejectRatio: Double
    /// Whether the reading also keeps what only a run reports: each file's SHA-256 as stored
    /// (`TableStatistics.sha256`, empty otherwise), each customer's contact-data problems for
    /// the data-quality census (`CustomerDirectory.problems`, empty otherwise) and each
    /// customer's `ContactReach`, by which the run's look ahead counts most charges without
    /// making their customer (without it, `readCharges` gives no `RecipientReach` and the
    /// look ahead makes the customer of every charge it counts).
    public let audits: Bool
    /// Accounts by id (first valid row of each id).
    public let accounts: [String: Account]
    /// Accounts in file order (first valid row of each id); customers point into it.
    public let accountList: [Account]
    /// `accountList` lent (`Account.lent()`): what `readCharges` hands each charge's planning,
    /// a copy costing no reference count. Good while the snapshot is.
    let lentAccounts: [Account]
    /// Where the reading writes out what it must keep but rarely reads again (each charge's
    /// id; the texts of customers from a gzip or XML file), in an unlinked temporary file
    /// (`SpillArena`); nil keeps it all in memory.
    public let spillDirectory: String?
    /// Customers by id, deleted ones included (their charges are left out); empty once
    /// `forgetCustomers()` was called.
    public private(set) var customers: CustomerDirectory
    /// The settings of each account in `accountList` (its rows over the built-in defaults).
    private let accountSettings: [SlotSettings]
    /// The reach of each account in `accountList` as the provider recipient.
    private let accountReach: [ContactReach]
    /// Statistics of the files read so far: accounts, customers, notifications (if present).
    public let tables: [TableStatistics]
    /// INPUT rejects of the files read so far, in reading order.
    public let rejects: [RejectRecord]
    /// The settings of each customer with rows of its own, by its position in `customers`
    /// (worked out once, not per charge).
    private var customerSettings: [Int32: SlotSettings]

    /// Locates the export's files and reads accounts, customers and settings. Throws when a
    /// file is missing or can't be trusted. The commands that only look (explain, forecast)
    /// read this way, by default without the run's audit (see `audits`).
    public init(directory: String?, explicit: [String: String], maxRejectRatio: Double, audits: Bool = false,
                spillDirectory: String? = nil) throws {
        try self.init(inputs: try ExportLocator.locate(directory: directory, explicit: explicit),
                      maxRejectRatio: maxRejectRatio, audits: audits, spillDirectory: spillDirectory)
    }

    /// Reads accounts, customers and (when present) notification settings from located files.
    /// The run reads this way, by default with its audit (see `audits`).
    public init(inputs: [String: LocatedInput], maxRejectRatio: Double, audits: Bool = true,
                spillDirectory: String? = nil) throws {
        self.inputs = inputs
        self.maxRejectRatio = maxRejectRatio
        self.audits = audits
        self.spillDirectory = spillDirectory
        func reader<Schema: InputTableSchema>(_ schema: Schema.Type, _ input: LocatedInput) -> TableReader<Schema> {
            Self.reader(schema, input, maxRejectRatio: maxRejectRatio, audits: audits)
        }
        var rejects: [RejectRecord] = []
        var tables: [TableStatistics] = []

        var accounts: [String: Account] = [:]
        var accountList: [Account] = []
        tables.append(try reader(AccountTable.self, inputs["accounts"]!).read(rejects: &rejects) { account in
            guard accounts[account.id] == nil else { return .rejected(Self.duplicate("account", account.id)) }
            accounts[account.id] = account
            accountList.append(account)
            return .used
        })
        // A customer's account is found by the bytes of its id on the decoding threads: a String
        // made, hashed and compared per customer was a fifth of the reading thread's work there.
        let accountPositions = IDPositions(accountList.map(\.id))

        // A plain CSV file's customers are kept as the places of their rows, read again for the
        // charges that need them whole (see `CustomerRows`); other customers' texts are
        // written out when there is a folder for them.
        let rows = inputs["customers"].flatMap { input in
            input.format == .csv ? CustomerRows(path: input.path, fileName: input.fileName) : nil
        }
        // One estimate of the file's rows for both sizes (each is a mapping and a count).
        let customerLines = Self.estimatedLines(inputs["customers"])
        var customers = CustomerDirectory(holding: Self.expectedRows(lines: customerLines),
                                          reserving: Self.roomForRows(lines: customerLines),
                                          spillDirectory: rows == nil ? spillDirectory : nil)
        customers.rows = rows
        // Each customer's contact-data problems are judged on the decoding threads, so the
        // run's data-quality census needs no pass of its own over the customers' texts.
        // So are the contacts' verdicts the run's look ahead counts by (see `ContactReach`).
        let judgeContacts: @Sendable (Customer) -> (problems: DataQualityCensus.Problems, reach: ContactReach?)
        if audits {
            judgeContacts = { customer in
                // A deleted customer's charges are left out: nothing is counted by its reach.
                guard !customer.deleted else { return ([], nil) }
                let reach = ContactReach(customer: customer)
                return (DataQualityCensus.problems(of: customer, reach: reach), reach)
            }
        } else {
            judgeContacts = { _ in ([], nil) }
        }
        let judge: @Sendable (Customer) -> (account: Int?, problems: DataQualityCensus.Problems, reach: ContactReach?, idHash: UInt64) = { customer in
            let account = customer.text.withBytes(Customer.TextField.account) { $0.flatMap(accountPositions.position(ofID:)) }
            let (problems, reach) = judgeContacts(customer)
            let idHash = customer.text.withBytes(Customer.TextField.id) { ByteKeyIndex.hash($0 ?? UnsafeRawBufferPointer(start: nil, count: 0)) }
            return (account, problems, reach, idHash)
        }
        // Adding a customer waits for its id's slot in an index of millions (a cache miss on
        // this one thread, while two decode): the slot is asked for a few rows ahead, from the
        // id's hash worked out where the row was decoded.
        // Asked in place: a closure reading the captured `var` copied the whole directory.
        let read = try withUnsafeMutablePointer(to: &customers) { directory in
            try withoutActuallyEscaping({ directory.pointee.prefetchSlotInPlace(hash: $0.idHash) }) { lookAhead in
                try reader(CustomerTable.self, inputs["customers"]!).read(rejects: &rejects, prepare: judge, lookAhead: lookAhead) { customer, judged in
                    guard let account = judged.account else {
                        return .rejected(RowError(field: "account", reason: "UNKNOWN_ACCOUNT", detail: "account \(customer.account) is not in the accounts file (or its row was rejected)"))
                    }
                    guard directory.pointee.add(customer, account: account, problems: judged.problems, reach: judged.reach, idHash: judged.idHash) else {
                        return .rejected(Self.duplicate("customer", customer.id))
                    }
                    return customer.deleted ? .leftOut : .used
                }
            }
        }
        tables.append(read)

        var book = SettingsBook()
        if let input = inputs["notifications"] {
            tables.append(try reader(SettingTable.self, input).read(rejects: &rejects) { row in
                switch row.owner {
                case .customer(let id) where customers.position(ofID: id) == nil:
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
            })
        }
        book.prepare()
        var customerSettings: [Int32: SlotSettings] = [:]
        for id in book.customersWithRows {
            guard let position = customers.position(ofID: id) else { continue }
            customers.markOwnSettings(at: position)
            let account = accountList[customers.accountIndex(at: position)].id
            customerSettings[Int32(position)] = book.settings(customer: id, account: account)
        }

        self.accounts = accounts
        self.accountList = accountList
        self.lentAccounts = accountList.map { $0.lent() }
        self.accountSettings = accountList.map { book.settings(account: $0.id) }
        self.accountReach = accountList.map { ContactReach(provider: $0) }
        self.customers = customers
        self.customerSettings = customerSettings
        self.tables = tables
        self.rejects = rejects
    }

    /// The slot settings in force for the customer at `position` in `customers`.
    @inline(__always)
    func settings(customerAt position: Int) -> SlotSettings {
        settings(of: customers.found(at: position))
    }

    /// The slot settings in force for `customer`.
    @inline(__always)
    func settings(of customer: CustomerDirectory.FoundCustomer) -> SlotSettings {
        guard customer.hasOwnSettings else { return accountSettings[customer.accountIndex] }
        return customerSettings[Int32(customer.position)]!
    }

    /// Streams the resend requests file, if there is one: a repeated request id is rejected
    /// (DUPLICATE_ID); every other sound row goes to `handle`, which says whether it is used,
    /// left out or rejected. Nil when the export has no resends file.
    func readResends(rejects: inout [RejectRecord], _ handle: (ResendRow) throws -> TableReader<ResendTable>.Verdict) throws -> TableStatistics? {
        guard let input = inputs["resends"] else { return nil }
        var seenIDs = Set<String>()
        return try reader(ResendTable.self, input).read(rejects: &rejects) { row in
            guard seenIDs.insert(row.id).inserted else { return .rejected(Self.duplicate("resend request", row.id)) }
            return try handle(row)
        }
    }

    /// Reads the resends file only to check it the way a run does (rejects, reject limit),
    /// keeping every sound row. Nil when the export has none.
    public func checkResends(rejects: inout [RejectRecord]) throws -> [ResendRow]? {
        var rows: [ResendRow] = []
        guard try readResends(rejects: &rejects, { rows.append($0); return .used }) != nil else { return nil }
        return rows
    }

    /// Streams the charges file: a charge of an unknown (or rejected) customer is rejected
    /// (UNKNOWN_CUSTOMER), a repeated id is rejected (DUPLICATE_ID); every other row goes to
    /// `handle` with its customer, account and the slot settings in force, which says whether
    /// the run uses it or leaves it out (see `LeftOutReason`). Throws when the file can't be
    /// trusted, or what `handle` throws.
    public func readCharges(rejects: inout [RejectRecord],
                            _ handle: (Charge, Customer, Account, SlotSettings) throws -> ChargeUse) throws -> TableStatistics {
        try readCharges(rejects: &rejects, prepare: { _, _, _, _, _, _, _ in .work(()) }, noteCounted: { _ in }, { charge, position, _ in
            try handle(charge, customers.customer(at: position), account(ofCustomerAt: position), settings(customerAt: position))
        })
    }

    /// `readCharges(rejects:_:)` with the work on each charge split in two: `prepare`, which
    /// must only read (it may run on other threads, ahead of `handle` and for rows `handle`
    /// will never see; a row whose id an earlier row holds is not prepared) and is given
    /// whether the customer is deleted and ways to fetch the customer and its account when it
    /// needs more (at millions of customers, fetching one is a cache miss most charges can
    /// skip; a copy of an account, a reference count both decoding threads contend for), with the
    /// customer's and account's `RecipientReach` when the snapshot worked it out (`audits`) and
    /// whether the charge's id is one of `watching` (the charges resend requests name), and `handle`,
    /// called in file order with the position of the charge's customer in `customers` (fetch
    /// the customer, its account and settings only when needed) and what `prepare` gave.
    /// A charge `prepare` settles as only counted (`PreparedRow.counted`) never reaches
    /// `handle` (`noteCounted` gets its note, if any, in file order, unless the row turns out to
    /// repeat an earlier row's id and is rejected after all). `claims`
    /// holds the ids read so far (nil: a fresh one per read, written out to `spillDirectory`;
    /// tests pass their own to claim for rows decoded late).
    func readCharges<Work: Sendable>(
        rejects: inout [RejectRecord],
        claims: ChargeIDClaims? = nil,
        watching: ChargeIDSet? = nil,
        prepare: @escaping @Sendable (Charge, _ customerDeleted: Bool, RecipientReach?, _ customer: () -> Customer, _ account: () -> Account,
                                      SlotSettings, _ watched: Bool) -> PreparedRow<Work>,
        noteCounted: (CountedNote) -> Void,
        _ handle: (Charge, _ customerPosition: Int, Work) throws -> ChargeUse
    ) throws -> TableStatistics {
        let snapshot = self
        let claims = claims ?? ChargeIDClaims(spillDirectory: spillDirectory, expected: Self.expectedRows(inputs["charges"]))
        let locate: @Sendable (Charge, Int) -> PreparedRow<PreparedCharge<Work>?> = { charge, number in
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            // Ids are looked up by their bytes: no String is made for a charge the run only passes by.
            guard let customer = charge.text.withBytes(Charge.TextField.customer, { snapshot.customers.found(ofID: $0 ?? empty) }) else {
                return .work(nil)
            }
            let position = customer.position
            // Only a row whose customer is known claims its id, as only such a row is checked for
            // repeats. The id is hashed once, for its claim and for the watched ids.
            var watched = false
            guard charge.text.withBytes(Charge.TextField.id, { id in
                let id = id ?? empty
                let hash = ByteKeyIndex.hash(id)
                watched = id.count > 0 && watching?.contains(id, hash: hash) == true
                return claims.claim(id, hash: hash, number: number)
            }) else {
                return .work(PreparedCharge(position: position, number: number, work: nil))
            }
            let accountIndex = customer.accountIndex
            switch prepare(charge, customer.isDeleted, customer.recipientReach(provider: snapshot.accountReach[accountIndex]),
                           { snapshot.customers.customer(at: position) },
                           { snapshot.lentAccounts[accountIndex] }, snapshot.settings(of: customer), watched) {
            case let .counted(leftOut, note):
                return .counted(leftOut: leftOut, note: note)
            case .work(let work):
                return .work(PreparedCharge(position: position, number: number, work: work))
            }
        }
        let recheck: (Int) -> TableReader<ChargeTable>.LateRejection? = { number in
            claims.lateDuplicateID(number).map { (Self.duplicate("charge", $0), $0) }
        }
        // The customer's slot, its id with its summary, its account's settings, and the id's claim
        // slot, asked for a few rows ahead: each was a cache miss the row waited for, one after the other.
        let prefetch = RowPrefetch<Charge>(start: { charge in
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            charge.text.withBytes(Charge.TextField.id) { id in
                let hash = ByteKeyIndex.hash(id ?? empty)
                claims.prefetch(hash: hash)
                // The watched ids' filter is small, but out of cache among the charges' misses:
                // its word was some 200 of 31k samples at 10M charges.
                watching?.prefetchFilter(hash: hash)
            }
            return charge.text.withBytes(Charge.TextField.customer) { snapshot.customers.prefetchSlot(ofID: $0 ?? empty) }
        }, next: { hash in
            snapshot.customers.prefetchCandidate(hash: hash)
        }, last: { candidate in
            // The account's settings and reach: 10k accounts' are more than the caches keep
            // beside millions of customers.
            guard let account = snapshot.customers.accountIndexAhead(candidate: candidate), account < snapshot.accountList.count else {
                return RowPrefetch<Charge>.nothing
            }
            snapshot.accountSettings.withUnsafeBufferPointer { Prefetch.lines(of: $0.baseAddress! + account) }
            snapshot.accountReach.withUnsafeBufferPointer { Prefetch.lines(of: $0.baseAddress! + account) }
            return RowPrefetch<Charge>.nothing
        }, final: { _ in })
        return try reader(ChargeTable.self, inputs["charges"]!).read(
            rejects: &rejects, prepareNumbered: locate, prefetch: prefetch, recheck: recheck, noteCounted: noteCounted
        ) { charge, prepared in
            guard let prepared else {
                return .rejected(RowError(field: "customer", reason: "UNKNOWN_CUSTOMER", detail: "customer \(charge.customer) is not in the customers file (or its row was rejected)"))
            }
            // A row that lost its claim late was rejected by `recheck` before reaching here.
            guard let work = prepared.work else {
                return .rejected(Self.duplicate("charge", charge.id))
            }
            // The customer, account and settings are left for `handle` to fetch: most charges
            // need none of them here, and a copy of a customer touches (retains) its text.
            switch try handle(charge, prepared.position, work) {
            case .used: return .used
            case .leftOut: return .leftOut
            }
        }
    }

    /// Lets the customers go (the largest thing a snapshot holds) once nothing will read
    /// them again: a run does so after its charges, keeping only what its records need.
    public mutating func forgetCustomers() {
        customers = CustomerDirectory()
        customerSettings = [:]
    }

    /// The account of the customer at `position` in `customers`.
    func account(ofCustomerAt position: Int) -> Account {
        accountList[customers.accountIndex(at: position)]
    }

    /// The reader of one of the export's files, hashing it when the snapshot audits.
    private func reader<Schema: InputTableSchema>(_ schema: Schema.Type, _ input: LocatedInput) -> TableReader<Schema> {
        Self.reader(schema, input, maxRejectRatio: maxRejectRatio, audits: audits)
    }

    private static func reader<Schema: InputTableSchema>(_: Schema.Type, _ input: LocatedInput, maxRejectRatio: Double, audits: Bool) -> TableReader<Schema> {
        var reader = TableReader<Schema>(input: input, maxRejectRatio: maxRejectRatio)
        reader.hashesInput = audits
        return reader
    }

    /// The lines a plain CSV file seems to hold (`InputFile.estimatedLineCount`: the file is
    /// mapped and its start counted), nil for other files.
    static func estimatedLines(_ input: LocatedInput?) -> Int? {
        guard let input, input.format == .csv else { return nil }
        return InputFile.estimatedLineCount(path: input.path, displayName: input.fileName)
    }

    /// Somewhat fewer rows than a plain CSV file seems to hold, for sizing its id index ahead:
    /// short of the count, the index grows once at most; past it, the index could take twice
    /// the memory it needs. 0 when there is no estimate.
    static func expectedRows(_ input: LocatedInput?) -> Int {
        expectedRows(lines: estimatedLines(input))
    }

    /// `expectedRows(_:)` from an estimate already made (`estimatedLines`).
    static func expectedRows(lines: Int?) -> Int {
        lines.map { $0 / 10 * 9 } ?? 0
    }

    /// Room for the rows of a plain CSV file, from the same estimate as `expectedRows` but
    /// above it (a sixteenth more), for lists that would rather never grow: one that outgrows
    /// its room is copied whole. 0 for other files.
    static func roomForRows(_ input: LocatedInput?) -> Int {
        roomForRows(lines: estimatedLines(input))
    }

    /// `roomForRows(_:)` from an estimate already made (`estimatedLines`).
    static func roomForRows(lines: Int?) -> Int {
        lines.map { $0 + $0 / 16 } ?? 0
    }

    static func duplicate(_ what: String, _ id: String) -> RowError {
        RowError(field: "id", reason: "DUPLICATE_ID", detail: "\(what) id \(id) appeared on an earlier valid row; the first is kept")
    }
}

/// Where a charge's customer is, and the caller's prepared work, found off the caller's
/// thread. Positions, not copies: a copy of a customer or an account costs a retain per text.
struct PreparedCharge<Work: Sendable>: Sendable {
    var position: Int
    /// The row's record number (its place in the file).
    var number: Int
    /// The caller's work; nil for a row whose id an earlier row already holds (a duplicate).
    var work: Work?
}
