import Foundation
import GRDB
import GRDBSQLite

/// The run ledger: a SQLite database (through GRDB) that remembers, per run date, the run
/// itself, every resend request's outcome, the resend allowances used, and the id of every
/// outbound message. State for a run of date D is always derived from the entries of dates
/// before D, so rerunning D (or an earlier date) never counts anything twice.
public final class Ledger {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue

    /// The default place: `OUT_DIR/.aviso/ledger.sqlite`.
    public static func defaultPath(outputRoot: String) -> String {
        (outputRoot as NSString).appendingPathComponent(".aviso/ledger.sqlite")
    }

    /// Opens the ledger, creating it (and its folder) on first use and migrating its schema.
    /// `readOnly` opens an existing ledger without writing anything to it (dry runs, queries).
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !readOnly, !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            configuration.label = "aviso-ledger"
            configuration.readonly = readOnly
            if !readOnly {
                configuration.prepareDatabase { db in
                    // 64 KiB pages for a new ledger (an existing one keeps its own: SQLite sets a
                    // file's page size once, before its first table). A run appends 1.4M message
                    // rows at 10M charges in key order: with the default 4 KiB pages (a split
                    // every 40 rows, a deeper tree) inserting them took 0.85 s in the sqlite3
                    // shell, against 0.62 s with 64 KiB.
                    try db.execute(sql: "PRAGMA page_size = 65536")
                }
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if readOnly {
                guard try queue.read({ db in try Ledger.migrator.hasCompletedMigrations(db) }) else {
                    throw AvisoError(.output, file: path, "the run ledger has an older schema", hint: "run `aviso run` once (not --dry-run) to migrate it")
                }
            } else {
                try Ledger.migrator.migrate(queue)
            }
        } catch let error as AvisoError {
            throw error
        } catch {
            // A run killed while recording leaves SQLite's rollback journal; only a writable
            // opening rolls it back, so a read-only one fails until the next run.
            if readOnly, FileManager.default.fileExists(atPath: path + "-journal") {
                throw AvisoError(.output, file: path, "cannot read the run ledger: a run was stopped before it finished recording, and its rollback journal (\((path as NSString).lastPathComponent)-journal) is still there",
                                 hint: "the next `aviso run` rolls the unfinished run back, keeping what earlier runs recorded; then this command works again")
            }
            throw AvisoError(.output, file: path, "cannot open the run ledger: \(error)", hint: "check --state and that its folder is writable")
        }
    }

    /// Opens an existing ledger read-only, creating nothing; nil when there is none.
    public static func openExisting(path: String) throws -> Ledger? {
        FileManager.default.fileExists(atPath: path) ? try Ledger(path: path, readOnly: true) : nil
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    runDate TEXT PRIMARY KEY,
                    startedAt TEXT NOT NULL,
                    finishedAt TEXT NOT NULL,
                    businessDay INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    inputSha256 TEXT NOT NULL,
                    outputSha256 TEXT NOT NULL,
                    messages INTEGER NOT NULL,
                    letters INTEGER NOT NULL,
                    rejects INTEGER NOT NULL,
                    toolVersion TEXT NOT NULL
                );
                CREATE TABLE resend_event (
                    runDate TEXT NOT NULL,
                    requestId TEXT NOT NULL,
                    payment TEXT NOT NULL,
                    requestedAt TEXT NOT NULL,
                    requestedAtMillis INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    channels TEXT NOT NULL,
                    PRIMARY KEY (runDate, requestId)
                );
                CREATE INDEX resend_event_request ON resend_event(requestId);
                CREATE INDEX resend_event_payment ON resend_event(payment);
                CREATE TABLE resend_allowance (
                    payment TEXT NOT NULL,
                    runDate TEXT NOT NULL,
                    emailResends INTEGER NOT NULL,
                    phoneResends INTEGER NOT NULL,
                    PRIMARY KEY (payment, runDate)
                );
                CREATE TABLE message (
                    runDate TEXT NOT NULL,
                    id TEXT NOT NULL,
                    payment TEXT NOT NULL,
                    slot TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    resendRequest TEXT,
                    PRIMARY KEY (runDate, id)
                ) WITHOUT ROWID;
                CREATE INDEX message_payment ON message(payment);
                """)
        }
        // Messages keyed by (runDate, payment, id): a run appends its rows, sorted that way, at
        // the end of the table instead of scattering them over a random-id key and a payment
        // index (1.4M random inserts at 10M charges thrashed SQLite's page cache), and a
        // charge's history is one key range per recorded run.
        migrator.registerMigration("v2-message-by-payment") { db in
            try db.execute(sql: """
                CREATE TABLE message_by_payment (
                    runDate TEXT NOT NULL,
                    payment TEXT NOT NULL,
                    id TEXT NOT NULL,
                    slot TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    resendRequest TEXT,
                    PRIMARY KEY (runDate, payment, id)
                ) WITHOUT ROWID;
                INSERT INTO message_by_payment (runDate, payment, id, slot, recipient, channel, resendRequest)
                    SELECT runDate, payment, id, slot, recipient, channel, resendRequest FROM message;
                DROP TABLE message;
                ALTER TABLE message_by_payment RENAME TO message;
                """)
        }
        // One row per charge and run, the charge's messages in one JSON array (see
        // `appendMessageElement`): a day at 10M charges is 0.6M rows instead of 1.4M, and
        // SQLite's work goes by rows more than by bytes. Inserting one such day took 0.37 s of
        // CPU in the sqlite3 shell as arrays, 0.95 s as a row a message.
        migrator.registerMigration("v3-message-per-charge") { db in
            try db.execute(sql: """
                ALTER TABLE message RENAME TO message_per_message;
                CREATE TABLE message (
                    runDate TEXT NOT NULL,
                    payment TEXT NOT NULL,
                    messages TEXT NOT NULL,
                    PRIMARY KEY (runDate, payment)
                ) WITHOUT ROWID;
                """)
            // The old rows in key order, put in as a run puts its own (`insertMessages`), a
            // batch at a time: a batch ends with a run date or, past 64k messages, with a
            // charge, so that no charge's messages are split between two rows.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT runDate, payment, id, slot, recipient, channel, resendRequest FROM message_per_message ORDER BY runDate, payment, id
                """)
            var batch: [LedgerEntry.Message] = []
            var batchDate = ""
            while let row = try rows.next() {
                let runDate: String = row[0], payment: String = row[1]
                if !batch.isEmpty, runDate != batchDate || (batch.count >= 65536 && payment != batch[batch.count - 1].payment) {
                    try insertMessages(db, date: batchDate, messages: batch)
                    batch.removeAll(keepingCapacity: true)
                }
                batchDate = runDate
                batch.append(LedgerEntry.Message(id: row[2], payment: payment, slot: row[3], recipient: row[4], channel: row[5], resendRequest: row[6]))
            }
            if !batch.isEmpty { try insertMessages(db, date: batchDate, messages: batch) }
            try db.execute(sql: "DROP TABLE message_per_message")
        }
        return migrator
    }

    /// Appends one message to a charge's `messages` array: `["id","slot","recipient","channel"]`,
    /// with the resend request as a fifth string for a resend. `values` and `ends` are what
    /// `LedgerValueEnds.append` (or `appendLedgerValues`) wrote: the payment first, not
    /// repeated here (it is the row's key).
    static func appendMessageElement(_ values: UnsafeBufferPointer<UInt8>, _ ends: LedgerValueEnds, to array: inout [UInt8]) {
        let last = ends.resendRequest ?? ends.channel
        // Nearly always no byte needs escaping (hex ids, slot and channel names): the strings
        // are then written in one step, quoted and between commas. (Five escaped appends a
        // message were 1% of a 10M run.)
        if let base = values.baseAddress, JSONWriter.isPlain(UnsafeBufferPointer(rebasing: values[ends.payment..<last])) {
            let bounds = (ends.payment, ends.id, ends.slot, ends.recipient, ends.channel, last)
            let strings = ends.resendRequest == nil ? 4 : 5
            TextBytes.append(atMost: last - ends.payment + 3 * strings + 1, to: &array) { target in
                var w = 0
                func put(_ byte: UInt8) {
                    target[w] = byte
                    w += 1
                }
                func put(_ lower: Int, _ upper: Int) {
                    put(UInt8(ascii: "\""))
                    (target + w).update(from: base + lower, count: upper - lower)
                    w += upper - lower
                    put(UInt8(ascii: "\""))
                }
                put(UInt8(ascii: "["))
                put(bounds.0, bounds.1)
                put(UInt8(ascii: ","))
                put(bounds.1, bounds.2)
                put(UInt8(ascii: ","))
                put(bounds.2, bounds.3)
                put(UInt8(ascii: ","))
                put(bounds.3, bounds.4)
                if strings == 5 {
                    put(UInt8(ascii: ","))
                    put(bounds.4, bounds.5)
                }
                put(UInt8(ascii: "]"))
                return w
            }
            return
        }
        func string(_ range: Range<Int>) { JSONWriter.appendEscaped(utf8: UnsafeBufferPointer(rebasing: values[range]), to: &array) }
        array.append(UInt8(ascii: "["))
        string(ends.payment..<ends.id)
        array.append(UInt8(ascii: ","))
        string(ends.id..<ends.slot)
        array.append(UInt8(ascii: ","))
        string(ends.slot..<ends.recipient)
        array.append(UInt8(ascii: ","))
        string(ends.recipient..<ends.channel)
        if let requestEnd = ends.resendRequest {
            array.append(UInt8(ascii: ","))
            string(ends.channel..<requestEnd)
        }
        array.append(UInt8(ascii: "]"))
    }

    /// The messages of one `messages` array, as `appendMessageElement` wrote them.
    static func messageElements(_ text: String) throws -> [(id: String, slot: String, recipient: String, channel: String, resendRequest: String?)] {
        guard let elements = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String]] else {
            throw AvisoError(.output, "the run ledger holds a message list that is not an array of string arrays",
                             hint: "the ledger was changed by something other than aviso; restore it from a backup")
        }
        return try elements.map { values in
            guard values.count == 4 || values.count == 5 else {
                throw AvisoError(.output, "the run ledger holds a message of \(values.count) values (4 or 5 expected)",
                                 hint: "the ledger was changed by something other than aviso; restore it from a backup")
            }
            return (values[0], values[1], values[2], values[3], values.count == 5 ? values[4] : nil)
        }
    }

    /// The resend state that the runs of dates before `day` left.
    public func resendState(before day: Day) throws -> ResendState {
        let date = day.iso
        return try queue.read { db in
            var state = ResendState()
            state.handledRequestIDs = try String.fetchSet(db, sql: """
                SELECT DISTINCT requestId FROM resend_event
                WHERE runDate < ? AND outcome IN ('SENT', 'REJECTED')
                """, arguments: [date])
            let rows = try Row.fetchAll(db, sql: """
                SELECT requestId, payment, requestedAt, requestedAtMillis, MAX(runDate) AS lastDate
                FROM resend_event WHERE runDate < ? AND outcome = 'DEFERRED'
                GROUP BY requestId ORDER BY requestId
                """, arguments: [date])
            for row in rows {
                let id: String = row["requestId"]
                guard !state.handledRequestIDs.contains(id) else { continue }
                state.pendingDeferred.append(ResendRequest(
                    id: id, payment: row["payment"], requestedAtMillis: row["requestedAtMillis"],
                    requestedAtText: row["requestedAt"]
                ))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT payment, SUM(emailResends) AS email, SUM(phoneResends) AS phone
                FROM resend_allowance WHERE runDate < ? GROUP BY payment
                """, arguments: [date]) {
                let payment: String = row["payment"]
                let email: Int = row["email"]
                let phone: Int = row["phone"]
                if email > 0 { state.emailResendsUsed[payment] = email }
                if phone > 0 { state.phoneResendUsed.insert(payment) }
            }
            return state
        }
    }

    /// Dates after `day` that have a recorded run (their results may be stale after a rerun of `day`).
    public func runDates(after day: Day) throws -> [Day] {
        try queue.read { db in
            try String.fetchAll(db, sql: "SELECT runDate FROM run WHERE runDate > ? ORDER BY runDate", arguments: [day.iso])
        }.compactMap { Day(iso: $0) }
    }

    /// The latest recorded run before `day`, if any.
    public func lastRun(before day: Day) throws -> Day? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(runDate) FROM run WHERE runDate < ?", arguments: [day.iso])
        }.flatMap { Day(iso: $0) }
    }

    /// Business days with no run between the first and the last recorded run.
    public func gaps(calendar: BusinessCalendar) throws -> [Day] {
        let dates = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT runDate FROM run ORDER BY runDate")
        }.compactMap { Day(iso: $0) }
        var missing: [Day] = []
        for (earlier, later) in zip(dates, dates.dropFirst()) {
            missing += try calendar.businessDays(after: earlier, before: later, skippingUncovered: true)
        }
        return missing
    }

    /// Records a run and, inside the same transaction, calls `publish` (which puts the output
    /// folder in place). If publishing throws, nothing is recorded; if the process dies before
    /// the commit, SQLite rolls the transaction back.
    public func record(_ entry: LedgerEntry, publish: () throws -> Void) throws {
        let messages = entry.messages
        var run = entry
        run.messages = []
        try startRecording(runDate: entry.runDate, messages: messages).complete(run, publish: publish)
    }

    /// Starts recording a run of `runDate` while the caller does something else (the nightly
    /// run stages its files meanwhile): on a thread of its own, the transaction is opened, what
    /// an earlier run of the date recorded is removed and `messages` are inserted;
    /// `LedgerRecording.complete` then adds the run itself, publishes and commits.
    /// The ledger must not be used otherwise until `complete` or `cancel` returns.
    func startRecording<Row: LedgerMessageRow & Sendable>(runDate: Day, messages: [Row]) -> LedgerRecording {
        LedgerRecording(ledger: self, runDate: runDate, messages: messages)
    }

    /// Removes what a run of `runDate` recorded and inserts `messages` for it, calling
    /// `checkpoint` before each batch (it throws to stop).
    static func replaceRun<Row: LedgerMessageRow>(_ db: Database, runDate: Day, messages: [Row], checkpoint: () throws -> Void = {}) throws {
        let date = runDate.iso
        for table in ["run", "resend_event", "resend_allowance", "message"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE runDate = ?", arguments: [date])
        }
        try insertMessages(db, date: date, messages: messages, checkpoint: checkpoint)
    }

    /// Inserts `messages` of the run of `date` (ISO), a row per charge, calling `checkpoint`
    /// before each batch (it throws to stop).
    private static func insertMessages<Row: LedgerMessageRow>(_ db: Database, date: String, messages: [Row],
                                                               checkpoint: () throws -> Void = {}) throws {
        // One prepared statement, its text arguments bound through SQLite's C API and stepped
        // per message: binding seven arguments per row through GRDB's argument values cost more
        // than SQLite's insert, and batches of JSON rows taken apart by `json_each` made SQLite
        // parse every row again for each of its six values. (Stepped
        // outside GRDB, these inserts are not seen by GRDB's transaction observers; the ledger
        // registers none.)
        let insert = try db.makeStatement(sql: """
            INSERT INTO message (runDate, payment, messages) VALUES (?1, ?2, ?3)
            """)
        let statement = insert.sqliteStatement
        // SQLITE_TRANSIENT: SQLite copies the value. SQLITE_STATIC (no destructor): SQLite reads
        // it where it lies, which must hold until the row is stepped.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let inPlace: sqlite3_destructor_type? = nil
        func check(_ code: CInt, expecting expected: CInt = SQLITE_OK) throws {
            guard code == expected else {
                let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: insert.sql)
            }
        }
        func bind(_ index: CInt, _ bytes: UnsafeBufferPointer<UInt8>, _ destructor: sqlite3_destructor_type?) throws {
            // An empty value is text, not NULL: SQLite takes a null pointer for NULL.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                try check(sqlite3_bind_text(statement, index, "", 0, transient))
                return
            }
            try check(base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(statement, index, $0, CInt(bytes.count), destructor)
            })
        }
        // Messages come in key order (payment, then id): each charge's are together. Its
        // payment and its array are built in two buffers and bound where they lie, not copied
        // by SQLite (SQLITE_STATIC, a nil destructor): they are read when the row is stepped,
        // before the buffers are filled again. A message's values are laid out in a third.
        var payment: [UInt8] = []
        var array: [UInt8] = []
        var values: [UInt8] = []
        var lastID: [UInt8] = []
        payment.reserveCapacity(64)
        lastID.reserveCapacity(64)
        array.reserveCapacity(1024)
        values.reserveCapacity(256)
        func insertCharge() throws {
            guard !array.isEmpty else { return }
            array.append(UInt8(ascii: "]"))
            try payment.withUnsafeBufferPointer { payment in
                try array.withUnsafeBufferPointer { array in
                    try bind(2, payment, inPlace)
                    try bind(3, array, inPlace)
                    try check(sqlite3_step(statement), expecting: SQLITE_DONE)
                    try check(sqlite3_reset(statement))
                }
            }
            array.removeAll(keepingCapacity: true)
        }
        let order = keyOrder(messages)
        // `statement` is `insert`'s: kept alive for as long as it is stepped.
        try withExtendedLifetime(insert) {
            try TextBytes.withUTF8(date) { try bind(1, $0, transient) }
            try messages.withUnsafeBufferPointer { messages in
                for (count, position) in order.enumerated() {
                    if count % messagesPerBatch == 0 { try checkpoint() }
                    // Key order visits the rows all over the array: a few are asked for ahead.
                    if count + Self.rowsAhead < order.count { Prefetch.lines(of: messages.baseAddress! + order[count + Self.rowsAhead]) }
                    // Read in place: a copy of the message would retain its strings.
                    values.removeAll(keepingCapacity: true)
                    let ends = Row.appendLedgerValues(of: messages.baseAddress! + position, to: &values)
                    let samePayment = !array.isEmpty && values.withUnsafeBufferPointer { values in
                        payment.withUnsafeBufferPointer { payment in
                            payment.count == ends.payment && (payment.isEmpty || memcmp(payment.baseAddress!, values.baseAddress!, payment.count) == 0)
                        }
                    }
                    if samePayment {
                        // Ids are sorted within a charge, so a repeated one follows its twin:
                        // a charge's message id is recorded once per run, as the key (run
                        // date, charge, id) of the table of a row a message made sure.
                        let repeated = values.withUnsafeBufferPointer { values in
                            lastID.withUnsafeBufferPointer { last in
                                last.count == ends.id - ends.payment
                                    && (last.isEmpty || memcmp(last.baseAddress!, values.baseAddress! + ends.payment, last.count) == 0)
                            }
                        }
                        if repeated {
                            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT,
                                                message: "UNIQUE constraint failed: message \(String(decoding: lastID, as: UTF8.self)) of payment \(String(decoding: payment, as: UTF8.self)) twice on \(date)")
                        }
                        array.append(UInt8(ascii: ","))
                    } else {
                        try insertCharge()
                        payment.removeAll(keepingCapacity: true)
                        payment.append(contentsOf: values[0..<ends.payment])
                        array.append(UInt8(ascii: "["))
                    }
                    values.withUnsafeBufferPointer { Self.appendMessageElement($0, ends, to: &array) }
                    lastID.removeAll(keepingCapacity: true)
                    lastID.append(contentsOf: values[ends.payment..<ends.id])
                }
                try insertCharge()
            }
        }
    }

    /// Inserts the run's own row, its resend events and the resend allowances it used (its
    /// messages are in already, see `replaceRun`).
    static func insertRun(_ db: Database, _ entry: LedgerEntry) throws {
        let date = entry.runDate.iso
        try db.execute(sql: """
            INSERT INTO run (runDate, startedAt, finishedAt, businessDay, outcome, inputSha256,
                             outputSha256, messages, letters, rejects, toolVersion)
            VALUES (?, ?, ?, ?, 'SUCCEEDED', ?, ?, ?, ?, ?, ?)
            """, arguments: [
                date, entry.startedAt, entry.finishedAt, entry.businessDay,
                Ledger.joined(entry.inputs), Ledger.joined(entry.outputs),
                entry.messageCount, entry.letterCount, entry.rejectCount, entry.toolVersion,
            ])
        let event = try db.makeStatement(sql: """
            INSERT INTO resend_event (runDate, requestId, payment, requestedAt, requestedAtMillis, outcome, reason, channels)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var allowance: [String: (email: Int, phone: Int)] = [:]
        for decision in entry.resendDecisions {
            try event.execute(arguments: [
                date, decision.request.id, decision.request.payment, decision.request.requestedAtText,
                decision.request.requestedAtMillis, decision.outcome.rawValue, decision.reason,
                decision.channels.map(\.name).joined(separator: "|"),
            ])
            if decision.usesEmail { allowance[decision.request.payment, default: (0, 0)].email += 1 }
            if decision.usesPhone { allowance[decision.request.payment, default: (0, 0)].phone += 1 }
        }
        let allowanceStatement = try db.makeStatement(sql: """
            INSERT INTO resend_allowance (payment, runDate, emailResends, phoneResends) VALUES (?, ?, ?, ?)
            """)
        for payment in allowance.keys.sorted() {
            let used = allowance[payment]!
            try allowanceStatement.execute(arguments: [payment, date, used.email, used.phone])
        }
    }

    /// Messages inserted between two checks for a cancelled recording.
    static let messagesPerBatch = 4096

    /// How far ahead in key order a message's memory is asked for while an earlier one is inserted.
    static let rowsAhead = 4

    /// The positions of `messages` in the order of the table's key after the run date: payment,
    /// then id, both in byte order as SQLite compares them, so that inserting them only ever
    /// appends. Positions are sorted, not the messages: moving a message retains its strings.
    ///
    /// Each position is sorted with its payment's first 16 bytes as two integers: two payments
    /// whose first 16 bytes differ compare as those integers do, so the strings themselves are
    /// compared only within one payment's few messages (comparing 1.4M strings directly was
    /// most of the 10M run's ledger time).
    static func keyOrder<Row: LedgerMessageRow>(_ messages: [Row]) -> [Int] {
        messages.withUnsafeBufferPointer { messages in
            var keys = messages.indices.map { position in
                PrefixKey(messages[position].paymentText.withUTF8(TextBytes.leadingWords), position: position)
            }
            keys.sort { a, b in
                if a.high != b.high { return a.high < b.high }
                if a.low != b.low { return a.low < b.low }
                // Fields read in place: a copy of a whole row retains all its strings.
                return ShortText.byteOrder(messages[a.position].paymentText, messages[b.position].paymentText)
                    ?? RecordID.byteOrder(messages[a.position].idStorage, messages[b.position].idStorage) ?? (a.position < b.position)
            }
            return keys.map(\.position)
        }
    }

    /// A message's position with the first 16 bytes of its payment, big-endian and padded with
    /// zeros. Padding sorts a shorter payment before a longer one it begins, as byte order does;
    /// only payments equal in those 16 bytes (or differing by trailing zero bytes) tie.
    struct PrefixKey {
        var high: UInt64
        var low: UInt64
        var position: Int

        init(_ words: (UInt64, UInt64), position: Int) {
            (high, low) = words
            self.position = position
        }
    }

    static func joined(_ files: [(file: String, sha256: String)]) -> String {
        files.map { "\($0.file)=\($0.sha256)" }.joined(separator: ";")
    }

    /// A charge's messages: one row of `message` per recorded run at most (every message row
    /// belongs to a run row), found by its key, so the lookup never scans the table. `CROSS
    /// JOIN` keeps `run` the outer loop: without statistics SQLite would otherwise scan `message`.
    static let historyMessagesSQL = """
        SELECT message.runDate, message.messages
        FROM run CROSS JOIN message ON message.runDate = run.runDate AND message.payment = ?
        ORDER BY message.runDate
        """

    /// Every message and resend the ledger holds for a charge, oldest first: a run's messages
    /// by slot, recipient, channel and id (byte order).
    public func history(payment: String) throws -> (messages: [HistoryMessage], resends: [HistoryResend]) {
        try queue.read { db in
            var messages: [HistoryMessage] = []
            for row in try Row.fetchAll(db, sql: Ledger.historyMessagesSQL, arguments: [payment]) {
                let runDate: String = row["runDate"]
                let run = try Ledger.messageElements(row["messages"]).map {
                    HistoryMessage(runDate: runDate, id: $0.id, slot: $0.slot, recipient: $0.recipient, channel: $0.channel, resendRequest: $0.resendRequest)
                }
                messages += run.sorted { a, b in
                    OutboundFileWriter.byteOrder(a.slot, b.slot) ?? OutboundFileWriter.byteOrder(a.recipient, b.recipient)
                        ?? OutboundFileWriter.byteOrder(a.channel, b.channel) ?? OutboundFileWriter.byteOrder(a.id, b.id) ?? false
                }
            }
            let resends = try Row.fetchAll(db, sql: """
                SELECT runDate, requestId, requestedAt, outcome, reason, channels FROM resend_event
                WHERE payment = ? ORDER BY runDate, requestedAtMillis, requestId
                """, arguments: [payment]).map { row in
                HistoryResend(runDate: row["runDate"], requestId: row["requestId"], requestedAt: row["requestedAt"], outcome: row["outcome"], reason: row["reason"], channels: row["channels"])
            }
            return (messages, resends)
        }
    }

    /// The recorded runs, newest first.
    public func runs(limit: Int) throws -> [RecordedRun] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT runDate, startedAt, finishedAt, businessDay, outcome, messages, letters, rejects
                FROM run ORDER BY runDate DESC LIMIT ?
                """, arguments: [limit]).map { row in
                RecordedRun(
                    runDate: row["runDate"], startedAt: row["startedAt"], finishedAt: row["finishedAt"],
                    businessDay: row["businessDay"], outcome: row["outcome"], messages: row["messages"],
                    letters: row["letters"], rejects: row["rejects"]
                )
            }
        }
    }
}

/// A message line of `aviso history`.
public struct HistoryMessage: Sendable, Equatable {
    public var runDate: String
    public var id: String
    public var slot: String
    public var recipient: String
    public var channel: String
    public var resendRequest: String?
}

/// A resend line of `aviso history`.
public struct HistoryResend: Sendable, Equatable {
    public var runDate: String
    public var requestId: String
    public var requestedAt: String
    public var outcome: String
    public var reason: String
    public var channels: String
}

/// A run line of `aviso status`.
public struct RecordedRun: Sendable, Equatable {
    public var runDate: String
    public var startedAt: String
    public var finishedAt: String
    public var businessDay: Bool
    public var outcome: String
    public var messages: Int
    public var letters: Int
    public var rejects: Int
}
