import Foundation
import Testing

/// What one run of the `aviso` executable left behind: exit status and both output streams.
struct ProcessResult: Sendable {
    /// The process exit status (the signal number when `signaled`).
    let status: Int32
    /// Whether the process was killed by a signal (the crash hook's SIGKILL).
    let signaled: Bool
    /// Everything written to standard output.
    let stdout: String
    /// Everything written to standard error.
    let stderr: String
}

/// Finds the built `aviso` executable and runs it as a child process.
enum AvisoBinary {
    /// The package root, found from this file's path (Tests/AvisoEndToEndTests/AvisoBinary.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped sample export and configuration.
    static func samples(_ name: String) -> String {
        packageRoot.appendingPathComponent("samples").appendingPathComponent(name).path
    }

    /// The `aviso` executable: `AVISO_BINARY` if set, else the products folder of the running
    /// test bundle (where `swift test` builds every product), else `.build/debug/aviso`.
    static func location() throws -> URL {
        let manager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["AVISO_BINARY"], !explicit.isEmpty {
            guard manager.isExecutableFile(atPath: explicit) else {
                throw BinaryMissing(message: "AVISO_BINARY=\(explicit) is not an executable file")
            }
            return URL(fileURLWithPath: explicit)
        }
        var candidates: [URL] = []
        // The test runner sits in the products folder on Linux (…/debug/AvisoPackageTests.xctest)
        // and a few levels inside the .xctest bundle on macOS: look in each ancestor folder.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent("aviso"))
            folder = folder.deletingLastPathComponent()
        }
        if let bundleURL = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundleURL.appendingPathComponent("aviso"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/aviso"))
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               manager.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw BinaryMissing(message: "the aviso executable was not found; looked at: "
            + candidates.map(\.path).joined(separator: ", ")
            + ". Build it with `swift build` (or set AVISO_BINARY).")
    }

    /// Runs `aviso` with `arguments` and waits for it; stdout and stderr go through files so a
    /// chatty child can never block on a full pipe.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        let scratch = try Scratch()
        let (stdoutURL, stdoutHandle) = try emptyFile("stdout", in: scratch)
        let (stderrURL, stderrHandle) = try emptyFile("stderr", in: scratch)
        let process = try childProcess(arguments, environment: extra, stdout: stdoutHandle, stderr: stderrHandle)
        try process.run()
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()
        return ProcessResult(
            status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        )
    }

    /// A new empty file `name` in `scratch`, open for writing: where a child's output stream goes.
    static func emptyFile(_ name: String, in scratch: Scratch) throws -> (url: URL, handle: FileHandle) {
        let url = scratch.url.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return (url, try FileHandle(forWritingTo: url))
    }

    /// A process for `aviso` with `arguments`, not yet started: standard input empty, this
    /// process's environment without the crash hook and the variables in `unset`, plus `extra`.
    static func childProcess(_ arguments: [String], environment extra: [String: String], unset: [String] = [],
                             stdout: FileHandle, stderr: FileHandle) throws -> Process {
        let process = Process()
        process.executableURL = try location()
        process.arguments = arguments
        // The crash hook is only ever set on purpose, by the test that runs the child.
        var environment = ProcessInfo.processInfo.environment
        for name in ["AVISO_CRASH_AT"] + unset { environment[name] = nil }
        process.environment = environment.merging(extra) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        return process
    }

    /// The error thrown when no executable can be found.
    struct BinaryMissing: Error, CustomStringConvertible {
        /// Where it looked and what to do.
        let message: String
        /// The message.
        var description: String { message }
    }
}
