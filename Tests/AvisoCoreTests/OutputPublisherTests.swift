import Foundation
import Testing
@testable import AvisoCore

@Suite struct OutputPublisherTests {
    static let date = Day(iso: "2026-12-04")!

    static func temporaryRoot() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("aviso-publish-\(UUID().uuidString)").path
    }

    static func write(_ text: String, _ path: String) throws {
        try OutputFile.write(Array(text.utf8), to: path)
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test func firstPublishCreatesRootAndMovesStagingIntoPlace() throws {
        let base = Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let root = base + "/nested/out"
        let publisher = try OutputPublisher(outputRoot: root + "/", runDate: Self.date)
        #expect(publisher.stagingPath == root + "/.tmp-2026-12-04-\(getpid())")
        #expect(publisher.finalPath == root + "/2026-12-04")
        #expect(Self.list(root) == [".tmp-2026-12-04-\(getpid())"])

        try Self.write("{}\n", publisher.stagingPath + "/email.jsonl")
        try publisher.publish()
        #expect(Self.list(root) == ["2026-12-04"])
        #expect(Self.read(root + "/2026-12-04/email.jsonl") == "{}\n")
    }

    @Test(arguments: [true, false])
    func republishReplacesTheFolderWholeAndLeavesOtherDates(useExchange: Bool) throws {
        let root = Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try OutputPublisher(outputRoot: root, runDate: Self.date)
        try Self.write("old", first.stagingPath + "/old.txt")
        try Self.write("v1", first.stagingPath + "/summary.json")
        try first.publish()
        try FileManager.default.createDirectory(atPath: root + "/2026-12-03", withIntermediateDirectories: false)
        try Self.write("keep", root + "/2026-12-03/summary.json")

        let second = try OutputPublisher(outputRoot: root, runDate: Self.date)
        second.useExchange = useExchange
        try Self.write("v2", second.stagingPath + "/summary.json")
        try Self.write("new", second.stagingPath + "/new.txt")
        try second.publish()

        #expect(Self.list(root) == ["2026-12-03", "2026-12-04"])
        #expect(Self.list(root + "/2026-12-04") == ["new.txt", "summary.json"])
        #expect(Self.read(root + "/2026-12-04/summary.json") == "v2")
        #expect(Self.read(root + "/2026-12-03/summary.json") == "keep")
    }

    @Test func syncingEarlyThenPublishingOrDiscardingKeepsTheUsualOutcome() throws {
        let root = Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let published = try OutputPublisher(outputRoot: root, runDate: Self.date)
        try FileManager.default.createDirectory(atPath: published.stagingPath + "/sub", withIntermediateDirectories: false)
        try Self.write("{\"a\":1}\n", published.stagingPath + "/email.jsonl")
        try Self.write("x", published.stagingPath + "/sub/inner.txt")
        published.startSyncing()
        published.startSyncing()
        try published.publish()
        #expect(Self.list(root) == ["2026-12-04"])
        #expect(Self.read(root + "/2026-12-04/email.jsonl") == "{\"a\":1}\n")
        #expect(Self.read(root + "/2026-12-04/sub/inner.txt") == "x")

        let discarded = try OutputPublisher(outputRoot: root, runDate: Self.date)
        try Self.write("{}\n", discarded.stagingPath + "/sms.jsonl")
        discarded.startSyncing()
        discarded.discard()
        #expect(Self.list(root) == ["2026-12-04"])
        #expect(Self.list(root + "/2026-12-04") == ["email.jsonl", "sub"])
        #expect(throws: AvisoError.self) { try discarded.publish() }
    }

    @Test func discardRemovesStagingAndKeepsThePublishedFolder() throws {
        let root = Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try OutputPublisher(outputRoot: root, runDate: Self.date)
        try Self.write("v1", first.stagingPath + "/summary.json")
        try first.publish()

        let failed = try OutputPublisher(outputRoot: root, runDate: Self.date)
        try Self.write("half", failed.stagingPath + "/summary.json")
        failed.discard()
        #expect(Self.list(root) == ["2026-12-04"])
        #expect(Self.read(root + "/2026-12-04/summary.json") == "v1")

        let error = try #require(throws: AvisoError.self) { try failed.publish() }
        #expect(error.category == .output)
    }

    @Test func leftoversOfDeadRunsOfThisDateAreRemoved() throws {
        let root = Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dead = "2147483646"
        let names = [
            ".tmp-2026-12-04-\(dead)", ".tmp-2026-12-04-\(dead)-old", ".tmp-2026-12-04-1",
            ".tmp-2026-12-03-\(dead)", ".tmp-2026-12-04-x",
        ]
        for name in names {
            try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
            try Self.write("partial", root + "/" + name + "/email.jsonl")
        }
        let publisher = try OutputPublisher(outputRoot: root, runDate: Self.date)
        // Dead runs of this date go; a live process (pid 1), other dates and foreign names stay.
        #expect(Self.list(root) == [".tmp-2026-12-03-\(dead)", ".tmp-2026-12-04-1", ".tmp-2026-12-04-\(getpid())", ".tmp-2026-12-04-x"])
        publisher.discard()
        #expect(!Self.list(root).contains(".tmp-2026-12-04-\(getpid())"))
    }

    @Test func publishingTwiceIsAnError() throws {
        let root = Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let publisher = try OutputPublisher(outputRoot: root, runDate: Self.date)
        try publisher.publish()
        #expect(Self.list(root + "/2026-12-04") == [])
        let error = try #require(throws: AvisoError.self) { try publisher.publish() }
        #expect(error.category == .output)
    }

    @Test func rootThatIsAFileIsAnOutputError() throws {
        let root = Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.write("not a folder", root)
        let error = try #require(throws: AvisoError.self) { try OutputPublisher(outputRoot: root, runDate: Self.date) }
        #expect(error.category == .output)
        #expect(error.file == root)
        #expect(error.message == "the output root exists but is not a folder")
    }
}
