import Foundation

/// The regular files of one folder (not recursive): names, bytes and modification times.
struct FolderSnapshot: Equatable {
    /// File name → content.
    var files: [String: Data]
    /// File name → modification time.
    var modified: [String: Date]
    /// The folder's own modification time.
    var folderModified: Date?

    /// The file names, sorted by byte order.
    var names: [String] { files.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }

    /// Reads every entry of `path`; sub-folders are recorded with empty content.
    init(_ path: String) throws {
        let manager = FileManager.default
        files = [:]
        modified = [:]
        folderModified = try manager.attributesOfItem(atPath: path)[.modificationDate] as? Date
        for name in try manager.contentsOfDirectory(atPath: path) {
            let child = (path as NSString).appendingPathComponent(name)
            let attributes = try manager.attributesOfItem(atPath: child)
            modified[name] = attributes[.modificationDate] as? Date
            files[name] = attributes[.type] as? FileAttributeType == .typeDirectory ? Data() : try Data(contentsOf: URL(fileURLWithPath: child))
        }
    }

    /// The text of file `name` (UTF-8), or "" if absent.
    func text(_ name: String) -> String {
        files[name].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
