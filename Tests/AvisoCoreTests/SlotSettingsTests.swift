import Testing
@testable import AvisoCore

@Suite struct SlotSettingsTests {
    /// A setting that tells its slot apart: offset and switches vary with the slot.
    static func distinct(_ slot: Slot) -> SlotSetting {
        SlotSetting(enabled: slot.rawValue % 2 == 0, scheduleOffset: 100 + slot.rawValue, customerEmail: slot.rawValue % 3 == 0,
                    customerSMS: true, customerWhatsApp: slot.rawValue == 5, customerVoice: slot.rawValue == 6,
                    providerEmail: slot.rawValue > 3, providerSMS: slot.rawValue == 7)
    }

    @Test(arguments: Slot.allCases)
    func eachSlotKeepsItsOwnSetting(slot: Slot) {
        var settings = SlotSettings.builtIn
        settings[slot] = Self.distinct(slot)
        #expect(settings[slot] == Self.distinct(slot))
        for other in Slot.allCases where other != slot {
            #expect(settings[other] == SlotSettings.builtIn[other], "\(other) changed when \(slot) was set")
        }
        #expect(settings != SlotSettings.builtIn)
    }

    @Test func aListGoesInAndComesBackInSlotOrder() {
        let list = Slot.allCases.map(Self.distinct)
        let settings = SlotSettings(slots: list)
        #expect(settings.slots == list)
        #expect(settings[.overdueRepeat].scheduleOffset == 100 + Slot.overdueRepeat.rawValue)
        var copy = settings
        copy.slots = SlotSettings.builtIn.slots
        #expect(copy == SlotSettings.builtIn)
    }

    @Test func theBuiltInDefaultsAreRULESmd() {
        let builtIn = SlotSettings.builtIn
        #expect(Slot.allCases.allSatisfy { builtIn[$0].enabled && builtIn[$0].customerEmail && builtIn[$0].customerSMS })
        #expect(builtIn[.warningBefore].scheduleOffset == 10)
        #expect(builtIn[.overdueRepeat].scheduleOffset == 7)
        #expect(Slot.allCases.filter { builtIn[$0].providerEmail } == [.overdueFirst, .received])
        #expect(!Slot.allCases.contains { builtIn[$0].customerWhatsApp || builtIn[$0].customerVoice || builtIn[$0].providerSMS })
    }
}
