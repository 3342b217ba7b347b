import Foundation

/// A test hook: when the environment variable `AVISO_CRASH_AT` names a point the run passes,
/// the process kills itself there with SIGKILL, as `kill -9` would. Tests use it to prove that a
/// run killed at any moment loses nothing. Unset, it costs one dictionary lookup per point.
public enum CrashPoint {
    /// Dies here if `AVISO_CRASH_AT` equals `name`.
    public static func reach(_ name: String) {
        guard let wanted = ProcessInfo.processInfo.environment["AVISO_CRASH_AT"], wanted == name else { return }
        kill(getpid(), SIGKILL)
    }

    /// Throws an output error here if `AVISO_FAIL_AT` equals `name`: the other test hook, for a
    /// run that fails (and must undo what it started) rather than dies.
    public static func failIfAsked(_ name: String) throws {
        guard let wanted = ProcessInfo.processInfo.environment["AVISO_FAIL_AT"], wanted == name else { return }
        throw AvisoError(.output, "failure injected at \(name) (AVISO_FAIL_AT)", hint: "unset AVISO_FAIL_AT: it is a test hook")
    }
}
