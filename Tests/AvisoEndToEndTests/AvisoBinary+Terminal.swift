import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AvisoBinary {
    /// What a run with its standard error on a terminal left behind.
    struct TerminalResult: Sendable {
        /// The process exit status.
        let status: Int32
        /// Everything written to standard output (a file, as in `run`).
        let stdout: String
        /// Everything the terminal received on standard error, as the process wrote it (the
        /// terminal's own output processing turns each `\n` into `\r\n`).
        let terminal: String
    }

    /// Runs `aviso` with its standard error on a pseudo-terminal, so that `isatty(2)` holds as
    /// in an operator's shell, and its standard output in a file; reads the terminal until the
    /// process has closed it.
    static func runOnTerminal(_ arguments: [String], environment extra: [String: String] = [:]) throws -> TerminalResult {
        let (master, name) = try openTerminal()
        defer { close(master) }
        // The child gets its own copy as descriptor 2; ours is closed once it has started, so
        // that the master side reads the end of the output once the child is gone.
        var terminal = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard terminal >= 0 else { throw TerminalUnavailable(step: "open \(name)", code: errno) }
        defer { if terminal >= 0 { close(terminal) } }

        let scratch = try Scratch()
        let (stdoutURL, stdoutHandle) = try emptyFile("stdout", in: scratch)
        // A variable that switches progress off is the caller's to set, not this process's.
        let process = try childProcess(arguments, environment: extra, unset: ["AVISO_NO_PROGRESS"], stdout: stdoutHandle,
                                       stderr: FileHandle(fileDescriptor: terminal, closeOnDealloc: false))
        try process.run()
        close(terminal)
        terminal = -1

        // Read while the child runs: a terminal holds only a few KiB it has not delivered.
        var shown: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                shown.append(contentsOf: buffer[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                // Linux answers EIO once no process holds the terminal's other side; others 0.
                break
            }
        }
        process.waitUntilExit()
        try stdoutHandle.close()
        return TerminalResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            terminal: String(decoding: shown, as: UTF8.self)
        )
    }

    /// A new pseudo-terminal: its master side, open, and the path of its other side.
    private static func openTerminal() throws -> (master: Int32, path: String) {
        #if os(Linux)
        // posix_openpt, grantpt, unlockpt and ptsname are not in Swift's Glibc module (they are
        // behind _XOPEN_SOURCE); on Linux they are /dev/ptmx and two ioctls. The request numbers
        // are _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int), the same on every
        // architecture that uses the generic ioctl numbers (x86-64 and arm64 among them).
        let unlockRequest: UInt = 0x4004_5431 // TIOCSPTLCK
        let numberRequest: UInt = 0x8004_5430 // TIOCGPTN
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw TerminalUnavailable(step: "open /dev/ptmx", code: errno) }
        var locked: Int32 = 0
        var number: UInt32 = 0
        if ioctl(master, unlockRequest, &locked) != 0 || ioctl(master, numberRequest, &number) != 0 {
            let code = errno
            close(master)
            throw TerminalUnavailable(step: "ioctl TIOCSPTLCK or TIOCGPTN", code: code)
        }
        return (master, "/dev/pts/\(number)")
        #else
        let master = posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw TerminalUnavailable(step: "posix_openpt", code: errno) }
        guard grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            let code = errno
            close(master)
            throw TerminalUnavailable(step: "grantpt, unlockpt or ptsname", code: code)
        }
        return (master, String(cString: name))
        #endif
    }

    /// A pseudo-terminal could not be made for the child.
    struct TerminalUnavailable: Error, CustomStringConvertible {
        /// The call that failed.
        let step: String
        /// Its `errno`.
        let code: Int32
        /// The call and the system's message.
        var description: String { "\(step) failed: \(String(cString: strerror(code)))" }
    }
}
