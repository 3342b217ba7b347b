/// Counts, per account, the customers whose contact data the rules can't use, so merchants can
/// be told what to fix: no valid email, no valid mobile, and for postal customers an
/// incomplete address or a bad CEP. Deleted customers are not counted.
///
/// The work is split in two. `problems(of:reach:)` judges one customer; the reader calls it on its
/// decoding threads and `CustomerDirectory` keeps the answer, one byte per customer. `make`
/// then only walks those bytes and the customers' account positions, keeping a few example
/// ids per problem, and makes Strings for the examples alone.
enum DataQualityCensus {
    /// How many example customer ids to keep per problem.
    static let examplesPerProblem = 3

    /// What the census found about one customer, one bit per problem.
    struct Problems: OptionSet, Sendable, Hashable {
        let rawValue: UInt8

        /// No valid email address (missing or invalid).
        static let badEmail = Problems(rawValue: 1 << 0)
        /// No valid mobile number.
        static let badMobile = Problems(rawValue: 1 << 1)
        /// A postal customer whose address lacks street, number, neighbourhood, city or state.
        static let incompleteAddress = Problems(rawValue: 1 << 2)
        /// A postal customer whose CEP is missing, malformed or outside their state's range.
        static let badCEP = Problems(rawValue: 1 << 3)
        /// The customer is counted at all (not deleted); without it the other bits are never set.
        static let counted = Problems(rawValue: 1 << 4)

        /// The problems in the order of `AccountDataQuality`'s example keys, with those keys.
        static let keyed: [(problem: Problems, key: String)] = [
            (.badEmail, "badEmail"), (.badMobile, "badMobile"),
            (.incompleteAddress, "incompleteAddress"), (.badCEP, "badCEP"),
        ]
    }

    /// The problems of one customer by the contact and postal rules, given its `ContactReach`
    /// (which holds the email and mobile verdicts: the run works it out once for the census and
    /// its look ahead alike); empty for a deleted one.
    static func problems(of customer: Customer, reach: ContactReach) -> Problems {
        guard !customer.deleted else { return [] }
        var found: Problems = .counted
        if !reach.contains(.email) { found.insert(.badEmail) }
        if !reach.contains(.mobile) { found.insert(.badMobile) }
        if customer.postalService {
            if !PostalRules.missingAddressFields(of: customer).isEmpty {
                found.insert(.incompleteAddress)
            }
            if case .failure = PostalRules.checkCEP(postalCode: customer.postalCode, state: customer.state ?? "") {
                found.insert(.badCEP)
            }
        }
        return found
    }

    /// The census of a directory whose customers' problems were noted as they were added:
    /// one entry per account with at least one counted customer, in byte order of account ids;
    /// each problem found lists the byte-order-smallest `examplesPerProblem` customer ids.
    /// `accounts` is the list the directory's account positions point into.
    static func make(customers: CustomerDirectory, accounts: [Account]) -> [AccountDataQuality] {
        report(count(customers: customers, accounts: accounts), customers: customers, accounts: accounts)
    }

    /// What the walk over the customers finds, before any String is made: per account, its
    /// counted customers, each problem's count and its examples' positions in the directory.
    /// Smaller than the `AccountDataQuality` entries made of it (ids as Strings, a dictionary of
    /// examples): a run counts beside its charges, whose end is its peak of memory, and makes
    /// the entries after them.
    struct Counts: Sendable {
        fileprivate let tallies: [Tally]
    }

    /// The walk of `make`, without its entries (see `report`).
    static func count(customers: CustomerDirectory, accounts: [Account]) -> Counts {
        var tallies = [Tally](repeating: Tally(), count: accounts.count)
        for position in 0..<customers.count {
            let problems = customers.problems[position]
            guard problems.contains(.counted) else { continue }
            let account = customers.accountIndex(at: position)
            tallies[account].customers += 1
            for (slot, keyed) in Problems.keyed.enumerated() where problems.contains(keyed.problem) {
                tallies[account].counts[slot] += 1
                tallies[account].examples[slot].offer(position, in: customers)
            }
        }
        return Counts(tallies: tallies)
    }

    /// `make`'s entries from the walk's `counts` of the same directory and accounts. An
    /// example's id is read from the directory's index of ids, without its customer's row.
    static func report(_ counts: Counts, customers: CustomerDirectory, accounts: [Account]) -> [AccountDataQuality] {
        let tallies = counts.tallies
        let present = accounts.indices.filter { tallies[$0].customers > 0 }
        let ordered = present.sorted { accounts[$0].id.utf8.lexicographicallyPrecedes(accounts[$1].id.utf8) }
        return ordered.map { index in
            let tally = tallies[index]
            var quality = AccountDataQuality(account: accounts[index].id, accountName: accounts[index].name)
            quality.customers = tally.customers
            quality.badEmail = tally.counts[0]
            quality.badMobile = tally.counts[1]
            quality.incompleteAddress = tally.counts[2]
            quality.badCEP = tally.counts[3]
            for (slot, keyed) in Problems.keyed.enumerated() where tally.counts[slot] > 0 {
                quality.examples[keyed.key] = tally.examples[slot].positions.map { position in
                    customers.withTextBytes(at: position, Customer.TextField.id) { id in
                        id.map { String(decoding: $0, as: UTF8.self) } ?? ""
                    }
                }
            }
            return quality
        }
    }

    /// One account's counts while the census walks the customers.
    fileprivate struct Tally {
        var customers = 0
        /// Per problem, in `Problems.keyed` order.
        var counts = [0, 0, 0, 0]
        var examples = [Examples](repeating: Examples(), count: 4)
    }

    /// The positions of the customers with the byte-order-smallest ids seen so far, at most
    /// `examplesPerProblem`, smallest first.
    struct Examples {
        private(set) var positions: [Int] = []

        /// Keeps the customer at `position` if its id is among the smallest seen (ids are unique).
        mutating func offer(_ position: Int, in customers: CustomerDirectory) {
            customers.withTextBytes(at: position, Customer.TextField.id) { candidate in
                var at = positions.count
                while at > 0, customers.withTextBytes(at: positions[at - 1], Customer.TextField.id, { kept in
                    Self.precedes(candidate, kept)
                }) {
                    at -= 1
                }
                guard at < DataQualityCensus.examplesPerProblem else { return }
                positions.insert(position, at: at)
                if positions.count > DataQualityCensus.examplesPerProblem { positions.removeLast() }
            }
        }

        /// Byte order, a prefix first; an absent id is empty.
        static func precedes(_ a: UnsafeRawBufferPointer?, _ b: UnsafeRawBufferPointer?) -> Bool {
            let a = a ?? UnsafeRawBufferPointer(start: nil, count: 0)
            let b = b ?? UnsafeRawBufferPointer(start: nil, count: 0)
            return a.lexicographicallyPrecedes(b)
        }
    }
}
