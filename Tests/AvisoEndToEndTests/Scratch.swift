import Foundation

/// A fresh temporary folder for one test, removed when the value goes away.
final class Scratch {
    /// The folder.
    let url: URL

    /// Creates an empty folder under the system temporary directory.
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("aviso-e2e-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `relative` inside the folder.
    func path(_ relative: String) -> String {
        url.appendingPathComponent(relative).path
    }

    /// Writes `text` (UTF-8) at `relative`, creating folders on the way, and returns its path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes raw bytes at `relative`, creating folders on the way, and returns its path.
    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target.path
    }

    /// Copies the folder at `source` to `relative` and returns the copy's path.
    @discardableResult
    func copy(folder source: String, to relative: String) throws -> String {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.copyItem(atPath: source, toPath: target.path)
        return target.path
    }
}
