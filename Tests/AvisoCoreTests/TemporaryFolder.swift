import Foundation

/// Calls `body` with a new empty folder under the system's temporary folder, removed afterwards.
func withTemporaryFolder<R>(_ prefix: String, _ body: (String) throws -> R) throws -> R {
    let folder = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}
