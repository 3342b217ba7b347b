import Foundation
import Mustache

/// Renders templates fast without giving up Mustache: the first time a template is needed for a
/// given shape of values (which optional values are present, due today or not), swift-mustache
/// renders it with a placeholder per value; the result, split at the placeholders, is the
/// skeleton that every later message of that shape fills in by appending strings. Templates that
/// use transforms (`{{uppercased(name)}}`) are always rendered with the real values instead.
final class TemplateSkeletons: @unchecked Sendable {
    private enum Piece {
        case text(String)
        case value(TemplateVariable)
    }

    private struct Key: Hashable {
        var template: String
        var shape: UInt64
    }

    private let library: MustacheLibrary
    private let direct: Set<String>
    private let lock = NSLock()
    // Guarded by `lock`.
    private var cache: [Key: [Piece]] = [:]

    // Placeholders use control characters that never reach a template's own text.
    private static let open: Unicode.Scalar = "\u{1}"
    private static let close: Unicode.Scalar = "\u{2}"

    /// `directTemplates`: keys of templates that must be rendered with real values every time.
    init(library: MustacheLibrary, directTemplates: Set<String>) {
        self.library = library
        self.direct = directTemplates
    }

    /// The rendered text of a template for these values; nil when there is no such template.
    func render(_ template: String, _ values: TemplateValues) -> String? {
        if direct.contains(template) {
            return library.render(Self.context(values, placeholders: false), withTemplate: template)
        }
        let key = Key(template: template, shape: values.shapeKey)
        lock.lock()
        var pieces = cache[key]
        lock.unlock()
        if pieces == nil {
            guard let rendered = library.render(Self.context(values, placeholders: true), withTemplate: template) else { return nil }
            pieces = Self.split(rendered)
            lock.lock()
            cache[key] = pieces
            lock.unlock()
        }
        var out = ""
        for piece in pieces! {
            switch piece {
            case .text(let text): out += text
            case .value(let variable): out += values.value(variable) ?? ""
            }
        }
        return out
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

    private static func split(_ rendered: String) -> [Piece] {
        var pieces: [Piece] = []
        var text = String.UnicodeScalarView()
        var iterator = rendered.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == open else {
                text.append(scalar)
                continue
            }
            var number = 0
            while let digit = iterator.next(), digit != close {
                number = number * 10 + Int(digit.value) - 48
            }
            if !text.isEmpty { pieces.append(.text(String(text))) }
            text = String.UnicodeScalarView()
            if let variable = TemplateVariable(rawValue: number) { pieces.append(.value(variable)) }
        }
        if !text.isEmpty { pieces.append(.text(String(text))) }
        return pieces
    }
}
