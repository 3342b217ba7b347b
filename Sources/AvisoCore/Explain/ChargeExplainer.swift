/// `aviso explain` without the printing: reads the export exactly as `aviso run` does for the
/// run date and explains one payment with the run's own planner.
public struct ChargeExplainer {
    /// The run's options; `runDate` is the date explained. Output, ledger and templates are unused.
    public let options: RunOptions

    /// An explainer for the run these options describe.
    public init(options: RunOptions) {
        self.options = options
    }

    /// Reads the export and explains `payment` on `options.runDate`.
    ///
    /// Every other charge the run would consider is planned too (and dropped), so that explain
    /// fails exactly when the run would: a file that can't be trusted, too many rejected rows,
    /// or a date the calendars do not cover.
    public func explain(payment: String) throws -> PaymentExplanation {
        let calendar = BusinessCalendar(calendars: options.calendars)
        let runDate = options.runDate
        let planner = try NotificationPlanner(runDate: runDate, calendar: calendar, configuration: options.configuration)
        let snapshot = try ExportSnapshot(
            directory: options.inputDirectory, explicit: options.explicitInputs,
            maxRejectRatio: options.configuration.maxRejectRatio)
        var rejects = snapshot.rejects
        let resends = try snapshot.checkResends(rejects: &rejects) ?? []
        let firstChargeReject = rejects.count
        var found: ChargeExplanation?
        _ = try snapshot.readCharges(rejects: &rejects) { charge, customer, account, settings in
            let leftOut = LeftOutReason.of(charge: charge, customer: customer, runDate: runDate)
            if charge.id == payment {
                found = try planner.explain(charge: charge, customer: customer, account: account, settings: settings)
            } else if leftOut == nil {
                _ = try planner.notifications(for: charge, customer: customer, account: account, settings: settings)
                _ = try planner.letter(for: charge, customer: customer)
            }
            return leftOut == nil ? .used : .leftOut
        }
        return PaymentExplanation(
            payment: payment, runDate: runDate, businessDay: planner.runDateIsBusinessDay,
            holidays: calendar.holidayNames(on: runDate), chargesFile: snapshot.inputs["charges"]!.fileName,
            rejectedRows: rejects[firstChargeReject...].filter { $0.id == payment },
            charge: found, resendRequests: resends.filter { $0.payment == payment })
    }
}
