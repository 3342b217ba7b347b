import Foundation
import Testing

extension EndToEndTests {
    /// The finance page shows the run's own numbers: its headline figures equal summary.json's.
    @Test func reportHeadlineFiguresEqualTheSummary() throws {
        let scratch = try Scratch()
        let snapshot = try Self.runSamples("csv", out: scratch.path("out"))
        let summary = try Self.summary(snapshot)
        let page = snapshot.text("report.html")
        let notifications = try #require(summary["notifications"] as? [String: Any])
        let letters = try #require(summary["letters"] as? [String: Any])
        let rejects = try #require(summary["rejects"] as? [String: Any])
        let fees = try #require(summary["fees"] as? [String: Any])
        let channels = try #require(notifications["byChannel"] as? [String: Int])

        func figure(_ id: String) -> String? {
            guard let start = page.range(of: "id=\"kpi-\(id)\"") else { return nil }
            let rest = page[start.upperBound...]
            guard let value = rest.range(of: "<p class=\"v\">"), let end = rest[value.upperBound...].range(of: "</p>") else { return nil }
            return String(rest[value.upperBound..<end.lowerBound])
        }
        #expect(figure("messages") == String(try #require(notifications["total"] as? Int)))
        #expect(figure("letters") == String(try #require(letters["count"] as? Int)))
        #expect(figure("rejects") == String(try #require(rejects["total"] as? Int)))
        let totalFees = try #require(fees["total"] as? Int)
        #expect(figure("fees") == "R$ \(totalFees / 100),\(String(format: "%02d", totalFees % 100))")
        #expect(page.contains("E-mail \(channels["email"] ?? -1) · SMS \(channels["sms"] ?? -1) · WhatsApp \(channels["whatsapp"] ?? -1) · Voz \(channels["voice"] ?? -1)"))
        // The samples' figures, so that the comparison above can't pass on empty values.
        #expect(figure("messages") == "150")
        #expect(figure("fees") == "R$ 23,30")
    }
}
