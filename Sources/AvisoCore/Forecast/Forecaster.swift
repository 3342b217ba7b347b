/// What the rules would emit on each of the coming dates from the export as it stands: the
/// export is read once, and every charge is planned for every date with that date's planner,
/// exactly as `aviso run` of the date would (resends left aside: they can't be foreseen).
public struct Forecaster {
    /// The run's options; `runDate`, output, ledger and templates are unused.
    public let options: RunOptions

    /// A forecaster over the export and configuration these options describe.
    public init(options: RunOptions) {
        self.options = options
    }

    /// One `ForecastDay` per calendar day from `from` to `from + days − 1` (none when `days` ≤ 0).
    /// Non-business days are all zeros. Throws what the runs of those dates would throw: a file
    /// that can't be trusted, or a date the calendars do not cover.
    public func forecast(from: Day, days: Int) throws -> [ForecastDay] {
        guard days > 0 else { return [] }
        let calendar = BusinessCalendar(calendars: options.calendars)
        let configuration = options.configuration
        var planners: [NotificationPlanner] = []
        for i in 0..<days {
            planners.append(try NotificationPlanner(runDate: from + i, calendar: calendar, configuration: configuration))
        }
        var result = planners.map { ForecastDay(date: $0.runDate, businessDay: $0.runDateIsBusinessDay) }
        let working = planners.indices.filter { planners[$0].runDateIsBusinessDay }

        let snapshot = try ExportSnapshot(
            directory: options.inputDirectory, explicit: options.explicitInputs,
            maxRejectRatio: configuration.maxRejectRatio)
        var rejects = snapshot.rejects
        _ = try snapshot.checkResends(rejects: &rejects)
        _ = try snapshot.readCharges(rejects: &rejects) { charge, customer, account, slotSettings in
            for i in working {
                let planner = planners[i]
                guard LeftOutReason.of(charge: charge, customer: customer, runDate: planner.runDate) == nil else { continue }
                for planned in try planner.notifications(for: charge, customer: customer, account: account, settings: slotSettings) {
                    if case .rejected = planned.contact {
                        result[i].rejectedNotifications += 1
                        continue
                    }
                    result[i].messagesByChannel[planned.channel, default: 0] += 1
                    result[i].messagesBySlot[planned.slot, default: 0] += 1
                    result[i].feesByChannel[planned.channel, default: 0] += configuration.fee(for: planned.channel)
                }
                if let letter = try planner.letter(for: charge, customer: customer), case .mail = letter.outcome {
                    result[i].letters += 1
                    result[i].postalFees += configuration.postalFee
                }
            }
            // The stream's count is not reported; a charge is "used" if any date considers it.
            return .used
        }
        return result
    }
}
