/// Objects that both decoding threads use for every row (a run's planners, the claims' shards),
/// kept alive here and lent to callers without a reference count.
///
/// A copy of a reference is a retain and later a release: an atomic operation on the object's
/// header, a cache line the other core writes too when both threads copy the same object. For
/// 10M charges those were a measurable share of the run (`perf` at 10M CSV: `swift_retain`
/// 7.8% → 5.9% of the samples once these objects were lent). Hold it in a `let` of a class or
/// a struct that is not copied per row; the objects must not be let go while lent, which
/// holding them here sees to.
struct LentObjects<Object: AnyObject>: @unchecked Sendable {
    /// The objects, owned: they live as long as this value.
    let objects: [Object]
    // The same objects, unretained, in the same order.
    private let lent: [Unmanaged<Object>]

    /// Keeps `objects` and lends them.
    init(_ objects: [Object]) {
        self.objects = objects
        lent = objects.map { Unmanaged.passUnretained($0) }
    }

    /// How many objects there are.
    var count: Int { lent.count }

    /// What `body` makes of object `index`, lent without a reference count; `body` must not
    /// keep it.
    @inline(__always)
    func with<Result>(_ index: Int, _ body: (Object) throws -> Result) rethrows -> Result {
        try lent[index]._withUnsafeGuaranteedRef(body)
    }
}
