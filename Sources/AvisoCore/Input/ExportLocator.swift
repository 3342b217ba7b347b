import Foundation

/// Finds the export's files by base name (`charges.csv`, `customers.xml.gz` …) in the export
/// folder, or takes them as named on the command line.
public enum ExportLocator {
    /// Tables a run reads; the first three are required.
    public static let tables = ["accounts", "customers", "charges", "notifications", "resends"]
    /// Tables without which a run can't start.
    public static let requiredTables: Set<String> = ["accounts", "customers", "charges"]

    /// Locates every table's file. Explicit paths win over the folder. Two files with one base
    /// name, a required table missing, or an unreadable folder stop the run.
    public static func locate(directory: String?, explicit: [String: String]) throws -> [String: LocatedInput] {
        var found: [String: LocatedInput] = [:]
        for (table, path) in explicit {
            guard tables.contains(table) else {
                throw AvisoError(.usage, "unknown input table '\(table)'", hint: "tables are \(tables.joined(separator: ", "))")
            }
            found[table] = LocatedInput(table: table, path: path, fileName: (path as NSString).lastPathComponent, format: try format(of: path))
        }
        if let directory {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            } catch {
                throw AvisoError(.input, file: directory, "cannot list the export folder", hint: "check that --input names a readable folder")
            }
            for table in tables where found[table] == nil {
                let matches = names.filter { name in
                    ["\(table).csv", "\(table).csv.gz", "\(table).xml", "\(table).xml.gz"].contains(name)
                }
                if matches.count > 1 {
                    throw AvisoError(
                        .input, file: directory,
                        "two files for '\(table)': \(matches.joined(separator: " and "))",
                        hint: "keep one of them; a run must know which export is the real one"
                    )
                }
                if let name = matches.first {
                    let path = (directory as NSString).appendingPathComponent(name)
                    found[table] = LocatedInput(table: table, path: path, fileName: name, format: try format(of: name))
                }
            }
        }
        for table in tables where requiredTables.contains(table) && found[table] == nil {
            throw AvisoError(
                .input, file: directory,
                "required file '\(table)' is missing (looked for \(table).csv, \(table).csv.gz, \(table).xml, \(table).xml.gz)",
                hint: "point --input at the export folder or name the file with --\(table)"
            )
        }
        return found
    }

    /// CSV or XML from the name (ignoring a trailing `.gz`).
    static func format(of path: String) throws -> LocatedInput.Format {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".xml") { return .xml }
        throw AvisoError(.usage, file: path, "cannot tell the format of this file", hint: "name it .csv, .xml, .csv.gz or .xml.gz")
    }
}
