/// Where an outbound record's message goes, as the record keeps it: a single address or number
/// (every phone message, most emails) as a `ShortText`, inline when it fits, so a record for a
/// phone needs no list of its own; two or more addresses (or none) as the list.
///
/// The form is decided by the list alone, so two equal lists are always held the same way.
struct Destinations: Sendable, Equatable {
    private enum Storage: Sendable, Equatable {
        case one(ShortText)
        case list([String])
    }

    private let storage: Storage

    /// The destinations of `list`, in order.
    init(_ list: [String]) {
        storage = list.count == 1 ? .one(ShortText(list[0])) : .list(list)
    }

    /// A single destination.
    init(one destination: String) {
        storage = .one(ShortText(destination))
    }

    /// The destinations, in order.
    var list: [String] {
        switch storage {
        case .one(let destination): return [destination.string]
        case .list(let list): return list
        }
    }

    /// Asks for the memory of a single destination kept as a `String` (see `ShortText.prefetch`);
    /// nothing for a list. Only a hint.
    @inline(__always)
    func prefetch() {
        if case .one(let destination) = storage { destination.prefetch() }
    }

    /// Writes the destinations as a JSON array (`asArray`), or the first alone as a JSON
    /// string (an empty one when there is none); false when `sink` cannot write one of them
    /// (what was written is then to be dropped).
    func write<Sink: JSONFieldSink>(json sink: inout Sink, asArray: Bool) -> Bool {
        switch storage {
        case .one(let destination):
            if asArray { sink.write(byte: UInt8(ascii: "[")) }
            guard destination.withUTF8({ sink.write(jsonString: $0) }) else { return false }
            if asArray { sink.write(byte: UInt8(ascii: "]")) }
        case .list(let list):
            guard asArray else { return sink.write(jsonString: list.first ?? "") }
            sink.write(byte: UInt8(ascii: "["))
            for (index, address) in list.enumerated() {
                if index > 0 { sink.write(byte: UInt8(ascii: ",")) }
                guard sink.write(jsonString: address) else { return false }
            }
            sink.write(byte: UInt8(ascii: "]"))
        }
        return true
    }
}
