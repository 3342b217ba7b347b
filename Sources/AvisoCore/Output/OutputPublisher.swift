import CSystemSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Publishes a run's output folder atomically.
///
/// The run writes its files into a staging folder `<root>/.tmp-<date>-<pid>`; `publish()` makes
/// them durable (fsync of every file and of the folder) and then puts the folder at
/// `<root>/<date>` in one step, so that a reader sees either the previous complete run or the
/// new complete run, never a mix:
/// - no folder yet: `rename(2)`;
/// - a folder from an earlier run: Linux `renameat2(RENAME_EXCHANGE)` swaps the two folders
///   atomically, and the old contents, now at the staging path, are deleted afterwards;
/// - where the kernel or file system cannot exchange (ENOSYS, EINVAL, ENOTSUP), the old folder
///   is renamed aside and the staging folder renamed in. Between those two renames there is a
///   short window in which `<root>/<date>` does not exist at all (a reader finds no folder,
///   never a partial one); the aside folder is named like a staging folder, so a crash inside
///   the window leaves it for the next run's clean-up.
///
/// Only entries of the publisher's own date are ever touched: leftover staging folders
/// `.tmp-<date>-<pid>` whose process is gone are removed when a publisher for that date starts.
public final class OutputPublisher {
    /// The output root (`--out`).
    public let outputRoot: String
    /// The run date whose folder this publisher writes.
    public let runDate: Day
    /// The staging folder the run writes its files into.
    public var stagingPath: String { staging }
    /// Where the folder is published: `<root>/<YYYY-MM-DD>`.
    public var finalPath: String { outputRoot + "/" + runDate.iso }

    private let staging: String
    private var state: State = .staging
    private var earlySync: DispatchGroup?
    // Tests turn this off to exercise the rename-aside fallback on kernels that can exchange.
    var useExchange = true

    private enum State { case staging, published, discarded }

    /// Creates the output root if missing, removes leftover staging folders of this date left
    /// by processes that no longer run, and creates a fresh staging folder.
    /// - Throws: `AvisoError(.output)` when the root or the staging folder cannot be created.
    public init(outputRoot: String, runDate: Day) throws {
        var root = outputRoot
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        if root.isEmpty { root = "." }
        self.outputRoot = root
        self.runDate = runDate
        let pid = getpid()
        self.staging = root + "/" + OutputPublisher.stagingPrefix(runDate) + String(pid)

        try OutputPublisher.makeDirectories(root)
        try OutputPublisher.removeLeftovers(root: root, runDate: runDate, ownPID: pid)
        if mkdir(staging, 0o755) != 0 {
            throw OutputPublisher.failure("could not create the staging folder", path: staging)
        }
    }

    /// Starts writing the staged files to disk on a thread of its own, so that the disk works
    /// while the run does its last steps (the ledger) instead of inside `publish()`. Call it
    /// once every file is staged. It reports nothing: `publish()` still syncs and checks every
    /// file, which is then quick.
    public func startSyncing() {
        guard state == .staging, earlySync == nil, Parallelism.enabled else { return }
        let group = DispatchGroup()
        let path = staging
        DispatchQueue.global().async(group: group) { try? OutputPublisher.syncTree(path) }
        earlySync = group
    }

    /// Makes every staged file durable and puts the staging folder at `<root>/<date>`,
    /// replacing a folder of an earlier run of that date as a whole.
    /// - Throws: `AvisoError(.output)`; the previously published folder is then left as it was.
    public func publish() throws {
        guard state == .staging else {
            throw AvisoError(.output, file: staging, "the output folder was already published or discarded")
        }
        earlySync?.wait()
        try OutputPublisher.syncTree(staging)
        let target = finalPath
        var exchanged = false
        if useExchange {
            if aviso_rename_exchange(staging, target) == 0 {
                exchanged = true
            } else {
                let code = errno
                if code == ENOENT {
                    // Nothing published yet for this date: a plain rename is atomic.
                    if rename(staging, target) != 0 {
                        let renameCode = errno
                        if (renameCode == EEXIST || renameCode == ENOTEMPTY), aviso_rename_exchange(staging, target) == 0 {
                            exchanged = true
                        } else {
                            throw OutputPublisher.failure("could not publish the output folder", path: target, code: renameCode)
                        }
                    }
                } else if code == ENOSYS || code == EINVAL || code == ENOTSUP || code == EOPNOTSUPP {
                    try replaceAside(target)
                } else {
                    throw OutputPublisher.failure("could not publish the output folder", path: target, code: code)
                }
            }
        } else {
            try replaceAside(target)
        }
        state = .published
        if exchanged {
            // The previous run's files are now at the staging path.
            try? OutputPublisher.removeTree(staging)
        }
        OutputPublisher.syncDirectory(outputRoot)
    }

