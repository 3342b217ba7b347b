import Testing
@testable import AvisoCore

@Suite struct IDPositionsTests {
    private func position(_ positions: IDPositions, _ id: String) -> Int? {
        Array(id.utf8).withUnsafeBytes { positions.position(ofID: $0) }
    }

    /// Every account of a list large enough to make the index grow is found at its position;
    /// ids that differ by a byte, a prefix or an extension are not.
    @Test func findsEachAccountByItsIDBytes() {
        let accounts = (0..<5_000).map { Account(id: "acc_\($0)", name: "Loja \($0)") }
        let positions = IDPositions(accounts.map(\.id))
        for (index, account) in accounts.enumerated() {
            #expect(position(positions, account.id) == index)
        }
        #expect(position(positions, "acc_5000") == nil)
        #expect(position(positions, "acc_") == nil)
        #expect(position(positions, "acc_12 ") == nil)
        #expect(position(positions, "ACC_12") == nil)
        #expect(position(positions, "") == nil)
    }

    /// Ids are compared byte for byte, as customers' and charges' are: a decomposed accent is
    /// another id than the composed one, though Swift's `String` calls the two equal.
    @Test func comparesBytesNotCanonicalEquivalence() {
        let composed = "loja_caf\u{E9}"
        let decomposed = "loja_cafe\u{301}"
        #expect(composed == decomposed)
        let positions = IDPositions([Account(id: composed, name: "Café")].map(\.id))
        #expect(position(positions, composed) == 0)
        #expect(position(positions, decomposed) == nil)
    }
}
