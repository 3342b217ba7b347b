import Foundation

/// SHA-256 of a file's bytes as stored, for the summary's input sums.
enum FileDigest {
    static func sha256(path: String, displayName: String) throws -> String {
        let source = try FileByteSource(path: path, displayName: displayName)
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return SHA256.hex(hasher.finalize())
    }
}

/// Hashes the input files on a thread of their own while the run reads them, so the checksums
/// cost no time on the run's critical path (the second core does the work).
final class BackgroundDigests: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var results: [String: Result<String, any Error>] = [:]
    private var done = false

    /// Starts hashing `files` (path → display name).
    init(files: [(path: String, name: String)]) {
        let work: @Sendable () -> Void = { [self] in
            for file in files {
                let result = Result { try FileDigest.sha256(path: file.path, displayName: file.name) }
                condition.lock()
                results[file.path] = result
                condition.unlock()
            }
            condition.lock()
            done = true
            condition.broadcast()
            condition.unlock()
        }
        if Parallelism.enabled { Thread(block: work).start() } else { work() }
    }

    /// The digest of a file, waiting for the hashing thread to finish.
    func sha256(path: String) throws -> String {
        condition.lock()
        while !done { condition.wait() }
        let result = results[path]
        condition.unlock()
        guard let result else { throw AvisoError(.input, file: path, "the file was not hashed") }
        return try result.get()
    }
}