    /// Removes the staging folder and everything in it (a failed run publishes nothing).
    public func discard() {
        guard state == .staging else { return }
        state = .discarded
        earlySync?.wait()
        try? OutputPublisher.removeTree(staging)
    }

    // MARK: Steps

    private func replaceAside(_ target: String) throws {
        let aside = staging + "-old"
        try? OutputPublisher.removeTree(aside)
        var movedAside = false
        if rename(target, aside) == 0 {
            movedAside = true
        } else if errno != ENOENT {
            throw OutputPublisher.failure("could not move the previous output folder aside", path: target)
        }
        if rename(staging, target) != 0 {
            let code = errno
            if movedAside { _ = rename(aside, target) }
            throw OutputPublisher.failure("could not publish the output folder", path: target, code: code)
        }
        if movedAside { try? OutputPublisher.removeTree(aside) }
    }

    static func stagingPrefix(_ runDate: Day) -> String {
        ".tmp-" + runDate.iso + "-"
    }

    private static func removeLeftovers(root: String, runDate: Day, ownPID: pid_t) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root)
        } catch {
            throw AvisoError(.output, file: root, "could not list the output folder: \(error)")
        }
        let prefix = stagingPrefix(runDate)
        for name in names.sorted() where name.hasPrefix(prefix) {
            let digits = name.utf8.dropFirst(prefix.utf8.count).prefix { $0 >= 48 && $0 <= 57 }
            guard !digits.isEmpty, let pid = pid_t(String(decoding: digits, as: UTF8.self)) else { continue }
            // Our own pid can only be a leftover here (an earlier publisher of this process, or
            // a dead process whose pid was reused); another live process is left alone.
            if pid != ownPID && isAlive(pid) { continue }
            do {
                try removeTree(root + "/" + name)
            } catch {
                throw AvisoError(.output, file: root + "/" + name, "could not remove a leftover staging folder: \(error)")
            }
        }
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        if kill(pid, 0) == 0 { return true }
        return errno == EPERM
    }

    private static func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw AvisoError(.output, file: path, "the output root exists but is not a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw AvisoError(.output, file: path, "could not create the output folder: \(error)",
                             hint: "check the path given with --out and its permissions")
        }
    }

    static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        try FileManager.default.removeItem(atPath: path)
    }

    /// fsyncs every regular file below `path`, then each folder (deepest first).
    private static func syncTree(_ path: String) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw AvisoError(.output, file: path, "could not list the staging folder: \(error)")
        }
        for name in names.sorted() {
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { throw failure("could not inspect a staged file", path: child) }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try syncTree(child)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                let fd = open(child, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw failure("could not open a staged file to sync it", path: child) }
                let result = fsync(fd)
                let code = errno
                close(fd)
                if result != 0 { throw failure("could not sync a staged file to disk", path: child, code: code) }
            }
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("could not open the staging folder to sync it", path: path) }
        let result = fsync(fd)
        let code = errno
        close(fd)
        // Some file systems refuse fsync on folders (EINVAL); the data files are synced already.
        if result != 0 && code != EINVAL { throw failure("could not sync the staging folder", path: path, code: code) }
    }

    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func failure(_ what: String, path: String, code: Int32 = errno) -> AvisoError {
        AvisoError(.output, file: path, what + ": " + String(cString: strerror(code)))
    }
}
