/// The distinct template slot keys of a run's messages, in the order first met, so that a
/// message refers to its key by a one-byte index (`MessageReference.key`). A run meets about
/// ten (the slots' names and the two resend keys).
struct SlotKeys: Sendable {
    /// The keys, each once, spelled as first met.
    private(set) var keys: [String] = []

    /// The index of `key`, added when new. Stops the process past 256 distinct keys (the
    /// built-in templates know 11).
    mutating func index(of key: String) -> UInt8 {
        if let found = keys.firstIndex(of: key) { return UInt8(found) }
        precondition(keys.count < 256, "more than 256 distinct slot keys in one run")
        keys.append(key)
        return UInt8(keys.count - 1)
    }

    /// The key at `index`.
    subscript(index: UInt8) -> String { keys[Int(index)] }
}
