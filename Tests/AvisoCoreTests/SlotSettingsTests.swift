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

    /// The switches share one byte: each must turn on and off alone.
    static var switches: [(String, WritableKeyPath<SlotSetting, Bool>)] {
        [
            ("enabled", \.enabled), ("customerEmail", \.customerEmail), ("customerSMS", \.customerSMS),
            ("customerWhatsApp", \.customerWhatsApp), ("customerVoice", \.customerVoice),
            ("providerEmail", \.providerEmail), ("providerSMS", \.providerSMS),
        ]
    }

    @Test func eachSwitchTurnsOnAndOffAlone() {
        for (name, path) in Self.switches {
            var setting = SlotSetting(enabled: false, scheduleOffset: 90)
            setting[keyPath: path] = true
            for (other, otherPath) in Self.switches {
                #expect(setting[keyPath: otherPath] == (other == name), "\(other) after turning \(name) on")
            }
            #expect(setting.scheduleOffset == 90)
            var allOn = SlotSetting(enabled: true, scheduleOffset: -3, customerEmail: true, customerSMS: true, customerWhatsApp: true,
                                    customerVoice: true, providerEmail: true, providerSMS: true)
            allOn[keyPath: path] = false
            for (other, otherPath) in Self.switches {
                #expect(allOn[keyPath: otherPath] == (other != name), "\(other) after turning \(name) off")
            }
            #expect(allOn.scheduleOffset == -3)
        }
    }

    @Test func theOffsetKeepsItsValueAcrossItsRange() {
        for offset in [0, 1, 7, 10, 90, 1000, SlotSetting.offsetRange.lowerBound, SlotSetting.offsetRange.upperBound] {
            var setting = SlotSetting(enabled: true, scheduleOffset: offset, providerSMS: true)
            #expect(setting.scheduleOffset == offset)
            setting.scheduleOffset = offset / 2
            #expect(setting.scheduleOffset == offset / 2)
            #expect(setting.enabled && setting.providerSMS && !setting.customerEmail)
        }
    }

    /// A run copies a customer's settings for every charge: the eight slots stay within half a cache line.
    @Test func eightSlotsFitHalfACacheLine() {
        #expect(MemoryLayout<SlotSettings>.stride <= 32)
    }
}
