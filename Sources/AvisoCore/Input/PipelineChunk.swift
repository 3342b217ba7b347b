/// A run of whole records cut out of a file, decoded on a worker thread of `ChunkPipeline`.
protocol PipelineChunk: AnyObject, Sendable {
    /// Record number of the chunk's first record.
    var firstNumber: Int { get }
    /// How many records the splitter found in the chunk.
    var records: Int { get }
}
