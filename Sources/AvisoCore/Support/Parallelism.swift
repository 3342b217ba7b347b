import Foundation

/// Whether the run may use several threads. `AVISO_SINGLE_THREADED=1` makes every stage run on
/// the calling thread, one after the other: a verification mode, to prove that the parallel run
/// writes the same bytes (it holds each decoded input file in memory, so it is not for
/// production sizes).
enum Parallelism {
    static let enabled: Bool = ProcessInfo.processInfo.environment["AVISO_SINGLE_THREADED"] != "1"

    /// Bytes per CSV or XML chunk decoded on a worker thread: 2 MiB, or `AVISO_CHUNK_BYTES` (at
    /// least 1), which tests set small so that a small export is cut into many chunks decoded
    /// out of order (the reader's ordering and the repeated-id claims are then exercised).
    static let chunkBytes: Int = ProcessInfo.processInfo.environment["AVISO_CHUNK_BYTES"].flatMap(Int.init).map { max(1, $0) } ?? 2 << 20

    /// Runs `body` for 0..<iterations, on several threads when enabled.
    static func forEach(_ iterations: Int, _ body: @Sendable (Int) -> Void) {
        if enabled {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
        } else {
            for i in 0..<iterations { body(i) }
        }
    }
}
