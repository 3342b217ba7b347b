/// A growable list of plain values (no references), in memory of its own, for a list a class
/// holds and several threads read at once. Reading an element of a Swift array kept in a
/// class's `var` retains and releases the array's buffer: on two threads that is a cache line
/// both write for every read (the composing threads read a run's context places over a million
/// times). Reading an element here is one load.
///
/// Noncopyable: its one owner frees the memory.
struct RawList<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    /// Number of elements.
    private(set) var count = 0
    private var capacity = 0

    /// An empty list.
    init() {}

    deinit {
        base?.deallocate()
    }

    /// Adds `element` at the end.
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    /// The element at `index` (which must be below `count`).
    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "index \(index) out of a list of \(count)")
            return base.unsafelyUnwrapped[index]
        }
        set {
            precondition(index >= 0 && index < count, "index \(index) out of a list of \(count)")
            base.unsafelyUnwrapped[index] = newValue
        }
    }

    /// The last element, or nil when the list is empty.
    var last: Element? {
        count == 0 ? nil : base.unsafelyUnwrapped[count - 1]
    }

    /// Calls `body` with the elements in place.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Doubles the room (16 elements at first), moving what is there.
    private mutating func grow() {
        let larger = Swift.max(16, capacity * 2)
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        if let base {
            moved.initialize(from: base, count: count)
            base.deallocate()
        }
        base = moved
        capacity = larger
    }
}
