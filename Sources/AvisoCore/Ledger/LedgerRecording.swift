import Foundation
import GRDB

/// A run being recorded in the ledger in two steps, so that inserting its million messages
/// overlaps with staging its files: one write transaction, opened on a thread of its own,
/// removes the date's earlier rows and inserts the messages, then waits; `complete` hands it
/// the run's own rows and the publishing, and the transaction commits only after publishing.
/// `cancel` rolls it back, stopping the insert between batches. One of them must be called
/// (`cancel` after `complete` does nothing).
///
/// The transaction is open while the files are staged: a run killed then leaves SQLite's
/// rollback journal, which the next run's opening of the ledger rolls back (as for a run killed
/// while recording, before). With `AVISO_SINGLE_THREADED=1` no thread is started: `complete`
/// runs the whole transaction on the calling thread, and `cancel` has nothing to undo.
final class LedgerRecording: @unchecked Sendable {
    private let ledger: Ledger
    private let runDate: Day
    /// Removes the date's earlier rows and inserts the run's messages, checking between batches.
    private let insertMessages: @Sendable (Database, _ checkpoint: () throws -> Void) throws -> Void
    // Guarded by `condition`: the last step (nil to roll back), once given, and the outcome.
    private let condition = NSCondition()
    private var lastStep: ((Database) throws -> Void)?
    private var lastStepGiven = false
    private var outcome: Result<Void, any Error>?
    // Set by `cancel` (guarded by `condition`), read by the insert between batches.
    private var cancelled = false
    private let threaded: Bool

    init<Row: LedgerMessageRow & Sendable>(ledger: Ledger, runDate: Day, messages: [Row]) {
        self.ledger = ledger
        self.runDate = runDate
        insertMessages = { db, checkpoint in try Ledger.replaceRun(db, runDate: runDate, messages: messages, checkpoint: checkpoint) }
        threaded = Parallelism.enabled
        if threaded {
            let thread = Thread { [self] in transaction() }
            thread.name = "aviso.ledger"
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// Adds the run's own rows, calls `publish` and commits; nothing is recorded when either
    /// this or the messages' insert fails (the first error is thrown, as an `AvisoError`).
    /// The entry's own `messages` must be empty: the run's messages are those it started with.
    func complete(_ entry: LedgerEntry, publish: () throws -> Void) throws {
        precondition(entry.runDate == runDate, "a recording completes the run it started")
        precondition(entry.messages.isEmpty, "a recording's messages are given when it starts")
        let result = withoutActuallyEscaping(publish) { publish in
            finish { db in
                try Ledger.insertRun(db, entry)
                CrashPoint.reach("before-publish")
                try publish()
                CrashPoint.reach("before-commit")
            }
        }
        do {
            try result.get()
        } catch let error as AvisoError {
            throw error
        } catch {
            throw AvisoError(.output, file: ledger.path, "cannot record the run in the ledger: \(error)",
                             hint: "the run is not recorded (if its folder was already put in place, it stays); check the disk and rerun the date")
        }
    }

    /// Rolls the transaction back (the run failed before publishing) and waits until it has;
    /// nothing to do once `complete` was called (it failed, or its error would not be here).
    func cancel() {
        condition.lock()
        let given = lastStepGiven
        cancelled = !given
        condition.unlock()
        guard !given else { return }
        // Without a thread, nothing was started: there is nothing to insert and roll back.
        guard threaded else { return }
        _ = finish(nil)
    }

    /// Whether `cancel` was called (the insert stops at its next batch).
    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Gives the transaction its last step and waits for its outcome.
    private func finish(_ step: ((Database) throws -> Void)?) -> Result<Void, any Error> {
        condition.lock()
        precondition(!lastStepGiven, "a recording is completed or cancelled once")
        lastStep = step
        lastStepGiven = true
        condition.broadcast()
        condition.unlock()
        if !threaded { transaction() }
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        lastStep = nil
        return outcome!
    }

    /// The transaction: the messages, then (once given) the last step, else a rollback.
    private func transaction() {
        let result = Result<Void, any Error> {
            try ledger.queue.write { db in
                if isCancelled { throw CancellationError() }
                try insertMessages(db) { [self] in
                    if isCancelled { throw CancellationError() }
                }
                condition.lock()
                while !lastStepGiven { condition.wait() }
                let step = lastStep
                condition.unlock()
                guard let step else { throw CancellationError() }
                try step(db)
            }
        }
        condition.lock()
        outcome = result
        condition.broadcast()
        condition.unlock()
    }
}
