/// Counts, per account, the customers whose contact data the rules can't use, so merchants can
/// be told what to fix: no valid email, no valid mobile, and for postal customers an
/// incomplete address or a bad CEP. Deleted customers are not counted.
enum DataQualityCensus {
    /// How many example customer ids to keep per problem.
    static let examplesPerProblem = 3

    static func make(customers: [Customer], accounts: [String: Account]) -> [AccountDataQuality] {
        var byAccount: [String: AccountDataQuality] = [:]
        for customer in customers where !customer.deleted {
            var quality = byAccount[customer.account]
                ?? AccountDataQuality(account: customer.account, accountName: accounts[customer.account]?.name ?? customer.account)
            quality.customers += 1
            if case .rejected = ContactRules.emailAddresses(primary: customer.email, additional: customer.additionalEmails) {
                quality.badEmail += 1
                quality.examples["badEmail", default: []].append(customer.id)
            }
            if case .rejected = ContactRules.mobile(customer.mobilePhone) {
                quality.badMobile += 1
                quality.examples["badMobile", default: []].append(customer.id)
            }
            if customer.postalService {
                if !PostalRules.missingAddressFields(of: customer).isEmpty {
                    quality.incompleteAddress += 1
                    quality.examples["incompleteAddress", default: []].append(customer.id)
                }
                if case .failure = PostalRules.checkCEP(postalCode: customer.postalCode, state: customer.state ?? "") {
                    quality.badCEP += 1
                    quality.examples["badCEP", default: []].append(customer.id)
                }
            }
            byAccount[customer.account] = quality
        }
        return byAccount.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).map { account in
            var quality = byAccount[account]!
            for (problem, ids) in quality.examples {
                quality.examples[problem] = Array(ids.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).prefix(examplesPerProblem))
            }
            return quality
        }
    }
}
