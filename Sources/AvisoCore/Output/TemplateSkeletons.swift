import Foundation
import Mustache

/// Renders templates fast without giving up Mustache: the first time a template is needed for a
/// given shape of values (which optional values are present, due today or not), swift-mustache
/// renders it with a placeholder per value; the result, split at the placeholders, is the
/// skeleton that every later message of that shape fills in by appending bytes. Templates that
/// use transforms (`{{uppercased(name)}}`) are always rendered with the real values instead.
/// Templates are known by their index in `names`.
final class TemplateSkeletons: @unchecked Sendable {
    /// One stretch of a skeleton: text (a range of the skeleton's `text`), or a value.
    fileprivate enum Piece {
        case text(start: Int32, end: Int32)
        case value(TemplateVariable)
    }

    /// A skeleton: its text pieces' bytes, one after the other, and its pieces in order.
    // Pieces with no reference in them, and the text in one array: with each text piece an
    // array of its own, appending a skeleton retained and released every piece's array (and
    // the list of pieces), 252 of 36k `perf` samples at 10M charges.
    fileprivate struct Skeleton {
        var shape: UInt64
        var text: [UInt8]
        var pieces: [Piece]
    }

    private let library: MustacheLibrary
    private let names: [String]
    private let direct: [Bool]
    private let lock = NSLock()
    // Guarded by `lock`: per template index, the skeleton of each shape met so far (a few
    // each), searched in order rather than hashed.
    private var cache: [[Skeleton]]

    // Placeholders use control characters that never reach a template's own text.
    private static let open: Unicode.Scalar = "\u{1}"
    private static let close: Unicode.Scalar = "\u{2}"

    /// `names`: the template of each index; `directTemplates`: names of templates that must be
    /// rendered with real values every time.
    init(library: MustacheLibrary, names: [String], directTemplates: Set<String>) {
        self.library = library
        self.names = names
        self.direct = names.map { directTemplates.contains($0) }
        self.cache = names.map { _ in [] }
    }

    /// One thread's copies of the skeletons it has used, kept with that thread's buffers
    /// (`MessageBuffers`): taking a skeleton from the shared cache took its lock, and appending
    /// its text pieces retained and released arrays both composing threads share (cache lines
    /// both write), for every message. A thread's own copies are neither locked nor shared.
    struct ThreadCache {
        // Per template index, the skeleton of each shape this thread has met.
        fileprivate var entries: [[Skeleton]] = []
    }

    /// Appends the rendered text of template `index` for these values to `out`; false when
    /// there is no such template. `cache` is the calling thread's (see `ThreadCache`).
    func render(_ index: Int, _ values: TemplateValues, into out: inout [UInt8], cache local: inout ThreadCache) -> Bool {
        if direct[index] {
            guard let text = library.render(Self.context(values, placeholders: false), withTemplate: names[index]) else { return false }
            TextBytes.append(text, to: &out)
            return true
        }
        let shape = values.shapeKey
        if index < local.entries.count {
            // Found and appended in place: a skeleton taken out of the array is a copy.
            let appended = local.entries[index].withUnsafeBufferPointer { skeletons in
                for skeleton in skeletons.indices where skeletons[skeleton].shape == shape {
                    Self.append(skeletons[skeleton], values, to: &out)
                    return true
                }
                return false
            }
            if appended { return true }
        }
        lock.lock()
        var found = cache[index].first { $0.shape == shape }
        lock.unlock()
        if found == nil {
            guard let rendered = library.render(Self.context(values, placeholders: true), withTemplate: names[index]) else { return false }
            found = Self.split(rendered, shape: shape)
            lock.lock()
            if !cache[index].contains(where: { $0.shape == shape }) { cache[index].append(found!) }
            lock.unlock()
        }
        // The thread's own copy: new arrays, not the shared cache's.
        let own = Skeleton(shape: shape, text: found!.text.withUnsafeBufferPointer { Array($0) },
                           pieces: found!.pieces.withUnsafeBufferPointer { Array($0) })
        while local.entries.count <= index { local.entries.append([]) }
        local.entries[index].append(own)
        Self.append(own, values, to: &out)
        return true
    }

    /// Appends a skeleton's pieces, its texts as they are and its values from `values`.
    private static func append(_ skeleton: Skeleton, _ values: TemplateValues, to out: inout [UInt8]) {
        skeleton.text.withUnsafeBufferPointer { text in
            skeleton.pieces.withUnsafeBufferPointer { pieces in
                for piece in pieces {
                    switch piece {
                    case let .text(start, end): out.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)]))
                    case .value(let variable): values.append(variable, to: &out)
                    }
                }
            }
        }
    }

    /// The Mustache context: placeholders (or real values) for present values, the two flags.
    private static func context(_ values: TemplateValues, placeholders: Bool) -> [String: Any] {
        var context: [String: Any] = ["dueToday": values.dueToday, "dueSoon": !values.dueToday]
        for variable in TemplateVariable.allCases where values.isPresent(variable) {
            context[variable.name] = placeholders
                ? "\(open)\(variable.rawValue)\(close)"
                : (values.value(variable) ?? "")
        }
        return context
    }

    private static func split(_ rendered: String, shape: UInt64) -> Skeleton {
        var skeleton = Skeleton(shape: shape, text: [], pieces: [])
        var textStart = 0
        func endText() {
            if skeleton.text.count > textStart {
                skeleton.pieces.append(.text(start: Int32(textStart), end: Int32(skeleton.text.count)))
            }
            textStart = skeleton.text.count
        }
        let bytes = Array(rendered.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(open.value) else {
                skeleton.text.append(bytes[i])
                i += 1
                continue
            }
            i += 1
            var number = 0
            while i < bytes.count, bytes[i] != UInt8(close.value) {
                number = number * 10 + Int(bytes[i]) - 48
                i += 1
            }
            i += 1
            endText()
            if let variable = TemplateVariable(rawValue: number) { skeleton.pieces.append(.value(variable)) }
        }
        endText()
        return skeleton
    }
}
