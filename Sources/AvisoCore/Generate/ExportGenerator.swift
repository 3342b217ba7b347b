#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a synthetic, realistic export folder (accounts, customers, charges, notification
/// settings, resend requests) for a run date, as FORMATS.md describes it, in CSV or XML,
/// optionally gzipped. Deterministic: the same options give the same bytes, from a seeded
/// `SplitMix64` per table. Fast: records are formatted straight into a byte buffer that is
/// written out in 1 MiB chunks, so memory stays flat whatever the size.
///
/// About 0.2 % of the rows of each file of 500 rows or more are bad on purpose (bad numbers,
/// enums, dates, booleans, duplicate ids, duplicate settings), which with their cascades stays
/// well under the default 1 % reject limit; smaller files have no bad rows.
public struct ExportGenerator: Sendable {
    /// The export's file format.
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case xml
    }

    /// What to generate.
    public struct Options: Sendable, Equatable {
        /// Charge rows.
        public var charges: Int
        /// Customer rows.
        public var customers: Int
        /// Account rows.
        public var accounts: Int
        /// The PRNG seed: the same seed and options give the same bytes.
        public var seed: UInt64
        public var format: Format
        /// Gzip every file (zlib level 1).
        public var gzip: Bool
        /// The run date the export is taken for (at the end of the day before).
        public var runDate: Day

        /// Options; `accounts` nil means `ExportGenerator.defaultAccounts(customers:)`.
        public init(
            charges: Int, customers: Int, accounts: Int? = nil, seed: UInt64 = 1, format: Format = .csv,
            gzip: Bool = false, runDate: Day = ExportGenerator.defaultRunDate
        ) {
            self.charges = charges
            self.customers = customers
            self.accounts = accounts ?? ExportGenerator.defaultAccounts(customers: customers)
            self.seed = seed
            self.format = format
            self.gzip = gzip
            self.runDate = runDate
        }
    }

    /// One file written.
    public struct FileResult: Sendable, Equatable {
        /// Table base name (`charges`).
        public var table: String
        /// The file's path.
        public var path: String
        /// Data rows (records) written, bad ones included.
        public var rows: Int
        /// Bytes of content before compression.
        public var bytes: Int64
    }

    /// 2026-12-04, the date the shipped samples are built for.
    public static let defaultRunDate = Day(year: 2026, month: 12, day: 4)!

    /// One account for every 200 customers, at least one.
    public static func defaultAccounts(customers: Int) -> Int {
        max(1, customers / 200)
    }

    public let options: Options

    /// A generator for `options`.
    /// - Throws: `AvisoError(.usage)` for counts that make no export (no customers or accounts,
    ///   negative charges) or a run date too close to the calendar's edges.
    public init(options: Options) throws {
        guard options.charges >= 0 else { throw AvisoError(.usage, "--charges must be 0 or more, not \(options.charges)") }
        guard options.customers >= 1 else { throw AvisoError(.usage, "--customers must be at least 1, not \(options.customers)") }
        guard options.accounts >= 1 else { throw AvisoError(.usage, "--accounts must be at least 1, not \(options.accounts)") }
        guard options.charges < 100_000_000_000, options.customers < 100_000_000_000, options.accounts < 100_000_000_000 else {
            throw AvisoError(.usage, "at most 99,999,999,999 rows per table (ids have 12 digits)")
        }
        guard (1901...9998).contains(options.runDate.year) else {
            throw AvisoError(.usage, "--date \(options.runDate.iso) is too far from today's calendars")
        }
        self.options = options
    }

    /// Writes the five files into `directory` (created when missing) and returns them in the
    /// order accounts, customers, charges, notifications, resends. A file of the same base name
    /// in another format or compression is removed first, so the folder stays a valid export.
    /// - Throws: `AvisoError(.output)` when the folder or a file can't be written.
    @discardableResult
    public func write(to directory: String) throws -> [FileResult] {
        try Self.makeDirectory(directory)
        var results: [FileResult] = []
        results.append(try writeTable("accounts", record: "account", fields: Self.accountFields, in: directory, rows: options.accounts) { g, b, i, rng, layout, words in
            g.account(&b, i, &rng, layout, words)
        })
        results.append(try writeTable("customers", record: "customer", fields: Self.customerFields, in: directory, rows: options.customers) { g, b, i, rng, layout, words in
            g.customer(&b, i, &rng, layout, words)
        })
        results.append(try writeTable("charges", record: "charge", fields: Self.chargeFields, in: directory, rows: options.charges) { g, b, i, rng, layout, words in
            g.charge(&b, i, &rng, layout, words)
        })
        let settings = settingRows()
        results.append(try writeTable("notifications", record: "notification", fields: Self.settingFields, in: directory, rows: settings.count) { g, b, i, _, layout, _ in
            g.setting(&b, settings[i], layout)
        })
        let resends = options.charges == 0 ? 0 : max(1, options.charges / 1000)
        results.append(try writeTable("resends", record: "resend", fields: Self.resendFields, in: directory, rows: resends) { g, b, i, rng, layout, _ in
            g.resend(&b, i, rows: resends, &rng, layout)
        })
        return results
    }

    // MARK: - Shared helpers

    /// Per-table salts: each table has its own random stream and id space.
    enum Salt: UInt64 {
        case accounts = 1, customers, charges, settings, resends, subscriptions, accountOfCustomer, badRows
    }

    /// A 12-digit id number for row `index`: a bijection of 0..<10¹² (the multiplier is prime to
    /// 10), shifted per table, so ids look random yet never collide.
    @inline(__always)
    func idNumber(_ index: Int, _ salt: Salt) -> UInt64 {
        let offset = SplitMix64.mix(options.seed &+ salt.rawValue) % 1_000_000_000_000
        return (UInt64(index) &* 387_420_489 &+ offset) % 1_000_000_000_000
    }

    /// The account of customer `index`, independent of the customers' random stream (settings
    /// rows need it too).
    @inline(__always)
    func accountIndex(ofCustomer index: Int) -> Int {
        let h = SplitMix64.mix(options.seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03) ^ Salt.accountOfCustomer.rawValue)
        return Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(options.accounts)).high)
    }

    /// Whether row `index` of a table of `rows` rows is one of the deliberately bad ones: one row
    /// in every `spacing` at a seed-dependent phase, never the first row, and none at all in a
    /// table smaller than `spacing` (where a single bad row could exceed the reject limit).
    @inline(__always)
    func isBadRow(_ index: Int, rows: Int, spacing: Int, _ salt: Salt) -> Bool {
        guard rows >= spacing, index > 0 else { return false }
        let phase = Int(SplitMix64.mix(options.seed &+ salt.rawValue &+ Salt.badRows.rawValue << 8) % UInt64(spacing))
        return (index + phase) % spacing == 0
    }

    /// Customer rows are bad one in 1000, so that their cascade into charges stays small.
    static let customerBadSpacing = 1000
    static let chargeBadSpacing = 500
    static let accountBadSpacing = 1000

    typealias RowWriter = (ExportGenerator, inout ByteBuilder, Int, inout SplitMix64, RecordLayout, EncodedVocabulary) -> Void

    private func writeTable(
        _ table: String, record: String, fields: [String], in directory: String, rows: Int,
        _ row: RowWriter
    ) throws -> FileResult {
        let layout = RecordLayout(format: options.format, root: table, record: record, fields: fields)
        let words = EncodedVocabulary(layout: layout)
        let name = table + "." + options.format.rawValue + (options.gzip ? ".gz" : "")
        let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        try Self.removeSiblings(of: table, keeping: name, in: directory)
        let sink: ByteSink = options.gzip ? try GzipFileWriter(path: path, level: 1) : try RawFileWriter(path: path)
        let chunk = 1 << 20
        var buffer = ByteBuilder(capacity: chunk + (64 << 10))
        var total: Int64 = 0
        var rng = SplitMix64(seed: SplitMix64.mix(options.seed ^ (UInt64(Self.tableSalt(table)) << 56)))
        buffer.append(layout.prologue)
        for index in 0..<rows {
            row(self, &buffer, index, &rng, layout, words)
            if buffer.count >= chunk {
                try sink.write(buffer.bytes)
                total += Int64(buffer.count)
                buffer.clear()
            }
        }
        buffer.append(layout.epilogue)
        try sink.write(buffer.bytes)
        total += Int64(buffer.count)
        try sink.finish()
        return FileResult(table: table, path: path, rows: rows, bytes: total)
    }

    private static func tableSalt(_ table: String) -> Int {
        ["accounts", "customers", "charges", "notifications", "resends"].firstIndex(of: table)! + 1
    }

    private static func makeDirectory(_ directory: String) throws {
        let absolute = directory.hasPrefix("/")
        var path = ""
        for part in directory.split(separator: "/") {
            path = path.isEmpty && !absolute ? String(part) : path + "/" + part
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw AvisoError(.output, file: directory, "cannot create folder \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    private static func removeSiblings(of table: String, keeping name: String, in directory: String) throws {
        for ext in ["csv", "csv.gz", "xml", "xml.gz"] where table + "." + ext != name {
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + table + "." + ext
            if unlink(path) != 0 && errno != ENOENT {
                throw AvisoError(.output, file: path, "cannot remove \(path) (it would make two \(table) files): \(String(cString: strerror(errno)))")
            }
        }
    }
}
