/// Why a sound charge row is left out of the run for a date (counted, not rejected).
public enum LeftOutReason: Sendable, Equatable {
    /// dateCreated ≥ D: the charge did not exist yet for the run.
    case notCreatedYet
    /// The charge's customer is deleted.
    case customerDeleted

    /// The reason the run for `runDate` leaves the charge out, or nil when it considers it.
    public static func of(charge: Charge, customer: Customer, runDate: Day) -> LeftOutReason? {
        of(charge: charge, customerDeleted: customer.deleted, runDate: runDate)
    }

    /// `of(charge:customer:runDate:)` knowing only whether the customer is deleted.
    static func of(charge: Charge, customerDeleted: Bool, runDate: Day) -> LeftOutReason? {
        if charge.dateCreated >= runDate { return .notCreatedYet }
        if customerDeleted { return .customerDeleted }
        return nil
    }
}
