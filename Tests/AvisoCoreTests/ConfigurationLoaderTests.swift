import Foundation
import Testing
@testable import AvisoCore

@Suite struct ConfigurationLoaderTests {
    func parse(_ json: String) throws -> RunConfiguration {
        try ConfigurationLoader.parse(Data(json.utf8), source: "config.json")
    }

    @Test func emptyObjectGivesTheDefaults() throws {
        let config = try parse("{}")
        #expect(config == RunConfiguration())
        #expect(config.timeZone == "America/Sao_Paulo")
        #expect(config.mailingWindowDays == 22)
        #expect(config.deliveryBusinessDaysDefault == 7)
        #expect(config.maxOverdueRepeats == 10)
        #expect(config.maxRejectRatio == 0.01)
        #expect(config.whatsappFee == 0 && config.voiceFee == 0 && config.postalFee == 0)
    }

    @Test func partialObjectsMergeWithTheDefaults() throws {
        let config = try parse(#"{"fees": {"whatsapp": 5}, "deliveryBusinessDays": {"byState": {"AM": 12}}}"#)
        #expect(config.whatsappFee == 5)
        #expect(config.voiceFee == 0)
        #expect(config.deliveryBusinessDaysDefault == 7)
        #expect(config.deliveryBusinessDays(state: "AM") == 12)
        #expect(config.deliveryBusinessDays(state: "SP") == 7)
    }

    @Test func everyKeyIsRead() throws {
        let config = try parse(#"""
        {"timeZone": "America/Manaus", "mailingWindowDays": 15, "maxOverdueRepeats": 3,
         "maxRejectRatio": 0.05, "deliveryBusinessDays": {"default": 9},
         "fees": {"whatsapp": 8, "voice": 25, "postal": 320}}
        """#)
        #expect(config.timeZone == "America/Manaus")
        #expect(config.mailingWindowDays == 15)
        #expect(config.maxOverdueRepeats == 3)
        #expect(config.maxRejectRatio == 0.05)
        #expect(config.deliveryBusinessDaysDefault == 9)
        #expect(config.whatsappFee == 8 && config.voiceFee == 25 && config.postalFee == 320)
    }

    @Test(arguments: [
        (#"{"fee": {}}"#, "unknown configuration key 'fee'"),
        (#"{"fees": {"sms": 1}}"#, "unknown configuration key 'fees.sms'"),
        (#"{"mailingWindowDays": "22"}"#, "configuration key 'mailingWindowDays': expected a whole number from 0 to 365, found \"22\""),
        (#"{"mailingWindowDays": 2.5}"#, "configuration key 'mailingWindowDays': expected a whole number from 0 to 365, found 2.5"),
        (#"{"mailingWindowDays": true}"#, "configuration key 'mailingWindowDays': expected a whole number from 0 to 365, found true"),
        (#"{"fees": {"postal": -1}}"#, "configuration key 'fees.postal': expected a whole number from 0 to 100000000, found -1"),
        (#"{"timeZone": "Mars/Olympus"}"#, "configuration key 'timeZone': expected an IANA time zone name such as \"America/Sao_Paulo\", found \"Mars/Olympus\""),
        (#"{"maxRejectRatio": 2}"#, "configuration key 'maxRejectRatio': expected a number from 0 to 1, found 2"),
        (#"{"deliveryBusinessDays": {"byState": {"XX": 3}}}"#, "configuration key 'deliveryBusinessDays.byState.XX': not a Brazilian state (UF)"),
        ("[1]", "the configuration must be a JSON object"),
        ("{", "the configuration is not valid JSON"),
    ])
    func badKeysAndValuesAreNamed(json: String, message: String) {
        do {
            _ = try parse(json)
            Issue.record("expected an error for \(json)")
        } catch let error as AvisoError {
            #expect(error.category == .usage)
            #expect(error.file == "config.json")
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
