import Foundation
import Testing

extension EndToEndTests {
    /// Reading on its own thread, checksums in the background, messages composed and channel
    /// files rendered in parallel, files written by direct I/O or not: none of it may change a
    /// byte. Each generated export (CSV, gzipped CSV, XML) is run with every stage on one thread
    /// and with the parallel stages, and every output file is compared.
    @Test(arguments: [["--format", "csv"], ["--format", "csv", "--gzip"], ["--format", "xml"]])
    func parallelAndSingleThreadedRunsWriteTheSameBytes(format: [String]) throws {
        let scratch = try Scratch()
        let export = scratch.path("export")
        let generated = try AvisoBinary.run(["generate", "--charges", "6000", "--customers", "1200", "--seed", "7", "--out", export] + format)
        try #require(generated.status == 0, "generate failed: \(generated.stderr)")
        var snapshots: [FolderSnapshot] = []
        // One record per chunk (CSV; for XML, one child of the root): the files are cut into
        // thousands of pieces decoded out of order on two threads:
        // rows settled where they are decoded, and repeated ids whose first row is decoded
        // after the repeat, must still come out as one thread reading in order gives them.
        var runs: [(String, [String: String])] = [("parallel", [:]), ("single", ["AVISO_SINGLE_THREADED": "1"])]
        runs.append(("small-chunks", ["AVISO_CHUNK_BYTES": "1"]))
        // Blocks of 1 KiB: nearly all the charge ids, message contexts and (for gzip and XML)
        // customers' texts the run keeps are written out to its temporary file and read back.
        runs.append(("spilled", ["AVISO_SPILL_BLOCK_BITS": "10"]))
        // Every output file written through the page cache instead of by direct I/O (where
        // the scratch folder's file system has it, the other runs write directly).
        runs.append(("buffered", ["AVISO_BUFFERED_OUTPUT": "1"]))
        for (name, environment) in runs {
            let out = scratch.path(name)
            // The spilled run is not quiet: it says how much it wrote out.
            let quiet = name == "spilled" ? [] : ["--quiet"]
            let result = try AvisoBinary.run(["run", "--date", "2026-12-04", "--input", export, "--out", out] + quiet, environment: environment)
            try #require(result.status == 0, "\(name) run failed: \(result.stderr)")
            if name == "spilled" {
                #expect(result.stderr.contains("MB of charge ids, customers' texts and message contexts kept in a temporary file in \(out) instead of memory"))
                // The file is unlinked as soon as it is made: nothing is left in the folder.
                #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".aviso-spill") })
            }
            snapshots.append(try FolderSnapshot(out + "/2026-12-04"))
        }
        #expect(snapshots[0].names == Self.outputFiles.sorted())
        for name in Self.outputFiles {
            Self.expectSameBytes(snapshots[0].files[name], snapshots[1].files[name], "parallel vs single-threaded \(name)")
            Self.expectSameBytes(snapshots[2].files[name], snapshots[1].files[name], "small chunks vs single-threaded \(name)")
            Self.expectSameBytes(snapshots[3].files[name], snapshots[1].files[name], "spilled vs single-threaded \(name)")
            Self.expectSameBytes(snapshots[4].files[name], snapshots[1].files[name], "buffered vs single-threaded \(name)")
        }
        // The export repeats charge ids: the rejects must name them (the claims decided them).
        let rejects = String(decoding: snapshots[1].files["rejects.csv"] ?? Data(), as: UTF8.self)
        #expect(rejects.split(separator: "\n").contains { $0.contains("charges.") && $0.contains("DUPLICATE_ID") })
        // A run that emits nothing would prove nothing.
        #expect((snapshots[0].files["email.jsonl"]?.count ?? 0) > 10_000)
    }
}
